import { styled } from '@mui/material/styles';

const Track = styled('span')(({ theme }) => ({
  display: 'block',
  height: 6,
  borderRadius: 3,
  overflow: 'hidden',
  backgroundColor: (theme.vars || theme).palette.action.selected,
  '& > span': {
    display: 'block',
    height: '100%',
    backgroundColor: (theme.vars || theme).palette.primary.main,
  },
  '&[data-short="true"] > span': { backgroundColor: (theme.vars || theme).palette.error.main },
}));

/**
 * A thin bar filled to `percent` (0–100), in the error colour when `short`. Decoration only:
 * the figures it draws are written beside it. (Material UI's LinearProgress would move into
 * the chunk every page loads, shared with the pools page.)
 */
export function Meter({
  percent,
  short,
  width,
}: {
  percent: number;
  short: boolean;
  width?: number | string;
}) {
  const p = Math.max(0, Math.min(100, percent));
  return (
    <Track aria-hidden data-short={short ? 'true' : undefined} sx={{ width }}>
      <span style={{ width: `${p}%` }} />
    </Track>
  );
}
