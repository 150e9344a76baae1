import FileDownloadRounded from '@mui/icons-material/FileDownloadRounded';
import { Button } from '@mui/material';
import { useDispatch } from 'react-redux';

import { saveDownload } from '@/api/base-api';
import { problemMessage, toProblem } from '@/api/problem';
import { useExportStoresMutation, type StoreExportParams } from '@/features/stores/api/stores-api';
import { notify } from '@/lib/notifications';

/**
 * Downloads GET /api/stores/export.csv with `filters`: the list's current filters and sort, or
 * (with `ids`) the stores selected in the list.
 */
export function ExportButton({
  filters,
  label = 'Export CSV',
  size,
  disabled = false,
}: {
  filters: StoreExportParams;
  label?: string;
  size?: 'small' | 'medium';
  disabled?: boolean;
}) {
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
      size={size}
      startIcon={<FileDownloadRounded />}
      onClick={() => void onClick()}
      disabled={disabled || isLoading}
    >
      {isLoading ? 'Exporting…' : label}
    </Button>
  );
}
