import { Alert, Snackbar } from '@mui/material';
import { useDispatch, useSelector } from 'react-redux';

import { dismiss, selectNotifications } from '@/lib/notifications';

/** Shows the oldest pending notification; the next appears when it is dismissed. */
export function Toaster() {
  const items = useSelector(selectNotifications);
  const dispatch = useDispatch();
  const current = items[0];
  if (!current) return null;
  const close = () => dispatch(dismiss(current.id));
  return (
    <Snackbar
      key={current.id}
      open
      autoHideDuration={current.severity === 'error' ? 8000 : 5000}
      onClose={(_, reason) => {
        if (reason !== 'clickaway') close();
      }}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
    >
      <Alert severity={current.severity} variant="filled" onClose={close} sx={{ width: '100%' }}>
        {current.message}
      </Alert>
    </Snackbar>
  );
}
