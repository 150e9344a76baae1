// Start-up slice 2: Material UI's core, Emotion and the theme (see main.tsx).
export { AppTheme, getTheme } from '@/theme/app-theme';
