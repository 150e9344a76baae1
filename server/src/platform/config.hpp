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
    int read_timeout_ms = 30000;
    int shutdown_grace_ms = 10000;
    int max_connections = 10000;
    std::string static_dir;
    std::vector<std::string> cors_origins;
};

struct DatabaseConfig {
    std::string url;  // empty: embedded SQLite in the data directory
    std::string url_file;
    int pool_size = 8;
    int connect_timeout_ms = 5000;
    int acquire_timeout_ms = 2000;
    int statement_timeout_ms = 10000;
};

struct AuthConfig {
    std::string jwt_secret;
    std::string jwt_secret_file;
    int access_ttl_seconds = 900;
    int refresh_ttl_seconds = 12 * 3600;
    int remember_me_ttl_seconds = 30 * 24 * 3600;
    int max_failed_logins = 5;
    int failed_login_window_seconds = 300;
    std::string bootstrap_admin_password;
};

struct RateLimitConfig {
    double requests_per_second = 1000;  // per client address; 0 turns limiting off
    int burst = 2000;
};

struct CacheConfig {
    int max_stores = 20000;
    int max_pages = 1000;
};

struct ProvisioningConfig {
    int workers = 2;
    int lease_seconds = 30;
    int max_attempts = 5;
    int backoff_base_ms = 500;
    int backoff_cap_ms = 30000;
    int poll_interval_ms = 1000;
    std::map<std::string, std::int64_t> default_vlans{
        {"pos", 10}, {"corporate", 20}, {"guest", 30}, {"iot", 40}, {"management", 99}};
    /// Tests only: step -> transient failures to inject ("allocate_network=2").
    std::map<std::string, int> inject_failures;
};

struct LogConfig {
    std::string level = "info";
    bool access_log = true;
};

/// The whole configuration. Sources apply in order: embedded defaults (the initialisers
/// above), the YAML file, environment variables, the command line.
struct Config {
    std::string data_dir = "./data";
    ServerConfig server;
    DatabaseConfig database;
    AuthConfig auth;
    RateLimitConfig rate_limit;
    CacheConfig cache;
    ProvisioningConfig provisioning;
    LogConfig log;
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
