import { MenuItem, TextField } from '@mui/material';
import { useState } from 'react';

import { segmentPurposeValues, type SegmentPurpose } from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import { FormDialog } from '@/components/ui/form-dialog';
import { useCreatePoolMutation } from '@/features/network/api/pools-api';
import { humanize } from '@/utils/format';

const CIDR = /^(\d{1,3})(\.\d{1,3}){3}\/\d{1,2}$/;

export function AddPoolDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [createPool, { isLoading }] = useCreatePoolMutation();
  const [cidr, setCidr] = useState('');
  const [purpose, setPurpose] = useState<SegmentPurpose>('pos');
  const [prefix, setPrefix] = useState('24');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const close = () => {
    setCidr('');
    setPurpose('pos');
    setPrefix('24');
    setFieldErrors({});
    setFormError(null);
    onClose();
  };
  const submit = async () => {
    const local: Record<string, string> = {};
    if (!CIDR.test(cidr.trim())) local.cidr = 'An IPv4 network such as 10.20.0.0/16';
    const segmentPrefix = Number(prefix);
    if (!Number.isInteger(segmentPrefix) || segmentPrefix < 16 || segmentPrefix > 30)
      local.segmentPrefix = 'A prefix length from 16 to 30';
    setFieldErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    try {
      await createPool({ cidr: cidr.trim(), purpose, segmentPrefix }).unwrap();
      close();
    } catch (err) {
      const p = toProblem(err);
      const byField: Record<string, string> = {};
      for (const e of p.errors) byField[e.field] = e.message;
      setFieldErrors(byField);
      // An overlap (409) names no field: say so above the form.
      if (
        !p.errors.length ||
        p.errors.some((e) => !['cidr', 'purpose', 'segmentPrefix'].includes(e.field))
      )
        setFormError(problemMessage(p));
    }
  };
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New address pool"
      submitLabel="Add pool"
      busy={isLoading}
      error={formError}
      onSubmit={() => void submit()}
    >
      <TextField
        label="CIDR"
        required
        autoComplete="off"
        placeholder="10.20.0.0/16"
        value={cidr}
        onChange={(e) => setCidr(e.target.value)}
        error={!!fieldErrors.cidr}
        helperText={fieldErrors.cidr ?? 'An IPv4 network /8 to /28, not overlapping another pool'}
      />
      <TextField
        select
        label="Purpose"
        value={purpose}
        onChange={(e) => setPurpose(e.target.value as SegmentPurpose)}
        error={!!fieldErrors.purpose}
        helperText={fieldErrors.purpose}
      >
        {segmentPurposeValues.map((p) => (
          <MenuItem key={p} value={p}>
            {humanize(p)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label="Segment prefix"
        type="number"
        value={prefix}
        onChange={(e) => setPrefix(e.target.value)}
        error={!!fieldErrors.segmentPrefix}
        helperText={
          fieldErrors.segmentPrefix ?? 'Each store gets one segment of this size, e.g. 24 for a /24'
        }
        slotProps={{ htmlInput: { min: 16, max: 30 } }}
      />
    </FormDialog>
  );
}
