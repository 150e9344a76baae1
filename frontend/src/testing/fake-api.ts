import type {
  Alert,
  ApiToken,
  AuditEntry,
  BundleDiff,
  BundleRender,
  CredentialVersion,
  CredentialVersions,
  DependencyStatus,
  Forecast,
  Role,
  ImportResult,
  ProvisionPlan,
  Rollout,
  RolloutCounts,
  RolloutCreate,
  RolloutFilter,
  RolloutItem,
  Run,
  Store,
  StoreCreate,
  Template,
  TemplateCreate,
  TemplateStoreSeed,
  TemplateSyncResult,
  User,
} from '@/api/generated/openapi';
import { reportViolations, requestViolations, responseViolations } from '@/testing/contract';

// An in-memory stand-in for the store-service HTTP API, installed as `fetch`, for component
// tests that cannot reach the real binary (the flows against the real service live in
// e2e/run.mjs). It implements the documented behaviour the UI depends on: tokens, paging,
// search, If-Match/412 with the current document, 422 field errors, 404 problems.
// Every request it gets and every response it gives (overrides included) is checked against
// docs/openapi.json (testing/contract.ts); a test whose fake leaves the document fails.

type Handler = (req: Request, params: string[]) => Promise<Response> | Response;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: {
      'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
      ...headers,
    },
  });
}

export function problem(
  status: number,
  title: string,
  extra: Record<string, unknown> = {},
): Response {
  const slug = { 400: 'bad-request', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found' };
  return json(
    {
      type: `https://store-platform.dev/problems/${slug[status as keyof typeof slug] ?? 'conflict'}`,
      title,
      status,
      detail: title,
      instance: '/api',
      requestId: 'req-1',
      ...extra,
    },
    status,
  );
}

/** Ids of the two users the fake starts with (UUIDs, as the document demands). */
export const ADMIN_ID = '00000000-0000-4000-8000-00000000a001';
export const OPERATOR_ID = '00000000-0000-4000-8000-00000000a002';

let seq = 0;
export const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

export function makeStore(over: Partial<Store> = {}): Store {
  const now = '2026-11-25T12:00:00.000Z';
  return {
    id: uuid(),
    code: 'NYC-0042',
    name: 'Manhattan 5th Ave',
    type: 'flagship',
    status: 'draft',
    location: {
      address: '5th Ave 1',
      city: 'New York',
      region: 'NY',
      country: 'US',
      postalCode: '10001',
      timezone: 'America/New_York',
      latitude: null,
      longitude: null,
    },
    openingDate: '2027-03-01',
    contact: { manager: 'Jane Doe', email: 'jane@example.com', phone: '' },
    tags: ['pilot'],
    notes: '',
    hardwarePlan: { router: 1, pos_terminal: 4 },
    networkPlan: [{ purpose: 'pos', vlanId: 10, cidr: '10.20.0.0/24' }],
    template: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    createdBy: 'admin',
    updatedBy: 'admin',
    ...over,
  };
}

export function makeTemplate(over: Partial<Template> = {}): Template {
  const now = '2026-11-20T09:00:00.000Z';
  return {
    id: uuid(),
    name: 'Standard mall store',
    description: 'A mall unit with four tills',
    type: 'standard',
    tags: ['mall'],
    notes: '',
    hardwarePlan: { router: 1, pos_terminal: 4 },
    networkPlan: [{ purpose: 'pos', vlanId: 10 }],
    version: 1,
    storeCount: 0,
    behindCount: 0,
    createdAt: now,
    updatedAt: now,
    createdBy: 'admin',
    updatedBy: 'admin',
    ...over,
  };
}

export function makeAudit(store: Store, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: uuid(),
    time: store.createdAt,
    actor: 'admin',
    action: 'store.created',
    entityType: 'store',
    entityId: store.id,
    storeId: store.id,
    storeCode: store.code,
    requestId: 'req-1',
    changes: [],
    ...over,
  };
}

/** The counts of a rollout's items by status. */
export function rolloutCounts(items: readonly RolloutItem[]): RolloutCounts {
  const c: RolloutCounts = { pending: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
  for (const i of items) c[i.status] += 1;
  return c;
}

/** A rollout item of `store` in `wave`, pending unless `over` says otherwise. */
export function makeRolloutItem(store: Store, wave: number, over: Partial<RolloutItem> = {}) {
  return {
    storeId: store.id,
    code: store.code,
    name: store.name,
    wave,
    status: 'pending',
    runId: null,
    attempts: 0,
    error: null,
    startedAt: null,
    finishedAt: null,
    ...over,
  } satisfies RolloutItem;
}

/** A rollout of `items` (its counts and waves follow from them). */
export function makeRollout(items: RolloutItem[], over: Partial<Rollout> = {}): Rollout {
  const now = '2026-12-01T10:00:00.000Z';
  return {
    id: uuid(),
    name: 'Spring openings, north',
    action: 'provision',
    status: 'running',
    canarySize: 1,
    batchSize: 10,
    waitSeconds: 0,
    pauseAfterCanary: false,
    maxFailurePercent: 0,
    waves: Math.max(1, ...items.map((i) => i.wave)),
    currentWave: 1,
    nextWaveAt: null,
    haltedReason: null,
    counts: rolloutCounts(items),
    createdAt: now,
    createdBy: 'admin',
    updatedAt: now,
    items,
    ...over,
  };
}

function merge(target: Record<string, unknown>, patch: Record<string, unknown>) {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else if (
      typeof v === 'object' &&
      !Array.isArray(v) &&
      typeof target[k] === 'object' &&
      target[k] !== null
    ) {
      merge(target[k] as Record<string, unknown>, v as Record<string, unknown>);
    } else target[k] = v;
  }
}

/** Statuses in which a store can no longer be brought up to date (a run, or the end). */
const NOT_SYNCABLE = new Set(['provisioning', 'decommissioning', 'decommissioned']);

export class FakeApi {
  stores: Store[] = [];
  /** Templates as stored; the counts are computed from `stores` when served. */
  templates: Template[] = [];
  users: User[] = [];
  audit: AuditEntry[] = [];
  dependencies: DependencyStatus[] = [];
  alerts: Alert[] = [];
  apiTokens: ApiToken[] = [];
  role: Role = 'admin';
  /** Renders of each store's config bundle (newest first), and diffs by "from/to". */
  bundleRenders: Record<string, BundleRender[]> = {};
  bundleDiffs: Record<string, BundleDiff> = {};
  /** What GET /api/system/settings serves (the service's stores.code_pattern and hint). */
  storeCode = {
    pattern: '^[A-Z0-9]{2,6}-[0-9]{3,6}$',
    hint: '2-6 upper-case letters or digits, a hyphen and 3-6 digits, e.g. NYC-0042',
  };
  /** The role each transition needs (the service's permissions.*, its defaults). */
  transitions: {
    provision: Role;
    retry: Role;
    rollback: Role;
    decommission: Role;
    rotate: Role;
  } = {
    provision: 'operator',
    retry: 'operator',
    rollback: 'operator',
    decommission: 'admin',
    rotate: 'admin',
  };
  /** Credential versions per store id, newest first (none until a test sets them). */
  credentialVersions: Record<string, CredentialVersion[]> = {};
  /** When rotation is due (GET …/credentials/versions' rotationDueAt), per store id. */
  rotationDueAt: Record<string, string> = {};
  requests: { method: string; path: string; headers: Headers; body: unknown }[] = [];
  credentialHistory(id: string): CredentialVersions {
    const versions = this.credentialVersions[id] ?? [];
    const due = this.rotationDueAt[id] ?? null;
    return {
      storeId: id,
      current: versions.find((v) => v.state === 'current')?.version ?? null,
      rotationDueAt: due,
      rotationDue: due !== null && Date.parse(due) <= Date.now(),
      versions,
    };
  }
  /** What GET /api/forecast serves; its `horizon` and `until` follow the request. */
  forecast: Omit<Forecast, 'horizon' | 'until'> = {
    asOf: '2027-03-10',
    openings: 0,
    resources: [],
    warnings: [],
  };
  /** GET /api/calendar's `truncated` (the service's cap is 2,000 stores, too many for a test). */
  calendarTruncated = false;
  /** Plans made by POST …/plan, by planId. */
  plans: Record<string, ProvisionPlan> = {};
  /** Merged into each plan the fake makes: held segments or devices, problems, a bundle. */
  planOverride: Partial<ProvisionPlan> = {};
  /** Plans overtaken by events: applying one answers 409 with these changes. */
  stalePlans: Record<string, string[]> = {};
  /** Something changed since the plans made so far (a subnet taken, a serial gone). */
  invalidatePlans(changes: string[]) {
    for (const id of Object.keys(this.plans)) this.stalePlans[id] = changes;
  }
  /** What the documented planner would answer for the store (docs/api.md, "Provisioning"). */
  makePlan(s: Store): ProvisionPlan {
    const now = new Date();
    const segments = s.networkPlan.map((g, i) => {
      const net = (g.cidr ?? `10.${20 + i}.${this.stores.indexOf(s)}.0/24`).split('/')[0];
      const host = (n: number) => net.replace(/\.0$/, `.${n}`);
      return {
        purpose: g.purpose,
        vlanId: g.vlanId ?? 10 * (i + 1),
        cidr: g.cidr ?? `${net}/24`,
        gateway: host(1),
        dhcpStart: host(100),
        dhcpEnd: host(250),
        poolId: g.cidr ? null : `00000000-0000-4000-8000-00000001000${i}`,
        held: false,
      };
    });
    const devices = Object.entries(s.hardwarePlan).flatMap(([kind, n]) =>
      Array.from({ length: n ?? 0 }, (_, i) => ({
        kind: kind as ProvisionPlan['devices'][number]['kind'],
        serial: `${kind.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(4, '0')}`,
        vendor: 'Cisco',
        model: 'ISR1100',
        held: false,
      })),
    );
    const readme = `Store ${s.code} - ${s.name}`;
    return {
      planId: uuid(),
      storeId: s.id,
      storeVersion: s.version,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
      canApply: true,
      problems: [],
      segments,
      devices,
      secretPath: `secret/data/stores/${s.id}/credentials`,
      bundle: {
        from: null,
        files: [
          {
            path: 'README.txt',
            change: 'added',
            diff: `--- /dev/null\n+++ b/README.txt\n@@ -0,0 +1 @@\n+${readme}\n`,
          },
          ...devices.map((d) => ({
            path: `${d.kind}/${d.serial}.conf`,
            change: 'added' as const,
            diff: `--- /dev/null\n+++ b/${d.kind}/${d.serial}.conf\n@@ -0,0 +1 @@\n+hostname ${d.serial}\n`,
          })),
        ],
      },
      ...this.planOverride,
    };
  }
  /** Rollouts, newest first; their counts are computed from their items when served. */
  rollouts: Rollout[] = [];
  /** A rollout as served: its counts from its items. */
  servedRollout(r: Rollout): Rollout {
    return { ...r, counts: rolloutCounts(r.items) };
  }
  /**
   * A rollout as POST /api/rollouts makes it (docs/openapi.json, createRollout): the canary, then
   * waves of batchSize; wave 1 starts at once — each store that can start gets a run, the others
   * fail with the reason.
   */
  private startRollout(body: RolloutCreate, stores: Store[]): Rollout {
    const canary = Math.min(body.canarySize ?? 1, stores.length);
    const batch = body.batchSize ?? 10;
    const now = new Date().toISOString();
    const items = stores.map((st, i) => {
      const wave = i < canary ? 1 : (canary > 0 ? 2 : 1) + Math.floor((i - canary) / batch);
      return makeRolloutItem(st, wave);
    });
    for (const item of items.filter((x) => x.wave === 1)) {
      const st = stores.find((x) => x.id === item.storeId)!;
      const ok =
        body.action === 'decommission'
          ? st.status === 'active'
          : st.status === 'draft' || st.status === 'failed';
      Object.assign(item, { attempts: 1, startedAt: now });
      if (ok) {
        st.status = body.action === 'decommission' ? 'decommissioning' : 'provisioning';
        Object.assign(item, { status: 'running', runId: uuid() });
      } else {
        Object.assign(item, {
          status: 'failed',
          finishedAt: now,
          error: `cannot ${body.action} a store that is ${st.status}`,
        });
      }
    }
    return makeRollout(items, {
      name: body.name,
      action: body.action,
      canarySize: body.canarySize ?? 1,
      batchSize: batch,
      waitSeconds: body.waitSeconds ?? 0,
      pauseAfterCanary: body.pauseAfterCanary ?? false,
      maxFailurePercent: body.maxFailurePercent ?? 0,
      createdAt: now,
      updatedAt: now,
      createdBy: 'admin',
    });
  }
  /** The stores a rollout's filter selects, by code (the store list's filters). */
  private storesMatching(f: RolloutFilter): Store[] {
    const q = f.q?.toLowerCase();
    return this.stores
      .filter(
        (st) =>
          (!q || `${st.code} ${st.name} ${st.location.city}`.toLowerCase().includes(q)) &&
          (!f.status || st.status === f.status) &&
          (!f.type || st.type === f.type) &&
          (!f.region || st.location.region === f.region) &&
          (!f.country || st.location.country === f.country) &&
          (!f.tag || st.tags.includes(f.tag)),
      )
      .sort((a, b) => a.code.localeCompare(b.code));
  }
  /** Overrides by "METHOD /path" (exact path) for states that are hard to reach otherwise. */
  overrides = new Map<string, Handler>();
  // JWT-shaped (three base64url parts), as docs/openapi.json states for Session.accessToken.
  accessToken = 'header.access-1.signature';
  refreshCount = 0;
  private routes: [string, RegExp, Handler][] = [];

  constructor() {
    this.users = [
      {
        id: ADMIN_ID,
        username: 'admin',
        role: 'admin',
        disabled: false,
        createdAt: '2026-11-01T00:00:00.000Z',
        updatedAt: '2026-11-01T00:00:00.000Z',
      },
      {
        id: OPERATOR_ID,
        username: 'olga',
        role: 'operator',
        disabled: false,
        createdAt: '2026-11-02T00:00:00.000Z',
        updatedAt: '2026-11-02T00:00:00.000Z',
      },
    ];
    const r = (method: string, pattern: string, h: Handler) =>
      this.routes.push([method, new RegExp(`^${pattern}$`), h]);
    r('POST', '/api/auth/login', async (req) => {
      const b = (await req.json()) as { username: string; password: string };
      if (b.password !== 'correct-password')
        return problem(401, 'Unauthorized', { detail: 'wrong credentials' });
      return json(this.tokens(b.username));
    });
    r('POST', '/api/auth/refresh', () => {
      this.refreshCount += 1;
      this.accessToken = `header.access-${this.refreshCount + 1}.signature`;
      return json(this.tokens('admin'));
    });
    r('POST', '/api/auth/logout', () => new Response(null, { status: 204 }));
    r('GET', '/api/auth/me', () => json({ id: ADMIN_ID, username: 'admin', role: this.role }));
    r('GET', '/api/stats', () => {
      const byStatus: Record<string, number> = {};
      const byType: Record<string, number> = {};
      for (const s of this.stores) {
        byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
        byType[s.type] = (byType[s.type] ?? 0) + 1;
      }
      return json({
        total: this.stores.length,
        byStatus,
        byType,
        provisioning: { succeededLast24h: 0, failedLast24h: 0, active: 0, throughputByHour: {} },
      });
    });
    r('GET', '/api/audit', () =>
      json({
        items: this.audit,
        page: 1,
        pageSize: 20,
        total: this.audit.length,
        totalIsEstimate: false,
      }),
    );
    r('GET', '/health/ready', () =>
      json({ status: 'ready', degraded: [], checks: { database: { status: 'up' } } }),
    );
    r('GET', '/api/stores', (req) => {
      const u = new URL(req.url);
      const q = u.searchParams.get('q')?.toLowerCase();
      const status = u.searchParams.get('status');
      const has = (k: string) => u.searchParams.get(k);
      let items = this.stores.filter(
        (s) =>
          (!q || `${s.code} ${s.name} ${s.location.city}`.toLowerCase().includes(q)) &&
          (!status || s.status === status) &&
          (!has('type') || s.type === has('type')) &&
          (!has('region') || s.location.region === has('region')) &&
          (!has('country') || s.location.country === has('country')) &&
          (!has('tag') || s.tags.includes(has('tag')!)),
      );
      const page = Number(u.searchParams.get('page') ?? 1);
      const pageSize = Number(u.searchParams.get('pageSize') ?? 100);
      const total = items.length;
      items = items.slice((page - 1) * pageSize, page * pageSize);
      return json({ items, page, pageSize, total, totalIsEstimate: false, nextCursor: null });
    });
    r('POST', '/api/stores', async (req) => {
      const body = (await req.json()) as StoreCreate;
      if (this.stores.some((s) => s.code === body.code))
        return problem(409, 'Conflict', { detail: 'code already exists' });
      if (body.location.country === 'XX') {
        return problem(422, 'Validation failed', {
          errors: [{ field: 'location.country', message: 'unknown country' }],
        });
      }
      const s = makeStore({ ...body, id: uuid(), version: 1, status: 'draft' });
      this.stores.push(s);
      this.audit.unshift({
        id: uuid(),
        time: s.createdAt,
        actor: 'admin',
        action: 'store.created',
        entityType: 'store',
        entityId: s.id,
        storeId: s.id,
        storeCode: s.code,
        requestId: 'req-1',
        changes: [{ field: 'code', before: null, after: s.code }],
      });
      return json(s, 201, { etag: '"1"', location: `/api/stores/${s.id}` });
    });
    r('GET', '/api/stores/([^/.]+)', (_req, [id]) => {
      const s = this.stores.find((x) => x.id === id);
      return s ? json(s, 200, { etag: `"${s.version}"` }) : problem(404, 'Not found');
    });
    r('PATCH', '/api/stores/([^/]+)', async (req, [id]) => {
      const s = this.stores.find((x) => x.id === id);
      if (!s) return problem(404, 'Not found');
      const ifMatch = req.headers.get('if-match');
      if (!ifMatch) return problem(428, 'Precondition required');
      if (ifMatch !== `"${s.version}"`) {
        return problem(412, 'Precondition failed', { currentVersion: s.version, current: s });
      }
      const patch = (await req.json()) as Record<string, unknown>;
      if ((patch.location as Record<string, unknown> | undefined)?.country === 'XX') {
        return problem(422, 'Validation failed', {
          errors: [{ field: 'location.country', message: 'unknown country' }],
        });
      }
      merge(s as unknown as Record<string, unknown>, patch);
      s.version += 1;
      return json(s, 200, { etag: `"${s.version}"` });
    });
    r('DELETE', '/api/stores/([^/]+)', (_req, [id]) => {
      this.stores = this.stores.filter((x) => x.id !== id);
      return new Response(null, { status: 204 });
    });
    r('GET', '/api/stores/([^/]+)/audit', (_req, [id]) => {
      const items = this.audit.filter((a) => a.storeId === id);
      return json({ items, page: 1, pageSize: 50, total: items.length, totalIsEstimate: false });
    });
    r(
      'GET',
      '/metrics',
      () =>
        new Response(
          'http_request_duration_seconds_bucket{le="0.005"} 1\nhttp_request_duration_seconds_bucket{le="+Inf"} 1\nhttp_request_duration_seconds_sum 0.002\nhttp_request_duration_seconds_count 1\n',
          { status: 200, headers: { 'content-type': 'text/plain; version=0.0.4' } },
        ),
    );
    r('GET', '/api/system/health', () =>
      json({
        status: this.dependencies.some((d) => d.state !== 'closed') ? 'degraded' : 'ok',
        dependencies: this.dependencies,
      }),
    );
    r('GET', '/api/system/settings', () =>
      json({ storeCode: this.storeCode, transitions: this.transitions }),
    );
    r('GET', '/api/system/alerts', (req) => {
      const limit = Number(new URL(req.url).searchParams.get('limit') ?? 100);
      return json({ items: this.alerts.slice(0, limit) });
    });
    r('GET', '/api/stores/([^/]+)/config-bundles', (_req, [id]) =>
      json({ items: this.bundleRenders[id] ?? [] }),
    );
    r('GET', '/api/stores/([^/]+)/config-bundles/([0-9a-f]{64})/diff/([0-9a-f]{64})', (_r, p) => {
      const diff = this.bundleDiffs[`${p[1]}/${p[2]}`];
      return diff ? json(diff) : problem(404, 'Not found');
    });
    r('GET', '/api/stores/([^/]+)/credentials/versions', (_r, [id]) =>
      json(this.credentialHistory(id)),
    );
    // The documented lifecycle, as far as the panel shows it: rotate keeps the current version,
    // revoke ends every older one, restore swaps a kept one in, release ends a kept one.
    r('POST', '/api/stores/([^/]+)/credentials/(rotate|revoke)', (_r, [id, action]) => {
      const versions = this.credentialVersions[id] ?? [];
      const now = new Date().toISOString();
      for (const v of versions) {
        if (action === 'revoke' && (v.state === 'current' || v.state === 'kept')) {
          Object.assign(v, { state: 'revoked', endedAt: now, endedBy: 'admin' });
        } else if (v.state === 'current') v.state = 'kept';
      }
      const next = Math.max(0, ...versions.map((v) => v.version)) + 1;
      this.credentialVersions[id] = [
        {
          version: next,
          state: 'current',
          path: `stores/${id}/credentials/v${next}`,
          createdAt: now,
          createdBy: 'admin',
          endedAt: null,
          endedBy: '',
        },
        ...versions,
      ];
      delete this.rotationDueAt[id];
      return json(this.credentialHistory(id));
    });
    r(
      'POST',
      '/api/stores/([^/]+)/credentials/versions/(\\d+)/(restore|release)',
      (_r, [id, n, action]) => {
        const versions = this.credentialVersions[id] ?? [];
        const target = versions.find((v) => v.version === Number(n));
        if (!target) return problem(404, 'Not found');
        if (target.state !== 'kept') return problem(409, `version ${n} is ${target.state}`);
        if (action === 'release') {
          Object.assign(target, {
            state: 'released',
            endedAt: new Date().toISOString(),
            endedBy: 'admin',
          });
        } else {
          versions.forEach((v) => v.state === 'current' && (v.state = 'kept'));
          target.state = 'current';
        }
        return json(this.credentialHistory(id));
      },
    );
    // Plan before apply: a plan per call; provisioning with its planId applies it or says why not.
    r('POST', '/api/stores/([^/]+)/plan', (_req, [id]) => {
      const s = this.stores.find((x) => x.id === id);
      if (!s) return problem(404, 'Not found');
      if (this.role === 'viewer') return problem(403, 'Forbidden');
      if (s.status !== 'draft' && s.status !== 'failed')
        return problem(409, 'Conflict', { detail: `cannot provision a store that is ${s.status}` });
      const plan = this.makePlan(s);
      this.plans[plan.planId] = plan;
      return json(plan);
    });
    r('POST', '/api/stores/([^/]+)/provision', async (req, [id]) => {
      const s = this.stores.find((x) => x.id === id);
      if (!s) return problem(404, 'Not found');
      const ifMatch = req.headers.get('if-match');
      if (!ifMatch) return problem(428, 'Precondition required');
      if (ifMatch !== `"${s.version}"`)
        return problem(412, 'Precondition failed', { currentVersion: s.version, current: s });
      if (s.status !== 'draft' && s.status !== 'failed')
        return problem(409, 'Conflict', { detail: `cannot provision a store that is ${s.status}` });
      const text = await req.text();
      const planId = text ? (JSON.parse(text) as { planId?: string }).planId : undefined;
      if (planId !== undefined) {
        const plan = this.plans[planId];
        if (!plan || plan.storeId !== id)
          return problem(409, 'Conflict', { detail: 'no such plan for this store' });
        const changes = [
          ...(plan.storeVersion !== s.version
            ? [`the store was edited (version ${plan.storeVersion} → ${s.version})`]
            : []),
          ...(this.stalePlans[planId] ?? []),
          ...plan.problems,
        ];
        if (changes.length)
          return problem(409, 'Conflict', { detail: 'the plan no longer holds', changes });
      }
      s.status = 'provisioning';
      s.version += 1;
      const now = new Date().toISOString();
      const run: Run = {
        id: uuid(),
        storeId: id,
        kind: 'provision',
        status: 'queued',
        steps: [],
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
        nextAttemptAt: now,
        requestedBy: 'admin',
        error: null,
      };
      return json({ runId: run.id, run, store: s }, 202, {
        etag: `"${s.version}"`,
        location: `/api/stores/${id}/runs/${run.id}`,
      });
    });
    r('GET', '/api/stores/([^/]+)/runs', () => json({ items: [] }));
    r('GET', '/api/stores/([^/]+)/network', () => json({ items: [] }));
    r('GET', '/api/stores/([^/]+)/hardware', () => json({ items: [] }));
    r('GET', '/api/stores/export.csv', (req) => {
      const ids = new URL(req.url).searchParams.get('ids')?.split(',');
      const rows = this.stores.filter((x) => !ids || ids.includes(x.id));
      return new Response(`code,name\n${rows.map((x) => `${x.code},${x.name}`).join('\n')}\n`, {
        status: 200,
        headers: {
          'content-type': 'text/csv',
          'content-disposition': 'attachment; filename="stores.csv"',
        },
      });
    });
    // Store templates: the documented behaviour (docs/openapi.json, tag "templates").
    r('GET', '/api/templates', () =>
      json({
        items: [...this.templates]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((t) => this.served(t)),
      }),
    );
    r('POST', '/api/templates', async (req) => {
      const b = (await req.json()) as TemplateCreate;
      if (this.templates.some((t) => t.name === b.name))
        return problem(409, 'Conflict', { detail: `a template named ${b.name} exists` });
      const t = makeTemplate({
        description: '',
        tags: [],
        notes: '',
        hardwarePlan: {},
        networkPlan: [],
        ...b,
        id: uuid(),
      });
      this.templates.push(t);
      return json(this.served(t), 201, { etag: '"1"', location: `/api/templates/${t.id}` });
    });
    r('GET', '/api/templates/([^/]+)', (_req, [id]) => {
      const t = this.templates.find((x) => x.id === id);
      return t ? json(this.served(t), 200, { etag: `"${t.version}"` }) : problem(404, 'Not found');
    });
    r('PATCH', '/api/templates/([^/]+)', async (req, [id]) => {
      const t = this.templates.find((x) => x.id === id);
      if (!t) return problem(404, 'Not found');
      const ifMatch = req.headers.get('if-match');
      if (!ifMatch) return problem(428, 'Precondition required');
      if (ifMatch !== `"${t.version}"`) {
        return this.staleTemplate(t);
      }
      const patch = (await req.json()) as Record<string, unknown>;
      merge(t as unknown as Record<string, unknown>, patch);
      t.version += 1;
      t.updatedBy = 'admin';
      return json(this.served(t), 200, { etag: `"${t.version}"` });
    });
    r('DELETE', '/api/templates/([^/]+)', (req, [id]) => {
      const t = this.templates.find((x) => x.id === id);
      if (!t) return problem(404, 'Not found');
      if (req.headers.get('if-match') !== `"${t.version}"`) return this.staleTemplate(t);
      const followers = this.followers(id).length;
      if (followers)
        return problem(409, 'Conflict', { detail: `${followers} stores follow this template` });
      this.templates = this.templates.filter((x) => x.id !== id);
      return new Response(null, { status: 204 });
    });
    r('GET', '/api/templates/([^/]+)/stores', (_req, [id]) => {
      const t = this.templates.find((x) => x.id === id);
      if (!t) return problem(404, 'Not found');
      const items = this.followers(id)
        .map((s) => ({
          id: s.id,
          code: s.code,
          name: s.name,
          status: s.status,
          templateVersion: s.template!.version,
          behind: this.isBehind(s, t),
        }))
        .sort((a, b) => Number(b.behind) - Number(a.behind) || a.code.localeCompare(b.code));
      return json({
        templateVersion: t.version,
        total: items.length,
        behind: items.filter((x) => x.behind).length,
        items,
      });
    });
    // Each row on its own: a taken code or one outside stores.code_pattern is rejected.
    r('POST', '/api/templates/([^/]+)/stores', async (req, [id]) => {
      const t = this.templates.find((x) => x.id === id);
      if (!t) return problem(404, 'Not found');
      const csv = (req.headers.get('content-type') ?? '').startsWith('text/csv');
      const seeds: TemplateStoreSeed[] = csv
        ? seedsFromCsv(await req.text())
        : ((await req.json()) as { stores: TemplateStoreSeed[] }).stores;
      const pattern = new RegExp(`^(?:${this.storeCode.pattern})$`);
      const rows: ImportResult['rows'] = seeds.map((seed, i) => {
        const row = csv ? i + 2 : i + 1;
        const errors = [];
        if (!pattern.test(seed.code)) errors.push({ field: 'code', message: 'does not match' });
        else if (this.stores.some((s) => s.code === seed.code))
          errors.push({ field: 'code', message: 'already exists' });
        if (errors.length) return { row, key: seed.code, status: 'rejected', id: null, errors };
        const s = makeStore({
          ...seed,
          id: uuid(),
          type: t.type,
          tags: [...t.tags],
          notes: t.notes,
          hardwarePlan: { ...t.hardwarePlan },
          networkPlan: t.networkPlan.map((g) => ({ ...g, cidr: null })),
          template: { id: t.id, version: t.version },
        });
        this.stores.push(s);
        return { row, key: seed.code, status: 'created', id: s.id, errors: [] };
      });
      const created = rows.filter((x) => x.status === 'created').length;
      return json({ created, rejected: rows.length - created, rows });
    });
    r('POST', '/api/templates/([^/]+)/sync', async (req, [id]) => {
      const t = this.templates.find((x) => x.id === id);
      if (!t) return problem(404, 'Not found');
      const b = (await req.json()) as { templateVersion: number };
      if (b.templateVersion !== t.version) {
        return this.staleTemplate(t);
      }
      const results: TemplateSyncResult['results'] = this.followers(id)
        .filter((s) => s.template!.version !== t.version)
        .map((s) => {
          if (NOT_SYNCABLE.has(s.status)) {
            return {
              id: s.id,
              code: s.code,
              status: 'rejected' as const,
              version: null,
              reason: `a store that is ${s.status} cannot be brought up to date`,
            };
          }
          s.hardwarePlan = { ...t.hardwarePlan };
          s.networkPlan = t.networkPlan.map((g) => ({ ...g, cidr: null }));
          s.template = { id: t.id, version: t.version };
          s.version += 1;
          return {
            id: s.id,
            code: s.code,
            status: 'updated' as const,
            version: s.version,
            reason: null,
          };
        });
      const count = (st: string) => results.filter((x) => x.status === st).length;
      return json({
        templateVersion: t.version,
        updated: count('updated'),
        unchanged: count('unchanged'),
        rejected: count('rejected'),
        results,
      });
    });
    // The go-live calendar and the forecast (docs/openapi.json, tag "planning").
    r('GET', '/api/calendar', (req) => {
      const q = new URL(req.url).searchParams;
      const from = q.get('from') ?? '';
      const to = q.get('to') ?? '';
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
      if (!(days >= 0 && days <= 92)) {
        return problem(400, 'Bad request', { detail: 'to: at most 92 days after from' });
      }
      const items = this.stores
        .filter((s) => s.openingDate && s.openingDate >= from && s.openingDate <= to)
        .sort(
          (a, b) => a.openingDate!.localeCompare(b.openingDate!) || a.code.localeCompare(b.code),
        )
        .map((s) => ({
          id: s.id,
          code: s.code,
          name: s.name,
          city: s.location.city,
          country: s.location.country,
          type: s.type,
          status: s.status,
          openingDate: s.openingDate!,
          template: s.template,
        }));
      return json({ from, to, items, truncated: this.calendarTruncated });
    });
    r('GET', '/api/forecast', (req) => {
      const horizon = Number(new URL(req.url).searchParams.get('horizon') ?? 90);
      const until = new Date(Date.parse(this.forecast.asOf) + horizon * 86_400_000)
        .toISOString()
        .slice(0, 10);
      return json({ ...this.forecast, horizon, until });
    });
    // Rollouts: the documented behaviour (docs/openapi.json, tag "rollouts"); the waves do
    // not move by themselves here — a test changes `rollouts` and sends rollout.updated.
    r('GET', '/api/rollouts', (req) => {
      const u = new URL(req.url);
      const status = u.searchParams.get('status');
      const limit = Number(u.searchParams.get('limit') ?? 50);
      const all = this.rollouts.filter((x) => !status || x.status === status);
      return json({
        items: all.slice(0, limit).map((x) => {
          const summary: Partial<Rollout> = this.servedRollout(x);
          delete summary.items;
          return summary;
        }),
        total: all.length,
      });
    });
    r('POST', '/api/rollouts', async (req) => {
      const b = (await req.json()) as RolloutCreate;
      if (this.role === 'viewer') return problem(403, 'Forbidden', { detail: 'needs operator' });
      const rank = { viewer: 0, operator: 1, admin: 2 };
      const needed = this.transitions[b.action];
      if (rank[this.role] < rank[needed]) {
        return problem(403, 'Forbidden', {
          detail: `${b.action} needs the ${needed} role (you are ${this.role})`,
        });
      }
      if ((b.storeIds === undefined) === (b.filter === undefined)) {
        return problem(422, 'Validation failed', {
          errors: [{ field: 'storeIds', message: 'give storeIds or filter, exactly one' }],
        });
      }
      let picked: Store[];
      if (b.storeIds) {
        const errors = b.storeIds.flatMap((id, i) =>
          !this.stores.some((x) => x.id === id)
            ? [{ field: `storeIds[${i}]`, message: 'no such store' }]
            : b.storeIds!.indexOf(id) !== i
              ? [{ field: `storeIds[${i}]`, message: 'listed twice' }]
              : [],
        );
        if (errors.length) return problem(422, 'Validation failed', { errors });
        picked = b.storeIds.map((id) => this.stores.find((x) => x.id === id)!);
      } else {
        picked = this.storesMatching(b.filter!);
        if (picked.length === 0) {
          return problem(422, 'Validation failed', {
            errors: [{ field: 'filter', message: 'no store matches the filter' }],
          });
        }
      }
      const created = this.startRollout(b, picked);
      this.rollouts.unshift(created);
      return json(this.servedRollout(created), 201);
    });
    r('GET', '/api/rollouts/([^/]+)', (_req, [id]) => {
      const x = this.rollouts.find((y) => y.id === id);
      return x ? json(this.servedRollout(x)) : problem(404, 'Not found');
    });
    r('POST', '/api/rollouts/([^/]+)/(pause|resume|abort|retry-failed)', (_req, [id, command]) => {
      const x = this.rollouts.find((y) => y.id === id);
      if (!x) return problem(404, 'Not found');
      if (this.role === 'viewer') return problem(403, 'Forbidden', { detail: 'needs operator' });
      const refuse = (detail: string) => problem(409, 'Conflict', { detail });
      const failed = x.items.filter((i) => i.status === 'failed');
      if (command === 'pause') {
        if (x.status !== 'running') return refuse(`the rollout is ${x.status}, not running`);
        x.status = 'paused';
      } else if (command === 'resume') {
        if (x.status !== 'paused') return refuse(`the rollout is ${x.status}, not paused`);
        x.status = 'running';
      } else if (command === 'abort') {
        if (x.status === 'completed' || x.status === 'aborted') {
          return refuse(`the rollout is ${x.status}`);
        }
        x.status = 'aborted';
        for (const i of x.items) if (i.status === 'pending') i.status = 'cancelled';
      } else {
        if (x.status === 'aborted') return refuse('the rollout was aborted');
        if (failed.length === 0) return refuse('no store of the rollout has failed');
        for (const i of failed) Object.assign(i, { status: 'pending', error: null });
        x.status = 'running';
        x.haltedReason = null;
        x.currentWave = Math.min(...failed.map((i) => i.wave));
      }
      x.updatedAt = new Date().toISOString();
      return json(this.servedRollout(x));
    });
    r('GET', '/api/users', () => json({ items: this.users }));
    r('POST', '/api/users', async (req) => {
      const b = (await req.json()) as { username: string; role: Role };
      const u: User = {
        id: uuid(),
        username: b.username,
        role: b.role,
        disabled: false,
        createdAt: '2026-11-25T00:00:00.000Z',
        updatedAt: '2026-11-25T00:00:00.000Z',
      };
      this.users.push(u);
      return json(u, 201);
    });
    r('PATCH', '/api/users/([^/]+)', async (req, [id]) => {
      const u = this.users.find((x) => x.id === id);
      if (!u) return problem(404, 'Not found');
      Object.assign(u, await req.json());
      return json(u);
    });
    r('DELETE', '/api/users/([^/]+)', (_req, [id]) => {
      this.users = this.users.filter((x) => x.id !== id);
      return new Response(null, { status: 204 });
    });
    r('GET', '/api/tokens', () => json({ items: this.apiTokens }));
    r('POST', '/api/tokens', async (req) => {
      const b = (await req.json()) as { name: string; role: Role; expiresAt?: string | null };
      const t: ApiToken = {
        id: uuid(),
        name: b.name,
        role: b.role,
        createdBy: 'admin',
        createdAt: '2026-11-25T12:00:00.000Z',
        expiresAt: b.expiresAt ? new Date(b.expiresAt).toISOString() : null,
        lastUsedAt: null,
      };
      this.apiTokens.unshift(t);
      const secret = `spp_${'A'.repeat(42)}${this.apiTokens.length % 10}`;
      return json({ ...t, token: secret }, 201, { location: `/api/tokens/${t.id}` });
    });
    r('DELETE', '/api/tokens/([^/]+)', (_req, [id]) => {
      if (!this.apiTokens.some((t) => t.id === id)) return problem(404, 'Not found');
      this.apiTokens = this.apiTokens.filter((t) => t.id !== id);
      return new Response(null, { status: 204 });
    });
  }

  /** A template's 412: its current version and document (StaleTemplateProblem), as ETag too. */
  private staleTemplate(t: Template): Response {
    const res = problem(412, 'Precondition failed', {
      detail: `the template is at version ${t.version}`,
      currentVersion: t.version,
      current: this.served(t),
    });
    res.headers.set('etag', `"${t.version}"`);
    return res;
  }

  private followers(templateId: string): Store[] {
    return this.stores.filter((s) => s.template?.id === templateId);
  }

  private isBehind(s: Store, t: Template): boolean {
    return s.template!.version < t.version && s.status !== 'decommissioned';
  }

  /** A template as served: its counts from the stores that follow it. */
  private served(t: Template): Template {
    const followers = this.followers(t.id);
    return {
      ...t,
      storeCount: followers.length,
      behindCount: followers.filter((s) => this.isBehind(s, t) && !NOT_SYNCABLE.has(s.status))
        .length,
    };
  }

  tokens(username: string) {
    return {
      accessToken: this.accessToken,
      refreshToken: `refresh-${this.refreshCount}`,
      expiresIn: 900,
      tokenType: 'Bearer',
      user: { id: ADMIN_ID, username, role: this.role },
    };
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req =
      input instanceof Request
        ? input
        : new Request(new URL(String(input), 'http://localhost:3000'), init);
    const url = new URL(req.url);
    let body: unknown = null;
    try {
      body = await req.clone().json();
    } catch {
      body = null;
    }
    this.requests.push({
      method: req.method,
      path: url.pathname + url.search,
      headers: req.headers,
      body,
    });
    reportViolations(
      requestViolations(
        req.method,
        url.pathname,
        url.searchParams,
        req.headers.get('content-type') ?? '',
        body,
      ),
    );
    const res = await this.route(req, url);
    const text = await res.clone().text();
    let answer: unknown = text === '' ? null : text;
    try {
      answer = text === '' ? null : (JSON.parse(text) as unknown);
    } catch {
      // not JSON (a CSV, a bundle): the content type is still checked
    }
    reportViolations(
      responseViolations(
        req.method,
        url.pathname,
        res.status,
        res.headers.get('content-type') ?? '',
        answer,
      ),
    );
    return res;
  };

  private async route(req: Request, url: URL): Promise<Response> {
    const override = this.overrides.get(`${req.method} ${url.pathname}`);
    if (override) return override(req, []);
    for (const [method, re, h] of this.routes) {
      const m = re.exec(url.pathname);
      if (m && method === req.method) return h(req, m.slice(1));
    }
    return problem(404, 'Not found', { detail: `no route ${req.method} ${url.pathname}` });
  }
}

/** The template CSV's rows (a header, then one store a line; no quoted commas in tests). */
function seedsFromCsv(text: string): TemplateStoreSeed[] {
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const cols = header!.split(',');
  return lines.map((line) => {
    const v = Object.fromEntries(line.split(',').map((x, i) => [cols[i], x]));
    return {
      code: v.code ?? '',
      name: v.name ?? '',
      location: {
        address: v.address ?? '',
        city: v.city ?? '',
        region: v.region ?? '',
        country: v.country ?? '',
        postalCode: v.postalCode ?? '',
        timezone: v.timezone ?? '',
      },
      ...(v.openingDate ? { openingDate: v.openingDate } : {}),
    };
  });
}
