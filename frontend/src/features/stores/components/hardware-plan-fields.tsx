import {
  Checkbox,
  FormControlLabel,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
} from '@mui/material';
import { Controller, useFormContext, useWatch } from 'react-hook-form';

import { hardwareKindValues, type HardwareKind } from '@/api/generated/openapi';
import type { StoreFormValues } from '@/features/stores/schemas/store-schema';
import { humanize } from '@/utils/format';

const DEFAULT_QTY: Record<HardwareKind, string> = {
  pos_terminal: '4',
  router: '1',
  switch: '1',
  access_point: '2',
  printer: '1',
};

export function HardwarePlanFields() {
  const { control, setValue, getValues } = useFormContext<StoreFormValues>();
  const enabled = useWatch({ control, name: 'hardwareEnabled' });
  return (
    <Table size="small" aria-label="Hardware plan">
      <TableHead>
        <TableRow>
          <TableCell>Device kind</TableCell>
          <TableCell sx={{ width: 160 }}>Quantity</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {hardwareKindValues.map((kind) => (
          <TableRow key={kind}>
            <TableCell>
              <Controller
                name={`hardwareEnabled.${kind}`}
                control={control}
                render={({ field }) => (
                  <FormControlLabel
                    label={humanize(kind)}
                    control={
                      <Checkbox
                        name={field.name}
                        checked={field.value}
                        onChange={(e) => {
                          field.onChange(e.target.checked);
                          if (e.target.checked && getValues(`hardwarePlan.${kind}`) === '') {
                            setValue(`hardwarePlan.${kind}`, DEFAULT_QTY[kind], {
                              shouldDirty: true,
                            });
                          }
                        }}
                      />
                    }
                  />
                )}
              />
            </TableCell>
            <TableCell>
              <Controller
                name={`hardwarePlan.${kind}`}
                control={control}
                render={({ field, fieldState }) => (
                  <Stack>
                    <TextField
                      name={field.name}
                      inputRef={field.ref}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      disabled={!enabled?.[kind]}
                      type="number"
                      slotProps={{
                        htmlInput: { min: 0, max: 100, 'aria-label': `${humanize(kind)} quantity` },
                      }}
                      error={!!fieldState.error}
                      helperText={fieldState.error?.message}
                    />
                  </Stack>
                )}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
