import { Box, Stack } from '@mui/material';
import type { ReactNode } from 'react';

import { ColorModeToggle } from '@/components/layout/color-mode-toggle';
import { LiveIndicator } from '@/components/layout/live-indicator';
import { NavBreadcrumbs } from '@/components/layout/nav-breadcrumbs';

/** The header's height (measured: two lines on phones, where the status row wraps; one above). */
export const HEADER_HEIGHT = { xs: 82, sm: 50 };

export function Header({ status }: { status?: ReactNode }) {
  return (
    <Stack
      direction="row"
      component="header"
      sx={{
        width: '100%',
        alignItems: 'center',
        justifyContent: 'space-between',
        flexWrap: 'wrap',
        gap: 1,
        pt: 1.5,
        pb: 1,
      }}
    >
      {/* On a phone the status row always starts a line of its own: were it to wrap only when
          the health label grows ("Checking…" → "All systems operational"), the page would jump. */}
      <Box sx={{ flexBasis: { xs: '100%', sm: 'auto' }, minWidth: 0 }}>
        <NavBreadcrumbs />
      </Box>
      <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
        {status}
        <Box sx={{ display: { xs: 'none', md: 'flex' } }}>
          <LiveIndicator />
        </Box>
        <ColorModeToggle />
      </Stack>
    </Stack>
  );
}
