// Shapes of the store-service API (docs/api.md). Endpoints that land with the provisioning and
// data-plane issues are typed from their issue text and normalised defensively in their
// feature's api/ module.

export const STORE_STATUSES = [
  'draft',
  'provisioning',
  'active',
  'failed',
  'decommissioning',
  'decommissioned',
] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

export const STORE_TYPES = ['flagship', 'standard', 'express', 'outlet', 'warehouse'] as const;
export type StoreType = (typeof STORE_TYPES)[number];

export const HARDWARE_KINDS = [
  'pos_terminal',
  'router',
  'switch',
  'access_point',
  'printer',
] as const;
export type HardwareKind = (typeof HARDWARE_KINDS)[number];

export const SEGMENT_PURPOSES = ['pos', 'corporate', 'guest', 'iot', 'management'] as const;
export type SegmentPurpose = (typeof SEGMENT_PURPOSES)[number];

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Location {
  address: string;
  city: string;
  region: string;
  country: string;
  postalCode: string;
  timezone: string;
  latitude?: number | null;
  longitude?: number | null;
}

export interface Contact {
  manager?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface NetworkSegmentPlan {
  purpose: SegmentPurpose;
  vlanId: number | null;
  cidr: string | null;
}

export interface StoreInput {
  code: string;
  name: string;
  type: StoreType;
  location: Location;
  openingDate?: string | null;
  contact?: Contact;
  tags: string[];
  notes: string;
  hardwarePlan: Partial<Record<HardwareKind, number>>;
  networkPlan: NetworkSegmentPlan[];
}

export interface Store extends StoreInput {
  id: string;
  status: StoreStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

export interface StoreList {
  items: Store[];
  page: number;
  pageSize: number;
  total: number;
  nextCursor?: string | null;
}

export interface StoreListParams {
  page: number;
  pageSize: number;
  sort?: string;
  status?: string;
  type?: string;
  region?: string;
  country?: string;
  tag?: string;
  q?: string;
}

export interface Stats {
  total: number;
  byStatus: Partial<Record<StoreStatus, number>>;
  byType: Partial<Record<StoreType, number>>;
  /** Provisioning over the last 24 h: successful provisioning runs per hour (ISO hour start). */
  provisioning?: {
    succeededLast24h: number;
    failedLast24h: number;
    active: number;
    throughputByHour: Record<string, number>;
  };
}

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  id: string;
  time: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  storeId?: string | null;
  /** The store's code, when the server includes it. */
  storeCode?: string | null;
  requestId?: string;
  changes: AuditChange[];
}

export interface Page<T> {
  items: T[];
  page?: number;
  pageSize?: number;
  total?: number;
}

export interface User {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
}

export interface LoginResponse {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
  user: SessionUser;
}

export interface ReadyCheck {
  status: string;
  latencyMs?: number;
  [key: string]: unknown;
}

export interface HealthReady {
  status: string;
  checks: Record<string, ReadyCheck>;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface DependencyHealth {
  name: string;
  state: BreakerState | string;
  failureRate: number | null;
  latencyMs: number | null;
  lastTransition: string | null;
}

export interface Alert {
  id: string;
  time: string;
  severity: 'info' | 'warning' | 'critical' | string;
  source: string;
  message: string;
}

export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

export interface RunStep {
  name: string;
  status: StepStatus;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  message: string | null;
}

export interface ProvisioningRun {
  id: string;
  kind: 'provision' | 'decommission' | string;
  status: string;
  createdAt: string | null;
  steps: RunStep[];
}

export interface NetworkAllocation {
  purpose: string;
  vlanId: number | null;
  cidr: string;
  gateway: string | null;
  dhcpRange: string | null;
}

export interface HardwareAllocation {
  serial: string;
  kind: string;
  vendor: string;
  model: string;
  status: string;
}

export type BulkAction = 'activate' | 'decommission';

export interface BulkItemResult {
  id: string;
  ok: boolean;
  result: string;
  reason: string | null;
}

export interface LiveEvent {
  type: string;
  time: string;
  data: Record<string, unknown>;
}
