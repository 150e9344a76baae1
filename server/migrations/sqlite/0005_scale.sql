-- Lists and feeds at a chain's scale (issue 15; docs/performance.md "At chain scale").
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
