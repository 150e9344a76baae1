import ExpandLessRounded from '@mui/icons-material/ExpandLessRounded';
import ExpandMoreRounded from '@mui/icons-material/ExpandMoreRounded';
import {
  Alert,
  Box,
  Card,
  Chip,
  Divider,
  IconButton,
  Link,
  MenuItem,
  Stack,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';

import type { ForecastResource, ForecastWarning } from '@/api/generated/openapi';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { StoreStatusChip } from '@/components/ui/store-status-chip';
import { SimpleTable } from '@/components/ui/table-panel';
import { paths } from '@/config/paths';
import { useGetForecastQuery } from '@/features/planning/api/planning-api';
import { Meter } from '@/features/planning/components/meter';
import { HORIZONS, usePlanningParams } from '@/features/planning/hooks/use-planning-params';
import { describeShortages, resourceLabel } from '@/features/planning/utils/shortages';
import { useIsPhone } from '@/hooks/use-is-phone';
import { formatDate, formatNumber } from '@/utils/format';

/** The warnings listed at most (the rest are counted): a table of thousands helps nobody. */
const MAX_WARNINGS = 200;

/** What is left: a count, or "N short" in the error colour when the demand exceeds it. */
function Left({ value }: { value: number }) {
  if (value >= 0) return <>{formatNumber(value)}</>;
  return (
    <Typography component="span" variant="inherit" color="error" sx={{ fontWeight: 600 }}>
      {formatNumber(-value)} short
    </Typography>
  );
}

/** How much of what is free now the openings will take (full and red when short). */
function UseBar({ resource, width = 72 }: { resource: ForecastResource; width?: number | string }) {
  const { free, demand, left } = resource;
  const percent = free > 0 ? (demand / free) * 100 : demand > 0 ? 100 : 0;
  return <Meter percent={percent} short={left < 0} width={width} />;
}

/** A resource's days with openings: what each day takes and what is left after it. */
function Timeline({
  resource,
  label,
  id,
}: {
  resource: ForecastResource;
  label: string;
  id: string;
}) {
  if (!resource.timeline.length) {
    return (
      <Typography id={id} variant="body2" color="text.secondary">
        No planned opening needs {label.toLowerCase()} in this horizon.
      </Typography>
    );
  }
  return (
    <Box
      component="ol"
      id={id}
      aria-label={`Timeline of ${label}`}
      sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 0.5 }}
    >
      {resource.timeline.map((d) => {
        const value =
          resource.free > 0 ? Math.max(0, Math.min(100, (d.left / resource.free) * 100)) : 0;
        return (
          <Box
            component="li"
            key={d.date}
            sx={{
              display: 'grid',
              gridTemplateColumns: { xs: '1fr', sm: '8rem 6rem 7rem 1fr' },
              alignItems: 'center',
              columnGap: 2,
            }}
          >
            <Typography variant="body2" component="span">
              {formatDate(d.date)}
            </Typography>
            <Typography variant="body2" component="span">
              takes {formatNumber(d.take)}
            </Typography>
            <Typography variant="body2" component="span">
              <Left value={d.left} />
              {d.left >= 0 ? ' left' : ''}
            </Typography>
            <Meter percent={value} short={d.left < 0} width="100%" />
          </Box>
        );
      })}
    </Box>
  );
}

function ResourceRows({ resource }: { resource: ForecastResource }) {
  const [open, setOpen] = useState(false);
  const label = resourceLabel(resource.kind, resource.name);
  const id = `timeline-${resource.kind}-${resource.name}`;
  return (
    <>
      <TableRow hover>
        <TableCell>{resource.kind === 'pool' ? 'Address pool' : 'Hardware'}</TableCell>
        <TableCell component="th" scope="row">
          {label}
        </TableCell>
        <TableCell align="right">{formatNumber(resource.free)}</TableCell>
        <TableCell align="right">{formatNumber(resource.demand)}</TableCell>
        <TableCell align="right">
          <Left value={resource.left} />
        </TableCell>
        <TableCell>{resource.runsOutOn ? formatDate(resource.runsOutOn) : '—'}</TableCell>
        <TableCell>
          <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
            <UseBar resource={resource} />
            <IconButton
              size="small"
              aria-label={`${open ? 'Hide' : 'Show'} the timeline of ${label}`}
              aria-expanded={open}
              aria-controls={open ? id : undefined}
              onClick={() => setOpen((x) => !x)}
            >
              {open ? <ExpandLessRounded /> : <ExpandMoreRounded />}
            </IconButton>
          </Stack>
        </TableCell>
      </TableRow>
      {open ? (
        <TableRow>
          <TableCell colSpan={7}>
            <Timeline resource={resource} label={label} id={id} />
          </TableCell>
        </TableRow>
      ) : null}
    </>
  );
}

function WarningRow({ warning }: { warning: ForecastWarning }) {
  return (
    <TableRow hover>
      <TableCell component="th" scope="row">
        <Link component={RouterLink} to={paths.storeDetail.getHref(warning.storeId)}>
          {warning.code}
        </Link>
        <Typography variant="caption" color="text.secondary" component="div" noWrap>
          {warning.name}
        </Typography>
      </TableCell>
      <TableCell>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          {formatDate(warning.openingDate)}
          {warning.overdue ? (
            <Chip size="small" color="error" variant="outlined" label="overdue" />
          ) : null}
        </Stack>
      </TableCell>
      <TableCell>
        <StoreStatusChip status={warning.status} />
      </TableCell>
      <TableCell>{describeShortages(warning.shortages)}</TableCell>
    </TableRow>
  );
}

const PhoneList = ({ label, children }: { label: string; children: ReactNode }) => (
  <Stack
    component="ul"
    aria-label={label}
    divider={<Divider component="li" aria-hidden />}
    spacing={1}
    sx={{ listStyle: 'none', m: 0, p: 0 }}
  >
    {children}
  </Stack>
);

/** On a phone, a resource is a list item: its figures in a sentence, its timeline below. */
function ResourceItem({ resource }: { resource: ForecastResource }) {
  const [open, setOpen] = useState(false);
  const label = resourceLabel(resource.kind, resource.name);
  const id = `timeline-${resource.kind}-${resource.name}`;
  return (
    <Box component="li" sx={{ display: 'grid', gap: 0.5 }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1 }}>
        <Typography variant="subtitle2" component="p">
          {label}
          <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
            {resource.kind === 'pool' ? 'Address pool' : 'Hardware'}
          </Typography>
        </Typography>
        <IconButton
          size="small"
          aria-label={`${open ? 'Hide' : 'Show'} the timeline of ${label}`}
          aria-expanded={open}
          aria-controls={open ? id : undefined}
          onClick={() => setOpen((x) => !x)}
        >
          {open ? <ExpandLessRounded /> : <ExpandMoreRounded />}
        </IconButton>
      </Stack>
      <Typography variant="body2" component="p">
        {formatNumber(resource.free)} free now, {formatNumber(resource.demand)} needed:{' '}
        <Left value={resource.left} />
        {resource.left >= 0 ? ' left' : ''}
        {resource.runsOutOn ? `, runs out on ${formatDate(resource.runsOutOn)}` : ''}
      </Typography>
      <UseBar resource={resource} width="100%" />
      {open ? <Timeline resource={resource} label={label} id={id} /> : null}
    </Box>
  );
}

function WarningItem({ warning }: { warning: ForecastWarning }) {
  return (
    <Box component="li" sx={{ display: 'grid', gap: 0.5 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Link component={RouterLink} to={paths.storeDetail.getHref(warning.storeId)}>
          {warning.code}
        </Link>
        <Typography variant="body2" color="text.secondary" component="span">
          {warning.name}
        </Typography>
      </Stack>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="body2" component="span">
          {formatDate(warning.openingDate)}
        </Typography>
        {warning.overdue ? (
          <Chip size="small" color="error" variant="outlined" label="overdue" />
        ) : null}
        <StoreStatusChip status={warning.status} />
      </Stack>
      <Typography variant="body2" component="p">
        Lacks {describeShortages(warning.shortages)}
      </Typography>
    </Box>
  );
}

/**
 * The forecast for the horizon in the URL (`?horizon=90`): per pool purpose and hardware kind,
 * what is free now, what the planned openings take and when it runs out; then the openings
 * that cannot be served and what each lacks.
 */
export function ForecastPanel() {
  const { horizon, update } = usePlanningParams();
  const isPhone = useIsPhone();
  const query = useGetForecastQuery({ horizon });
  const data = query.currentData;
  const warnings = data?.warnings ?? [];
  return (
    <Card
      component="section"
      id="forecast"
      aria-labelledby="forecast-title"
      sx={{ scrollMarginTop: 80 }}
    >
      <Stack
        direction="row"
        sx={{ alignItems: 'flex-start', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap' }}
      >
        <Box sx={{ minWidth: 0 }}>
          <Typography id="forecast-title" component="h2" variant="h6">
            Forecast
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {data
              ? `${formatNumber(data.openings)} planned ${data.openings === 1 ? 'opening' : 'openings'} from ${formatDate(data.asOf)} to ${formatDate(data.until)}, served in date order.`
              : 'What the planned openings will take from the address pools and the stock.'}
          </Typography>
        </Box>
        <TextField
          select
          size="small"
          label="Horizon"
          value={horizon}
          onChange={(e) => update({ horizon: Number(e.target.value) })}
          sx={{ minWidth: 140 }}
        >
          {HORIZONS.map((h) => (
            <MenuItem key={h} value={h}>
              {h} days
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {query.error && !data ? (
        <ErrorState
          error={query.error}
          title="Could not load the forecast"
          onRetry={() => void query.refetch()}
        />
      ) : !data ? (
        <LoadingState label="Loading the forecast" rows={4} />
      ) : (
        <>
          {data.resources.length ? (
            isPhone ? (
              <PhoneList label="Resources">
                {data.resources.map((r) => (
                  <ResourceItem key={`${r.kind}/${r.name}`} resource={r} />
                ))}
              </PhoneList>
            ) : (
              <SimpleTable
                label="Resources"
                headers={[
                  'Kind',
                  'Resource',
                  { label: 'Free now', align: 'right' },
                  { label: 'Demand', align: 'right' },
                  { label: 'Left', align: 'right' },
                  'Runs out on',
                  'Timeline',
                ]}
              >
                {data.resources.map((r) => (
                  <ResourceRows key={`${r.kind}/${r.name}`} resource={r} />
                ))}
              </SimpleTable>
            )
          ) : (
            <EmptyState
              title="Nothing to forecast"
              description="No address pool, no stock and no planned opening in this horizon yet."
            />
          )}
          <Box>
            <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
              Openings that cannot be served
            </Typography>
            {warnings.length ? (
              <>
                {isPhone ? (
                  <PhoneList label="Openings that cannot be served">
                    {warnings.slice(0, MAX_WARNINGS).map((w) => (
                      <WarningItem key={w.storeId} warning={w} />
                    ))}
                  </PhoneList>
                ) : (
                  <SimpleTable
                    label="Openings that cannot be served"
                    headers={['Store', 'Opening', 'Status', 'Lacks']}
                  >
                    {warnings.slice(0, MAX_WARNINGS).map((w) => (
                      <WarningRow key={w.storeId} warning={w} />
                    ))}
                  </SimpleTable>
                )}
                {warnings.length > MAX_WARNINGS ? (
                  <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                    And {formatNumber(warnings.length - MAX_WARNINGS)} more openings.
                  </Typography>
                ) : null}
              </>
            ) : (
              <Alert severity="success" variant="outlined">
                Every planned opening in the next {data.horizon} days can be served.
              </Alert>
            )}
          </Box>
        </>
      )}
    </Card>
  );
}
