import type { Components, Theme } from '@mui/material/styles';

import { gray } from '@/theme/tokens';

// Typed loosely so the DataGrid's module augmentation is not pulled into the initial bundle.
export const dataGridCustomizations = {
  MuiDataGrid: {
    styleOverrides: {
      root: ({ theme }: { theme: Theme }) => ({
        '--DataGrid-overlayHeight': '300px',
        borderRadius: 12,
        borderColor: (theme.vars || theme).palette.divider,
        backgroundColor: (theme.vars || theme).palette.background.default,
        '& .MuiDataGrid-columnHeader': {
          backgroundColor: (theme.vars || theme).palette.background.paper,
        },
        '& .MuiDataGrid-columnHeaderTitle': { fontWeight: 600 },
        '& .MuiDataGrid-cell:focus-visible, & .MuiDataGrid-columnHeader:focus-visible': {
          outline: `2px solid ${(theme.vars || theme).palette.primary.main}`,
          outlineOffset: -2,
        },
        '& .MuiDataGrid-row:hover': { backgroundColor: gray[100] },
        ...theme.applyStyles('dark', {
          '& .MuiDataGrid-row:hover': { backgroundColor: gray[700] },
        }),
      }),
    },
  },
} as unknown as Components<Theme>;
