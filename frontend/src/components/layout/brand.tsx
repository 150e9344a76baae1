import StorefrontRounded from '@mui/icons-material/StorefrontRounded';
import { Box, Stack, Typography } from '@mui/material';

export function Brand() {
  return (
    <Stack direction="row" spacing={1.25} sx={{ alignItems: 'center' }}>
      <Box
        aria-hidden
        sx={{
          width: 32,
          height: 32,
          borderRadius: 2,
          display: 'grid',
          placeItems: 'center',
          bgcolor: 'primary.main',
          color: 'primary.contrastText',
        }}
      >
        <StorefrontRounded fontSize="small" />
      </Box>
      <Box>
        <Typography component="p" variant="subtitle2" sx={{ lineHeight: 1.1 }}>
          Store Platform
        </Typography>
        <Typography component="p" variant="caption" color="text.secondary" sx={{ lineHeight: 1.1 }}>
          Provisioning
        </Typography>
      </Box>
    </Stack>
  );
}
