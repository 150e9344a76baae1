import DarkModeRounded from '@mui/icons-material/DarkModeRounded';
import LightModeRounded from '@mui/icons-material/LightModeRounded';
import { IconButton, Tooltip } from '@mui/material';
import { useColorScheme } from '@mui/material/styles';

export function ColorModeToggle() {
  const { mode, systemMode, setMode } = useColorScheme();
  const resolved = mode === 'system' ? systemMode : mode;
  const next = resolved === 'dark' ? 'light' : 'dark';
  return (
    <Tooltip title={`Switch to ${next} mode`}>
      <IconButton size="small" aria-label={`Switch to ${next} mode`} onClick={() => setMode(next)}>
        {resolved === 'dark' ? (
          <LightModeRounded fontSize="small" />
        ) : (
          <DarkModeRounded fontSize="small" />
        )}
      </IconButton>
    </Tooltip>
  );
}
