import { zodResolver } from '@hookform/resolvers/zod';
import { TextField } from '@mui/material';
import { useState } from 'react';
import { useForm } from 'react-hook-form';

import { formProblem, toProblem } from '@/api/problem';
import { FormDialog } from '@/components/ui/form-dialog';
import { useCreateUserMutation } from '@/features/users/api/users-api';
import { NewPasswordField } from '@/features/users/components/new-password-field';
import { RoleSelect } from '@/features/users/components/role-select';
import { createUserSchema, type CreateUserValues } from '@/features/users/schemas/user-schema';

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [createUser, { isLoading }] = useCreateUserMutation();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    control,
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<CreateUserValues>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { username: '', password: '', role: 'viewer' },
  });
  const close = () => {
    reset();
    setFormError(null);
    onClose();
  };
  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await createUser(values).unwrap();
      close();
    } catch (err) {
      const p = toProblem(err);
      if (p.status === 409 && p.errors.length === 0) {
        setError('username', { type: 'server', message: p.detail ?? 'This username is taken' });
        return;
      }
      setFormError(formProblem(p, setError, ['username', 'password', 'role']));
    }
  });
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New user"
      submitLabel="Create user"
      busy={isLoading}
      error={formError}
      onSubmit={() => void submit()}
    >
      <TextField
        label="Username"
        required
        autoComplete="off"
        error={!!errors.username}
        helperText={errors.username?.message}
        {...register('username')}
      />
      <NewPasswordField
        label="Password"
        error={errors.password?.message}
        registration={register('password')}
      />
      <RoleSelect control={control} />
    </FormDialog>
  );
}
