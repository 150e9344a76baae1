import { Button } from '@mui/material';
import { Link as RouterLink } from 'react-router';

import { EmptyState } from '@/components/ui/empty-state';
import { paths } from '@/config/paths';

export function NotFoundRoute() {
  return (
    <EmptyState
      title="Page not found"
      description="The address does not match any page."
      action={
        <Button component={RouterLink} to={paths.dashboard.getHref()} variant="contained">
          Go to the dashboard
        </Button>
      }
    />
  );
}
