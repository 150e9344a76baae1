import { styled } from '@mui/material/styles';
import { Link as RouterLink } from 'react-router';

import type { CalendarEntry } from '@/api/generated/openapi';
import { paths } from '@/config/paths';
import { statusColors, type ModeColors } from '@/theme/tokens';
import { humanize } from '@/utils/format';

/** Read by screen readers, not shown (a chip's status, a day's full name beside its number). */
export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  border: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

const Pill = styled(RouterLink, { shouldForwardProp: (p) => p !== 'colors' })<{
  colors: ModeColors;
}>(({ theme, colors }) => ({
  display: 'flex',
  alignItems: 'center',
  gap: 4,
  minWidth: 0,
  maxWidth: '100%',
  padding: '1px 6px',
  borderRadius: 6,
  fontSize: theme.typography.caption.fontSize,
  lineHeight: 1.6,
  textDecoration: 'none',
  whiteSpace: 'nowrap',
  backgroundColor: colors.light.bg,
  color: colors.light.fg,
  border: `1px solid ${colors.light.border}`,
  '& .dot': {
    flex: 'none',
    width: 6,
    height: 6,
    borderRadius: '50%',
    background: colors.light.solid,
  },
  '& .name': { overflow: 'hidden', textOverflow: 'ellipsis' },
  '&:hover .name': { textDecoration: 'underline' },
  '&:focus-visible': {
    outline: `2px solid ${(theme.vars || theme).palette.primary.main}`,
    outlineOffset: 1,
  },
  ...theme.applyStyles('dark', {
    backgroundColor: colors.dark.bg,
    color: colors.dark.fg,
    border: `1px solid ${colors.dark.border}`,
    '& .dot': { background: colors.dark.solid },
  }),
}));

/**
 * A planned opening: the store's code and name in its status colour (tokens.ts, as on the store
 * list), linking to the store. The status is in its name and tooltip too, never in colour alone.
 */
export function OpeningChip({ entry }: { entry: CalendarEntry }) {
  const status = humanize(entry.status);
  return (
    <Pill
      to={paths.storeDetail.getHref(entry.id)}
      colors={statusColors[entry.status] ?? statusColors.draft}
      title={`${entry.code} · ${entry.name} · ${entry.city} · ${status}`}
      data-status={entry.status}
    >
      <span className="dot" aria-hidden />
      {/* One run of text: its name is what it shows, then the status for screen readers. */}
      <span className="name">
        <strong>{entry.code}</strong> {entry.name}
        <span style={visuallyHidden}>, {status}</span>
      </span>
    </Pill>
  );
}
