import { Chip } from '@mui/material';
import { styled } from '@mui/material/styles';

import { type ModeColors } from '@/theme/tokens';
import { humanize } from '@/utils/format';

const ColoredChip = styled(Chip, { shouldForwardProp: (p) => p !== 'colors' })<{
  colors: ModeColors;
}>(({ theme, colors }) => ({
  backgroundColor: colors.light.bg,
  color: colors.light.fg,
  border: `1px solid ${colors.light.border}`,
  '& .MuiChip-icon': { color: colors.light.solid, marginLeft: 8 },
  ...theme.applyStyles('dark', {
    backgroundColor: colors.dark.bg,
    color: colors.dark.fg,
    border: `1px solid ${colors.dark.border}`,
    '& .MuiChip-icon': { color: colors.dark.solid },
  }),
}));

const Dot = styled('span')({
  width: 8,
  height: 8,
  borderRadius: '50%',
  backgroundColor: 'currentColor',
  display: 'inline-block',
});

/** A status in its colour from tokens.ts; the label always names it (colour is never alone). */
export function StatusChip({
  status,
  colors,
  label,
  size = 'small',
}: {
  status: string;
  colors: ModeColors;
  label?: string;
  size?: 'small' | 'medium';
}) {
  return (
    <ColoredChip
      colors={colors}
      size={size}
      icon={<Dot aria-hidden />}
      label={label ?? humanize(status)}
      data-status={status}
    />
  );
}
