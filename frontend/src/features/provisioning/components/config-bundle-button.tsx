import DownloadRounded from '@mui/icons-material/DownloadRounded';
import { Button } from '@mui/material';
import { useDispatch } from 'react-redux';

import { saveDownload } from '@/api/base-api';
import type { Store } from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import { useDownloadConfigBundleMutation } from '@/features/provisioning/api/provisioning-api';
import { notify } from '@/lib/notifications';

export function ConfigBundleButton({ store }: { store: Store }) {
  const [download, { isLoading }] = useDownloadConfigBundleMutation();
  const dispatch = useDispatch();
  if (store.status !== 'active') return null;
  return (
    <Button
      variant="outlined"
      startIcon={<DownloadRounded />}
      disabled={isLoading}
      onClick={async () => {
        try {
          const d = await download(store.id).unwrap();
          saveDownload(d, `${store.code}-config.tar.gz`);
        } catch (err) {
          const p = toProblem(err);
          dispatch(
            notify({
              severity: 'error',
              message:
                p.status === 404
                  ? 'No configuration bundle is available for this store yet.'
                  : problemMessage(p),
            }),
          );
        }
      }}
    >
      Config bundle
    </Button>
  );
}
