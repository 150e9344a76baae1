import { alpha, type Components, type Theme } from '@mui/material/styles';

import { brand, gray } from '@/theme/tokens';

export const inputsCustomizations: Components<Theme> = {
  MuiButtonBase: {
    defaultProps: { disableTouchRipple: true },
    styleOverrides: {
      root: ({ theme }) => ({
        boxSizing: 'border-box',
        '&.Mui-focusVisible': {
          outline: `3px solid ${alpha(brand[500], 0.6)}`,
          outlineOffset: '2px',
        },
        ...theme.applyStyles('dark', {
          '&.Mui-focusVisible': { outline: `3px solid ${brand[300]}` },
        }),
      }),
    },
  },
  MuiButton: {
    defaultProps: { disableElevation: true },
    styleOverrides: {
      root: { textTransform: 'none', fontWeight: 600, borderRadius: 8, boxShadow: 'none' },
      sizeSmall: { height: '2.25rem', padding: '8px 12px' },
      sizeMedium: { height: '2.5rem' },
    },
  },
  MuiIconButton: {
    styleOverrides: {
      root: ({ theme }) => ({
        borderRadius: 8,
        '&.Mui-focusVisible': { outline: `3px solid ${alpha(brand[500], 0.6)}`, outlineOffset: 2 },
        ...theme.applyStyles('dark', {}),
      }),
    },
  },
  MuiTextField: { defaultProps: { size: 'small' } },
  MuiSelect: { defaultProps: { size: 'small' } },
  MuiOutlinedInput: {
    styleOverrides: {
      root: ({ theme }) => ({
        borderRadius: 8,
        backgroundColor: (theme.vars || theme).palette.background.default,
        '&:hover .MuiOutlinedInput-notchedOutline': { borderColor: gray[400] },
        '&.Mui-focused .MuiOutlinedInput-notchedOutline': {
          borderColor: brand[500],
          borderWidth: 2,
        },
        ...theme.applyStyles('dark', {
          backgroundColor: gray[800],
          '&:hover .MuiOutlinedInput-notchedOutline': { borderColor: gray[500] },
          '&.Mui-focused .MuiOutlinedInput-notchedOutline': { borderColor: brand[300] },
        }),
      }),
      notchedOutline: ({ theme }) => ({
        borderColor: gray[300],
        ...theme.applyStyles('dark', { borderColor: gray[700] }),
      }),
    },
  },
  MuiCheckbox: { defaultProps: { size: 'small' } },
  MuiToggleButton: {
    styleOverrides: { root: { textTransform: 'none', fontWeight: 500 } },
  },
};
