-- Fills a freshly migrated SQLite database (the service ran once on it) for `make bench-scale`:
-- :stores stores, :audit audit entries, :items stock items. run.sh sets the parameters
-- (.parameter set), drops the tables' plain indexes before and builds them again after.
-- The same lists and skew as fill-postgres.sql: the first entries of each list are common, the
-- last ones rare. Times are FormatTime's text ("YYYY-MM-DDTHH:MM:SS.ffffffZ").
.bail on
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;

CREATE TEMP TABLE lists (lname TEXT PRIMARY KEY, list TEXT NOT NULL, n INTEGER NOT NULL);
INSERT INTO lists (lname, list, n) VALUES
  ('words', '["Market","Central","Plaza","Corner","Express","Station","Harbor","Park","Square","Gate","Avenue","Bridge","Mill","Garden","Point","Hill","Riverside","Junction","Village","Crossing","Old Town","Lakeside","Northside","Southside","Westfield","Eastgate","Meadow","Quay","Boulevard","Galleria","Arcade","Terminal","Campus","Outlet Park","Forum","Orchard","Pier","Cathedral","Foundry","Observatory","Lighthouse","Windmill","Vineyard","Quarry","Zeppelin"]', 45),
  ('cities', '["Berlin","London","Paris","New York","Madrid","Rome","Chicago","Hamburg","Munich","Lyon","Manchester","Milan","Barcelona","Houston","Vienna","Zurich","Amsterdam","Rotterdam","Brussels","Warsaw","Prague","Lisbon","Porto","Dublin","Glasgow","Seattle","Denver","Austin","Toronto","Montreal","Krakow","Gdansk","Bologna","Seville","Nantes","Bremen","Leipzig","Utrecht","Ghent","Graz","Basel","Cork","Aarhus","Tromso","Reykjavik","Ushuaia","Timbuktu","Longyearbyen"]', 48),
  ('countries', '["DE","GB","FR","US","ES","IT","US","DE","DE","FR","GB","IT","ES","US","AT","CH","NL","NL","BE","PL","CZ","PT","PT","IE","GB","US","US","US","CA","CA","PL","PL","IT","ES","FR","DE","DE","NL","BE","AT","CH","IE","DK","NO","IS","AR","ML","NO"]', 48),
  ('regions', '["Berlin","England","Ile-de-France","NY","Madrid","Lazio","IL","Hamburg","Bavaria","Auvergne-Rhone-Alpes","England","Lombardy","Catalonia","TX","Vienna","Zurich","North Holland","South Holland","Brussels","Masovia","Prague","Lisbon","Norte","Leinster","Scotland","WA","CO","TX","ON","QC","Lesser Poland","Pomerania","Emilia-Romagna","Andalusia","Pays de la Loire","Bremen","Saxony","Utrecht","Flanders","Styria","Basel","Munster","Central Jutland","Troms","Capital","Tierra del Fuego","Tombouctou","Svalbard"]', 48),
  ('tags', '["mall","high-street","24h","pharmacy","drive-thru","click-collect","bakery","ev-charging","cafe","parking","airport","train-station","pilot","refit-2026","flagship-ready","franchise","seasonal","tax-free","heritage-site","island"]', 20),
  ('prefixes', '["BER","LON","PAR","NYC","MAD","ROM","CHI","HAM","MUC","LYS","MAN","MIL","BCN","HOU","VIE","ZRH","AMS","RTM","BRU","WAW"]', 20),
  ('actors', '["system","admin","ops-anna","ops-bjorn","ops-carla","ops-dev","ops-eli","ops-farah","ops-goran","ops-hana","ops-ivan","ops-jules","ops-kim","ops-lena","ops-mo","ops-nadia","ops-omar","ops-pia","ops-quinn","ops-rosa","auditor-zed"]', 21);

-- U: a uniform number in [0, 1), written out where it is used: SQLite evaluates a subquery
-- that does not refer to the current row only once (hence `0 * g` in the random store lookups),
-- and it copies a subquery's random expression into each place that uses it: random values used
-- twice (a city and its country, a status and its store) are fixed in a temp table `base` first.

.print fill: stores
BEGIN;
CREATE TEMP TABLE base AS
SELECT value AS g, hex(randomblob(16)) AS h,
       min(47, CAST(48 * power(((abs(random()) % 1000000000) / 1e9), 2.0) AS INTEGER)) AS ci,
       ((abs(random()) % 1000000000) / 1e9) AS r1, ((abs(random()) % 1000000000) / 1e9) AS r2,
       ((abs(random()) % 1000000000) / 1e9) AS r3
FROM generate_series(1, :stores);
INSERT INTO stores (id, code, name, type, status, address, city, region, country, postal_code,
                    timezone, latitude, longitude, opening_date, contact_manager, contact_email,
                    contact_phone, tags, notes, hardware_plan, network_plan, version, created_at,
                    updated_at, created_by, updated_by)
SELECT id, code, name, type, status, address,
       json_extract(c.list, '$[' || ci || ']'), json_extract(r.list, '$[' || ci || ']'),
       json_extract(k.list, '$[' || ci || ']'),
       substr('0000' || (10000 + g % 89999), -5), 'Europe/Berlin',
       round(40 + r1 * 20, 5), round(-5 + r2 * 25, 5),
       CASE WHEN r3 < 0.1 THEN NULL ELSE date('2005-01-01', '+' || CAST(r3 * 7500 AS INTEGER) || ' days') END,
       'Manager ' || g, 'store' || g || '@example.com', '+49 30 ' || substr('0000000' || (g % 10000000), -7),
       tags, '', '{"access_point":2,"pos_terminal":4,"router":1,"switch":1}', '[]', 1,
       strftime('%Y-%m-%dT%H:%M:%S', created) || '.000000Z',
       strftime('%Y-%m-%dT%H:%M:%S', created + r2 * 300) || '.000000Z',
       'admin', 'admin'
FROM (
  SELECT g,
         lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' ||
               substr(h, 18, 3) || '-' || substr(h, 21, 12)) AS id,
         json_extract(p.list, '$[' || (g % 20) || ']') || '-' || substr('000000' || (g / 20), -6) AS code,
         json_extract(w.list, '$[' || min(44, CAST(45 * power(((abs(random()) % 1000000000) / 1e9), 2.5) AS INTEGER)) || ']')
           || ' ' || json_extract(c.list, '$[' || ci || ']') || ' ' || (1 + g % 97) AS name,
         CASE WHEN r1 < 0.60 THEN 'standard' WHEN r1 < 0.80 THEN 'express'
              WHEN r1 < 0.90 THEN 'outlet' WHEN r1 < 0.95 THEN 'flagship' ELSE 'warehouse' END AS type,
         CASE WHEN r2 < 0.85 THEN 'active' WHEN r2 < 0.90 THEN 'draft'
              WHEN r2 < 0.92 THEN 'provisioning' WHEN r2 < 0.93 THEN 'failed'
              WHEN r2 < 0.94 THEN 'decommissioning' ELSE 'decommissioned' END AS status,
         (1 + g % 240) || ' ' || json_extract(w.list, '$[' || (g % 45) || ']') || ' Street' AS address,
         ci, r1, r2, r3,
         (SELECT json_group_array(DISTINCT t) FROM (
             SELECT json_extract(tl.list, '$[' || min(19, CAST(20 * power(((abs(random()) % 1000000000) / 1e9), 3.0) AS INTEGER)) || ']') AS t
             FROM generate_series(1, g % 4) WHERE g % 4 > 0)) AS tags,
         julianday('now') - 1800 + (g * 1.0 / :stores) * 1500 AS created
  FROM base,
       lists w, lists c, lists p, lists tl
  WHERE w.lname = 'words' AND c.lname = 'cities' AND p.lname = 'prefixes' AND tl.lname = 'tags'
), lists c, lists r, lists k
WHERE c.lname = 'cities' AND r.lname = 'regions' AND k.lname = 'countries';
DROP TABLE base;
COMMIT;

.print fill: audit_log
BEGIN;
CREATE TEMP TABLE base AS
SELECT value AS g, hex(randomblob(16)) AS h, ((abs(random()) % 1000000000) / 1e9) AS r,
       (SELECT id FROM stores WHERE rowid = 1 + (abs(random()) + 0 * value) % :stores) AS sid
FROM generate_series(1, :audit);
INSERT INTO audit_log (id, time, actor, action, entity_type, entity_id, store_id, request_id,
                       changes, client_address)
SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' ||
             substr(h, 18, 3) || '-' || substr(h, 21, 12)),
       strftime('%Y-%m-%dT%H:%M:%S', julianday('now') - 730 + (g * 1.0 / :audit) * 730) || '.000000Z',
       json_extract(a.list, '$[' || min(20, CAST(21 * power(((abs(random()) % 1000000000) / 1e9), 2.0) AS INTEGER)) || ']'),
       CASE WHEN r < 0.40 THEN 'store.updated' WHEN r < 0.55 THEN 'store.status_changed'
            WHEN r < 0.75 THEN 'run.step_changed' WHEN r < 0.85 THEN 'store.created'
            WHEN r < 0.90 THEN 'store.provision_requested' WHEN r < 0.95 THEN 'store.credentials_issued'
            WHEN r < 0.995 THEN 'store.hardware_released' ELSE 'store.deleted' END,
       'store', sid, sid, lower(hex(randomblob(8))),
       CASE WHEN r < 0.40
            THEN '[{"field":"name","before":"\"Market Berlin 1\"","after":"\"Plaza Berlin 1\""}]'
            ELSE '[]' END,
       '10.' || (g % 256) || '.' || (g / 256 % 256) || '.1'
FROM base, lists a
WHERE a.lname = 'actors';
DROP TABLE base;
COMMIT;

.print fill: hardware_models, stock_items
BEGIN;
INSERT OR IGNORE INTO hardware_models (id, kind, vendor, model, created_at)
SELECT 'model-' || k.value || '-' || v.value,
       json_extract('["pos_terminal","router","switch","access_point","printer"]', '$[' || (k.value - 1) || ']'),
       json_extract('["Verifone","Cisco","Ubiquiti"]', '$[' || (v.value - 1) || ']'),
       json_extract('["VX","C","U"]', '$[' || (v.value - 1) || ']') || '-' || k.value,
       strftime('%Y-%m-%dT%H:%M:%S', 'now') || '.000000Z'
FROM generate_series(1, 5) k, generate_series(1, 3) v;
CREATE TEMP TABLE base AS
SELECT g, h, k, v, t,
       CASE WHEN r < 0.30 THEN 'in_stock' WHEN r < 0.40 THEN 'allocated'
            WHEN r < 0.95 THEN 'installed' ELSE 'retired' END AS st
FROM (SELECT value AS g, hex(randomblob(16)) AS h, 1 + value % 5 AS k, 1 + (value / 5) % 3 AS v,
             ((abs(random()) % 1000000000) / 1e9) AS r,
             strftime('%Y-%m-%dT%H:%M:%S', julianday('now') - 700 + (value * 1.0 / :items) * 700) || '.000000Z' AS t
      FROM generate_series(1, :items));
INSERT INTO stock_items (id, serial, model_id, kind, status, store_id, created_at, updated_at)
SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' ||
             substr(h, 18, 3) || '-' || substr(h, 21, 12)),
       json_extract('["VF","CS","UB"]', '$[' || (v - 1) || ']') ||
         json_extract('["P","R","S","A","T"]', '$[' || (k - 1) || ']') ||
         printf('%08X', (g * 2654435761) % 4294967296),
       'model-' || k || '-' || v,
       json_extract('["pos_terminal","router","switch","access_point","printer"]', '$[' || (k - 1) || ']'),
       st,
       CASE WHEN st IN ('allocated', 'installed')
            THEN (SELECT id FROM stores WHERE rowid = 1 + (abs(random()) + 0 * g) % :stores) END,
       t, t
FROM base;
DROP TABLE base;
COMMIT;
