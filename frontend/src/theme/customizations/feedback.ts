import type { Components, Theme } from '@mui/material/styles';

export const feedbackCustomizations: Components<Theme> = {
  MuiAlert: {
    styleOverrides: { root: { borderRadius: 10, alignItems: 'center' } },
  },
  MuiDialog: {
    styleOverrides: {
      paper: ({ theme }) => ({
        borderRadius: 12,
        border: `1px solid ${(theme.vars || theme).palette.divider}`,
      }),
    },
  },
  MuiLinearProgress: { styleOverrides: { root: { borderRadius: 8, height: 6 } } },
  MuiSkeleton: { defaultProps: { animation: 'wave' } },
};
