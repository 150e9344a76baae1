import FileDownloadRounded from '@mui/icons-material/FileDownloadRounded';
import { Button } from '@mui/material';
import { useDispatch } from 'react-redux';

import { saveDownload } from '@/api/base-api';
import { problemMessage, toProblem } from '@/api/problem';
import { useExportStoresMutation, type StoreExportParams } from '@/features/stores/api/stores-api';
import { notify } from '@/lib/notifications';

/** Downloads GET /api/stores/export.csv with the list's current filters and sort. */
export function ExportButton({ filters }: { filters: StoreExportParams }) {
  const [exportStores, { isLoading }] = useExportStoresMutation();
  const dispatch = useDispatch();
  const onClick = async () => {
    try {
      const d = await exportStores(filters).unwrap();
      saveDownload(d, 'stores.csv');
    } catch (err) {
      dispatch(
        notify({ severity: 'error', message: `Export failed: ${problemMessage(toProblem(err))}` }),
      );
    }
  };
  return (
    <Button
      variant="outlined"
      startIcon={<FileDownloadRounded />}
      onClick={() => void onClick()}
      disabled={isLoading}
    >
      {isLoading ? 'Exporting…' : 'Export CSV'}
    </Button>
  );
}
