import { useMediaQuery } from '@mui/material';
import { useTheme } from '@mui/material/styles';

export function useIsPhone(): boolean {
  const theme = useTheme();
  return useMediaQuery(theme.breakpoints.down('sm'), { noSsr: true });
}
