import { Box, Chip, Stack, Typography } from '@mui/material';

import type { BundleDiff } from '@/api/generated/openapi';

/** One file of a bundle diff: the same shape in a diff between versions and in a plan. */
export type BundleFileDiff = BundleDiff['files'][number];

function lineColor(line: string): string | undefined {
  if (line.startsWith('+++') || line.startsWith('---')) return 'text.secondary';
  if (line.startsWith('+')) return 'success.main';
  if (line.startsWith('-')) return 'error.main';
  // Hunk headers: info.main on the diff's background missed AA contrast (4.45:1) in light mode.
  if (line.startsWith('@@')) return 'text.secondary';
  return undefined;
}

/**
 * A unified diff's lines, added and removed ones coloured; scrolls sideways when wide (and takes
 * the keyboard's focus for that).
 */
export function DiffLines({ diff, id, label }: { diff: string; id?: string; label: string }) {
  return (
    <Box
      id={id}
      component="pre"
      tabIndex={0}
      role="region"
      aria-label={label}
      sx={{
        m: 0,
        p: 1,
        overflowX: 'auto',
        fontSize: 12,
        bgcolor: 'action.hover',
        borderRadius: 1,
      }}
    >
      {diff.split('\n').map((line, i) => (
        <Box key={i} component="span" sx={{ display: 'block', color: lineColor(line) }}>
          {line || ' '}
        </Box>
      ))}
    </Box>
  );
}

/** A file's diff under its path and how it changed (a region named "Diff of <path>"). */
export function FileDiff({ file }: { file: BundleFileDiff }) {
  return (
    <Box component="section" aria-label={`Diff of ${file.path}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
        <Typography component="h4" variant="subtitle2" sx={{ fontFamily: 'monospace' }}>
          {file.path}
        </Typography>
        <Chip size="small" label={file.change} />
      </Stack>
      <DiffLines diff={file.diff} label={`Unified diff of ${file.path}`} />
    </Box>
  );
}
