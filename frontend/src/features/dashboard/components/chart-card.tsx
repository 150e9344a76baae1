import { Box, Card, Typography } from '@mui/material';
import type { ReactNode } from 'react';

import { PanelErrorBoundary } from '@/components/errors/panel-error-boundary';

export function ChartCard({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  return (
    <Card sx={{ height: '100%' }}>
      <Typography component="h2" variant="h6">
        {title}
      </Typography>
      {subtitle ? (
        <Typography variant="caption" color="text.secondary">
          {subtitle}
        </Typography>
      ) : null}
      <Box sx={{ height: 240, mt: 1 }}>
        <PanelErrorBoundary title={`${title} failed to render`}>{children}</PanelErrorBoundary>
      </Box>
    </Card>
  );
}
