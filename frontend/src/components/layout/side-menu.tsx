import { Box, Divider, Drawer } from '@mui/material';

import { Brand } from '@/components/layout/brand';
import { MenuContent } from '@/components/layout/menu-content';
import { UserCard } from '@/components/layout/user-card';

export const DRAWER_WIDTH = 240;

/** The permanent side menu of desktop widths (md and up). */
export function SideMenu({ onLogout }: { onLogout: () => void }) {
  return (
    <Drawer
      variant="permanent"
      sx={{
        display: { xs: 'none', md: 'block' },
        width: DRAWER_WIDTH,
        flexShrink: 0,
        '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' },
      }}
    >
      <Box sx={{ display: 'flex', p: 2, height: 64, alignItems: 'center' }}>
        <Brand />
      </Box>
      <Divider />
      <Box sx={{ overflow: 'auto', flexGrow: 1, display: 'flex', flexDirection: 'column' }}>
        <MenuContent />
      </Box>
      <UserCard onLogout={onLogout} />
    </Drawer>
  );
}
