-- Fills a freshly migrated PostgreSQL database (the service ran once on it) with a chain's worth
-- of data for `make bench-scale`: :stores stores, :audit audit entries, :items stock items.
-- Run with: psql -v stores=N -v audit=N -v items=N -f bench/scale/fill-postgres.sql URL
-- Deterministic (setseed), so that runs compare. Names, cities, tags and actors follow a skewed
-- distribution (power of a uniform number): the first entries of each list are common, the last
-- ones rare, so that both common and rare search terms exist.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET maintenance_work_mem = '512MB';
SELECT setseed(0.15);

-- The filled tables' indexes that are not constraints, and their UNIQUE constraints (random
-- ids and codes: inserting into those b-trees row by row is what makes a fill slow): dropped
-- during the fill and built again after it. Primary keys stay (foreign keys refer to them).
CREATE TEMP TABLE fill_indexes AS
SELECT i.indexname, i.indexdef
FROM pg_indexes i
WHERE i.schemaname = 'public' AND i.tablename IN ('stores', 'audit_log', 'stock_items')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname);
CREATE TEMP TABLE fill_constraints AS
SELECT c.conrelid::regclass::text AS tab, c.conname, pg_get_constraintdef(c.oid) AS def
FROM pg_constraint c
WHERE c.contype = 'u' AND c.conrelid::regclass::text IN ('stores', 'audit_log', 'stock_items');
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT indexname FROM fill_indexes LOOP
    EXECUTE format('DROP INDEX %I', r.indexname);
  END LOOP;
  FOR r IN SELECT tab, conname FROM fill_constraints LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', r.tab, r.conname);
  END LOOP;
END $$;

CREATE TEMP TABLE words (list text[]);
INSERT INTO words VALUES (ARRAY[
  'Market','Central','Plaza','Corner','Express','Station','Harbor','Park','Square','Gate',
  'Avenue','Bridge','Mill','Garden','Point','Hill','Riverside','Junction','Village','Crossing',
  'Old Town','Lakeside','Northside','Southside','Westfield','Eastgate','Meadow','Quay',
  'Boulevard','Galleria','Arcade','Terminal','Campus','Outlet Park','Forum','Orchard','Pier',
  'Cathedral','Foundry','Observatory','Lighthouse','Windmill','Vineyard','Quarry','Zeppelin']);
CREATE TEMP TABLE cities (list text[], country text[], region text[]);
INSERT INTO cities VALUES (
  ARRAY['Berlin','London','Paris','New York','Madrid','Rome','Chicago','Hamburg','Munich',
        'Lyon','Manchester','Milan','Barcelona','Houston','Vienna','Zurich','Amsterdam',
        'Rotterdam','Brussels','Warsaw','Prague','Lisbon','Porto','Dublin','Glasgow','Seattle',
        'Denver','Austin','Toronto','Montreal','Krakow','Gdansk','Bologna','Seville','Nantes',
        'Bremen','Leipzig','Utrecht','Ghent','Graz','Basel','Cork','Aarhus','Tromso','Reykjavik',
        'Ushuaia','Timbuktu','Longyearbyen'],
  ARRAY['DE','GB','FR','US','ES','IT','US','DE','DE','FR','GB','IT','ES','US','AT','CH','NL',
        'NL','BE','PL','CZ','PT','PT','IE','GB','US','US','US','CA','CA','PL','PL','IT','ES','FR',
        'DE','DE','NL','BE','AT','CH','IE','DK','NO','IS','AR','ML','NO'],
  ARRAY['Berlin','England','Ile-de-France','NY','Madrid','Lazio','IL','Hamburg','Bavaria',
        'Auvergne-Rhone-Alpes','England','Lombardy','Catalonia','TX','Vienna','Zurich',
        'North Holland','South Holland','Brussels','Masovia','Prague','Lisbon','Norte','Leinster',
        'Scotland','WA','CO','TX','ON','QC','Lesser Poland','Pomerania','Emilia-Romagna',
        'Andalusia','Pays de la Loire','Bremen','Saxony','Utrecht','Flanders','Styria','Basel',
        'Munster','Central Jutland','Troms','Capital','Tierra del Fuego','Tombouctou','Svalbard']);
CREATE TEMP TABLE tag_list (list text[]);
INSERT INTO tag_list VALUES (ARRAY[
  'mall','high-street','24h','pharmacy','drive-thru','click-collect','bakery','ev-charging',
  'cafe','parking','airport','train-station','pilot','refit-2026','flagship-ready','franchise',
  'seasonal','tax-free','heritage-site','island']);
CREATE TEMP TABLE prefixes (list text[]);
INSERT INTO prefixes VALUES (ARRAY[
  'BER','LON','PAR','NYC','MAD','ROM','CHI','HAM','MUC','LYS','MAN','MIL','BCN','HOU','VIE',
  'ZRH','AMS','RTM','BRU','WAW']);

-- Skewed index into a list of n: 1 is the most common, n the rarest.
CREATE FUNCTION pg_temp.pick(n integer, skew float8) RETURNS integer LANGUAGE sql AS
  'SELECT 1 + least(n - 1, floor(n * power(random(), skew))::integer)';

\echo fill: stores
INSERT INTO stores (id, code, name, type, status, address, city, region, country, postal_code,
                    timezone, latitude, longitude, opening_date, contact_manager, contact_email,
                    contact_phone, tags, notes, hardware_plan, network_plan, version, created_at,
                    updated_at, created_by, updated_by)
SELECT md5('store' || g)::uuid::text,
       p.list[1 + g % 20] || '-' || lpad((g / 20)::text, 6, '0'),
       w.list[pg_temp.pick(45, 2.5)] || ' ' || c.list[ci] || ' ' || (1 + g % 97),
       CASE WHEN r1 < 0.60 THEN 'standard' WHEN r1 < 0.80 THEN 'express'
            WHEN r1 < 0.90 THEN 'outlet' WHEN r1 < 0.95 THEN 'flagship' ELSE 'warehouse' END,
       CASE WHEN r2 < 0.85 THEN 'active' WHEN r2 < 0.90 THEN 'draft'
            WHEN r2 < 0.92 THEN 'provisioning' WHEN r2 < 0.93 THEN 'failed'
            WHEN r2 < 0.94 THEN 'decommissioning' ELSE 'decommissioned' END,
       (1 + g % 240) || ' ' || w.list[1 + g % 45] || ' Street',
       c.list[ci], c.region[ci], c.country[ci],
       lpad((10000 + g % 89999)::text, 5, '0'),
       'Europe/Berlin',
       round((40 + random() * 20)::numeric, 5)::float8, round((-5 + random() * 25)::numeric, 5)::float8,
       CASE WHEN r3 < 0.1 THEN NULL
            ELSE to_char(date '2005-01-01' + (r3 * 7500)::integer, 'YYYY-MM-DD') END,
       'Manager ' || g, 'store' || g || '@example.com', '+49 30 ' || lpad((g % 10000000)::text, 7, '0'),
       (SELECT coalesce(jsonb_agg(DISTINCT t.list[pg_temp.pick(20, 3.0)]), '[]'::jsonb)
          FROM tag_list t, generate_series(1, (g % 4)) k),
       '',
       '{"pos_terminal": 4, "router": 1, "switch": 1, "access_point": 2}'::jsonb,
       '[]'::jsonb,
       1,
       created, created + (random() * interval '300 days'),
       'admin', 'admin'
FROM generate_series(1, :stores) g
CROSS JOIN LATERAL (SELECT random() AS r1, random() AS r2, random() AS r3,
                           pg_temp.pick(48, 2.0) AS ci,
                           now() - interval '1800 days' + (g::float8 / :stores) * interval '1500 days'
                             AS created) v
CROSS JOIN words w CROSS JOIN cities c CROSS JOIN prefixes p;

\echo fill: audit_log
CREATE TEMP TABLE actors (list text[]);
INSERT INTO actors VALUES (ARRAY['system','admin','ops-anna','ops-bjorn','ops-carla','ops-dev',
  'ops-eli','ops-farah','ops-goran','ops-hana','ops-ivan','ops-jules','ops-kim','ops-lena',
  'ops-mo','ops-nadia','ops-omar','ops-pia','ops-quinn','ops-rosa','auditor-zed']);
INSERT INTO audit_log (id, time, actor, action, entity_type, entity_id, store_id, request_id,
                       changes, client_address)
SELECT md5('audit' || g)::uuid::text,
       now() - interval '730 days' + (g::float8 / :audit) * interval '730 days',
       a.list[pg_temp.pick(21, 2.0)],
       CASE WHEN r < 0.40 THEN 'store.updated' WHEN r < 0.55 THEN 'store.status_changed'
            WHEN r < 0.75 THEN 'run.step_changed' WHEN r < 0.85 THEN 'store.created'
            WHEN r < 0.90 THEN 'store.provision_requested' WHEN r < 0.95 THEN 'store.credentials_issued'
            WHEN r < 0.995 THEN 'store.hardware_released' ELSE 'store.deleted' END,
       'store', sid, sid,
       substr(md5('req' || g), 1, 16),
       CASE WHEN r < 0.40
            THEN '[{"field":"name","before":"\"Market Berlin 1\"","after":"\"Plaza Berlin 1\""}]'::jsonb
            ELSE '[]'::jsonb END,
       '10.' || (g % 256) || '.' || (g / 256 % 256) || '.1'
FROM generate_series(1, :audit) g
CROSS JOIN LATERAL (SELECT random() + 0 * g AS r,  -- `g`: evaluated per row, not once
                           md5('store' || (1 + floor(random() * :stores)::bigint + 0 * g))::uuid::text AS sid) v
CROSS JOIN actors a;

\echo fill: hardware_models, stock_items
INSERT INTO hardware_models (id, kind, vendor, model, created_at)
SELECT md5('model' || k || v)::uuid::text, kinds[k], vendors[v], models[v] || '-' || k, now()
FROM (SELECT ARRAY['pos_terminal','router','switch','access_point','printer'] AS kinds,
             ARRAY['Verifone','Cisco','Ubiquiti'] AS vendors,
             ARRAY['VX','C','U'] AS models) l,
     generate_series(1, 5) k, generate_series(1, 3) v
ON CONFLICT DO NOTHING;
INSERT INTO stock_items (id, serial, model_id, kind, status, store_id, created_at, updated_at)
SELECT md5('item' || g)::uuid::text,
       (ARRAY['VF','CS','UB'])[v] || (ARRAY['P','R','S','A','T'])[k]
         || lpad(upper(to_hex((g::bigint * 2654435761) % 4294967296)), 8, '0'),
       md5('model' || k || v)::uuid::text,
       (ARRAY['pos_terminal','router','switch','access_point','printer'])[k],
       st,
       CASE WHEN st IN ('allocated', 'installed')
            THEN md5('store' || (1 + floor(random() * :stores)::bigint))::uuid::text END,
       now() - interval '700 days' + (g::float8 / :items) * interval '700 days',
       now() - interval '700 days' + (g::float8 / :items) * interval '700 days'
FROM generate_series(1, :items) g
CROSS JOIN LATERAL (SELECT 1 + g % 5 AS k, 1 + (g / 5) % 3 AS v, random() AS r) v0
CROSS JOIN LATERAL (SELECT CASE WHEN r < 0.30 THEN 'in_stock' WHEN r < 0.40 THEN 'allocated'
                                WHEN r < 0.95 THEN 'installed' ELSE 'retired' END AS st) v1;

\echo fill: indexes
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT indexdef FROM fill_indexes LOOP
    EXECUTE r.indexdef;
  END LOOP;
  FOR r IN SELECT tab, conname, def FROM fill_constraints LOOP
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I %s', r.tab, r.conname, r.def);
  END LOOP;
END $$;
VACUUM ANALYZE stores;
VACUUM ANALYZE audit_log;
VACUUM ANALYZE stock_items;
VACUUM ANALYZE hardware_models;
