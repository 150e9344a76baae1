// Seeds the service with N stores and saves what the benchmarks replay.
//
// Usage: node bench/seed.mjs BASE_URL TOKEN OUT_DIR [COUNT]
//
// Creates COUNT stores (default 10,000) with bounded concurrency over keep-alive connections,
// varying every field that does not depend on the store's status (name, type, city, region,
// country, time zone, coordinates, opening date, contact, tags, hardware and network plans).
// Then it writes, for the wrk scripts and the nginx baseline:
//   OUT_DIR/ids.txt                   one seeded store id per line
//   OUT_DIR/pages.txt                 list URLs (pageSize=100, a mix of pages, filters, sorts)
//   OUT_DIR/www/api/stores/<id>       the service's exact GET /api/stores/{id} body, per store
//   OUT_DIR/www/list/<n>.json         the service's exact body for line n of pages.txt
//   OUT_DIR/www/post.json             one POST /api/stores 201 body
//   OUT_DIR/nginx-pages.map           "args  /list/<n>.json;" lines for an nginx `map` block
// Every request has a 30 s timeout; any non-2xx answer aborts with exit code 1.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const [base, token, outDir, countArg] = process.argv.slice(2);
if (!base || !token || !outDir) {
  console.error('usage: node bench/seed.mjs BASE_URL TOKEN OUT_DIR [COUNT]');
  process.exit(2);
}
const COUNT = Number(countArg ?? 10000);
const CONCURRENCY = Number(process.env.SEED_CONCURRENCY ?? 16);
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const baseUrl = new URL(base);

function request(method, pathAndQuery, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        agent,
        host: baseUrl.hostname,
        port: baseUrl.port,
        method,
        path: pathAndQuery,
        timeout: 30000,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          if (res.statusCode < 200 || res.statusCode > 299) {
            reject(new Error(`${method} ${pathAndQuery} -> ${res.statusCode}: ${raw.toString().slice(0, 300)}`));
          } else {
            resolve({ status: res.statusCode, raw });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${pathAndQuery}: timed out`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

// Runs worker(i) for i in [0, n) with at most CONCURRENCY in flight.
async function pool(n, worker) {
  let next = 0;
  const runners = Array.from({ length: Math.min(CONCURRENCY, n) }, async () => {
    while (next < n) {
      const i = next++;
      await worker(i);
    }
  });
  await Promise.all(runners);
}

// A small deterministic PRNG so two runs seed the same data.
let seed = 20261125;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const pick = (list) => list[Math.floor(rnd() * list.length)];

const CITIES = [
  ['New York', 'NY', 'US', 'America/New_York', 40.71, -74.0],
  ['Chicago', 'IL', 'US', 'America/Chicago', 41.88, -87.63],
  ['Los Angeles', 'CA', 'US', 'America/Los_Angeles', 34.05, -118.24],
  ['Toronto', 'ON', 'CA', 'America/Toronto', 43.65, -79.38],
  ['Berlin', 'BE', 'DE', 'Europe/Berlin', 52.52, 13.4],
  ['Munich', 'BY', 'DE', 'Europe/Berlin', 48.14, 11.58],
  ['Paris', 'IDF', 'FR', 'Europe/Paris', 48.86, 2.35],
  ['Lyon', 'ARA', 'FR', 'Europe/Paris', 45.76, 4.84],
  ['London', 'LND', 'GB', 'Europe/London', 51.51, -0.13],
  ['Madrid', 'MD', 'ES', 'Europe/Madrid', 40.42, -3.7],
  ['Milan', 'LOM', 'IT', 'Europe/Rome', 45.46, 9.19],
  ['Amsterdam', 'NH', 'NL', 'Europe/Amsterdam', 52.37, 4.9],
  ['Tokyo', '13', 'JP', 'Asia/Tokyo', 35.68, 139.69],
  ['Sydney', 'NSW', 'AU', 'Australia/Sydney', -33.87, 151.21],
  ['Sao Paulo', 'SP', 'BR', 'America/Sao_Paulo', -23.55, -46.63],
];
const TYPES = ['flagship', 'standard', 'express', 'outlet', 'warehouse'];
const TAGS = ['pilot', 'east', 'west', 'mall', 'downtown', 'airport', 'renovation', '24h', 'drive-thru', 'franchise'];
const STREETS = ['Main St', 'High St', 'Market Sq', 'Station Rd', 'Park Ave', 'King St', 'Harbour Way'];
const FIRST = ['Jane', 'John', 'Ana', 'Li', 'Omar', 'Eva', 'Kenji', 'Marta', 'Noah', 'Priya'];
const LAST = ['Doe', 'Smith', 'Garcia', 'Chen', 'Haddad', 'Novak', 'Sato', 'Rossi', 'Brown', 'Iyer'];
const PURPOSES = ['pos', 'corporate', 'guest', 'iot', 'management'];

function makeStore(i) {
  const [city, region, country, timezone, lat, lon] = pick(CITIES);
  const type = pick(TYPES);
  const tags = [...new Set(Array.from({ length: Math.floor(rnd() * 4) }, () => pick(TAGS)))];
  const segments = PURPOSES.filter(() => rnd() < 0.5).map((purpose, k) => ({
    purpose,
    vlanId: rnd() < 0.8 ? 10 * (k + 1) : null,
    cidr: rnd() < 0.8 ? `10.${(i >> 8) & 255}.${(i & 255)}.${k * 32}/27` : null,
  }));
  const manager = `${pick(FIRST)} ${pick(LAST)}`;
  const store = {
    code: `SD-${String(i + 1).padStart(5, '0')}`,
    name: `${city} ${pick(STREETS)} ${type} #${i + 1}`,
    type,
    location: {
      address: `${1 + Math.floor(rnd() * 999)} ${pick(STREETS)}`,
      city,
      region,
      country,
      postalCode: String(10000 + Math.floor(rnd() * 89999)),
      timezone,
      ...(rnd() < 0.9
        ? { latitude: +(lat + (rnd() - 0.5) / 5).toFixed(5), longitude: +(lon + (rnd() - 0.5) / 5).toFixed(5) }
        : {}),
    },
    contact: {
      manager,
      email: `${manager.toLowerCase().replace(' ', '.')}@example.com`,
      phone: `+1 555 ${String(1000 + (i % 9000)).padStart(4, '0')}`,
    },
    tags,
    notes: rnd() < 0.3 ? `Seeded by the benchmark; store ${i + 1} of ${COUNT}.` : '',
    hardwarePlan: {
      pos_terminal: 1 + Math.floor(rnd() * 12),
      router: 1,
      switch: 1 + Math.floor(rnd() * 3),
      access_point: Math.floor(rnd() * 8),
      printer: Math.floor(rnd() * 4),
    },
    networkPlan: segments,
  };
  if (rnd() < 0.7) {
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    store.openingDate = `2027-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  return store;
}

// The list URLs the page benchmark replays: pages 1..N of the default order plus filters and sorts.
function pageUrls() {
  const urls = [];
  const pages = Math.max(1, Math.ceil(COUNT / 100));
  for (let p = 1; p <= Math.min(pages, 60); p++) urls.push(`/api/stores?pageSize=100&page=${p}`);
  for (const c of ['US', 'DE', 'FR', 'GB', 'JP']) urls.push(`/api/stores?pageSize=100&country=${c}`);
  for (const t of TYPES) {
    urls.push(`/api/stores?pageSize=100&type=${t}`);
    urls.push(`/api/stores?pageSize=100&type=${t}&page=2`);
  }
  for (const t of ['pilot', 'mall', 'airport']) urls.push(`/api/stores?pageSize=100&tag=${t}`);
  urls.push('/api/stores?pageSize=100&status=draft&page=3');
  urls.push('/api/stores?pageSize=100&region=BY');
  urls.push('/api/stores?pageSize=100&q=berlin');
  urls.push('/api/stores?pageSize=100&q=main');
  for (const s of ['name', '-createdAt', 'city', '-openingDate']) {
    urls.push(`/api/stores?pageSize=100&sort=${s}`);
    urls.push(`/api/stores?pageSize=100&sort=${s}&page=7`);
  }
  return urls;
}

const started = Date.now();
const www = path.join(outDir, 'www');
fs.mkdirSync(path.join(www, 'api', 'stores'), { recursive: true });
fs.mkdirSync(path.join(www, 'list'), { recursive: true });

const ids = new Array(COUNT);
await pool(COUNT, async (i) => {
  const res = await request('POST', '/api/stores', makeStore(i));
  ids[i] = JSON.parse(res.raw).id;
  if (i === 0) fs.writeFileSync(path.join(www, 'post.json'), res.raw);
});
const seeded = Date.now();
fs.writeFileSync(path.join(outDir, 'ids.txt'), ids.join('\n') + '\n');

// Save the exact response bytes nginx will serve.
await pool(COUNT, async (i) => {
  const res = await request('GET', `/api/stores/${ids[i]}`);
  fs.writeFileSync(path.join(www, 'api', 'stores', ids[i]), res.raw);
});
const urls = pageUrls();
const sizes = [];
const map = [];
await pool(urls.length, async (n) => {
  const res = await request('GET', urls[n]);
  fs.writeFileSync(path.join(www, 'list', `${n}.json`), res.raw);
  sizes[n] = res.raw.length;
  map[n] = `    "${urls[n].split('?')[1]}" /list/${n}.json;`;
});
fs.writeFileSync(path.join(outDir, 'pages.txt'), urls.join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'nginx-pages.map'), map.join('\n') + '\n');
agent.destroy();

const storeBytes = fs.statSync(path.join(www, 'api', 'stores', ids[0])).size;
const avgPage = Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length);
console.log(
  JSON.stringify({
    seeded: COUNT,
    seedSeconds: (seeded - started) / 1000,
    seedRate: Math.round(COUNT / ((seeded - started) / 1000)),
    saveSeconds: (Date.now() - seeded) / 1000,
    storeBytes,
    pageUrls: urls.length,
    avgPageBytes: avgPage,
  }),
);
