import MenuRounded from '@mui/icons-material/MenuRounded';
import { AppBar, Box, Divider, Drawer, IconButton, Stack, Toolbar } from '@mui/material';
import { useState } from 'react';

import { Brand } from '@/components/layout/brand';
import { LiveIndicator } from '@/components/layout/live-indicator';
import { MenuContent } from '@/components/layout/menu-content';
import { UserCard } from '@/components/layout/user-card';

/** The top bar and drawer menu of phone and tablet widths (below md). */
export function AppNavbar({ onLogout }: { onLogout: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <AppBar
      position="fixed"
      sx={{
        display: { xs: 'flex', md: 'none' },
        bgcolor: 'background.paper',
        borderBottom: '1px solid',
        borderColor: 'divider',
        top: 0,
      }}
    >
      <Toolbar variant="dense" sx={{ gap: 1, minHeight: 56 }}>
        <Stack direction="row" sx={{ alignItems: 'center', flexGrow: 1, gap: 1 }}>
          <Brand />
        </Stack>
        <LiveIndicator />
        <IconButton aria-label="Open menu" onClick={() => setOpen(true)} aria-expanded={open}>
          <MenuRounded />
        </IconButton>
      </Toolbar>
      <Drawer anchor="right" open={open} onClose={() => setOpen(false)}>
        <Box sx={{ width: 260, display: 'flex', flexDirection: 'column', height: '100%' }}>
          <Box sx={{ p: 2 }}>
            <Brand />
          </Box>
          <Divider />
          <Box sx={{ flexGrow: 1, display: 'flex', flexDirection: 'column' }}>
            <MenuContent onNavigate={() => setOpen(false)} />
          </Box>
          <UserCard onLogout={onLogout} />
        </Box>
      </Drawer>
    </AppBar>
  );
}
