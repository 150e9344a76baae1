import type { Components, Theme } from '@mui/material/styles';

import { gray } from '@/theme/tokens';

export const dataDisplayCustomizations: Components<Theme> = {
  MuiChip: {
    styleOverrides: {
      root: { borderRadius: 999, fontWeight: 600 },
      sizeSmall: { height: 24, fontSize: '0.75rem' },
    },
  },
  MuiListItemButton: {
    styleOverrides: {
      root: ({ theme }) => ({
        borderRadius: 8,
        padding: '6px 10px',
        '&.Mui-selected': {
          backgroundColor: gray[100],
          fontWeight: 600,
          '&:hover': { backgroundColor: gray[200] },
        },
        ...theme.applyStyles('dark', {
          '&.Mui-selected': {
            backgroundColor: gray[700],
            '&:hover': { backgroundColor: gray[600] },
          },
        }),
      }),
    },
  },
  MuiListItemIcon: { styleOverrides: { root: { minWidth: 36 } } },
  MuiTableCell: {
    styleOverrides: {
      head: ({ theme }) => ({
        fontWeight: 600,
        color: (theme.vars || theme).palette.text.secondary,
        backgroundColor: (theme.vars || theme).palette.background.paper,
      }),
    },
  },
  MuiTooltip: { defaultProps: { arrow: true } },
};
