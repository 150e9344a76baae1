import { TextField, type TextFieldProps } from '@mui/material';
import { Controller, useFormContext, type FieldValues, type Path } from 'react-hook-form';

/** A TextField bound to a react-hook-form path, showing its error as helper text. */
export function FormTextField<T extends FieldValues>({
  name,
  helperText,
  transform,
  ...props
}: Omit<TextFieldProps, 'name'> & { name: Path<T>; transform?: (v: string) => string }) {
  const { control } = useFormContext<T>();
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <TextField
          {...props}
          name={field.name}
          value={field.value ?? ''}
          inputRef={field.ref}
          onChange={(e) => field.onChange(transform ? transform(e.target.value) : e.target.value)}
          onBlur={field.onBlur}
          error={!!fieldState.error}
          helperText={fieldState.error?.message ?? helperText}
          fullWidth
        />
      )}
    />
  );
}
