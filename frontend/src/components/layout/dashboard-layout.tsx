import { Box, Link, Stack, useMediaQuery } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import type { ReactNode } from 'react';

import { AppNavbar } from '@/components/layout/app-navbar';
import { BreadcrumbProvider } from '@/components/layout/breadcrumb-context';
import { Header, HEADER_HEIGHT } from '@/components/layout/header';
import { SideMenu } from '@/components/layout/side-menu';
import { Deferred } from '@/components/ui/deferred';

/** MUI dashboard-template shell: side menu, header with breadcrumbs, then the page. */
export function DashboardLayout({
  children,
  onLogout,
  status,
}: {
  children: ReactNode;
  onLogout: () => void;
  status?: ReactNode;
}) {
  // Only the navigation of this screen size is rendered: the other one, merely hidden with
  // CSS, would cost a phone a few dozen milliseconds of rendering at every start.
  const wide = useMediaQuery((t: Theme) => t.breakpoints.up('md'), { noSsr: true });
  return (
    <BreadcrumbProvider>
      <Link
        href="#main"
        sx={{
          position: 'absolute',
          left: 8,
          top: -48,
          zIndex: 2000,
          p: 1,
          bgcolor: 'background.paper',
          '&:focus': { top: 8 },
        }}
      >
        Skip to main content
      </Link>
      <Box sx={{ display: 'flex', minHeight: '100vh' }}>
        {wide ? <SideMenu onLogout={onLogout} /> : <AppNavbar onLogout={onLogout} />}
        <Box
          component="main"
          id="main"
          tabIndex={-1}
          sx={{ flexGrow: 1, minWidth: 0, bgcolor: 'background.default', outline: 'none' }}
        >
          <Stack
            spacing={2}
            sx={{ mx: { xs: 2, sm: 3 }, pb: 6, mt: { xs: 8, md: 0 }, maxWidth: { xl: 1700 } }}
          >
            {/* Breadcrumbs and status one task after the navigation (see Deferred); the box
                keeps their height so nothing below moves when they arrive. */}
            <Deferred fallback={<Box sx={{ minHeight: HEADER_HEIGHT }} />}>
              <Header status={status} />
            </Deferred>
            {children}
          </Stack>
        </Box>
      </Box>
    </BreadcrumbProvider>
  );
}
