// Realistic demo data through the public API: address pools, hardware stock, ~30 stores in
// every status. Used by the README screenshot (readme-screenshot.mjs) and the Lighthouse
// script (../../bench/lighthouse/run.mjs), so both show a dashboard as operators see it.
//
// What the statuses need from the service's environment:
//   - "failed":       one store asks for more access points than are in stock (permanent).
//   - "provisioning": with PROVISIONING_INJECT_FAILURES=render_configs=2 and a long
//                     PROVISIONING_BACKOFF_BASE_MS, the first two runs wait in a retry; the
//                     seeder provisions `inFlight` stores first so that they are the ones.
import { api } from './service.mjs';

const CITIES = [
  ['NYC', 'Manhattan 5th Avenue', 'New York', 'NY', 'US', 'America/New_York', '10001'],
  ['BKN', 'Brooklyn Heights', 'New York', 'NY', 'US', 'America/New_York', '11201'],
  ['CHI', 'Chicago Magnificent Mile', 'Chicago', 'IL', 'US', 'America/Chicago', '60611'],
  ['SFO', 'San Francisco Union Sq', 'San Francisco', 'CA', 'US', 'America/Los_Angeles', '94108'],
  ['SEA', 'Seattle Pike Place', 'Seattle', 'WA', 'US', 'America/Los_Angeles', '98101'],
  ['AUS', 'Austin South Congress', 'Austin', 'TX', 'US', 'America/Chicago', '78704'],
  ['BOS', 'Boston Newbury St', 'Boston', 'MA', 'US', 'America/New_York', '02116'],
  ['TOR', 'Toronto Eaton Centre', 'Toronto', 'ON', 'CA', 'America/Toronto', 'M5B 2H1'],
  ['LON', 'London Oxford Street', 'London', 'LDN', 'GB', 'Europe/London', 'W1D 1BS'],
  ['MAN', 'Manchester Arndale', 'Manchester', 'MAN', 'GB', 'Europe/London', 'M4 3AQ'],
  ['PAR', 'Paris Rivoli', 'Paris', 'IDF', 'FR', 'Europe/Paris', '75001'],
  ['LYS', 'Lyon Part-Dieu', 'Lyon', 'ARA', 'FR', 'Europe/Paris', '69003'],
  ['BER', 'Berlin Mitte', 'Berlin', 'BE', 'DE', 'Europe/Berlin', '10117'],
  ['MUC', 'Munich Marienplatz', 'Munich', 'BY', 'DE', 'Europe/Berlin', '80331'],
  ['HAM', 'Hamburg Speicherstadt', 'Hamburg', 'HH', 'DE', 'Europe/Berlin', '20457'],
  ['AMS', 'Amsterdam Kalverstraat', 'Amsterdam', 'NH', 'NL', 'Europe/Amsterdam', '1012'],
  ['MAD', 'Madrid Gran Via', 'Madrid', 'MD', 'ES', 'Europe/Madrid', '28013'],
  ['BCN', 'Barcelona Passeig de Gracia', 'Barcelona', 'CT', 'ES', 'Europe/Madrid', '08007'],
  ['MIL', 'Milan Corso Buenos Aires', 'Milan', 'LOM', 'IT', 'Europe/Rome', '20124'],
  ['VIE', 'Vienna Mariahilfer', 'Vienna', 'W', 'AT', 'Europe/Vienna', '1060'],
  ['ZRH', 'Zurich Bahnhofstrasse', 'Zurich', 'ZH', 'CH', 'Europe/Zurich', '8001'],
  ['CPH', 'Copenhagen Stroget', 'Copenhagen', 'H', 'DK', 'Europe/Copenhagen', '1160'],
  ['STO', 'Stockholm Drottninggatan', 'Stockholm', 'AB', 'SE', 'Europe/Stockholm', '111 51'],
  ['WAW', 'Warsaw Zlote Tarasy', 'Warsaw', 'MZ', 'PL', 'Europe/Warsaw', '00-120'],
  ['DUB', 'Dublin Grafton Street', 'Dublin', 'D', 'IE', 'Europe/Dublin', 'D02'],
  ['TYO', 'Tokyo Ginza', 'Tokyo', '13', 'JP', 'Asia/Tokyo', '104-0061'],
  ['SYD', 'Sydney Pitt Street', 'Sydney', 'NSW', 'AU', 'Australia/Sydney', '2000'],
  ['SGP', 'Singapore Orchard Road', 'Singapore', 'SG', 'SG', 'Asia/Singapore', '238801'],
  ['MEL', 'Melbourne Bourke Street', 'Melbourne', 'VIC', 'AU', 'Australia/Melbourne', '3000'],
  ['OSL', 'Oslo Karl Johans gate', 'Oslo', 'OS', 'NO', 'Europe/Oslo', '0154'],
];
const TYPES = ['flagship', 'standard', 'standard', 'express', 'standard', 'outlet', 'warehouse'];
const MANAGERS = ['Jane Doe', 'Amir Khan', 'Lena Vogel', 'Marco Rossi', 'Yuki Tanaka', 'Ana Ruiz'];
const PLANS = {
  flagship: { pos_terminal: 6, router: 1, switch: 2, access_point: 4, printer: 2 },
  standard: { pos_terminal: 3, router: 1, switch: 1, access_point: 2, printer: 1 },
  express: { pos_terminal: 2, router: 1, access_point: 1 },
  outlet: { pos_terminal: 4, router: 1, switch: 1, access_point: 2, printer: 1 },
  warehouse: { router: 1, switch: 2, access_point: 6, printer: 2 },
};
const SEGMENTS = {
  flagship: ['pos', 'corporate', 'guest', 'iot', 'management'],
  standard: ['pos', 'corporate', 'guest', 'management'],
  express: ['pos', 'management'],
  outlet: ['pos', 'corporate', 'guest', 'management'],
  warehouse: ['corporate', 'iot', 'management'],
};
const STOCK = { pos_terminal: 80, router: 30, switch: 30, access_point: 70, printer: 30 };
const VENDORS = {
  pos_terminal: ['Verifone', 'V400m'],
  router: ['Cisco', 'ISR 1100'],
  switch: ['Aruba', 'CX 6100'],
  access_point: ['Ubiquiti', 'U6 Pro'],
  printer: ['Zebra', 'ZD421'],
};

function must(r, what) {
  if (r.status < 200 || r.status > 299) {
    throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
  }
  return r.json;
}

async function until(fn, what, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Seeds `count` stores (≤ 30). Of them, `inFlight` stay provisioning (see above), one fails,
 * one is decommissioned, `active` become active and the rest stay drafts.
 * Returns the created stores by code.
 */
export async function seedDemo(
  base,
  token,
  { count = 30, active = 16, inFlight = 2, log = () => {} } = {},
) {
  const call = (method, path, body) => api(base, token, method, path, body);
  const statusOf = async (id) => must(await call('GET', `/api/stores/${id}`), 'get').status;

  log('pools and stock');
  const purposes = ['pos', 'corporate', 'guest', 'iot', 'management'];
  for (const [i, purpose] of purposes.entries()) {
    must(
      await call('POST', '/api/network/pools', {
        purpose,
        cidr: `10.${40 + i}.0.0/16`,
        segmentPrefix: 24,
      }),
      `pool ${purpose}`,
    );
  }
  for (const [kind, n] of Object.entries(STOCK)) {
    const [vendor, model] = VENDORS[kind];
    const m = must(await call('POST', '/api/hardware/models', { kind, vendor, model }), kind);
    const prefix = kind
      .replace(/[^a-z]/g, '')
      .slice(0, 3)
      .toUpperCase();
    for (let i = 1; i <= n; i += 1) {
      must(
        await call('POST', '/api/hardware/items', {
          serial: `${prefix}-${String(240000 + i)}`,
          modelId: m.id,
        }),
        `item ${kind} ${i}`,
      );
    }
  }

  const failingIndex = 1 + inFlight;
  const stores = [];
  const n = Math.min(count, CITIES.length);
  const createStores = async (from, to) => {
    for (let i = from; i < to; i += 1) {
      const [prefix, name, city, region, country, timezone, postalCode] = CITIES[i];
      const type = i === 0 ? 'flagship' : TYPES[i % TYPES.length];
      const month = String(1 + (i % 12)).padStart(2, '0');
      const s = must(
        await call('POST', '/api/stores', {
          code: `${prefix}-${String(100 + i * 7).padStart(4, '0')}`,
          name,
          type,
          location: {
            address: `${10 + i} Main Street`,
            city,
            region,
            country,
            postalCode,
            timezone,
          },
          openingDate: `2027-${month}-15`,
          contact: {
            manager: MANAGERS[i % MANAGERS.length],
            email: `${prefix.toLowerCase()}.manager@example.com`,
            phone: '+1 212 555 0100',
          },
          tags: [country.toLowerCase(), i % 3 === 0 ? 'pilot' : 'rollout-2027'],
          notes: '',
          // More access points than the stock holds: this store's run fails permanently.
          hardwarePlan: i === failingIndex ? { ...PLANS[type], access_point: 100 } : PLANS[type],
          networkPlan: SEGMENTS[type].map((purpose) => ({ purpose, vlanId: null, cidr: null })),
        }),
        `store ${prefix}`,
      );
      stores.push(s);
    }
  };
  // The last few stay drafts and are created at the end, so the activity feed shows a mix.
  const early = Math.max(Math.min(n, 2 + inFlight + active), n - 2);
  log('stores');
  await createStores(0, early);

  // The order matters: the first runs to reach render_configs absorb the injected failures.
  const flight = stores.slice(1, 1 + inFlight);
  const failing = stores[failingIndex];
  const rest = stores.slice(2 + inFlight, 2 + inFlight + active);
  // Transitions need the current version in If-Match, like every write to a store.
  const transition = async (s, action) => {
    const cur = await call('GET', `/api/stores/${s.id}`);
    const etag = cur.headers.get('etag');
    const r = await api(base, token, 'POST', `/api/stores/${s.id}/${action}`, undefined, {
      'if-match': etag,
    });
    return must(r, `${action} ${s.code}`);
  };
  const provision = (s) => transition(s, 'provision');

  log(`provisioning ${flight.length} slow runs`);
  for (const s of flight) await provision(s);
  // Wait until each has taken its injected failure (or finished, when none is configured).
  for (const s of flight) {
    await until(async () => {
      const run = (await call('GET', `/api/stores/${s.id}/runs`)).json?.items?.[0];
      return (
        run?.finishedAt ||
        run?.steps?.some((st) => st.name === 'render_configs' && st.attempts >= 1)
      );
    }, `${s.code} to reach render_configs`);
  }

  log('one store out of stock');
  await provision(failing);
  await until(async () => (await statusOf(failing.id)) === 'failed', 'the failed run');

  log(`provisioning ${rest.length} stores`);
  const waitActive = async (list) => {
    for (const s of list) {
      await until(async () => (await statusOf(s.id)) === 'active', `${s.code} to be active`);
    }
  };
  const half = Math.ceil(rest.length / 2);
  for (const s of rest.slice(0, half)) await provision(s);
  await waitActive(rest.slice(0, half));
  // One store closed again.
  const closing = rest[0];
  if (closing) {
    log(`decommissioning ${closing.code}`);
    await transition(closing, 'decommission');
    await until(async () => (await statusOf(closing.id)) === 'decommissioned', 'decommissioned');
  }
  for (const s of rest.slice(half)) await provision(s);
  await waitActive(rest.slice(half));
  log('late drafts');
  await createStores(early, n);
  return Object.fromEntries(stores.map((s) => [s.code, s]));
}
