import { Alert, Box, Card, Stack, Typography } from '@mui/material';
import { useSelector } from 'react-redux';
import { Navigate, useNavigate, useSearchParams } from 'react-router';

import { Brand } from '@/components/layout/brand';
import { paths, safeNext } from '@/config/paths';
import { LoginForm } from '@/features/auth/components/login-form';
import { selectSession } from '@/lib/auth-session';

export function LoginRoute() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const session = useSelector(selectSession);
  const next = safeNext(search.get('next'));
  if (session.accessToken) return <Navigate to={next} replace />;
  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        p: 2,
        backgroundImage:
          'radial-gradient(ellipse at 50% 0%, hsl(210, 100%, 95%), hsl(0, 0%, 100%) 70%)',
      }}
    >
      <Card sx={{ width: '100%', maxWidth: 420, p: { xs: 3, sm: 4 }, bgcolor: 'background.paper' }}>
        <Stack spacing={3}>
          <Brand />
          <Box>
            <Typography component="h1" variant="h4">
              Sign in
            </Typography>
            <Typography variant="body2" color="text.secondary">
              Plan, provision and operate your stores.
            </Typography>
          </Box>
          {session.expired ? (
            <Alert severity="info">Your session has expired. Sign in again to continue.</Alert>
          ) : null}
          {search.get('next') && !session.expired ? (
            <Alert severity="info">Sign in to open that page.</Alert>
          ) : null}
          <LoginForm
            onSuccess={() => navigate(next === paths.login.path ? '/' : next, { replace: true })}
          />
        </Stack>
      </Card>
    </Box>
  );
}
