import LogoutRounded from '@mui/icons-material/LogoutRounded';
import { Avatar, Box, IconButton, Stack, Tooltip, Typography } from '@mui/material';

import { useAuthorization } from '@/lib/authorization';
import { humanize } from '@/utils/format';

export function UserCard({ onLogout }: { onLogout: () => void }) {
  const { user } = useAuthorization();
  if (!user) return null;
  return (
    <Stack
      direction="row"
      sx={{ p: 2, gap: 1, alignItems: 'center', borderTop: '1px solid', borderColor: 'divider' }}
    >
      <Avatar
        sizes="small"
        alt=""
        sx={{ width: 36, height: 36, bgcolor: 'primary.main', color: 'primary.contrastText' }}
      >
        {user.username.charAt(0).toUpperCase()}
      </Avatar>
      <Box sx={{ mr: 'auto', minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600, lineHeight: '16px' }} noWrap>
          {user.username}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {humanize(user.role)}
        </Typography>
      </Box>
      <Tooltip title="Sign out">
        <IconButton size="small" aria-label="Sign out" onClick={onLogout}>
          <LogoutRounded fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  );
}
