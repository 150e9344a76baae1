#include "platform/config_keys.hpp"

#include "platform/config_checks.hpp"

#include <charconv>
#include <map>
#include <regex>
#include <set>

#include "platform/ip_network.hpp"

namespace store::platform {
namespace {
using namespace config_checks;

// Fields bound to a member of a section of Config (`&Config::server, &ServerConfig::port`).
template <class Section>
ConfigField Text(Section Config::*section, std::string Section::*member, Check check = nullptr) {
    return {
        [=](Config& c, const std::string& v) { return AssignText(c.*section.*member, v, check); },
        [=](const Config& c) { return c.*section.*member; }};
}

template <class Section, class T>
ConfigField Whole(Section Config::*section, T Section::*member, std::int64_t min,
                  std::int64_t max) {
    return {[=](Config& c, const std::string& v) -> ConfigError {
                const auto value = ParseWhole(v, min, max);
                if (!value) {
                    return "must be a whole number from " + std::to_string(min) + " to " +
                           std::to_string(max);
                }
                c.*section.*member = static_cast<T>(*value);
                return std::nullopt;
            },
            [=](const Config& c) { return std::to_string(c.*section.*member); }};
}

template <class Section>
ConfigField Number(Section Config::*section, double Section::*member, double min, double max) {
    return {[=](Config& c, const std::string& v) -> ConfigError {
                try {
                    std::size_t used = 0;
                    const double value = std::stod(v, &used);
                    if (used == v.size() && value >= min && value <= max) {
                        c.*section.*member = value;
                        return std::nullopt;
                    }
                } catch (const std::exception&) {
                }
                return "must be a number from " + std::to_string(min) + " to " +
                       std::to_string(max);
            },
            [=](const Config& c) {
                std::string text = std::to_string(c.*section.*member);
                text.erase(text.find_last_not_of('0') + 1);
                if (text.back() == '.') {
                    text.pop_back();
                }
                return text;
            }};
}

template <class Section>
ConfigField Flag(Section Config::*section, bool Section::*member) {
    return {[=](Config& c, const std::string& v) -> ConfigError {
                if (v == "true" || v == "1" || v == "yes") {
                    c.*section.*member = true;
                } else if (v == "false" || v == "0" || v == "no") {
                    c.*section.*member = false;
                } else {
                    return "must be true or false";
                }
                return std::nullopt;
            },
            [=](const Config& c) { return std::string(c.*section.*member ? "true" : "false"); }};
}

template <class Section>
ConfigField List(Section Config::*section, std::vector<std::string> Section::*member) {
    return {[=](Config& c, const std::string& v) -> ConfigError {
                c.*section.*member = SplitList(v);
                return std::nullopt;
            },
            [=](const Config& c) { return JoinList(c.*section.*member); }};
}

}  // namespace

std::string JoinList(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ",") + item;
    }
    return out;
}

// Every key, in documentation order: path, environment variable, help, and its field.
const std::vector<ConfigRow>& ConfigRows() {
    static const std::vector<ConfigRow> kRows{
        {{"data_dir", "DATA_DIR",
          "Directory for the SQLite database, the JWT key and local secrets."},
         {[](Config& c, const std::string& v) { return AssignText(c.data_dir, v, NotEmpty); },
          [](const Config& c) { return c.data_dir; }}},
        {{"server.bind", "BIND_ADDRESS", "Address to listen on."},
         Text(&Config::server, &ServerConfig::bind, NotEmpty)},
        {{"server.port", "PORT",
          "TCP port for the API, the WebSocket and the dashboard; 0 picks a free one."},
         Whole(&Config::server, &ServerConfig::port, 0, 65535)},
        {{"server.http_threads", "HTTP_THREADS", "Threads running the network event loop."},
         Whole(&Config::server, &ServerConfig::http_threads, 1, 64)},
        {{"server.worker_threads", "WORKER_THREADS",
          "Threads running database work, off the event loop."},
         Whole(&Config::server, &ServerConfig::worker_threads, 1, 256)},
        {{"server.body_limit_bytes", "BODY_LIMIT_BYTES",
          "Largest request body accepted (413 above)."},
         Whole(&Config::server, &ServerConfig::body_limit_bytes, 1024, 64LL * 1024 * 1024)},
        {{"server.compression_min_bytes", "COMPRESSION_MIN_BYTES",
          "API answers (JSON, CSV, text) of at least this size are gzipped for clients that accept "
          "it; 0 turns compression off."},
         Whole(&Config::server, &ServerConfig::compression_min_bytes, 0, 64LL * 1024 * 1024)},
        {{"server.read_timeout_ms", "READ_TIMEOUT_MS",
          "Time allowed to receive a whole request, and idle time of a kept-alive connection."},
         Whole(&Config::server, &ServerConfig::read_timeout_ms, 100, 600000)},
        {{"server.shutdown_grace_ms", "SHUTDOWN_GRACE_MS",
          "On SIGTERM, how long in-flight requests may take to finish."},
         Whole(&Config::server, &ServerConfig::shutdown_grace_ms, 0, 600000)},
        {{"server.max_connections", "MAX_CONNECTIONS",
          "Open connections beyond this are closed at once."},
         Whole(&Config::server, &ServerConfig::max_connections, 1, 1000000)},
        {{"server.static_dir", "STATIC_DIR",
          "Directory of the built dashboard (frontend/dist); empty serves no UI."},
         Text(&Config::server, &ServerConfig::static_dir)},
        {{"server.cors_origins", "CORS_ORIGINS",
          "Comma-separated origins allowed by CORS; empty allows none."},
         List(&Config::server, &ServerConfig::cors_origins)},
        {{"http.trusted_proxies", "TRUSTED_PROXIES",
          "Comma-separated CIDRs (IPv4 or IPv6) of the proxies in front of the service (ingress "
          "controller, nginx); when the TCP peer is one, the client address is the rightmost "
          "address of http.forwarded_header that is not a trusted proxy. Empty: the TCP peer is "
          "the client and forwarding headers are ignored."},
         {SetTrustedProxies, [](const Config& c) { return JoinList(c.http.trusted_proxies); }}},
        {{"http.forwarded_header", "FORWARDED_HEADER",
          "Header the trusted proxies write the client address into: x-forwarded-for or forwarded "
          "(RFC 7239 for=). Only this one is read."},
         Text(&Config::http, &HttpConfig::forwarded_header, ForwardedHeaderName)},
        {{"database.url", "DATABASE_URL",
          "PostgreSQL URL (libpq, may list several hosts); empty uses SQLite in data_dir."},
         Text(&Config::database, &DatabaseConfig::url, PostgresUrl)},
        {{"database.url_file", "DATABASE_URL_FILE",
          "File holding the database URL (e.g. rendered by Vault Agent); wins over database.url. "
          "Re-read when it changes (checked every second): rotated credentials are taken without a "
          "restart."},
         Text(&Config::database, &DatabaseConfig::url_file)},
        {{"database.pool_size", "DATABASE_POOL_SIZE", "Connections in the pool."},
         Whole(&Config::database, &DatabaseConfig::pool_size, 1, 1000)},
        {{"database.connect_timeout_ms", "DATABASE_CONNECT_TIMEOUT_MS",
          "Time allowed to open a connection."},
         Whole(&Config::database, &DatabaseConfig::connect_timeout_ms, 100, 600000)},
        {{"database.acquire_timeout_ms", "DATABASE_ACQUIRE_TIMEOUT_MS",
          "Time a request waits for a free connection before a 503."},
         Whole(&Config::database, &DatabaseConfig::acquire_timeout_ms, 1, 600000)},
        {{"database.statement_timeout_ms", "DATABASE_STATEMENT_TIMEOUT_MS",
          "Longest a single statement may run."},
         Whole(&Config::database, &DatabaseConfig::statement_timeout_ms, 0, 3600000)},
        {{"database.replica_urls", "DATABASE_REPLICA_URLS",
          "Comma-separated URLs of streaming replicas for reads; user and password default to the "
          "primary's (and follow its rotations); empty reads from the primary."},
         {SetReplicaUrls, [](const Config& c) { return JoinList(c.database.replica_urls); }}},
        {{"database.replica_lag_tolerance_ms", "DATABASE_REPLICA_LAG_TOLERANCE_MS",
          "A replica further behind than this (or not streaming) is not used for reads."},
         Whole(&Config::database, &DatabaseConfig::replica_lag_tolerance_ms, 0, 3600000)},
        {{"database.max_lifetime_ms", "DATABASE_MAX_LIFETIME_MS",
          "Connections older than this are closed when returned and replaced."},
         Whole(&Config::database, &DatabaseConfig::max_lifetime_ms, 1000, 86400000)},
        {{"database.idle_check_ms", "DATABASE_IDLE_CHECK_MS",
          "A connection idle longer than this is pinged before it is handed out."},
         Whole(&Config::database, &DatabaseConfig::idle_check_ms, 0, 3600000)},
        {{"database.transaction_pooling", "DATABASE_TRANSACTION_POOLING",
          "Set behind PgBouncer in transaction mode: no named prepared statements, settings per "
          "transaction."},
         Flag(&Config::database, &DatabaseConfig::transaction_pooling)},
        {{"auth.jwt_secret", "JWT_SECRET",
          "HS256 signing key; empty uses jwt_secret_file or a key generated in data_dir."},
         Text(&Config::auth, &AuthConfig::jwt_secret, AtLeast32)},
        {{"auth.jwt_secret_file", "JWT_SECRET_FILE",
          "File holding the signing key; re-read when it changes."},
         Text(&Config::auth, &AuthConfig::jwt_secret_file)},
        {{"auth.access_ttl_seconds", "ACCESS_TOKEN_TTL_SECONDS", "Lifetime of access tokens."},
         Whole(&Config::auth, &AuthConfig::access_ttl_seconds, 1, 86400)},
        {{"auth.refresh_ttl_seconds", "REFRESH_TOKEN_TTL_SECONDS", "Lifetime of refresh tokens."},
         Whole(&Config::auth, &AuthConfig::refresh_ttl_seconds, 60, 365 * 86400)},
        {{"auth.remember_me_ttl_seconds", "REMEMBER_ME_TTL_SECONDS",
          "Lifetime of refresh tokens with \"remember me\"."},
         Whole(&Config::auth, &AuthConfig::remember_me_ttl_seconds, 60, 365 * 86400)},
        {{"auth.max_failed_logins", "MAX_FAILED_LOGINS",
          "Failed logins per account from one client address before that pair gets 429 for the "
          "window; a client address gets 4x this over all accounts."},
         Whole(&Config::auth, &AuthConfig::max_failed_logins, 1, 1000)},
        {{"auth.failed_login_window_seconds", "FAILED_LOGIN_WINDOW_SECONDS",
          "Window in which failed logins are counted."},
         Whole(&Config::auth, &AuthConfig::failed_login_window_seconds, 1, 86400)},
        {{"auth.max_login_delay_ms", "MAX_LOGIN_DELAY_MS",
          "Longest delay added to a login answer for an account or client with recent failures (it "
          "grows with each failure); never a refusal for the account's owner from another "
          "address."},
         Whole(&Config::auth, &AuthConfig::max_login_delay_ms, 0, 10000)},
        {{"auth.bootstrap_admin_password", "BOOTSTRAP_ADMIN_PASSWORD",
          "Password of the admin user created on first start; empty generates one into "
          "data_dir/admin-password (mode 0600), whose path (never the password) is logged."},
         Text(&Config::auth, &AuthConfig::bootstrap_admin_password, AtLeast12)},
        {{"auth.access_resync_seconds", "ACCESS_RESYNC_SECONDS",
          "How often every replica re-reads session epochs and automation tokens; bounds how long "
          "access outlives a revocation when an event between replicas is lost."},
         Whole(&Config::auth, &AuthConfig::access_resync_seconds, 1, 3600)},
        {{"rate_limit.requests_per_second", "RATE_LIMIT_RPS",
          "Sustained requests per second per client address; 0 turns the limit off."},
         Number(&Config::rate_limit, &RateLimitConfig::requests_per_second, 0, 1e9)},
        {{"rate_limit.burst", "RATE_LIMIT_BURST",
          "Requests a client may send at once above the sustained rate."},
         Whole(&Config::rate_limit, &RateLimitConfig::burst, 1, 100000000)},
        {{"cache.max_stores", "CACHE_MAX_STORES",
          "Store documents kept in the in-process cache; list pages together hold at most as "
          "many."},
         Whole(&Config::cache, &CacheConfig::max_stores, 0, 10000000)},
        {{"cache.max_pages", "CACHE_MAX_PAGES", "List pages kept in the in-process cache."},
         Whole(&Config::cache, &CacheConfig::max_pages, 0, 1000000)},
        {{"redis.url", "REDIS_URL",
          "redis://host:port/db shared by the replicas for the store cache and live-event fan-out; "
          "empty keeps both in the process."},
         Text(&Config::redis, &RedisConfig::url, RedisUrl)},
        {{"redis.ttl_seconds", "REDIS_TTL_SECONDS",
          "Safety net: cached entries expire after this long even if an invalidation was lost."},
         Whole(&Config::redis, &RedisConfig::ttl_seconds, 1, 86400)},
        {{"redis.timeout_ms", "REDIS_TIMEOUT_MS",
          "Time allowed for connecting to Redis and for each command; a miss (database read) after "
          "that."},
         Whole(&Config::redis, &RedisConfig::timeout_ms, 1, 60000)},
        {{"redis.key_prefix", "REDIS_KEY_PREFIX",
          "Prefix of every key and of the event channel, so deployments can share a Redis "
          "database."},
         Text(&Config::redis, &RedisConfig::key_prefix)},
        {{"redis.breaker_open_wait_ms", "REDIS_BREAKER_OPEN_WAIT_MS",
          "How long the redis circuit breaker stays open before probing again."},
         Whole(&Config::redis, &RedisConfig::breaker_open_wait_ms, 10, 600000)},
        {{"stores.code_pattern", "STORES_CODE_PATTERN",
          "ECMAScript regular expression a whole store code must match when it is set (the "
          "dashboard's form checks the same); an invalid one stops the service at start."},
         Text(&Config::stores, &StoresConfig::code_pattern, EcmaScriptRegex)},
        {{"stores.code_hint", "STORES_CODE_HINT",
          "How a valid store code looks, in words; the message of a code that does not match."},
         Text(&Config::stores, &StoresConfig::code_hint, ServedText)},
        {{"permissions.provision", "PERMISSIONS_PROVISION",
          "Role that may provision a draft store: operator or admin."},
         Text(&Config::permissions, &PermissionsConfig::provision, TransitionRole)},
        {{"permissions.retry", "PERMISSIONS_RETRY",
          "Role that may retry the provisioning of a failed store: operator or admin."},
         Text(&Config::permissions, &PermissionsConfig::retry, TransitionRole)},
        {{"permissions.rollback", "PERMISSIONS_ROLLBACK",
          "Role that may roll a failed store back to a draft: operator or admin."},
         Text(&Config::permissions, &PermissionsConfig::rollback, TransitionRole)},
        {{"permissions.decommission", "PERMISSIONS_DECOMMISSION",
          "Role that may decommission an active store: operator or admin."},
         Text(&Config::permissions, &PermissionsConfig::decommission, TransitionRole)},
        {{"permissions.rotate", "PERMISSIONS_ROTATE",
          "Role that may rotate, restore, release or revoke a store's credentials: operator or "
          "admin."},
         Text(&Config::permissions, &PermissionsConfig::rotate, TransitionRole)},
        {{"provisioning.workers", "PROVISIONING_WORKERS",
          "Threads executing provisioning runs in this replica; 0 runs none."},
         Whole(&Config::provisioning, &ProvisioningConfig::workers, 0, 64)},
        {{"provisioning.lease_seconds", "PROVISIONING_LEASE_SECONDS",
          "A run whose worker went silent this long is taken over by another."},
         Whole(&Config::provisioning, &ProvisioningConfig::lease_seconds, 1, 3600)},
        {{"provisioning.max_attempts", "PROVISIONING_MAX_ATTEMPTS",
          "Attempts of a step with transient failures (lost races) before the run fails."},
         Whole(&Config::provisioning, &ProvisioningConfig::max_attempts, 1, 100)},
        {{"provisioning.dependency_retry_seconds", "PROVISIONING_DEPENDENCY_RETRY_SECONDS",
          "How long a step keeps retrying while a dependency (database, secret store) is "
          "unavailable."},
         Whole(&Config::provisioning, &ProvisioningConfig::dependency_retry_seconds, 0, 7 * 86400)},
        {{"provisioning.backoff_base_ms", "PROVISIONING_BACKOFF_BASE_MS",
          "First retry delay; doubles per attempt, with jitter."},
         Whole(&Config::provisioning, &ProvisioningConfig::backoff_base_ms, 1, 600000)},
        {{"provisioning.backoff_cap_ms", "PROVISIONING_BACKOFF_CAP_MS", "Longest retry delay."},
         Whole(&Config::provisioning, &ProvisioningConfig::backoff_cap_ms, 1, 3600000)},
        {{"provisioning.poll_interval_ms", "PROVISIONING_POLL_INTERVAL_MS",
          "How often idle workers look for due runs (new runs wake them at once)."},
         Whole(&Config::provisioning, &ProvisioningConfig::poll_interval_ms, 10, 600000)},
        {{"provisioning.credentials_max_age_days", "PROVISIONING_CREDENTIALS_MAX_AGE_DAYS",
          "Days after which a store's current credentials are marked as due for rotation; 0 "
          "never marks them."},
         Whole(&Config::provisioning, &ProvisioningConfig::credentials_max_age_days, 0, 3650)},
        {{"provisioning.default_vlans", "PROVISIONING_DEFAULT_VLANS",
          "VLAN id per purpose when the plan names none."},
         {SetDefaultVlans, GetDefaultVlans}},
        {{"provisioning.inject_failures", "PROVISIONING_INJECT_FAILURES",
          "Tests only, off when empty: transient failures to inject per step, e.g. "
          "allocate_network=2 (a test seam wrapping the named steps, jobs/fault_injection.cpp; an "
          "unknown step name stops the service at start)."},
         {SetInjectFailures, [](const Config&) { return std::string(); }}},
        {{"breakers.window_size", "BREAKER_WINDOW_SIZE",
          "Calls each circuit breaker remembers (sliding window)."},
         Whole(&Config::breakers, &BreakerConfig::window_size, 1, 10000)},
        {{"breakers.minimum_calls", "BREAKER_MINIMUM_CALLS",
          "Calls in the window before a breaker may open."},
         Whole(&Config::breakers, &BreakerConfig::minimum_calls, 1, 10000)},
        {{"breakers.failure_rate_threshold", "BREAKER_FAILURE_RATE",
          "Share of failed calls (0-1) that opens a breaker."},
         Number(&Config::breakers, &BreakerConfig::failure_rate_threshold, 0.01, 1)},
        {{"breakers.slow_call_ms", "BREAKER_SLOW_CALL_MS",
          "A call slower than this counts as slow (Redis: its own timeout)."},
         Whole(&Config::breakers, &BreakerConfig::slow_call_ms, 1, 600000)},
        {{"breakers.slow_call_rate_threshold", "BREAKER_SLOW_CALL_RATE",
          "Share of slow calls (0-1) that opens a breaker."},
         Number(&Config::breakers, &BreakerConfig::slow_call_rate_threshold, 0.01, 1)},
        {{"breakers.open_wait_ms", "BREAKER_OPEN_WAIT_MS",
          "Time an open breaker waits before letting probe calls through (Redis: "
          "redis.breaker_open_wait_ms)."},
         Whole(&Config::breakers, &BreakerConfig::open_wait_ms, 1, 3600000)},
        {{"breakers.half_open_probes", "BREAKER_HALF_OPEN_PROBES",
          "Probe calls that must all succeed to close a breaker again."},
         Whole(&Config::breakers, &BreakerConfig::half_open_probes, 1, 1000)},
        {{"log.level", "LOG_LEVEL", "trace, debug, info, warn, error or off."},
         Text(&Config::log, &LogConfig::level, LogLevel)},
        {{"log.access_log", "ACCESS_LOG", "One JSON line per request."},
         Flag(&Config::log, &LogConfig::access_log)},
        {{"vault.addr", "VAULT_ADDR",
          "Vault address, e.g. https://vault:8200; empty keeps store credentials in the encrypted "
          "local file (embedded mode)."},
         Text(&Config::vault, &VaultConfig::addr, HttpUrl)},
        {{"vault.token", "VAULT_TOKEN",
          "Token auth: a Vault token (renewed before expiry when renewable)."},
         Text(&Config::vault, &VaultConfig::token)},
        {{"vault.cacert", "VAULT_CACERT",
          "PEM file of the CA that signs Vault's TLS certificate; empty uses the system CAs."},
         Text(&Config::vault, &VaultConfig::cacert)},
        {{"vault.role_id", "VAULT_ROLE_ID",
          "AppRole auth: the role id (wins over Kubernetes and token auth)."},
         Text(&Config::vault, &VaultConfig::role_id)},
        {{"vault.secret_id", "VAULT_SECRET_ID", "AppRole auth: the secret id."},
         Text(&Config::vault, &VaultConfig::secret_id)},
        {{"vault.k8s_role", "VAULT_K8S_ROLE",
          "Kubernetes auth: the Vault role to log in as (wins over token auth)."},
         Text(&Config::vault, &VaultConfig::k8s_role)},
        {{"vault.k8s_token_path", "VAULT_K8S_TOKEN_PATH",
          "Kubernetes auth: file of the service-account JWT, re-read at every login."},
         Text(&Config::vault, &VaultConfig::k8s_token_path, NotEmpty)},
        {{"vault.kv_mount", "VAULT_KV_MOUNT", "Mount path of the KV version 2 engine."},
         Text(&Config::vault, &VaultConfig::kv_mount, NotEmpty)},
        {{"vault.timeout_ms", "VAULT_TIMEOUT_MS",
          "Time allowed for one Vault call (connect, TLS, answer)."},
         Whole(&Config::vault, &VaultConfig::timeout_ms, 50, 600000)},
        {{"vault.service_secrets_path", "VAULT_SERVICE_SECRETS_PATH",
          "KV path of the service's own secrets (keys database_url, jwt_key); they win over "
          "database.url and auth.jwt_secret."},
         Text(&Config::vault, &VaultConfig::service_secrets_path)},
    };
    return kRows;
}

const ConfigRow* FindConfigRow(const std::string& path) {
    static const std::map<std::string, const ConfigRow*, std::less<>> kByPath = [] {
        std::map<std::string, const ConfigRow*, std::less<>> out;
        for (const auto& row : ConfigRows()) {
            out.emplace(std::string(row.key.path), &row);
        }
        return out;
    }();
    const auto it = kByPath.find(path);
    return it == kByPath.end() ? nullptr : it->second;
}

}  // namespace store::platform
