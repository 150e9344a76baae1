import UploadFileRounded from '@mui/icons-material/UploadFileRounded';
import { Button } from '@mui/material';
import { useState } from 'react';

import { CsvImportDialog } from '@/components/ui/csv-import-dialog';
import { useImportStoresMutation } from '@/features/stores/api/stores-api';

/** Creates draft stores from a CSV file and shows the result of every row. */
export function ImportStoresButton() {
  const [open, setOpen] = useState(false);
  const [importStores, { isLoading }] = useImportStoresMutation();
  return (
    <>
      <Button variant="outlined" startIcon={<UploadFileRounded />} onClick={() => setOpen(true)}>
        Import CSV
      </Button>
      <CsvImportDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Import stores"
        columns="code,name,type,address,city,region,country,postalCode,timezone"
        busy={isLoading}
        onImport={(csv) => importStores(csv).unwrap()}
      />
    </>
  );
}
