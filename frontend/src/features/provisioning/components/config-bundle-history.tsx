import DownloadRounded from '@mui/icons-material/DownloadRounded';
import {
  Box,
  Button,
  Card,
  IconButton,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useDispatch } from 'react-redux';

import { saveDownload } from '@/api/base-api';
import type { BundleDiff, BundleRender } from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import {
  useDiffConfigBundlesQuery,
  useDownloadConfigBundleVersionMutation,
  useListConfigBundlesQuery,
} from '@/features/provisioning/api/provisioning-api';
import { FileDiff } from '@/features/provisioning/components/file-diff';
import { notify } from '@/lib/notifications';
import { formatDateTime } from '@/utils/format';

const short = (sha: string) => sha.slice(0, 12);

/** The distinct versions of the renders, newest render first. */
function versionsOf(renders: BundleRender[]): BundleRender[] {
  const seen = new Set<string>();
  return renders.filter((r) => !seen.has(r.sha256) && seen.add(r.sha256));
}

function DiffView({ diff }: { diff: BundleDiff }) {
  const changed = diff.files.filter((f) => f.change !== 'unchanged');
  if (changed.length === 0) {
    return <Typography color="text.secondary">The two versions hold the same files.</Typography>;
  }
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {changed.length} of {diff.files.length} files differ
      </Typography>
      {changed.map((file) => (
        <FileDiff key={file.path} file={file} />
      ))}
    </Stack>
  );
}

function Comparison({ storeId, versions }: { storeId: string; versions: BundleRender[] }) {
  const [from, setFrom] = useState(versions[1].sha256);
  const [to, setTo] = useState(versions[0].sha256);
  const { data, error, isFetching } = useDiffConfigBundlesQuery({ id: storeId, from, to });
  const select = (label: string, value: string, onChange: (v: string) => void) => (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      sx={{ minWidth: 200 }}
    >
      {versions.map((v) => (
        <MenuItem key={v.sha256} value={v.sha256} disabled={!v.diffable}>
          {short(v.sha256)} · {formatDateTime(v.createdAt)}
        </MenuItem>
      ))}
    </TextField>
  );
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        {select('From version', from, setFrom)}
        {select('To version', to, setTo)}
      </Stack>
      {error ? (
        <Typography color="error">{problemMessage(toProblem(error))}</Typography>
      ) : data && !isFetching ? (
        <DiffView diff={data} />
      ) : (
        <Typography color="text.secondary">Comparing…</Typography>
      )}
    </Stack>
  );
}

/** The store's configuration bundle versions: every render, downloads, and a per-file diff. */
export function ConfigBundleHistory({ storeId }: { storeId: string }) {
  const { data } = useListConfigBundlesQuery(storeId);
  const [download] = useDownloadConfigBundleVersionMutation();
  const [comparing, setComparing] = useState(false);
  const dispatch = useDispatch();
  const renders = data?.items ?? [];
  if (renders.length === 0) return null;
  const versions = versionsOf(renders);
  const diffable = versions.filter((v) => v.diffable);
  return (
    <Card component="section" aria-labelledby="bundle-versions-title">
      <Typography id="bundle-versions-title" component="h2" variant="h6">
        Config bundle versions
      </Typography>
      <List dense>
        {renders.map((r, i) => (
          <ListItem
            key={r.id}
            disableGutters
            secondaryAction={
              <IconButton
                aria-label={`Download version ${short(r.sha256)}`}
                onClick={async () => {
                  try {
                    saveDownload(
                      await download({ id: storeId, sha256: r.sha256 }).unwrap(),
                      r.fileName,
                    );
                  } catch (err) {
                    dispatch(
                      notify({ severity: 'error', message: problemMessage(toProblem(err)) }),
                    );
                  }
                }}
              >
                <DownloadRounded />
              </IconButton>
            }
          >
            <ListItemText
              primary={
                <Box component="span" sx={{ fontFamily: 'monospace' }}>
                  {short(r.sha256)}
                  {i === 0 ? ' (latest)' : ''}
                </Box>
              }
              secondary={`${formatDateTime(r.createdAt)} · ${r.size} bytes`}
            />
          </ListItem>
        ))}
      </List>
      {diffable.length >= 2 ? (
        comparing ? (
          <Comparison storeId={storeId} versions={diffable} />
        ) : (
          <Button variant="outlined" onClick={() => setComparing(true)}>
            Compare versions
          </Button>
        )
      ) : null}
    </Card>
  );
}
