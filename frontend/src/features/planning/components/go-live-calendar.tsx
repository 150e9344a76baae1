import ChevronLeftRounded from '@mui/icons-material/ChevronLeftRounded';
import ChevronRightRounded from '@mui/icons-material/ChevronRightRounded';
import EventAvailableOutlined from '@mui/icons-material/EventAvailableOutlined';
import {
  Alert,
  Box,
  Button,
  Card,
  IconButton,
  CircularProgress,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { styled } from '@mui/material/styles';
import { useMemo, useState } from 'react';

import type { CalendarEntry } from '@/api/generated/openapi';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { useGetCalendarQuery } from '@/features/planning/api/planning-api';
import { OpeningChip, visuallyHidden } from '@/features/planning/components/opening-chip';
import { usePlanningParams } from '@/features/planning/hooks/use-planning-params';
import {
  dayTitle,
  sameMonth,
  stepDate,
  todayIso,
  viewRange,
  viewTitle,
  WEEKDAYS,
  type CalendarView,
} from '@/features/planning/utils/calendar-dates';
import { useIsPhone } from '@/hooks/use-is-phone';
import { formatNumber } from '@/utils/format';

/** How many openings a day shows before "+N more", by view. */
const SHOWN = { month: 3, week: 8 } as const;

const Grid = styled('table')(({ theme }) => ({
  width: '100%',
  tableLayout: 'fixed',
  borderCollapse: 'collapse',
  '& th': {
    ...theme.typography.caption,
    fontWeight: 600,
    color: (theme.vars || theme).palette.text.secondary,
    textAlign: 'left',
    padding: '4px 6px',
  },
  '& td': {
    verticalAlign: 'top',
    padding: 4,
    border: `1px solid ${(theme.vars || theme).palette.divider}`,
  },
  // The neighbouring months' days recede: a shade lighter than the card in light mode, darker
  // in dark mode.
  '& td[data-outside="true"]': {
    backgroundColor: (theme.vars || theme).palette.action.hover,
    ...theme.applyStyles('dark', {
      backgroundColor: (theme.vars || theme).palette.background.default,
    }),
  },
  '& td[data-outside="true"] .day-number': {
    color: (theme.vars || theme).palette.text.secondary,
    fontWeight: 400,
  },
  '& td[aria-current="date"]': {
    boxShadow: `inset 0 0 0 2px ${(theme.vars || theme).palette.primary.main}`,
  },
  '& td[aria-current="date"] .day-number': {
    backgroundColor: (theme.vars || theme).palette.primary.main,
    color: (theme.vars || theme).palette.primary.contrastText,
  },
}));

const DayNumber = styled('span')(({ theme }) => ({
  ...theme.typography.caption,
  display: 'inline-flex',
  alignItems: 'center',
  justifyContent: 'center',
  minWidth: 22,
  height: 22,
  padding: '0 4px',
  borderRadius: 11,
  fontWeight: 600,
}));

function groupByDay(items: readonly CalendarEntry[] | undefined): Map<string, CalendarEntry[]> {
  const byDay = new Map<string, CalendarEntry[]>();
  for (const e of items ?? []) {
    const list = byDay.get(e.openingDate);
    if (list) list.push(e);
    else byDay.set(e.openingDate, [e]);
  }
  return byDay;
}

/** A day's openings: the first `shown`, then "+N more", which shows the rest (and back). */
function DayOpenings({
  day,
  entries,
  shown,
}: {
  day: string;
  entries: readonly CalendarEntry[];
  shown: number;
}) {
  const [expanded, setExpanded] = useState(false);
  const hidden = entries.length - shown;
  const visible = expanded || hidden <= 0 ? entries : entries.slice(0, shown);
  const listId = `openings-${day}`;
  return (
    <>
      <Stack
        component="ul"
        id={listId}
        aria-label={`Openings on ${dayTitle(day)}`}
        spacing={0.5}
        sx={{ listStyle: 'none', m: 0, p: 0, minWidth: 0 }}
      >
        {visible.map((e) => (
          <Box component="li" key={e.id} sx={{ minWidth: 0, display: 'flex' }}>
            <OpeningChip entry={e} />
          </Box>
        ))}
      </Stack>
      {hidden > 0 ? (
        <Button
          size="small"
          aria-expanded={expanded}
          aria-controls={listId}
          onClick={() => setExpanded((x) => !x)}
          sx={{ mt: 0.5, px: 0.5, py: 0, minWidth: 0 }}
        >
          {expanded ? 'Show fewer' : `+${hidden} more`}
        </Button>
      ) : null}
    </>
  );
}

function CalendarGrid({
  view,
  date,
  weeks,
  byDay,
  today,
  titleId,
}: {
  view: CalendarView;
  date: string;
  weeks: string[][];
  byDay: Map<string, CalendarEntry[]>;
  today: string;
  titleId: string;
}) {
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Grid aria-labelledby={titleId}>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]}>
              {week.map((day) => {
                const entries = byDay.get(day) ?? [];
                const outside = view === 'month' && !sameMonth(day, date);
                return (
                  <Box
                    component="td"
                    key={day}
                    data-date={day}
                    data-outside={outside ? 'true' : undefined}
                    aria-current={day === today ? 'date' : undefined}
                    sx={{ height: view === 'month' ? 112 : 280 }}
                  >
                    <DayNumber className="day-number" aria-hidden>
                      {Number(day.slice(8))}
                    </DayNumber>
                    <Box component="span" sx={visuallyHidden}>
                      {dayTitle(day)}
                      {day === today ? ', today' : ''}
                      {entries.length ? `: ${entries.length} openings` : ''}
                    </Box>
                    {entries.length ? (
                      <DayOpenings day={day} entries={entries} shown={SHOWN[view]} />
                    ) : null}
                  </Box>
                );
              })}
            </tr>
          ))}
        </tbody>
      </Grid>
    </Box>
  );
}

/** On a phone: only the days with openings, in order, each with all of its stores. */
function Agenda({
  days,
  byDay,
  today,
  label,
}: {
  days: string[];
  byDay: Map<string, CalendarEntry[]>;
  today: string;
  label: string;
}) {
  const withOpenings = days.filter((d) => byDay.has(d));
  if (!withOpenings.length) return null;
  return (
    <Stack component="ol" aria-label={label} spacing={1.5} sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {withOpenings.map((day) => (
        <Box component="li" key={day} aria-current={day === today ? 'date' : undefined}>
          <Typography component="h3" variant="subtitle2" sx={{ mb: 0.5 }}>
            {dayTitle(day)}
            {day === today ? (
              <Typography component="span" variant="caption" color="primary" sx={{ ml: 1 }}>
                Today
              </Typography>
            ) : null}
          </Typography>
          <DayOpenings day={day} entries={byDay.get(day)!} shown={SHOWN.week} />
        </Box>
      ))}
    </Stack>
  );
}

/**
 * The go-live calendar: the stores opening in a month (whole weeks, Monday first) or a week,
 * each day's stores in their status colours, from one GET /api/calendar for the days shown.
 * On a phone the month becomes an agenda of the days with openings.
 */
export function GoLiveCalendar() {
  const { view, date, update } = usePlanningParams();
  const isPhone = useIsPhone();
  const today = todayIso();
  const range = useMemo(() => viewRange(view, date), [view, date]);
  const query = useGetCalendarQuery({ from: range.from, to: range.to });
  const data = query.currentData;
  const byDay = useMemo(() => groupByDay(data?.items), [data]);
  const title = viewTitle(view, date);
  const unit = view === 'month' ? 'month' : 'week';
  // The agenda lists the month's own days (the grid's neighbours belong to other months).
  const agendaDays = useMemo(
    () => range.weeks.flat().filter((d) => view === 'week' || sameMonth(d, date)),
    [range, view, date],
  );
  const empty =
    data !== undefined && !agendaDays.some((d) => byDay.has(d)) && (isPhone || !data.items.length);

  return (
    <Card component="section" aria-labelledby="calendar-title">
      <Stack
        direction="row"
        sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap' }}
      >
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
          <Typography id="calendar-title" component="h2" variant="h6" aria-live="polite">
            {title}
          </Typography>
          {query.isFetching ? (
            <CircularProgress size={16} aria-label="Loading the openings" />
          ) : null}
        </Stack>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Stack direction="row" sx={{ alignItems: 'center' }}>
            <IconButton
              size="small"
              aria-label={`Previous ${unit}`}
              onClick={() => update({ date: stepDate(view, date, -1) })}
            >
              <ChevronLeftRounded />
            </IconButton>
            <Button size="small" variant="outlined" onClick={() => update({ date: today })}>
              Today
            </Button>
            <IconButton
              size="small"
              aria-label={`Next ${unit}`}
              onClick={() => update({ date: stepDate(view, date, 1) })}
            >
              <ChevronRightRounded />
            </IconButton>
          </Stack>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={view}
            aria-label="Calendar view"
            onChange={(_e, v: CalendarView | null) => {
              if (v) update({ view: v });
            }}
          >
            <ToggleButton value="month">Month</ToggleButton>
            <ToggleButton value="week">Week</ToggleButton>
          </ToggleButtonGroup>
        </Stack>
      </Stack>
      {query.error && !data ? (
        <ErrorState
          error={query.error}
          title="Could not load the calendar"
          onRetry={() => void query.refetch()}
        />
      ) : null}
      {data?.truncated ? (
        <Alert severity="warning" variant="outlined">
          More stores open in these days than the {formatNumber(data.items.length)} shown. Switch to
          the week view to see them all.
        </Alert>
      ) : null}
      {empty ? (
        <EmptyState
          icon={<EventAvailableOutlined fontSize="large" />}
          title={`No openings planned in ${view === 'month' ? title : 'this week'}`}
          description="Stores with an opening date in these days appear here, in the colour of their status. Give a store an opening date on its page, or move to another month."
        />
      ) : null}
      {isPhone ? (
        <Agenda
          days={agendaDays}
          byDay={byDay}
          today={today}
          label={`Openings in ${view === 'month' ? title : `the week of ${title}`}`}
        />
      ) : (
        <CalendarGrid
          view={view}
          date={date}
          weeks={range.weeks}
          byDay={byDay}
          today={today}
          titleId="calendar-title"
        />
      )}
    </Card>
  );
}
