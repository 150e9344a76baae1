-- Lists, search and feeds at a chain's scale (issue 15; docs/performance.md "At chain scale").
-- pg_trgm ships with PostgreSQL and is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- `q` (a case-insensitive substring of code, name or city: ILIKE '%…%') and the inventory's
-- serial search: trigram indexes serve ILIKE, the bitmaps of the three columns are OR-ed.
CREATE INDEX stores_code_trgm_idx ON stores USING gin (code gin_trgm_ops);
CREATE INDEX stores_name_trgm_idx ON stores USING gin (name gin_trgm_ops);
CREATE INDEX stores_city_trgm_idx ON stores USING gin (city gin_trgm_ops);
CREATE INDEX stock_items_serial_trgm_idx ON stock_items USING gin (serial gin_trgm_ops);
-- The lower() indexes served no query (`q` is a substring search) and cost every write.
DROP INDEX stores_code_lower_idx;
DROP INDEX stores_name_lower_idx;
DROP INDEX stores_city_lower_idx;

-- Keyset order of the sorts by status and by type, (sort column, id) like the others: the
-- filter indexes (status, code, id) and (type, code, id) order by code within a status.
CREATE INDEX stores_status_sort_idx ON stores (status, id);
CREATE INDEX stores_type_sort_idx   ON stores (type, id);

-- The audit feed filtered by actor or by action, newest first (the store's timeline and the
-- time range have theirs since 0001).
CREATE INDEX audit_log_actor_time_idx  ON audit_log (actor, time DESC, seq DESC);
CREATE INDEX audit_log_action_time_idx ON audit_log (action, time DESC, seq DESC);
