import { CssBaseline } from '@mui/material';
import { createTheme, ThemeProvider, type ThemeOptions } from '@mui/material/styles';
import type { ReactNode } from 'react';

import { dataDisplayCustomizations } from '@/theme/customizations/data-display';
import { dataGridCustomizations } from '@/theme/customizations/data-grid';
import { feedbackCustomizations } from '@/theme/customizations/feedback';
import { inputsCustomizations } from '@/theme/customizations/inputs';
import { navigationCustomizations } from '@/theme/customizations/navigation';
import { surfacesCustomizations } from '@/theme/customizations/surfaces';
import { brand, gray, green, orange, red } from '@/theme/tokens';

const fontFamily =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const themeOptions: ThemeOptions = {
  cssVariables: { colorSchemeSelector: 'data-mui-color-scheme', cssVarPrefix: 'sp' },
  colorSchemes: {
    light: {
      palette: {
        primary: { light: brand[200], main: brand[500], dark: brand[700], contrastText: '#fff' },
        info: { light: brand[100], main: brand[500], dark: brand[700], contrastText: '#fff' },
        warning: { light: orange[300], main: orange[600], dark: orange[700], contrastText: '#fff' },
        error: { light: red[300], main: red[400], dark: red[600], contrastText: '#fff' },
        success: { light: green[300], main: green[500], dark: green[700], contrastText: '#fff' },
        grey: { ...gray },
        divider: gray[200],
        background: { default: 'hsl(0, 0%, 99%)', paper: gray[50] },
        text: { primary: gray[800], secondary: gray[600] },
        action: { hover: gray[100], selected: gray[200] },
      },
    },
    dark: {
      palette: {
        primary: { light: brand[300], main: brand[300], dark: brand[200], contrastText: gray[900] },
        info: { light: brand[200], main: brand[300], dark: brand[200], contrastText: gray[900] },
        warning: {
          light: orange[200],
          main: orange[300],
          dark: orange[200],
          contrastText: gray[900],
        },
        error: { light: red[200], main: red[300], dark: red[200], contrastText: gray[900] },
        success: { light: green[200], main: green[300], dark: green[200], contrastText: gray[900] },
        grey: { ...gray },
        divider: gray[700],
        background: { default: gray[900], paper: 'hsl(220, 30%, 7%)' },
        text: { primary: 'hsl(0, 0%, 100%)', secondary: gray[300] },
        action: { hover: gray[700], selected: gray[600] },
      },
    },
  },
  typography: {
    fontFamily,
    h1: { fontSize: '2rem', fontWeight: 600, lineHeight: 1.2 },
    h2: { fontSize: '1.75rem', fontWeight: 600, lineHeight: 1.2 },
    h3: { fontSize: '1.5rem', fontWeight: 600, lineHeight: 1.25 },
    h4: { fontSize: '1.25rem', fontWeight: 600, lineHeight: 1.4 },
    h5: { fontSize: '1.125rem', fontWeight: 600 },
    h6: { fontSize: '1rem', fontWeight: 600 },
    subtitle2: { fontWeight: 600 },
    button: { fontWeight: 600 },
  },
  shape: { borderRadius: 8 },
  components: {
    ...inputsCustomizations,
    ...dataDisplayCustomizations,
    ...feedbackCustomizations,
    ...navigationCustomizations,
    ...surfacesCustomizations,
    ...dataGridCustomizations,
  },
};

let theme: ReturnType<typeof createTheme> | undefined;

/**
 * The theme, built on first use rather than when the module loads: building it (both colour
 * schemes and their CSS variables) is the costliest part of Material UI's start-up, and
 * main.tsx gives it a task of its own.
 */
export function getTheme() {
  theme ??= createTheme(themeOptions);
  return theme;
}

export function AppTheme({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider theme={getTheme()} defaultMode="light" disableTransitionOnChange>
      <CssBaseline enableColorScheme />
      {children}
    </ThemeProvider>
  );
}
