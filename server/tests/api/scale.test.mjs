// Lists at a chain's scale (issue 15, migration 0005): search answered through the trigram
// indexes (PostgreSQL) with the same rows as a plain scan, the audit feed's filter indexes, keyset
// cursors in every sort order agreeing with numbered pages.
// 12,000 stores and 12,000 audit entries are written with SQL (through the API it would take
// minutes), into the database the service migrated.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DATABASES, adminClient, psql, startService, userClient } from './harness.mjs';

const STORES = 12000;
const AUDIT = 12000;
const CITIES = ['Berlin', 'Hamburg', 'Munich', 'Lisbon', 'Tromso'];
const WORDS = ['Market', 'Harbor', 'Plaza', 'Zeppelin'];

// Store g: code SCL-<g>, name "<word> <city> <g>", city by g % 5, tag 'rare' on every 40th.
const pgFill = `
INSERT INTO stores (id, code, name, type, status, city, region, country, postal_code, timezone,
                    opening_date, tags, version, created_at, updated_at, created_by, updated_by)
SELECT md5('scale' || g)::uuid::text, 'SCL-' || lpad(g::text, 6, '0'),
       (ARRAY['${WORDS.join("','")}'])[1 + g % 4] || ' ' || (ARRAY['${CITIES.join("','")}'])[1 + g % 5] || ' ' || g,
       (ARRAY['standard','express','outlet'])[1 + g % 3], 'active',
       (ARRAY['${CITIES.join("','")}'])[1 + g % 5], 'R', 'DE', '10115', 'Europe/Berlin',
       CASE WHEN g % 7 = 0 THEN NULL ELSE to_char(date '2020-01-01' + g % 900, 'YYYY-MM-DD') END,
       CASE WHEN g % 40 = 0 THEN '["rare"]'::jsonb ELSE '[]'::jsonb END, 1,
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute',
       timestamptz '2026-06-01 00:00:00+00' - (g % 977) * interval '1 minute', 'admin', 'admin'
FROM generate_series(1, ${STORES}) g;
INSERT INTO audit_log (id, time, actor, action, entity_type, entity_id, store_id)
SELECT md5('scale-audit' || g)::uuid::text, timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second',
       CASE WHEN g % 100 = 0 THEN 'ops-rare' ELSE 'ops-common' END, 'store.updated', 'store',
       md5('scale' || (1 + g % ${STORES}))::uuid::text, md5('scale' || (1 + g % ${STORES}))::uuid::text
FROM generate_series(1, ${AUDIT}) g;
ANALYZE stores; ANALYZE audit_log;`;

const sqliteFill = `
INSERT INTO stores (id, code, name, type, status, city, region, country, postal_code, timezone,
                    opening_date, tags, version, created_at, updated_at, created_by, updated_by)
SELECT printf('%08x-0000-4000-8000-%012x', value, value), 'SCL-' || printf('%06d', value),
       json_extract('${JSON.stringify(WORDS)}', '$[' || (value % 4) || ']') || ' ' ||
         json_extract('${JSON.stringify(CITIES)}', '$[' || (value % 5) || ']') || ' ' || value,
       json_extract('["standard","express","outlet"]', '$[' || (value % 3) || ']'), 'active',
       json_extract('${JSON.stringify(CITIES)}', '$[' || (value % 5) || ']'), 'R', 'DE', '10115', 'Europe/Berlin',
       CASE WHEN value % 7 = 0 THEN NULL ELSE date('2020-01-01', '+' || (value % 900) || ' days') END,
       CASE WHEN value % 40 = 0 THEN '["rare"]' ELSE '[]' END, 1,
       strftime('%Y-%m-%dT%H:%M:%S', '2026-01-01', '+' || value || ' minutes') || '.000000Z',
       strftime('%Y-%m-%dT%H:%M:%S', '2026-06-01', '-' || (value % 977) || ' minutes') || '.000000Z',
       'admin', 'admin'
FROM generate_series(1, ${STORES});
INSERT INTO audit_log (id, time, actor, action, entity_type, entity_id, store_id)
SELECT printf('%08x-0000-4000-8000-%012x', value, value + 1000000),
       strftime('%Y-%m-%dT%H:%M:%S', '2026-01-01', '+' || value || ' seconds') || '.000000Z',
       CASE WHEN value % 100 = 0 THEN 'ops-rare' ELSE 'ops-common' END, 'store.updated', 'store',
       printf('%08x-0000-4000-8000-%012x', 1 + value % ${STORES}, 1 + value % ${STORES}),
       printf('%08x-0000-4000-8000-%012x', 1 + value % ${STORES}, 1 + value % ${STORES})
FROM generate_series(1, ${AUDIT});`;

function sqlite(service, sql) {
  const result = spawnSync('sqlite3', ['-bail', path.join(service.dataDir, 'store.db'), sql], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) {
    throw new Error(`sqlite3 failed: ${result.stderr}`);
  }
  return result.stdout.trim();
}

// The codes matching `q` the way the API defines it (case-insensitive substring of code, name
// or city), computed here from the same generator: an answer independent of any index.
function expectedCodes(q) {
  const needle = q.toLowerCase();
  const codes = [];
  for (let g = 1; g <= STORES; g += 1) {
    const code = `SCL-${String(g).padStart(6, '0')}`;
    const city = CITIES[g % 5];
    const name = `${WORDS[g % 4]} ${city} ${g}`;
    if ([code, name, city].some((text) => text.toLowerCase().includes(needle))) {
      codes.push(code);
    }
  }
  return codes.sort();
}

for (const db of DATABASES) {
  describe(`lists at scale [${db}]`, () => {
    let service;
    let viewer;

    before(async () => {
      service = await startService({ db });
      const admin = await adminClient(service);
      viewer = await userClient(service, admin, 'viewer');
      // Written behind the service's back: no list has been read yet, so no cached page is stale.
      if (db === 'postgres') {
        psql(pgFill, service.database);
      } else {
        sqlite(service, sqliteFill);
      }
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    test('totals up to 10,000 are exact counts', async () => {
      const response = await viewer.get('/api/stores?pageSize=10&tag=rare');
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.total, STORES / 40);
      assert.equal(response.body.totalIsEstimate, false);
      const city = await viewer.get('/api/stores?pageSize=10&q=tromso');
      assert.equal(city.body.total, STORES / 5);
      assert.equal(city.body.totalIsEstimate, false);
    });

    test('a total above 10,000: PostgreSQL answers the planner\'s estimate, flagged; SQLite counts', async () => {
      const response = await viewer.get('/api/stores?pageSize=10');
      assert.equal(response.status, 200, response.text);
      const { total, totalIsEstimate } = response.body;
      if (db === 'postgres') {
        assert.equal(totalIsEstimate, true);
        assert.ok(total > 10000, `an estimate above the bound, got ${total}`);
        // ANALYZE ran: the planner knows the table's size closely.
        assert.ok(Math.abs(total - STORES) <= STORES / 10, `estimate ${total} near ${STORES}`);
      } else {
        assert.equal(totalIsEstimate, false);
        assert.equal(total, STORES);
      }
    });

    test('the audit feed: an estimate above 10,000 entries (PostgreSQL), exact below', async () => {
      const all = await viewer.get('/api/audit?pageSize=5');
      assert.equal(all.status, 200, all.text);
      assert.equal(all.body.totalIsEstimate, db === 'postgres');
      if (db === 'postgres') {
        assert.ok(all.body.total > 10000, `got ${all.body.total}`);
      } else {
        // Plus the entries the test's own setup wrote (the viewer's creation).
        assert.ok(all.body.total >= AUDIT && all.body.total < AUDIT + 10, `got ${all.body.total}`);
      }
      const rare = await viewer.get('/api/audit?pageSize=5&actor=ops-rare');
      assert.equal(rare.body.total, AUDIT / 100);
      assert.equal(rare.body.totalIsEstimate, false);
    });

    test('the audit feed filtered by actor answers exactly that actor\'s entries', async () => {
      const rare = await viewer.get('/api/audit?pageSize=50&actor=ops-rare');
      assert.equal(rare.status, 200, rare.text);
      assert.equal(rare.body.total, AUDIT / 100);
      assert.equal(rare.body.items.length, 50);
      assert.ok(rare.body.items.every((entry) => entry.actor === 'ops-rare'));
      const times = rare.body.items.map((entry) => entry.time);
      assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
    });

    for (const q of ['zeppelin', 'ZEPPELIN TROMSO', 'scl-0012', 'rso 11', 'arbor lis', 'mu']) {
      test(`search q=${q} answers the rows a plain scan finds`, async () => {
        const expected = expectedCodes(q);
        const codes = [];
        let url = `/api/stores?pageSize=500&q=${encodeURIComponent(q)}`;
        for (;;) {
          const response = await viewer.get(url);
          assert.equal(response.status, 200, response.text);
          if (expected.length <= 10000) {
            assert.equal(response.body.total, expected.length);
          }
          codes.push(...response.body.items.map((store) => store.code));
          if (!response.body.nextCursor) break;
          url = `/api/stores?pageSize=500&q=${encodeURIComponent(q)}&cursor=${response.body.nextCursor}`;
        }
        assert.deepEqual(codes, expected);
      });
    }

    if (db === 'postgres') {
      test('search and the serial search are planned on the trigram indexes', () => {
        const plan = psql(
          // Without the trigram indexes nothing but a scan can answer ILIKE '%…%'.
          `SET enable_seqscan = off; EXPLAIN SELECT id FROM stores WHERE code ILIKE '%scl-00123%' OR name ILIKE '%scl-00123%' OR city ILIKE '%scl-00123%'`,
          service.database,
        );
        for (const index of ['stores_code_trgm_idx', 'stores_name_trgm_idx', 'stores_city_trgm_idx']) {
          assert.match(plan, new RegExp(index), plan);
        }
        const serial = psql(
          `SET enable_seqscan = off; EXPLAIN SELECT id FROM stock_items WHERE serial ILIKE '%ab12%'`,
          service.database,
        );
        assert.match(serial, /stock_items_serial_trgm_idx/, serial);
      });

      test('the audit feed filtered by actor or action is planned on its index', () => {
        const actor = psql(
          `EXPLAIN SELECT id FROM audit_log WHERE actor = 'ops-rare' ORDER BY time DESC, seq DESC LIMIT 50`,
          service.database,
        );
        assert.match(actor, /audit_log_actor_time_idx/, actor);
        const action = psql(
          `SET enable_seqscan = off; EXPLAIN SELECT id FROM audit_log WHERE action = 'store.deleted' ORDER BY time DESC, seq DESC LIMIT 50`,
          service.database,
        );
        assert.match(action, /audit_log_action_time_idx/, action);
      });
    }

    const sorts = ['code', 'name', 'city', 'status', 'type', 'createdAt', 'updatedAt', 'openingDate'];
    for (const sort of sorts.flatMap((s) => [s, `-${s}`])) {
      test(`keyset cursor agrees with numbered pages (sort=${sort}, 300 rows)`, async () => {
        const filter = 'tag=rare';
        const numbered = [];
        for (let page = 1; page <= 3; page += 1) {
          const response = await viewer.get(`/api/stores?${filter}&sort=${sort}&pageSize=100&page=${page}`);
          assert.equal(response.status, 200, response.text);
          numbered.push(...response.body.items.map((store) => store.id));
        }
        const walked = [];
        let url = `/api/stores?${filter}&sort=${sort}&pageSize=70`;
        for (;;) {
          const response = await viewer.get(url);
          assert.equal(response.status, 200, response.text);
          walked.push(...response.body.items.map((store) => store.id));
          if (!response.body.nextCursor) break;
          url = `/api/stores?${filter}&sort=${sort}&pageSize=70&cursor=${response.body.nextCursor}`;
        }
        assert.equal(new Set(walked).size, STORES / 40);
        assert.deepEqual(walked, numbered);
      });
    }
  });
}
