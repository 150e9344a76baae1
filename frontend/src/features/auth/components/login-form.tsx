import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Box, Button, Checkbox, FormControlLabel, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useDispatch } from 'react-redux';

import { applyFieldErrors, toProblem } from '@/api/problem';
import { useLoginMutation } from '@/features/auth/api/auth-api';
import { loginErrorText } from '@/features/auth/login-text';
import { loginSchema, type LoginValues } from '@/features/auth/schemas/login-schema';
import { credentialsReceived } from '@/lib/auth-session';

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const [login, { isLoading }] = useLoginMutation();
  const dispatch = useDispatch();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { username: '', password: '', rememberMe: false },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const response = await login(values).unwrap();
      dispatch(credentialsReceived({ response, remember: values.rememberMe, now: Date.now() }));
      onSuccess();
    } catch (err) {
      const p = toProblem(err);
      const unmatched = applyFieldErrors(p, setError, (f) => f === 'username' || f === 'password');
      if (p.errors.length === 0 || unmatched.length) setFormError(loginErrorText(p));
    }
  });

  return (
    <Box component="form" noValidate onSubmit={onSubmit} aria-label="Sign in">
      <Stack spacing={2}>
        {formError ? (
          <Alert severity="error" role="alert">
            {formError}
          </Alert>
        ) : null}
        <TextField
          label="Username"
          autoComplete="username"

          fullWidth
          required
          error={!!errors.username}
          helperText={errors.username?.message}
          {...register('username')}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          fullWidth
          required
          error={!!errors.password}
          helperText={errors.password?.message}
          {...register('password')}
        />
        <Controller
          name="rememberMe"
          control={control}
          render={({ field }) => (
            <FormControlLabel
              control={
                <Checkbox
                  checked={field.value}
                  onChange={(e) => field.onChange(e.target.checked)}
                  onBlur={field.onBlur}
                  name={field.name}
                />
              }
              label="Remember me"
            />
          )}
        />
        <Button type="submit" variant="contained" fullWidth disabled={isLoading}>
          {isLoading ? 'Signing in…' : 'Sign in'}
        </Button>
      </Stack>
    </Box>
  );
}
