import { Alert, AlertTitle, Box, Button } from '@mui/material';
import { isRouteErrorResponse, useRouteError } from 'react-router';

export function RouteErrorBoundary() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <Box sx={{ p: 3 }} role="alert">
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => window.location.reload()}>
            Reload
          </Button>
        }
      >
        <AlertTitle>Something went wrong on this page</AlertTitle>
        {message}
      </Alert>
    </Box>
  );
}
