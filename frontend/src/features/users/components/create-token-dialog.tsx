import { zodResolver } from '@hookform/resolvers/zod';
import ContentCopyRounded from '@mui/icons-material/ContentCopyRounded';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  InputAdornment,
  IconButton,
  MenuItem,
  Stack,
  TextField,
  Tooltip,
} from '@mui/material';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';

import type { ApiTokenCreated } from '@/api/generated/openapi';
import { formProblem, toProblem } from '@/api/problem';
import { FormDialog } from '@/components/ui/form-dialog';
import { useCreateTokenMutation } from '@/features/users/api/tokens-api';
import { RoleSelect } from '@/features/users/components/role-select';
import {
  createTokenSchema,
  EXPIRY_DAYS,
  expiresAtFor,
  type CreateTokenValues,
} from '@/features/users/schemas/token-schema';

const EXPIRY_LABELS: Record<CreateTokenValues['expiry'], string> = {
  never: 'Never',
  '30': 'In 30 days',
  '90': 'In 90 days',
  '365': 'In a year',
};

/** Creates an automation token, then shows its secret once, with a copy button. */
export function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [createToken, { isLoading }] = useCreateTokenMutation();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [copied, setCopied] = useState(false);
  const {
    control,
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<CreateTokenValues>({
    resolver: zodResolver(createTokenSchema),
    defaultValues: { name: '', role: 'viewer', expiry: '90' },
  });
  const close = () => {
    reset();
    setFormError(null);
    setCreated(null);
    setCopied(false);
    onClose();
  };
  const submit = handleSubmit(async ({ name, role, expiry }) => {
    setFormError(null);
    try {
      setCreated(await createToken({ name, role, expiresAt: expiresAtFor(expiry) }).unwrap());
    } catch (err) {
      setFormError(formProblem(toProblem(err), setError, ['name', 'role']));
    }
  });
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied(true);
    } catch {
      setFormError('Copying was refused by the browser: select the token and copy it by hand.');
    }
  };

  if (created) {
    return (
      <Dialog
        open={open}
        onClose={close}
        maxWidth="sm"
        fullWidth
        aria-labelledby="token-created-title"
      >
        <DialogTitle id="token-created-title">Token “{created.name}” created</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Alert severity="warning">
              Copy the token now: it is shown only this once and cannot be retrieved later.
            </Alert>
            {formError ? <Alert severity="error">{formError}</Alert> : null}
            <TextField
              label="Token"
              value={created.token}
              slotProps={{
                htmlInput: { readOnly: true, spellCheck: false, 'aria-label': 'New token' },
                input: {
                  endAdornment: (
                    <InputAdornment position="end">
                      <Tooltip title={copied ? 'Copied' : 'Copy to clipboard'}>
                        <IconButton aria-label="Copy token" onClick={() => void copy()}>
                          <ContentCopyRounded />
                        </IconButton>
                      </Tooltip>
                    </InputAdornment>
                  ),
                },
              }}
              onFocus={(e) => e.target.select()}
            />
            {copied ? <Alert severity="success">Copied to the clipboard.</Alert> : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={close}>
            Done
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New automation token"
      submitLabel="Create token"
      busy={isLoading}
      error={formError}
      onSubmit={() => void submit()}
    >
      <TextField
        label="Name"
        required
        autoComplete="off"
        error={!!errors.name}
        helperText={errors.name?.message ?? 'What uses it, e.g. “CI deploy”'}
        {...register('name')}
      />
      <RoleSelect control={control} />
      <Controller
        name="expiry"
        control={control}
        render={({ field }) => (
          <TextField select label="Expires" {...field}>
            {EXPIRY_DAYS.map((d) => (
              <MenuItem key={d} value={d}>
                {EXPIRY_LABELS[d]}
              </MenuItem>
            ))}
          </TextField>
        )}
      />
    </FormDialog>
  );
}
