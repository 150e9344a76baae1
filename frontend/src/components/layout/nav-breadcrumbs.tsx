import NavigateNextRounded from '@mui/icons-material/NavigateNextRounded';
import { Breadcrumbs, Link, Typography } from '@mui/material';
import { Link as RouterLink, useMatches } from 'react-router';

import { useBreadcrumbOverride } from '@/components/layout/breadcrumb-context';

export interface RouteHandle {
  crumb?: string;
}

export function NavBreadcrumbs() {
  const matches = useMatches();
  const override = useBreadcrumbOverride();
  const crumbs = matches
    .filter((m) => (m.handle as RouteHandle | undefined)?.crumb)
    .map((m) => ({ href: m.pathname, label: (m.handle as RouteHandle).crumb as string }));
  if (override && crumbs.length) crumbs[crumbs.length - 1].label = override;
  return (
    <Breadcrumbs aria-label="Breadcrumb" separator={<NavigateNextRounded fontSize="small" />}>
      <Link component={RouterLink} to="/" color="text.secondary" variant="body2">
        Store Platform
      </Link>
      {crumbs.map((c, i) =>
        i === crumbs.length - 1 ? (
          <Typography
            key={c.href}
            variant="body2"
            sx={{ color: 'text.primary', fontWeight: 600 }}
            aria-current="page"
          >
            {c.label}
          </Typography>
        ) : (
          <Link
            key={c.href}
            component={RouterLink}
            to={c.href}
            color="text.secondary"
            variant="body2"
          >
            {c.label}
          </Link>
        ),
      )}
    </Breadcrumbs>
  );
}
