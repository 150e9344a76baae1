import SearchRounded from '@mui/icons-material/SearchRounded';
import { InputAdornment, MenuItem, TextField, type TextFieldProps } from '@mui/material';

import { humanize } from '@/utils/format';

/** A search box with a magnifier in front: a list's free-text filter. */
export function SearchField(props: Omit<TextFieldProps, 'type' | 'slotProps'>) {
  return (
    <TextField
      type="search"
      {...props}
      slotProps={{
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <SearchRounded fontSize="small" />
            </InputAdornment>
          ),
        },
      }}
    />
  );
}

/**
 * A list filter picking one of `options` or none ("" — `anyLabel`). Options are values shown
 * humanised, or value/label pairs.
 */
export function SelectFilter<T extends string>({
  label,
  anyLabel,
  value,
  options,
  onChange,
  size,
  fullWidth,
  minWidth,
}: {
  label: string;
  anyLabel: string;
  value: T | '';
  options: readonly T[] | readonly { value: T; label: string }[];
  onChange: (value: T | '') => void;
  size?: 'small' | 'medium';
  fullWidth?: boolean;
  minWidth?: number;
}) {
  return (
    <TextField
      select
      size={size}
      fullWidth={fullWidth}
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value as T | '')}
      sx={minWidth ? { minWidth } : undefined}
    >
      <MenuItem value="">{anyLabel}</MenuItem>
      {options.map((o) => {
        const option = typeof o === 'string' ? { value: o, label: humanize(o) } : o;
        return (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        );
      })}
    </TextField>
  );
}
