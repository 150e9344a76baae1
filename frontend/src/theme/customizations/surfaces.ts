import type { Components, Theme } from '@mui/material/styles';

import { gray } from '@/theme/tokens';

export const surfacesCustomizations: Components<Theme> = {
  MuiPaper: { defaultProps: { elevation: 0 } },
  MuiCard: {
    defaultProps: { variant: 'outlined' },
    styleOverrides: {
      root: ({ theme }) => ({
        padding: 16,
        gap: 16,
        borderRadius: 12,
        transition: 'all 100ms ease',
        backgroundColor: gray[50],
        border: `1px solid ${(theme.vars || theme).palette.divider}`,
        boxShadow: 'none',
        ...theme.applyStyles('dark', { backgroundColor: gray[800] }),
      }),
    },
  },
  MuiCardContent: {
    styleOverrides: { root: { padding: 0, '&:last-child': { paddingBottom: 0 } } },
  },
  MuiCardHeader: { styleOverrides: { root: { padding: 0 } } },
  MuiAppBar: { defaultProps: { elevation: 0, color: 'inherit' } },
};
