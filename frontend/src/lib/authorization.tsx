import type { ReactNode } from 'react';
import { useSelector } from 'react-redux';

import type { Role } from '@/api/generated/openapi';
import { useGetSystemSettingsQuery } from '@/api/settings-api';
import { selectCurrentUser } from '@/lib/auth-session';
import type { GuardedAction } from '@/utils/lifecycle';

// Every role decision of the UI is made from this one map. The server enforces the same
// rules (docs/api.md: viewer reads, operator writes stores, admin manages users); the UI
// only hides what a role cannot use.
export const POLICIES = {
  'stores:read': ['viewer', 'operator', 'admin'],
  'stores:write': ['operator', 'admin'],
  'stores:provision': ['operator', 'admin'],
  'stores:bulk': ['operator', 'admin'],
  'templates:read': ['viewer', 'operator', 'admin'],
  'templates:write': ['operator', 'admin'],
  'planning:read': ['viewer', 'operator', 'admin'],
  'rollouts:read': ['viewer', 'operator', 'admin'],
  // Creating one also needs its action's transition role (useTransitionPermission).
  'rollouts:write': ['operator', 'admin'],
  'monitoring:read': ['viewer', 'operator', 'admin'],
  'users:manage': ['admin'],
  'inventory:read': ['viewer', 'operator', 'admin'],
  'inventory:write': ['operator', 'admin'],
  'pools:manage': ['admin'],
  'credentials:reveal': ['admin'],
  'activity:read': ['viewer', 'operator', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Policy = keyof typeof POLICIES;

export function can(role: Role | null | undefined, policy: Policy): boolean {
  return role != null && (POLICIES[policy] as readonly Role[]).includes(role);
}

export function useAuthorization() {
  const user = useSelector(selectCurrentUser);
  return {
    user,
    role: user?.role ?? null,
    can: (policy: Policy) => can(user?.role, policy),
    /** Why an action under `policy` is disabled for this user (null when it is allowed). */
    why: (policy: Policy) =>
      can(user?.role, policy) ? null : `Needs the ${POLICIES[policy][0]} role or higher.`,
  };
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const TRANSITION_LABEL: Record<GuardedAction, string> = {
  provision: 'Provisioning',
  retry: 'Retrying',
  rollback: 'Rolling back',
  decommission: 'Decommissioning',
  rotate: 'Changing credentials',
};

/**
 * Whether the signed-in user may start a provisioning transition: the role each one needs is
 * configuration (permissions.*, served by GET /api/system/settings; the service refuses below
 * it with 403). `reason` says which role it needs, for the disabled action. Allowed while the
 * settings load: the service decides anyway.
 */
export function useTransitionPermission() {
  const { role } = useAuthorization();
  const needed = useGetSystemSettingsQuery().data?.transitions;
  return (transition: GuardedAction): { allowed: boolean; reason: string | null } => {
    const required = needed?.[transition];
    if (!required || (role != null && RANK[role] >= RANK[required])) {
      return { allowed: true, reason: null };
    }
    return {
      allowed: false,
      reason: `${TRANSITION_LABEL[transition]} needs the ${required} role.`,
    };
  };
}

export function Authorized({
  policy,
  children,
  fallback = null,
}: {
  policy: Policy;
  children: ReactNode;
  fallback?: ReactNode;
}) {
  const { can: allowed } = useAuthorization();
  return <>{allowed(policy) ? children : fallback}</>;
}
