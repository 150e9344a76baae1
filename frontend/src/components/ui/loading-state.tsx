import { Box, CircularProgress, Skeleton, Stack } from '@mui/material';

export function LoadingState({ label = 'Loading', rows = 0 }: { label?: string; rows?: number }) {
  if (rows > 0) {
    return (
      <Stack spacing={1} role="progressbar" aria-label={label} aria-busy>
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} variant="rounded" height={32} />
        ))}
      </Stack>
    );
  }
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', py: 4 }}>
      <CircularProgress aria-label={label} />
    </Box>
  );
}
