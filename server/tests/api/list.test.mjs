// GET /api/stores: paging, filters, sort, keyset cursor, bad parameters.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DATABASES,
  adminClient,
  assertProblem,
  startService,
  userClient,
  validStore,
} from './harness.mjs';

// 23 stores with known attributes. Codes sort as LST-000001 … LST-000023.
const TYPES = ['flagship', 'standard', 'express', 'outlet', 'warehouse'];
const CITIES = ['Berlin', 'Munich', 'Hamburg', 'New York', 'Boston'];
function seedStore(i) {
  const german = i % 5 < 3;
  const store = validStore(`LST-${String(i).padStart(6, '0')}`, {
    name: `Seed ${String.fromCharCode(90 - i)} shop ${i}`, // names sort in reverse of codes
    type: TYPES[i % 5],
    tags: i % 3 === 0 ? ['triple', 'seed'] : ['seed'],
    openingDate: `2027-01-${String(i).padStart(2, '0')}`,
  });
  store.location = {
    ...store.location,
    city: CITIES[i % 5],
    region: german ? (i % 5 === 0 ? 'BE' : i % 5 === 1 ? 'BY' : 'HH') : i % 5 === 3 ? 'NY' : 'MA',
    country: german ? 'DE' : 'US',
    timezone: german ? 'Europe/Berlin' : 'America/New_York',
  };
  return store;
}
const SEEDS = Array.from({ length: 23 }, (_, i) => seedStore(i + 1));

for (const db of DATABASES) {
  describe(`store list [${db}]`, () => {
    let service;
    let viewer;

    before(async () => {
      service = await startService({ db });
      const admin = await adminClient(service);
      const operator = await userClient(service, admin, 'operator');
      viewer = await userClient(service, admin, 'viewer');
      for (const seed of SEEDS) {
        const response = await operator.post('/api/stores', seed);
        assert.equal(response.status, 201, response.text);
      }
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    const codes = (response) => response.body.items.map((store) => store.code);

    test('default page: {items, page 1, pageSize 100, total, nextCursor}', async () => {
      const response = await viewer.get('/api/stores');
      assert.equal(response.status, 200, response.text);
      const { items, page, pageSize, total } = response.body;
      assert.equal(page, 1);
      assert.equal(pageSize, 100);
      assert.equal(total, SEEDS.length);
      assert.equal(items.length, SEEDS.length);
      assert.ok('nextCursor' in response.body);
      assert.equal(response.body.nextCursor, null, 'a single page has no next cursor');
      assert.deepEqual(codes(response), SEEDS.map((s) => s.code), 'default sort is by code');
    });

    test('page and pageSize select a slice', async () => {
      const response = await viewer.get('/api/stores?page=3&pageSize=5');
      assert.equal(response.status, 200);
      assert.equal(response.body.page, 3);
      assert.equal(response.body.pageSize, 5);
      assert.equal(response.body.total, SEEDS.length);
      assert.deepEqual(codes(response), SEEDS.slice(10, 15).map((s) => s.code));
      const last = await viewer.get('/api/stores?page=5&pageSize=5');
      assert.deepEqual(codes(last), SEEDS.slice(20).map((s) => s.code));
      const beyond = await viewer.get('/api/stores?page=99&pageSize=5');
      assert.equal(beyond.status, 200);
      assert.deepEqual(beyond.body.items, []);
      assert.equal(beyond.body.total, SEEDS.length);
      const largest = await viewer.get('/api/stores?pageSize=500');
      assert.equal(largest.status, 200);
      assert.equal(largest.body.items.length, SEEDS.length);
    });

    const FILTERS = [
      ['type=express', (s) => s.type === 'express'],
      ['region=BY', (s) => s.location.region === 'BY'],
      ['country=US', (s) => s.location.country === 'US'],
      ['tag=triple', (s) => s.tags.includes('triple')],
      ['q=munich', (s) => s.location.city === 'Munich'], // city, case-insensitive
      ['q=lst-00001', (s) => s.code.startsWith('LST-00001')], // code
      ['q=SHOP%2012', (s) => s.name.endsWith('shop 12')], // name
      ['status=draft', () => true],
      ['status=active', () => false],
      ['country=DE&type=flagship', (s) => s.location.country === 'DE' && s.type === 'flagship'],
      ['tag=triple&q=berlin', (s) => s.tags.includes('triple') && s.location.city === 'Berlin'],
      ['tag=nothing', () => false],
    ];
    for (const [query, predicate] of FILTERS) {
      test(`filter ${query}`, async () => {
        const response = await viewer.get(`/api/stores?${query}`);
        assert.equal(response.status, 200, response.text);
        const expected = SEEDS.filter(predicate).map((s) => s.code);
        assert.deepEqual(codes(response), expected);
        assert.equal(response.body.total, expected.length);
      });
    }

    test("q with form encoding: '+' is a space (URLSearchParams), %20 too", async () => {
      const expected = SEEDS.filter((s) => s.location.city === 'New York').map((s) => s.code);
      const plus = await viewer.get(`/api/stores?${new URLSearchParams({ q: 'new york' })}`);
      assert.equal(plus.status, 200, plus.text);
      assert.deepEqual(codes(plus), expected, 'q=new+york');
      const percent = await viewer.get('/api/stores?q=new%20york');
      assert.deepEqual(codes(percent), expected, 'q=new%20york');
    });

    test('a cursor from another sort order is refused or ignored, never a 500', async () => {
      const first = await viewer.get('/api/stores?sort=name&pageSize=3');
      const cursor = encodeURIComponent(first.body.nextCursor);
      for (const sort of ['createdAt', '-openingDate', 'code']) {
        const response = await viewer.get(`/api/stores?sort=${sort}&pageSize=3&cursor=${cursor}`);
        assert.ok([200, 400].includes(response.status), `${sort}: ${response.status} ${response.text}`);
      }
    });

    test('sort by name ascending and by code descending', async () => {
      const byName = await viewer.get('/api/stores?sort=name');
      assert.equal(byName.status, 200);
      const names = byName.body.items.map((s) => s.name);
      assert.deepEqual(names, [...names].sort());
      const desc = await viewer.get('/api/stores?sort=-code');
      assert.deepEqual(codes(desc), SEEDS.map((s) => s.code).reverse());
      const opening = await viewer.get('/api/stores?sort=-openingDate&pageSize=3');
      assert.deepEqual(opening.body.items.map((s) => s.openingDate), ['2027-01-23', '2027-01-22', '2027-01-21']);
      for (const sort of ['city', 'status', 'type', 'createdAt', '-updatedAt']) {
        const response = await viewer.get(`/api/stores?sort=${sort}`);
        assert.equal(response.status, 200, `${sort}: ${response.text}`);
        assert.equal(response.body.items.length, SEEDS.length);
      }
    });

    for (const [sort, query] of [
      ['code', ''],
      ['-name', ''],
      ['city', ''],
      ['-updatedAt', ''],
      ['type', '&country=DE'],
    ]) {
      test(`keyset cursor walks every page once (sort=${sort}${query})`, async () => {
        const all = await viewer.get(`/api/stores?sort=${sort}${query}&pageSize=500`);
        const expected = all.body.items.map((s) => s.id);
        const seen = [];
        let url = `/api/stores?sort=${sort}${query}&pageSize=4`;
        for (let pages = 0; pages < 50; ++pages) {
          const response = await viewer.get(url);
          assert.equal(response.status, 200, response.text);
          assert.ok(response.body.items.length <= 4);
          seen.push(...response.body.items.map((s) => s.id));
          if (response.body.nextCursor === null) {
            break;
          }
          assert.equal(typeof response.body.nextCursor, 'string');
          url = `/api/stores?sort=${sort}${query}&pageSize=4&cursor=${encodeURIComponent(response.body.nextCursor)}`;
        }
        assert.equal(new Set(seen).size, seen.length, 'no store appears twice');
        assert.deepEqual(seen, expected, 'the walk visits every store in sort order');
      });
    }

    const BAD = [
      ['page=0', 'page'],
      ['page=-1', 'page'],
      ['page=abc', 'page'],
      ['page=1.5', 'page'],
      ['pageSize=0', 'pageSize'],
      ['pageSize=501', 'pageSize'],
      ['pageSize=ten', 'pageSize'],
      ['status=open', 'status'],
      ['type=mall', 'type'],
      ['sort=colour', 'sort'],
      ['sort=--name', 'sort'],
      ['cursor=zz', 'cursor'],
      ['cursor=abcd', 'cursor'],
      ['colour=red', 'colour'],
      [`q=${'x'.repeat(201)}`, 'q'],
    ];
    for (const [query, field] of BAD) {
      test(`bad parameter ${query.slice(0, 30)} → 400 naming ${field}`, async () => {
        const response = await viewer.get(`/api/stores?${query}`);
        assertProblem(response, 400, { fields: [field] });
      });
    }

    test('cursor together with page → 400', async () => {
      const first = await viewer.get('/api/stores?pageSize=2');
      const cursor = first.body.nextCursor;
      assert.equal(typeof cursor, 'string');
      const response = await viewer.get(`/api/stores?pageSize=2&page=2&cursor=${encodeURIComponent(cursor)}`);
      assertProblem(response, 400, { fields: ['cursor'] });
    });

    test('every bad parameter is named at once', async () => {
      const response = await viewer.get('/api/stores?page=0&pageSize=9999&sort=x&status=y');
      assertProblem(response, 400, { fields: ['page', 'pageSize', 'sort', 'status'] });
    });

    test('the list needs a token → 401', async () => {
      assertProblem(await service.client().get('/api/stores'), 401);
    });
  });
}
