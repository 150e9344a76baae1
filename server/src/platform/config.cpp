#include "platform/config.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <functional>
#include <set>

#include "platform/ip_network.hpp"

extern char** environ;

namespace store::platform {
namespace {

const std::vector<ConfigKey> kKeys{
    {"data_dir", "DATA_DIR", "Directory for the SQLite database, the JWT key and local secrets."},
    {"server.bind", "BIND_ADDRESS", "Address to listen on."},
    {"server.port", "PORT", "TCP port for the API, the WebSocket and the dashboard; 0 picks a free one."},
    {"server.http_threads", "HTTP_THREADS", "Threads running the network event loop."},
    {"server.worker_threads", "WORKER_THREADS", "Threads running database work, off the event loop."},
    {"server.body_limit_bytes", "BODY_LIMIT_BYTES", "Largest request body accepted (413 above)."},
    {"server.compression_min_bytes", "COMPRESSION_MIN_BYTES", "API answers (JSON, CSV, text) of at least this size are gzipped for clients that accept it; 0 turns compression off."},
    {"server.read_timeout_ms", "READ_TIMEOUT_MS", "Time allowed to receive a whole request, and idle time of a kept-alive connection."},
    {"server.shutdown_grace_ms", "SHUTDOWN_GRACE_MS", "On SIGTERM, how long in-flight requests may take to finish."},
    {"server.max_connections", "MAX_CONNECTIONS", "Open connections beyond this are closed at once."},
    {"server.static_dir", "STATIC_DIR", "Directory of the built dashboard (frontend/dist); empty serves no UI."},
    {"server.cors_origins", "CORS_ORIGINS", "Comma-separated origins allowed by CORS; empty allows none."},
    {"http.trusted_proxies", "TRUSTED_PROXIES", "Comma-separated CIDRs (IPv4 or IPv6) of the proxies in front of the service (ingress controller, nginx); when the TCP peer is one, the client address is the rightmost address of http.forwarded_header that is not a trusted proxy. Empty: the TCP peer is the client and forwarding headers are ignored."},
    {"http.forwarded_header", "FORWARDED_HEADER", "Header the trusted proxies write the client address into: x-forwarded-for or forwarded (RFC 7239 for=). Only this one is read."},
    {"database.url", "DATABASE_URL", "PostgreSQL URL (libpq, may list several hosts); empty uses SQLite in data_dir."},
    {"database.url_file", "DATABASE_URL_FILE", "File holding the database URL (e.g. rendered by Vault Agent); wins over database.url."},
    {"database.pool_size", "DATABASE_POOL_SIZE", "Connections in the pool."},
    {"database.connect_timeout_ms", "DATABASE_CONNECT_TIMEOUT_MS", "Time allowed to open a connection."},
    {"database.acquire_timeout_ms", "DATABASE_ACQUIRE_TIMEOUT_MS", "Time a request waits for a free connection before a 503."},
    {"database.statement_timeout_ms", "DATABASE_STATEMENT_TIMEOUT_MS", "Longest a single statement may run."},
    {"database.replica_urls", "DATABASE_REPLICA_URLS", "Comma-separated URLs of streaming replicas for reads; user and password default to the primary's; empty reads from the primary."},
    {"database.replica_lag_tolerance_ms", "DATABASE_REPLICA_LAG_TOLERANCE_MS", "A replica further behind than this (or not streaming) is not used for reads."},
    {"database.max_lifetime_ms", "DATABASE_MAX_LIFETIME_MS", "Connections older than this are closed when returned and replaced."},
    {"database.idle_check_ms", "DATABASE_IDLE_CHECK_MS", "A connection idle longer than this is pinged before it is handed out."},
    {"database.transaction_pooling", "DATABASE_TRANSACTION_POOLING", "Set behind PgBouncer in transaction mode: no named prepared statements, settings per transaction."},
    {"auth.jwt_secret", "JWT_SECRET", "HS256 signing key; empty uses jwt_secret_file or a key generated in data_dir."},
    {"auth.jwt_secret_file", "JWT_SECRET_FILE", "File holding the signing key; re-read when it changes."},
    {"auth.access_ttl_seconds", "ACCESS_TOKEN_TTL_SECONDS", "Lifetime of access tokens."},
    {"auth.refresh_ttl_seconds", "REFRESH_TOKEN_TTL_SECONDS", "Lifetime of refresh tokens."},
    {"auth.remember_me_ttl_seconds", "REMEMBER_ME_TTL_SECONDS", "Lifetime of refresh tokens with \"remember me\"."},
    {"auth.max_failed_logins", "MAX_FAILED_LOGINS", "Failed logins per account from one client address before that pair gets 429 for the window; a client address gets 4x this over all accounts."},
    {"auth.failed_login_window_seconds", "FAILED_LOGIN_WINDOW_SECONDS", "Window in which failed logins are counted."},
    {"auth.max_login_delay_ms", "MAX_LOGIN_DELAY_MS", "Longest delay added to a login answer for an account or client with recent failures (it grows with each failure); never a refusal for the account's owner from another address."},
    {"auth.bootstrap_admin_password", "BOOTSTRAP_ADMIN_PASSWORD", "Password of the admin user created on first start; empty generates one into data_dir/admin-password (mode 0600), whose path (never the password) is logged."},
    {"rate_limit.requests_per_second", "RATE_LIMIT_RPS", "Sustained requests per second per client address; 0 turns the limit off."},
    {"rate_limit.burst", "RATE_LIMIT_BURST", "Requests a client may send at once above the sustained rate."},
    {"cache.max_stores", "CACHE_MAX_STORES", "Store documents kept in the in-process cache; list pages together hold at most as many."},
    {"cache.max_pages", "CACHE_MAX_PAGES", "List pages kept in the in-process cache."},
    {"redis.url", "REDIS_URL", "redis://host:port/db shared by the replicas for the store cache and live-event fan-out; empty keeps both in the process."},
    {"redis.ttl_seconds", "REDIS_TTL_SECONDS", "Safety net: cached entries expire after this long even if an invalidation was lost."},
    {"redis.timeout_ms", "REDIS_TIMEOUT_MS", "Time allowed for connecting to Redis and for each command; a miss (database read) after that."},
    {"redis.key_prefix", "REDIS_KEY_PREFIX", "Prefix of every key and of the event channel, so deployments can share a Redis database."},
    {"redis.breaker_open_wait_ms", "REDIS_BREAKER_OPEN_WAIT_MS", "How long the redis circuit breaker stays open before probing again."},
    {"provisioning.workers", "PROVISIONING_WORKERS", "Threads executing provisioning runs in this replica; 0 runs none."},
    {"provisioning.lease_seconds", "PROVISIONING_LEASE_SECONDS", "A run whose worker went silent this long is taken over by another."},
    {"provisioning.max_attempts", "PROVISIONING_MAX_ATTEMPTS", "Attempts of a step with transient failures (lost races) before the run fails."},
    {"provisioning.dependency_retry_seconds", "PROVISIONING_DEPENDENCY_RETRY_SECONDS", "How long a step keeps retrying while a dependency (database, secret store) is unavailable."},
    {"provisioning.backoff_base_ms", "PROVISIONING_BACKOFF_BASE_MS", "First retry delay; doubles per attempt, with jitter."},
    {"provisioning.backoff_cap_ms", "PROVISIONING_BACKOFF_CAP_MS", "Longest retry delay."},
    {"provisioning.poll_interval_ms", "PROVISIONING_POLL_INTERVAL_MS", "How often idle workers look for due runs (new runs wake them at once)."},
    {"provisioning.default_vlans", "PROVISIONING_DEFAULT_VLANS", "VLAN id per purpose when the plan names none."},
    {"provisioning.inject_failures", "PROVISIONING_INJECT_FAILURES", "Tests only, off when empty: transient failures to inject per step, e.g. allocate_network=2 (a test seam wrapping the named steps, jobs/fault_injection.cpp; an unknown step name stops the service at start)."},
    {"breakers.window_size", "BREAKER_WINDOW_SIZE", "Calls each circuit breaker remembers (sliding window)."},
    {"breakers.minimum_calls", "BREAKER_MINIMUM_CALLS", "Calls in the window before a breaker may open."},
    {"breakers.failure_rate_threshold", "BREAKER_FAILURE_RATE", "Share of failed calls (0-1) that opens a breaker."},
    {"breakers.slow_call_ms", "BREAKER_SLOW_CALL_MS", "A call slower than this counts as slow (Redis: its own timeout)."},
    {"breakers.slow_call_rate_threshold", "BREAKER_SLOW_CALL_RATE", "Share of slow calls (0-1) that opens a breaker."},
    {"breakers.open_wait_ms", "BREAKER_OPEN_WAIT_MS", "Time an open breaker waits before letting probe calls through (Redis: redis.breaker_open_wait_ms)."},
    {"breakers.half_open_probes", "BREAKER_HALF_OPEN_PROBES", "Probe calls that must all succeed to close a breaker again."},
    {"log.level", "LOG_LEVEL", "trace, debug, info, warn, error or off."},
    {"log.access_log", "ACCESS_LOG", "One JSON line per request."},
    {"vault.addr", "VAULT_ADDR", "Vault address, e.g. https://vault:8200; empty keeps store credentials in the encrypted local file (embedded mode)."},
    {"vault.token", "VAULT_TOKEN", "Token auth: a Vault token (renewed before expiry when renewable)."},
    {"vault.cacert", "VAULT_CACERT", "PEM file of the CA that signs Vault's TLS certificate; empty uses the system CAs."},
    {"vault.role_id", "VAULT_ROLE_ID", "AppRole auth: the role id (wins over Kubernetes and token auth)."},
    {"vault.secret_id", "VAULT_SECRET_ID", "AppRole auth: the secret id."},
    {"vault.k8s_role", "VAULT_K8S_ROLE", "Kubernetes auth: the Vault role to log in as (wins over token auth)."},
    {"vault.k8s_token_path", "VAULT_K8S_TOKEN_PATH", "Kubernetes auth: file of the service-account JWT, re-read at every login."},
    {"vault.kv_mount", "VAULT_KV_MOUNT", "Mount path of the KV version 2 engine."},
    {"vault.timeout_ms", "VAULT_TIMEOUT_MS", "Time allowed for one Vault call (connect, TLS, answer)."},
    {"vault.service_secrets_path", "VAULT_SERVICE_SECRETS_PATH", "KV path of the service's own secrets (keys database_url, jwt_key); they win over database.url and auth.jwt_secret."},
};

using Setter = std::function<std::optional<std::string>(Config&, const std::string&)>;

std::optional<std::string> SetInt(int& target, const std::string& text, long min, long max) {
    long value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || value < min ||
        value > max) {
        return "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    }
    target = static_cast<int>(value);
    return std::nullopt;
}

std::optional<std::string> SetInt64(std::int64_t& target, const std::string& text,
                                    std::int64_t min, std::int64_t max) {
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || value < min ||
        value > max) {
        return "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    }
    target = value;
    return std::nullopt;
}

std::optional<std::string> SetBool(bool& target, const std::string& text) {
    if (text == "true" || text == "1" || text == "yes") {
        target = true;
    } else if (text == "false" || text == "0" || text == "no") {
        target = false;
    } else {
        return "must be true or false";
    }
    return std::nullopt;
}

std::optional<std::string> SetDouble(double& target, const std::string& text, double min,
                                     double max) {
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used != text.size() || !(value >= min && value <= max)) {
            throw std::invalid_argument(text);
        }
        target = value;
        return std::nullopt;
    } catch (const std::exception&) {
        return "must be a number from " + std::to_string(min) + " to " + std::to_string(max);
    }
}

std::vector<std::string> SplitList(const std::string& text) {
    std::vector<std::string> out;
    std::string current;
    for (const char c : text + ",") {
        if (c == ',') {
            const auto begin = current.find_first_not_of(' ');
            const auto end = current.find_last_not_of(' ');
            if (begin != std::string::npos) {
                out.push_back(current.substr(begin, end - begin + 1));
            }
            current.clear();
        } else {
            current += c;
        }
    }
    return out;
}

std::string JoinList(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ",") + item;
    }
    return out;
}

const std::map<std::string, Setter>& Setters() {
    static const std::map<std::string, Setter> kSetters{
        {"data_dir", [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v.empty()) return "must not be empty";
             c.data_dir = v;
             return std::nullopt;
         }},
        {"server.bind", [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v.empty()) return "must not be empty";
             c.server.bind = v;
             return std::nullopt;
         }},
        {"server.port", [](Config& c, const std::string& v) { return SetInt(c.server.port, v, 0, 65535); }},
        {"server.http_threads", [](Config& c, const std::string& v) { return SetInt(c.server.http_threads, v, 1, 64); }},
        {"server.worker_threads", [](Config& c, const std::string& v) { return SetInt(c.server.worker_threads, v, 1, 256); }},
        {"server.body_limit_bytes", [](Config& c, const std::string& v) { return SetInt64(c.server.body_limit_bytes, v, 1024, 64LL * 1024 * 1024); }},
        {"server.compression_min_bytes", [](Config& c, const std::string& v) { return SetInt64(c.server.compression_min_bytes, v, 0, 64LL * 1024 * 1024); }},
        {"server.read_timeout_ms", [](Config& c, const std::string& v) { return SetInt(c.server.read_timeout_ms, v, 100, 600000); }},
        {"server.shutdown_grace_ms", [](Config& c, const std::string& v) { return SetInt(c.server.shutdown_grace_ms, v, 0, 600000); }},
        {"server.max_connections", [](Config& c, const std::string& v) { return SetInt(c.server.max_connections, v, 1, 1000000); }},
        {"server.static_dir", [](Config& c, const std::string& v) -> std::optional<std::string> { c.server.static_dir = v; return std::nullopt; }},
        {"server.cors_origins", [](Config& c, const std::string& v) -> std::optional<std::string> { c.server.cors_origins = SplitList(v); return std::nullopt; }},
        {"http.trusted_proxies", [](Config& c, const std::string& v) -> std::optional<std::string> {
             std::string bad;
             for (const auto& item : SplitList(v)) {
                 if (!ParseIpNetwork(item)) {
                     bad += (bad.empty() ? "" : ", ") + item;
                 }
             }
             if (!bad.empty()) {
                 return "must be CIDRs like 10.0.0.0/8 or fd00::/8 (host bits zero); not: " + bad;
             }
             c.http.trusted_proxies = SplitList(v);
             return std::nullopt;
         }},
        {"http.forwarded_header", [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v != "x-forwarded-for" && v != "forwarded") return "must be x-forwarded-for or forwarded";
             c.http.forwarded_header = v;
             return std::nullopt;
         }},
        {"database.url", [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (!v.empty() && v.rfind("postgresql://", 0) != 0 && v.rfind("postgres://", 0) != 0) {
                 return "must start with postgresql:// (or be empty for SQLite)";
             }
             c.database.url = v;
             return std::nullopt;
         }},
        {"database.url_file", [](Config& c, const std::string& v) -> std::optional<std::string> { c.database.url_file = v; return std::nullopt; }},
        {"database.pool_size", [](Config& c, const std::string& v) { return SetInt(c.database.pool_size, v, 1, 1000); }},
        {"database.connect_timeout_ms", [](Config& c, const std::string& v) { return SetInt(c.database.connect_timeout_ms, v, 100, 600000); }},
        {"database.acquire_timeout_ms", [](Config& c, const std::string& v) { return SetInt(c.database.acquire_timeout_ms, v, 1, 600000); }},
        {"database.statement_timeout_ms", [](Config& c, const std::string& v) { return SetInt(c.database.statement_timeout_ms, v, 0, 3600000); }},
        {"database.replica_urls", [](Config& c, const std::string& v) -> std::optional<std::string> {
             // A replica URL may list several hosts itself: a piece that does not start a new
             // URL belongs to the one before it.
             std::vector<std::string> urls;
             for (auto& piece : SplitList(v)) {
                 const bool starts = piece.rfind("postgresql://", 0) == 0 || piece.rfind("postgres://", 0) == 0;
                 if (!starts && urls.empty()) return "each URL must start with postgresql://";
                 if (starts) {
                     urls.push_back(std::move(piece));
                 } else {
                     urls.back() += "," + piece;
                 }
             }
             c.database.replica_urls = std::move(urls);
             return std::nullopt;
         }},
        {"database.replica_lag_tolerance_ms", [](Config& c, const std::string& v) { return SetInt(c.database.replica_lag_tolerance_ms, v, 0, 3600000); }},
        {"database.max_lifetime_ms", [](Config& c, const std::string& v) { return SetInt(c.database.max_lifetime_ms, v, 1000, 86400000); }},
        {"database.idle_check_ms", [](Config& c, const std::string& v) { return SetInt(c.database.idle_check_ms, v, 0, 3600000); }},
        {"database.transaction_pooling", [](Config& c, const std::string& v) { return SetBool(c.database.transaction_pooling, v); }},
        {"auth.jwt_secret", [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (!v.empty() && v.size() < 32) return "must be at least 32 characters";
             c.auth.jwt_secret = v;
             return std::nullopt;
         }},
        {"auth.jwt_secret_file", [](Config& c, const std::string& v) -> std::optional<std::string> { c.auth.jwt_secret_file = v; return std::nullopt; }},
        {"auth.access_ttl_seconds", [](Config& c, const std::string& v) { return SetInt(c.auth.access_ttl_seconds, v, 1, 86400); }},
        {"auth.refresh_ttl_seconds", [](Config& c, const std::string& v) { return SetInt(c.auth.refresh_ttl_seconds, v, 60, 365 * 86400); }},
        {"auth.remember_me_ttl_seconds", [](Config& c, const std::string& v) { return SetInt(c.auth.remember_me_ttl_seconds, v, 60, 365 * 86400); }},
        {"auth.max_failed_logins", [](Config& c, const std::string& v) { return SetInt(c.auth.max_failed_logins, v, 1, 1000); }},
        {"auth.failed_login_window_seconds", [](Config& c, const std::string& v) { return SetInt(c.auth.failed_login_window_seconds, v, 1, 86400); }},
        {"auth.max_login_delay_ms", [](Config& c, const std::string& v) { return SetInt(c.auth.max_login_delay_ms, v, 0, 10000); }},
        {"auth.bootstrap_admin_password", [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (!v.empty() && v.size() < 12) return "must be at least 12 characters";
             c.auth.bootstrap_admin_password = v;
             return std::nullopt;
         }},
        {"rate_limit.requests_per_second", [](Config& c, const std::string& v) { return SetDouble(c.rate_limit.requests_per_second, v, 0, 1e9); }},
        {"rate_limit.burst", [](Config& c, const std::string& v) { return SetInt(c.rate_limit.burst, v, 1, 100000000); }},
        {"cache.max_stores", [](Config& c, const std::string& v) { return SetInt(c.cache.max_stores, v, 0, 10000000); }},
        {"cache.max_pages", [](Config& c, const std::string& v) { return SetInt(c.cache.max_pages, v, 0, 1000000); }},
        {"redis.url", [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (!v.empty() && v.rfind("redis://", 0) != 0) {
                 return "must start with redis:// (or be empty for the in-process cache)";
             }
             c.redis.url = v;
             return std::nullopt;
         }},
        {"redis.ttl_seconds", [](Config& c, const std::string& v) { return SetInt(c.redis.ttl_seconds, v, 1, 86400); }},
        {"redis.timeout_ms", [](Config& c, const std::string& v) { return SetInt(c.redis.timeout_ms, v, 1, 60000); }},
        {"redis.key_prefix", [](Config& c, const std::string& v) -> std::optional<std::string> { c.redis.key_prefix = v; return std::nullopt; }},
        {"redis.breaker_open_wait_ms", [](Config& c, const std::string& v) { return SetInt(c.redis.breaker_open_wait_ms, v, 10, 600000); }},
        {"provisioning.workers", [](Config& c, const std::string& v) { return SetInt(c.provisioning.workers, v, 0, 64); }},
        {"provisioning.lease_seconds", [](Config& c, const std::string& v) { return SetInt(c.provisioning.lease_seconds, v, 1, 3600); }},
        {"provisioning.max_attempts", [](Config& c, const std::string& v) { return SetInt(c.provisioning.max_attempts, v, 1, 100); }},
        {"provisioning.dependency_retry_seconds", [](Config& c, const std::string& v) { return SetInt(c.provisioning.dependency_retry_seconds, v, 0, 7 * 86400); }},
        {"provisioning.backoff_base_ms", [](Config& c, const std::string& v) { return SetInt(c.provisioning.backoff_base_ms, v, 1, 600000); }},
        {"provisioning.backoff_cap_ms", [](Config& c, const std::string& v) { return SetInt(c.provisioning.backoff_cap_ms, v, 1, 3600000); }},
        {"provisioning.poll_interval_ms", [](Config& c, const std::string& v) { return SetInt(c.provisioning.poll_interval_ms, v, 10, 600000); }},
        {"provisioning.default_vlans", [](Config& c, const std::string& v) -> std::optional<std::string> {
             std::map<std::string, std::int64_t> vlans;
             for (const auto& item : SplitList(v)) {
                 const auto equals = item.find('=');
                 int vlan = 0;
                 if (equals == std::string::npos || SetInt(vlan, item.substr(equals + 1), 1, 4094)) {
                     return "must list purpose=vlan pairs with VLAN ids 1-4094, e.g. pos=10,guest=30";
                 }
                 vlans[item.substr(0, equals)] = vlan;
             }
             c.provisioning.default_vlans = vlans;
             return std::nullopt;
         }},
        {"provisioning.inject_failures", [](Config& c, const std::string& v) -> std::optional<std::string> {
             std::map<std::string, int> faults;
             for (const auto& item : SplitList(v)) {
                 const auto equals = item.find('=');
                 int times = 0;
                 if (equals == std::string::npos || SetInt(times, item.substr(equals + 1), 0, 1000)) {
                     return "must list step=count pairs, e.g. allocate_network=2";
                 }
                 faults[item.substr(0, equals)] = times;
             }
             c.provisioning.inject_failures = faults;
             return std::nullopt;
         }},
        {"breakers.window_size", [](Config& c, const std::string& v) { return SetInt(c.breakers.window_size, v, 1, 10000); }},
        {"breakers.minimum_calls", [](Config& c, const std::string& v) { return SetInt(c.breakers.minimum_calls, v, 1, 10000); }},
        {"breakers.failure_rate_threshold", [](Config& c, const std::string& v) { return SetDouble(c.breakers.failure_rate_threshold, v, 0.01, 1); }},
        {"breakers.slow_call_ms", [](Config& c, const std::string& v) { return SetInt(c.breakers.slow_call_ms, v, 1, 600000); }},
        {"breakers.slow_call_rate_threshold", [](Config& c, const std::string& v) { return SetDouble(c.breakers.slow_call_rate_threshold, v, 0.01, 1); }},
        {"breakers.open_wait_ms", [](Config& c, const std::string& v) { return SetInt(c.breakers.open_wait_ms, v, 1, 3600000); }},
        {"breakers.half_open_probes", [](Config& c, const std::string& v) { return SetInt(c.breakers.half_open_probes, v, 1, 1000); }},
        {"log.level", [](Config& c, const std::string& v) -> std::optional<std::string> {
             static const std::set<std::string> kLevels{"trace", "debug", "info", "warn", "error", "off"};
             if (!kLevels.contains(v)) return "must be one of trace, debug, info, warn, error, off";
             c.log.level = v;
             return std::nullopt;
         }},
        {"log.access_log", [](Config& c, const std::string& v) { return SetBool(c.log.access_log, v); }},
        {"vault.addr", [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (!v.empty() && v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0) {
                 return "must start with http:// or https:// (or be empty for the embedded store)";
             }
             c.vault.addr = v;
             return std::nullopt;
         }},
        {"vault.token", [](Config& c, const std::string& v) -> std::optional<std::string> { c.vault.token = v; return std::nullopt; }},
        {"vault.cacert", [](Config& c, const std::string& v) -> std::optional<std::string> { c.vault.cacert = v; return std::nullopt; }},
        {"vault.role_id", [](Config& c, const std::string& v) -> std::optional<std::string> { c.vault.role_id = v; return std::nullopt; }},
        {"vault.secret_id", [](Config& c, const std::string& v) -> std::optional<std::string> { c.vault.secret_id = v; return std::nullopt; }},
        {"vault.k8s_role", [](Config& c, const std::string& v) -> std::optional<std::string> { c.vault.k8s_role = v; return std::nullopt; }},
        {"vault.k8s_token_path", [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v.empty()) return "must not be empty";
             c.vault.k8s_token_path = v;
             return std::nullopt;
         }},
        {"vault.kv_mount", [](Config& c, const std::string& v) -> std::optional<std::string> {
             if (v.empty()) return "must not be empty";
             c.vault.kv_mount = v;
             return std::nullopt;
         }},
        {"vault.timeout_ms", [](Config& c, const std::string& v) { return SetInt(c.vault.timeout_ms, v, 50, 600000); }},
        {"vault.service_secrets_path", [](Config& c, const std::string& v) -> std::optional<std::string> { c.vault.service_secrets_path = v; return std::nullopt; }},
    };
    return kSetters;
}

// YAML aliases let a small file name an exponential number of values (26 lines, 2^26), or
// a value that contains itself (&a {p: *a}); flattening stops after this many nodes or levels,
// far more than any configuration has.
constexpr std::size_t kMaxConfigNodes = 10'000;
constexpr std::size_t kMaxConfigDepth = 32;
struct TooManyNodes {};
struct TooDeep {};

void Flatten(const YAML::Node& node, const std::string& prefix,
             std::map<std::string, std::string>& out, std::size_t& visited, std::size_t depth = 0) {
    if (++visited > kMaxConfigNodes) {
        throw TooManyNodes{};
    }
    if (depth > kMaxConfigDepth) {
        throw TooDeep{};
    }
    if (node.IsMap()) {
        for (const auto& item : node) {
            const std::string key = item.first.as<std::string>();
            Flatten(item.second, prefix.empty() ? key : prefix + "." + key, out, visited,
                    depth + 1);
        }
    } else if (node.IsSequence()) {
        std::vector<std::string> items;
        for (const auto& item : node) {
            if (++visited > kMaxConfigNodes) {
                throw TooManyNodes{};
            }
            items.push_back(item.as<std::string>());
        }
        out[prefix] = JoinList(items);
    } else if (node.IsNull()) {
        out[prefix] = "";
    } else {
        out[prefix] = node.as<std::string>();
    }
}

}  // namespace

const std::vector<ConfigKey>& ConfigKeys() { return kKeys; }

std::string ConfigKeysText() {
    std::string out;
    for (const auto& key : kKeys) {
        out.append(key.path).append("\t").append(key.env).append("\n");
    }
    return out;
}

std::map<std::string, std::string> DefaultValues() {
    const Config c;
    const auto num = [](auto value) {
        std::string text = std::to_string(value);
        if constexpr (std::is_floating_point_v<decltype(value)>) {
            text.erase(text.find_last_not_of('0') + 1);
            if (text.back() == '.') text.pop_back();
        }
        return text;
    };
    return {
        {"data_dir", c.data_dir},
        {"server.bind", c.server.bind},
        {"server.port", num(c.server.port)},
        {"server.http_threads", num(c.server.http_threads)},
        {"server.worker_threads", num(c.server.worker_threads)},
        {"server.body_limit_bytes", num(c.server.body_limit_bytes)},
        {"server.compression_min_bytes", num(c.server.compression_min_bytes)},
        {"server.read_timeout_ms", num(c.server.read_timeout_ms)},
        {"server.shutdown_grace_ms", num(c.server.shutdown_grace_ms)},
        {"server.max_connections", num(c.server.max_connections)},
        {"server.static_dir", c.server.static_dir},
        {"server.cors_origins", JoinList(c.server.cors_origins)},
        {"http.trusted_proxies", JoinList(c.http.trusted_proxies)},
        {"http.forwarded_header", c.http.forwarded_header},
        {"database.url", c.database.url},
        {"database.url_file", c.database.url_file},
        {"database.pool_size", num(c.database.pool_size)},
        {"database.connect_timeout_ms", num(c.database.connect_timeout_ms)},
        {"database.acquire_timeout_ms", num(c.database.acquire_timeout_ms)},
        {"database.statement_timeout_ms", num(c.database.statement_timeout_ms)},
        {"database.replica_urls", JoinList(c.database.replica_urls)},
        {"database.replica_lag_tolerance_ms", num(c.database.replica_lag_tolerance_ms)},
        {"database.max_lifetime_ms", num(c.database.max_lifetime_ms)},
        {"database.idle_check_ms", num(c.database.idle_check_ms)},
        {"database.transaction_pooling", c.database.transaction_pooling ? "true" : "false"},
        {"auth.jwt_secret", c.auth.jwt_secret},
        {"auth.jwt_secret_file", c.auth.jwt_secret_file},
        {"auth.access_ttl_seconds", num(c.auth.access_ttl_seconds)},
        {"auth.refresh_ttl_seconds", num(c.auth.refresh_ttl_seconds)},
        {"auth.remember_me_ttl_seconds", num(c.auth.remember_me_ttl_seconds)},
        {"auth.max_failed_logins", num(c.auth.max_failed_logins)},
        {"auth.failed_login_window_seconds", num(c.auth.failed_login_window_seconds)},
        {"auth.max_login_delay_ms", num(c.auth.max_login_delay_ms)},
        {"auth.bootstrap_admin_password", c.auth.bootstrap_admin_password},
        {"rate_limit.requests_per_second", num(c.rate_limit.requests_per_second)},
        {"rate_limit.burst", num(c.rate_limit.burst)},
        {"cache.max_stores", num(c.cache.max_stores)},
        {"cache.max_pages", num(c.cache.max_pages)},
        {"redis.url", c.redis.url},
        {"redis.ttl_seconds", num(c.redis.ttl_seconds)},
        {"redis.timeout_ms", num(c.redis.timeout_ms)},
        {"redis.key_prefix", c.redis.key_prefix},
        {"redis.breaker_open_wait_ms", num(c.redis.breaker_open_wait_ms)},
        {"provisioning.workers", num(c.provisioning.workers)},
        {"provisioning.lease_seconds", num(c.provisioning.lease_seconds)},
        {"provisioning.max_attempts", num(c.provisioning.max_attempts)},
        {"provisioning.dependency_retry_seconds", num(c.provisioning.dependency_retry_seconds)},
        {"provisioning.backoff_base_ms", num(c.provisioning.backoff_base_ms)},
        {"provisioning.backoff_cap_ms", num(c.provisioning.backoff_cap_ms)},
        {"provisioning.poll_interval_ms", num(c.provisioning.poll_interval_ms)},
        {"provisioning.default_vlans", [&] {
             std::vector<std::string> items;
             for (const auto& [purpose, vlan] : c.provisioning.default_vlans) {
                 items.push_back(purpose + "=" + std::to_string(vlan));
             }
             return JoinList(items);
         }()},
        {"provisioning.inject_failures", ""},
        {"breakers.window_size", num(c.breakers.window_size)},
        {"breakers.minimum_calls", num(c.breakers.minimum_calls)},
        {"breakers.failure_rate_threshold", num(c.breakers.failure_rate_threshold)},
        {"breakers.slow_call_ms", num(c.breakers.slow_call_ms)},
        {"breakers.slow_call_rate_threshold", num(c.breakers.slow_call_rate_threshold)},
        {"breakers.open_wait_ms", num(c.breakers.open_wait_ms)},
        {"breakers.half_open_probes", num(c.breakers.half_open_probes)},
        {"log.level", c.log.level},
        {"log.access_log", c.log.access_log ? "true" : "false"},
        {"vault.addr", c.vault.addr},
        {"vault.token", c.vault.token},
        {"vault.cacert", c.vault.cacert},
        {"vault.role_id", c.vault.role_id},
        {"vault.secret_id", c.vault.secret_id},
        {"vault.k8s_role", c.vault.k8s_role},
        {"vault.k8s_token_path", c.vault.k8s_token_path},
        {"vault.kv_mount", c.vault.kv_mount},
        {"vault.timeout_ms", num(c.vault.timeout_ms)},
        {"vault.service_secrets_path", c.vault.service_secrets_path},
    };
}

ConfigResult LoadConfig(const std::string& yaml_text, const std::map<std::string, std::string>& env,
                        const std::map<std::string, std::string>& overrides) {
    ConfigResult result;
    std::map<std::string, std::pair<std::string, std::string>> values;  // key -> (value, source)
    if (!yaml_text.empty()) {
        try {
            std::map<std::string, std::string> from_file;
            std::size_t visited = 0;
            Flatten(YAML::Load(yaml_text), "", from_file, visited);
            for (auto& [key, value] : from_file) {
                values[key] = {value, "config file"};
            }
        } catch (const YAML::Exception& e) {
            result.errors.push_back("config file: not valid YAML: " + std::string(e.what()));
        } catch (const TooManyNodes&) {
            result.errors.push_back("config file: more than " + std::to_string(kMaxConfigNodes) +
                                    " values (are YAML aliases repeating a part?)");
        } catch (const TooDeep&) {
            result.errors.push_back("config file: nested deeper than " +
                                    std::to_string(kMaxConfigDepth) +
                                    " levels (does a YAML alias contain itself?)");
        }
    }
    for (const auto& key : kKeys) {
        if (const auto it = env.find(std::string(key.env)); it != env.end()) {
            values[std::string(key.path)] = {it->second, "environment " + std::string(key.env)};
        }
    }
    for (const auto& [key, value] : overrides) {
        values[key] = {value, "command line"};
    }
    const auto& setters = Setters();
    for (const auto& [key, entry] : values) {
        const auto setter = setters.find(key);
        if (setter == setters.end()) {
            result.errors.push_back(entry.second + ": unknown key '" + key + "'");
            continue;
        }
        if (auto error = setter->second(result.config, entry.first)) {
            result.errors.push_back(entry.second + ": " + key + " " + *error);
        }
    }
    const auto& vault = result.config.vault;
    if (!vault.addr.empty() && vault.token.empty() && vault.role_id.empty() && vault.k8s_role.empty()) {
        result.errors.push_back(
            "vault.addr is set but no Vault login is: set vault.token (VAULT_TOKEN), vault.role_id "
            "(VAULT_ROLE_ID) with vault.secret_id, or vault.k8s_role (VAULT_K8S_ROLE)");
    }
    return result;
}

std::map<std::string, std::string> ProcessEnvironment() {
    std::map<std::string, std::string> out;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string text(*entry);
        const auto equals = text.find('=');
        if (equals != std::string::npos) {
            out[text.substr(0, equals)] = text.substr(equals + 1);
        }
    }
    return out;
}

}  // namespace store::platform
