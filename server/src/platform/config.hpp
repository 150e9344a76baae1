#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace store::platform {

struct ServerConfig {
    std::string bind = "0.0.0.0";
    int port = 8080;
    int http_threads = 2;
    int worker_threads = 4;
    std::int64_t body_limit_bytes = 1024 * 1024;
    std::int64_t compression_min_bytes = 1024;
    int read_timeout_ms = 30000;
    int shutdown_grace_ms = 10000;
    int max_connections = 10000;
    std::string static_dir;
    std::vector<std::string> cors_origins;
};

/// Where the client address comes from behind proxies (http/client_address.hpp).
struct HttpConfig {
    std::vector<std::string> trusted_proxies;          // CIDRs; empty: the TCP peer is the client
    std::string forwarded_header = "x-forwarded-for";  // or "forwarded" (RFC 7239)
};

struct DatabaseConfig {
    std::string url;  // empty: embedded SQLite in the data directory
    std::string url_file;
    int pool_size = 8;
    int connect_timeout_ms = 5000;
    int acquire_timeout_ms = 2000;
    int statement_timeout_ms = 10000;
    std::vector<std::string> replica_urls;  // empty: every read on the primary
    int replica_lag_tolerance_ms = 2000;
    int max_lifetime_ms = 1800000;
    int idle_check_ms = 30000;
    bool transaction_pooling = false;  // PgBouncer in transaction mode: no session state
};

struct AuthConfig {
    std::string jwt_secret;
    std::string jwt_secret_file;
    int access_ttl_seconds = 900;
    int refresh_ttl_seconds = 12 * 3600;
    int remember_me_ttl_seconds = 30 * 24 * 3600;
    int max_failed_logins = 5;
    int failed_login_window_seconds = 300;
    int max_login_delay_ms = 2000;
    std::string bootstrap_admin_password;
    int access_resync_seconds = 5;
};

struct RateLimitConfig {
    double requests_per_second = 1000;  // per client address; 0 turns limiting off
    int burst = 2000;
};

struct CacheConfig {
    int max_stores = 20000;
    int max_pages = 1000;
};

/// Redis; `url` empty = the in-process cache and event bus (or PostgreSQL LISTEN/NOTIFY for
/// events when the database is PostgreSQL).
struct RedisConfig {
    std::string url;  // redis://[[user]:password@]host[:port][/db]
    int ttl_seconds = 60;
    int timeout_ms = 200;
    std::string key_prefix = "sp:";
    int breaker_open_wait_ms = 5000;
};

/// The chain's store numbering: an ECMAScript regex a whole code must match, and the hint shown
/// when one does not (domain::StoreCodeRule; served to the dashboard by /api/system/settings).
struct StoresConfig {
    std::string code_pattern = "^[A-Z0-9]{2,6}-[0-9]{3,6}$";
    std::string code_hint =
        "2-6 upper-case letters or digits, a hyphen and 3-6 digits, e.g. NYC-0042";
};

/// The role each provisioning transition needs (domain::TransitionRoles): "operator" or "admin".
struct PermissionsConfig {
    std::string provision = "operator";
    std::string retry = "operator";
    std::string rollback = "operator";
    std::string decommission = "admin";
    std::string rotate = "admin";
};

struct ProvisioningConfig {
    int workers = 2;
    int lease_seconds = 30;
    int max_attempts = 5;
    int dependency_retry_seconds = 900;
    int backoff_base_ms = 500;
    int backoff_cap_ms = 30000;
    int poll_interval_ms = 1000;
    int credentials_max_age_days = 90;
    std::map<std::string, std::int64_t> default_vlans{
        {"pos", 10}, {"corporate", 20}, {"guest", 30}, {"iot", 40}, {"management", 99}};
    /// Tests only: step -> transient failures to inject ("allocate_network=2").
    std::map<std::string, int> inject_failures;
};

/// Thresholds shared by the circuit breakers of every remote dependency.
struct BreakerConfig {
    int window_size = 20;
    int minimum_calls = 10;
    double failure_rate_threshold = 0.5;
    int slow_call_ms = 1000;
    double slow_call_rate_threshold = 0.8;
    int open_wait_ms = 5000;
    int half_open_probes = 3;
};

struct LogConfig {
    std::string level = "info";
    bool access_log = true;
};

/// HashiCorp Vault; `addr` empty = embedded mode (secrets in data_dir/secrets.enc).
struct VaultConfig {
    std::string addr;
    std::string token;
    std::string cacert;
    std::string role_id;
    std::string secret_id;
    std::string k8s_role;
    std::string k8s_token_path = "/var/run/secrets/kubernetes.io/serviceaccount/token";
    std::string kv_mount = "secret";
    int timeout_ms = 2000;
    std::string service_secrets_path = "store-service";
};

/// The whole configuration. Sources apply in order: embedded defaults (the initialisers
/// above), the YAML file, environment variables, the command line.
struct Config {
    std::string data_dir = "./data";
    ServerConfig server;
    HttpConfig http;
    DatabaseConfig database;
    AuthConfig auth;
    RateLimitConfig rate_limit;
    CacheConfig cache;
    RedisConfig redis;
    StoresConfig stores;
    PermissionsConfig permissions;
    ProvisioningConfig provisioning;
    BreakerConfig breakers;
    LogConfig log;
    VaultConfig vault;
};

/// One configuration key: its dotted YAML path, environment variable and help text.
struct ConfigKey {
    std::string_view path;
    std::string_view env;
    std::string_view help;
};

/// Every key, in documentation order. docs/configuration.md and config/defaults.yaml are
/// checked against this list by a test.
const std::vector<ConfigKey>& ConfigKeys();

/// Every key as "dotted.path<TAB>ENV_NAME" lines (`store-service config keys`): deploy/test
/// checks each environment variable the Helm chart sets against it.
std::string ConfigKeysText();

/// The default value of every key as text (as a YAML scalar would be written).
std::map<std::string, std::string> DefaultValues();

struct ConfigResult {
    Config config;
    std::vector<std::string> errors;  // all problems at once; empty when valid
};

/// Builds a configuration from the sources. `yaml_text` is the content of --config (may be
/// empty), `env` the environment, `overrides` the command-line options as dotted keys.
ConfigResult LoadConfig(const std::string& yaml_text, const std::map<std::string, std::string>& env,
                        const std::map<std::string, std::string>& overrides);

/// The process environment as a map.
std::map<std::string, std::string> ProcessEnvironment();

}  // namespace store::platform
