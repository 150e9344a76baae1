import { Autocomplete, Chip, TextField } from '@mui/material';
import { Controller, useFormContext } from 'react-hook-form';

/** The `tags` field of a store or template form: free-text chips, lower-cased. */
export function TagsField({ helperText = 'Press Enter after each tag' }: { helperText?: string }) {
  const { control } = useFormContext<{ tags: string[] }>();
  return (
    <Controller
      name="tags"
      control={control}
      render={({ field, fieldState }) => (
        <Autocomplete
          multiple
          freeSolo
          options={[] as string[]}
          value={field.value}
          onChange={(_, v) => field.onChange(v.map((t) => t.trim().toLowerCase()).filter(Boolean))}
          renderValue={(value, getItemProps) =>
            value.map((option, index) => {
              const { key, ...itemProps } = getItemProps({ index });
              return <Chip key={key} label={option} size="small" {...itemProps} />;
            })
          }
          renderInput={(params) => (
            <TextField
              {...params}
              name={field.name}
              inputRef={field.ref}
              onBlur={field.onBlur}
              label="Tags"
              error={!!fieldState.error}
              helperText={
                fieldState.error?.message ??
                (Array.isArray(fieldState.error) ? 'Check the tags' : helperText)
              }
            />
          )}
        />
      )}
    />
  );
}
