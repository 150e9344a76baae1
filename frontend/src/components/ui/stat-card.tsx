import { Box, Card, CardContent, Skeleton, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export function StatCard({
  title,
  value,
  caption,
  icon,
  loading = false,
}: {
  title: string;
  value: string | number;
  caption?: string;
  icon?: ReactNode;
  loading?: boolean;
}) {
  return (
    <Card sx={{ height: '100%', flexGrow: 1 }}>
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start' }}>
          <Typography component="h2" variant="subtitle2" color="text.secondary" gutterBottom>
            {title}
          </Typography>
          {icon ? (
            <Box aria-hidden sx={{ color: 'text.secondary', display: 'flex' }}>
              {icon}
            </Box>
          ) : null}
        </Stack>
        {loading ? (
          // Inside the same typography as the figure, so the card keeps its height on load.
          <Typography variant="h3" component="p">
            <Skeleton variant="text" width={80} />
          </Typography>
        ) : (
          <Typography variant="h3" component="p" data-testid={`stat-${title}`}>
            {value}
          </Typography>
        )}
        {caption ? (
          <Typography variant="caption" color="text.secondary">
            {caption}
          </Typography>
        ) : null}
      </CardContent>
    </Card>
  );
}
