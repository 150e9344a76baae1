import { baseApi, downloadHandler, itemsOf, type Download } from '@/api/base-api';
import type {
  HardwareAllocation,
  NetworkAllocation,
  ProvisioningRun,
  RunStep,
  StepStatus,
} from '@/types/api';

// Endpoints of the provisioning issue. Their payloads are normalised here so the UI keeps
// working if field names differ slightly from what the issue text announces.

type Raw = Record<string, unknown>;
const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const n = (v: unknown): number | null => (typeof v === 'number' ? v : null);

const STEP_STATUSES: StepStatus[] = ['pending', 'running', 'succeeded', 'failed', 'skipped'];

function normaliseStep(r: Raw): RunStep {
  const status = s(r.status) as StepStatus | null;
  return {
    name: s(r.name) ?? s(r.step) ?? 'step',
    status: status && STEP_STATUSES.includes(status) ? status : 'pending',
    attempts: n(r.attempts) ?? 0,
    startedAt: s(r.startedAt),
    finishedAt: s(r.finishedAt),
    message: s(r.message) ?? s(r.error),
  };
}

export function normaliseRun(r: Raw): ProvisioningRun {
  return {
    id: s(r.id) ?? s(r.runId) ?? '',
    kind: s(r.kind) ?? s(r.type) ?? 'provision',
    status: s(r.status) ?? 'pending',
    createdAt: s(r.createdAt) ?? s(r.startedAt),
    steps: itemsOf<Raw>(r.steps).map(normaliseStep),
  };
}

export function normaliseRuns(body: unknown): ProvisioningRun[] {
  return itemsOf<Raw>(body)
    .map(normaliseRun)
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}

function normaliseNetwork(body: unknown): NetworkAllocation[] {
  const list = itemsOf<Raw>(body).length
    ? itemsOf<Raw>(body)
    : itemsOf<Raw>((body as Raw | null)?.segments);
  return list.map((r) => {
    const dhcp = r.dhcpRange;
    const range =
      typeof dhcp === 'string'
        ? dhcp
        : dhcp && typeof dhcp === 'object'
          ? `${s((dhcp as Raw).start) ?? '?'} – ${s((dhcp as Raw).end) ?? '?'}`
          : s(r.dhcpStart) && s(r.dhcpEnd)
            ? `${s(r.dhcpStart)} – ${s(r.dhcpEnd)}`
            : null;
    return {
      purpose: s(r.purpose) ?? '—',
      vlanId: n(r.vlanId),
      cidr: s(r.cidr) ?? '—',
      gateway: s(r.gateway),
      dhcpRange: range,
    };
  });
}

function normaliseHardware(body: unknown): HardwareAllocation[] {
  return itemsOf<Raw>(body).map((r) => {
    const model = r.model;
    return {
      serial: s(r.serial) ?? '—',
      kind: s(r.kind) ?? s((model as Raw | null)?.kind) ?? '—',
      vendor: s(r.vendor) ?? '',
      model:
        typeof model === 'string'
          ? model
          : model && typeof model === 'object'
            ? [s((model as Raw).vendor), s((model as Raw).model) ?? s((model as Raw).name)]
                .filter(Boolean)
                .join(' ')
            : (s(r.modelName) ?? '—'),
      status: s(r.status) ?? '—',
    };
  });
}

export type TransitionAction = 'provision' | 'decommission' | 'rollback';

export const provisioningApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getRuns: build.query<ProvisioningRun[], string>({
      query: (id) => `/api/stores/${encodeURIComponent(id)}/runs`,
      transformResponse: normaliseRuns,
      providesTags: (_r, _e, id) => [{ type: 'Run', id }],
    }),
    getNetwork: build.query<NetworkAllocation[], string>({
      query: (id) => `/api/stores/${encodeURIComponent(id)}/network`,
      transformResponse: normaliseNetwork,
      providesTags: (_r, _e, id) => [{ type: 'Network', id }],
    }),
    getHardware: build.query<HardwareAllocation[], string>({
      query: (id) => `/api/stores/${encodeURIComponent(id)}/hardware`,
      transformResponse: normaliseHardware,
      providesTags: (_r, _e, id) => [{ type: 'Hardware', id }],
    }),
    transitionStore: build.mutation<
      unknown,
      { id: string; version: number; action: TransitionAction }
    >({
      query: ({ id, version, action }) => ({
        url: `/api/stores/${encodeURIComponent(id)}/${action}`,
        method: 'POST',
        headers: { 'if-match': `"${version}"` },
      }),
      invalidatesTags: (_r, _e, { id }) => [
        { type: 'Store', id },
        { type: 'Store', id: 'LIST' },
        { type: 'Run', id },
        { type: 'Network', id },
        { type: 'Hardware', id },
        { type: 'Audit', id },
        { type: 'Audit', id: 'LIST' },
        'Stats',
      ],
    }),
    downloadConfigBundle: build.mutation<Download, string>({
      query: (id) => ({
        url: `/api/stores/${encodeURIComponent(id)}/config-bundle`,
        responseHandler: downloadHandler,
      }),
    }),
  }),
});

export const {
  useGetRunsQuery,
  useGetNetworkQuery,
  useGetHardwareQuery,
  useTransitionStoreMutation,
  useDownloadConfigBundleMutation,
} = provisioningApi;
