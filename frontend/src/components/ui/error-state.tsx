import { Alert, AlertTitle, Button } from '@mui/material';

import { problemMessage, toProblem } from '@/api/problem';

/** Inline error for a failed query, with a retry. 404 from a not-yet-available endpoint reads as "not available". */
export function ErrorState({
  error,
  title,
  onRetry,
  notAvailableText,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  notAvailableText?: string;
}) {
  const p = toProblem(error);
  if (p.status === 404 && notAvailableText) {
    return (
      <Alert severity="info" variant="outlined">
        {notAvailableText}
      </Alert>
    );
  }
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
