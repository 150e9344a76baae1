import type { Components, Theme } from '@mui/material/styles';

export const navigationCustomizations: Components<Theme> = {
  MuiDrawer: {
    styleOverrides: {
      paper: ({ theme }) => ({ backgroundColor: (theme.vars || theme).palette.background.default }),
    },
  },
  MuiLink: {
    defaultProps: { underline: 'hover' },
    styleOverrides: {
      root: ({ theme }) => ({
        fontWeight: 500,
        '&:focus-visible': {
          outline: `3px solid ${(theme.vars || theme).palette.primary.main}`,
          outlineOffset: 2,
          borderRadius: 4,
        },
      }),
    },
  },
  MuiTabs: { styleOverrides: { root: { minHeight: 40 } } },
  MuiTab: {
    styleOverrides: { root: { textTransform: 'none', fontWeight: 600, minHeight: 40 } },
  },
  MuiStepLabel: { styleOverrides: { label: { fontWeight: 500 } } },
  MuiBreadcrumbs: { styleOverrides: { ol: { alignItems: 'center' } } },
};
