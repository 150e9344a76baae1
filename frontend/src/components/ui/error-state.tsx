import { Alert, AlertTitle, Button } from '@mui/material';

import { problemMessage, toProblem } from '@/api/problem';

/** Inline error for a failed query, with a retry. */
export function ErrorState({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const p = toProblem(error);
  return (
    <Alert
      severity="error"
      variant="outlined"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{title ?? 'Could not load'}</AlertTitle>
      {problemMessage(p)}
      {p.requestId ? ` (request ${p.requestId})` : ''}
    </Alert>
  );
}
