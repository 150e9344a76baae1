// Composition root: the only file that names concrete classes. It reads the configuration,
// builds the adapters, wires the use cases and the HTTP server, and runs until SIGTERM.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/alert_history.hpp"
#include "app/auth_service.hpp"
#include "app/inventory_service.hpp"
#include "app/provisioning_service.hpp"
#include "app/errors.hpp"
#include "app/store_service.hpp"
#include "app/user_service.hpp"
#include "http/pipeline.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "infra/crypto/jwt_signer.hpp"
#include "infra/crypto/sodium_crypto.hpp"
#include "infra/local/file_secret_store.hpp"
#include "infra/local/zlib_compressor.hpp"
#include "infra/memory/memory_cache.hpp"
#include "infra/memory/memory_event_bus.hpp"
#include "jobs/worker_pool.hpp"
#include "infra/postgres/postgres_database.hpp"
#include "infra/postgres/notify_event_bus.hpp"
#include "infra/redis/redis_client.hpp"
#include "infra/redis/redis_event_bus.hpp"
#include "infra/redis/redis_store_cache.hpp"
#include "infra/resilience/circuit_breaker.hpp"
#include "infra/sqlite/sqlite_database.hpp"
#include "infra/system_clock.hpp"
#include "infra/vault/service_secrets.hpp"
#include "infra/vault/vault_client.hpp"
#include "infra/vault/vault_secret_store.hpp"
#include "domain/audit_diff.hpp"
#include "platform/config.hpp"
#include "platform/logging.hpp"
#include "platform/metrics.hpp"
#include "ws/hub.hpp"

namespace {

namespace fs = std::filesystem;
using namespace store;

std::optional<std::string> ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

std::string Trim(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

// The JWT key: configured secret, else a key file (re-read on change), else a key generated
// once in the data directory (mode 0600).
std::string LoadJwtKey(const platform::Config& config, app::ports::RandomSource& random) {
    if (!config.auth.jwt_secret.empty()) {
        return config.auth.jwt_secret;
    }
    if (!config.auth.jwt_secret_file.empty()) {
        const auto key = ReadFile(config.auth.jwt_secret_file);
        if (!key || Trim(*key).size() < 32) {
            throw std::runtime_error("auth.jwt_secret_file " + config.auth.jwt_secret_file +
                                     " is missing or holds fewer than 32 characters");
        }
        return Trim(*key);
    }
    const std::string path = (fs::path(config.data_dir) / "jwt.key").string();
    if (const auto key = ReadFile(path); key && Trim(*key).size() >= 32) {
        return Trim(*key);
    }
    const std::string key = random.NewToken(48);
    const mode_t old_mask = umask(077);
    std::ofstream(path, std::ios::trunc) << key << "\n";
    umask(old_mask);
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    return key;
}

// Watches the key file and rotates the signer when it changes (Vault Agent rewrites it).
class KeyFileWatcher {
public:
    KeyFileWatcher(std::string path, infra::crypto::JwtSigner& signer, const platform::Logger& logger)
        : path_(std::move(path)), signer_(signer), logger_(logger) {
        if (!path_.empty()) {
            thread_ = std::thread([this] { Loop(); });
        }
    }
    ~KeyFileWatcher() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) {
            thread_.join();
        }
    }

private:
    void Loop() {
        std::error_code ec;
        auto last = fs::last_write_time(path_, ec);
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, std::chrono::seconds(5), [this] { return stop_; })) {
            const auto now = fs::last_write_time(path_, ec);
            if (ec || now == last) {
                continue;
            }
            last = now;
            if (const auto key = ReadFile(path_); key && Trim(*key).size() >= 32) {
                signer_.Rotate(Trim(*key));
                logger_.Info("jwt signing key rotated", {{"file", path_}});
            }
        }
    }

    std::string path_;
    infra::crypto::JwtSigner& signer_;
    const platform::Logger& logger_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

// The breaker thresholds every dependency shares (breakers.* in the configuration).
infra::resilience::BreakerSettings BaseBreakerSettings(const platform::Config& config) {
    infra::resilience::BreakerSettings settings;
    settings.window_size = config.breakers.window_size;
    settings.minimum_calls = config.breakers.minimum_calls;
    settings.failure_rate_threshold = config.breakers.failure_rate_threshold;
    settings.slow_call_threshold = std::chrono::milliseconds(config.breakers.slow_call_ms);
    settings.slow_call_rate_threshold = config.breakers.slow_call_rate_threshold;
    settings.open_wait = std::chrono::milliseconds(config.breakers.open_wait_ms);
    settings.half_open_probes = config.breakers.half_open_probes;
    return settings;
}

std::unique_ptr<app::ports::Database> MakeDatabase(const platform::Config& config,
                                                   infra::resilience::BreakerRegistry& breakers) {
    std::string url = config.database.url;
    if (!config.database.url_file.empty()) {
        const auto text = ReadFile(config.database.url_file);
        if (!text) {
            throw std::runtime_error("database.url_file " + config.database.url_file +
                                     " cannot be read");
        }
        url = Trim(*text);
    }
    if (url.empty()) {
        return std::make_unique<infra::sqlite::SqliteDatabase>(
            (fs::path(config.data_dir) / "store.db").string(), std::max(2, config.database.pool_size));
    }
    infra::postgres::PostgresOptions options;
    options.url = url;
    options.pool_size = config.database.pool_size;
    options.connect_timeout_ms = config.database.connect_timeout_ms;
    options.acquire_timeout_ms = config.database.acquire_timeout_ms;
    options.statement_timeout_ms = config.database.statement_timeout_ms;
    options.replica_urls = config.database.replica_urls;
    options.replica_lag_tolerance_ms = config.database.replica_lag_tolerance_ms;
    options.max_lifetime_ms = config.database.max_lifetime_ms;
    options.idle_check_ms = config.database.idle_check_ms;
    options.transaction_pooling = config.database.transaction_pooling;
    options.breaker_settings = BaseBreakerSettings(config);
    // "database" (the primary, required for readiness) and "database-replica-N".
    options.breakers = &breakers;
    return std::make_unique<infra::postgres::PostgresDatabase>(options);
}

// Redis, when configured: one client (the "redis" breaker, a small connection pool) for the
// cache shared by the replicas; the event fan-out opens its own connections.
struct RedisWiring {
    std::optional<infra::redis::RedisEndpoint> endpoint;
    std::unique_ptr<infra::redis::RedisClient> client;
    std::unique_ptr<infra::redis::RedisStoreCache> cache;
    infra::resilience::CircuitBreaker* breaker = nullptr;
};

RedisWiring MakeRedis(const platform::Config& config, infra::resilience::BreakerRegistry& breakers,
                      const platform::Logger& logger) {
    RedisWiring redis;
    if (config.redis.url.empty()) {
        return redis;
    }
    std::string error;
    redis.endpoint = infra::redis::ParseRedisUrl(config.redis.url, &error);
    if (!redis.endpoint) {
        throw std::runtime_error("redis.url " + error);
    }
    const std::chrono::milliseconds timeout(config.redis.timeout_ms);
    infra::resilience::BreakerSettings settings = BaseBreakerSettings(config);
    settings.call_timeout = timeout;
    settings.slow_call_threshold = timeout;
    settings.open_wait = std::chrono::milliseconds(config.redis.breaker_open_wait_ms);
    settings.required = false;  // without Redis, reads go to the database
    redis.breaker = &breakers.Add("redis", settings);
    redis.client = std::make_unique<infra::redis::RedisClient>(*redis.endpoint, timeout, *redis.breaker);
    redis.cache = std::make_unique<infra::redis::RedisStoreCache>(
        *redis.client,
        infra::redis::RedisCacheSettings{config.redis.key_prefix,
                                         std::chrono::seconds(config.redis.ttl_seconds)},
        &logger);
    return redis;
}

// Live events across replicas: Redis pub/sub with REDIS_URL, else PostgreSQL LISTEN/NOTIFY
// when the database is PostgreSQL, else none (SQLite means one replica: in-process only).
std::unique_ptr<infra::RelayEventBus> MakeEventRelay(const platform::Config& config,
                                                     const RedisWiring& redis,
                                                     const app::ports::Database& database,
                                                     infra::resilience::BreakerRegistry& breakers,
                                                     const std::string& origin,
                                                     const platform::Logger& logger) {
    if (redis.endpoint) {
        return std::make_unique<infra::redis::RedisEventBus>(
            *redis.endpoint, std::chrono::milliseconds(config.redis.timeout_ms), *redis.breaker,
            config.redis.key_prefix + "events", origin, &logger);
    }
    if (database.Kind() != "postgresql") {
        return nullptr;
    }
    infra::postgres::NotifySettings settings;
    settings.url = config.database.url;
    if (!config.database.url_file.empty()) {
        settings.url = Trim(ReadFile(config.database.url_file).value_or(""));
    }
    settings.connect_timeout_ms = config.database.connect_timeout_ms;
    infra::resilience::BreakerSettings breaker = BaseBreakerSettings(config);
    breaker.call_timeout = std::chrono::milliseconds(settings.statement_timeout_ms);
    return std::make_unique<infra::postgres::PostgresNotifyEventBus>(
        settings, breakers.Add("database-notify", breaker), origin, &logger);
}

// Vault, when VAULT_ADDR is set: the "vault" breaker, a first login (the service does not start
// without one), and a thread that renews the token. Unset: nullptr, the embedded mode.
std::unique_ptr<infra::vault::VaultClient> MakeVault(const platform::Config& config,
                                                     infra::resilience::BreakerRegistry& breakers,
                                                     const platform::Logger& logger) {
    if (config.vault.addr.empty()) {
        return nullptr;
    }
    infra::vault::VaultSettings settings;
    settings.addr = config.vault.addr;
    settings.token = config.vault.token;
    settings.ca_file = config.vault.cacert;
    settings.role_id = config.vault.role_id;
    settings.secret_id = config.vault.secret_id;
    settings.k8s_role = config.vault.k8s_role;
    settings.k8s_token_path = config.vault.k8s_token_path;
    settings.kv_mount = config.vault.kv_mount;
    settings.timeout = std::chrono::milliseconds(config.vault.timeout_ms);
    infra::resilience::BreakerSettings breaker = BaseBreakerSettings(config);
    breaker.call_timeout = settings.timeout;
    breaker.required = false;  // without Vault the service runs on; credential writes are retried
    auto client = std::make_unique<infra::vault::VaultClient>(settings, breakers.Add("vault", breaker),
                                                              &logger);
    client->Start();
    return client;
}

// The configuration with the service's own secrets from Vault (KV keys database_url and
// jwt_key at vault.service_secrets_path) in place of the configured ones; they stay in memory.
platform::Config WithServiceSecrets(const platform::Config& config, infra::vault::VaultClient* vault,
                                    const platform::Logger& logger) {
    platform::Config out = config;
    if (vault == nullptr || config.vault.service_secrets_path.empty()) {
        return out;
    }
    const auto secrets = infra::vault::ReadServiceSecrets(*vault, config.vault.service_secrets_path);
    if (secrets.database_url) {
        if (secrets.database_url->rfind("postgresql://", 0) != 0 &&
            secrets.database_url->rfind("postgres://", 0) != 0) {
            throw std::runtime_error("vault " + config.vault.service_secrets_path +
                                     ": database_url must start with postgresql://");
        }
        out.database.url = *secrets.database_url;
        out.database.url_file.clear();
    }
    if (secrets.jwt_key) {
        if (secrets.jwt_key->size() < 32) {
            throw std::runtime_error("vault " + config.vault.service_secrets_path +
                                     ": jwt_key must be at least 32 characters");
        }
        out.auth.jwt_secret = *secrets.jwt_key;
        out.auth.jwt_secret_file.clear();
    }
    logger.Info("service secrets", {{"vault_path", config.vault.service_secrets_path},
                                    {"database_url_from_vault", secrets.database_url.has_value()},
                                    {"jwt_key_from_vault", secrets.jwt_key.has_value()}});
    return out;
}

int Serve(const platform::Config& loaded_config, bool migrate_only) {
    platform::Logger logger(loaded_config.log.level);
    infra::SystemClock clock;
    // Before the database: its pools register the "database" breakers here.
    infra::resilience::BreakerRegistry breakers(clock);
    // Vault first, when configured: it may hold the database URL and the JWT key, which then
    // stand in for the configured ones everywhere below.
    auto vault = MakeVault(loaded_config, breakers, logger);
    const platform::Config config = WithServiceSecrets(loaded_config, vault.get(), logger);
    std::error_code ec;
    fs::create_directories(config.data_dir, ec);
    if (ec) {
        logger.Error("cannot create data_dir", {{"path", config.data_dir}, {"error", ec.message()}});
        return 1;
    }
    auto database = MakeDatabase(config, breakers);
    database->Migrate();
    logger.Info("schema migrated", {{"database", database->Kind()}});
    if (migrate_only) {
        return 0;
    }

    infra::crypto::SodiumRandom random;
    infra::crypto::Argon2idHasher hasher;
    infra::crypto::JwtSigner signer(LoadJwtKey(config, random));
    KeyFileWatcher key_watcher(config.auth.jwt_secret.empty() ? config.auth.jwt_secret_file : "",
                               signer, logger);
    // List pages together hold at most as many stores as the store cache itself.
    infra::memory::MemoryStoreCache memory_cache(static_cast<std::size_t>(config.cache.max_stores),
                                                 static_cast<std::size_t>(config.cache.max_pages),
                                                 static_cast<std::size_t>(config.cache.max_stores));
    // With REDIS_URL the replicas share one cache (the network-thread fast path is then off).
    RedisWiring redis = MakeRedis(config, breakers, logger);
    app::ports::StoreCache& cache =
        redis.cache ? static_cast<app::ports::StoreCache&>(*redis.cache) : memory_cache;
    platform::Metrics metrics;
    infra::memory::MemoryEventBus local_events(&logger);
    const auto relay = MakeEventRelay(config, redis, *database, breakers, random.NewUuid(), logger);
    app::ports::EventBus& events =
        relay ? static_cast<app::ports::EventBus&>(*relay) : local_events;
    app::AlertHistory alerts(500, clock, random, events);
    // Every remote dependency gets a breaker here; transitions are logged, published as
    // system.breaker_changed events and recorded as alerts.
    breakers.SetListener([&](const std::string& name, infra::resilience::BreakerState from,
                             infra::resilience::BreakerState to, const std::string& reason) {
        const std::string from_text(infra::resilience::ToString(from));
        const std::string to_text(infra::resilience::ToString(to));
        logger.Warn("circuit breaker changed",
                    {{"dependency", name}, {"from", from_text}, {"to", to_text}, {"reason", reason}});
        events.Publish({"system.breaker_changed", clock.Now(),
                        "{\"dependency\":" + domain::JsonQuote(name) + ",\"from\":\"" + from_text +
                            "\",\"to\":\"" + to_text + "\",\"reason\":" + domain::JsonQuote(reason) + "}"});
        if (to == infra::resilience::BreakerState::kOpen) {
            alerts.Raise("critical", name, name + " is unavailable", reason);
        } else if (to == infra::resilience::BreakerState::kClosed) {
            alerts.Raise("info", name, name + " recovered", reason);
        }
    });
    // Store credentials: Vault KV v2 when configured, else the encrypted file in data_dir.
    std::unique_ptr<app::ports::SecretStore> secret_store;
    if (vault) {
        secret_store = std::make_unique<infra::vault::VaultSecretStore>(*vault);
    } else {
        secret_store = std::make_unique<infra::local::FileSecretStore>(config.data_dir);
    }
    app::ports::SecretStore& secrets = *secret_store;
    infra::local::ZlibCompressor compressor;

    app::AuthSettings auth_settings;
    auth_settings.access_ttl = std::chrono::seconds(config.auth.access_ttl_seconds);
    auth_settings.refresh_ttl = std::chrono::seconds(config.auth.refresh_ttl_seconds);
    auth_settings.refresh_ttl_remember = std::chrono::seconds(config.auth.remember_me_ttl_seconds);
    auth_settings.max_failed_logins = config.auth.max_failed_logins;
    auth_settings.failed_login_window = std::chrono::seconds(config.auth.failed_login_window_seconds);
    app::AuthService auth(auth_settings, *database, hasher, signer, clock, random);
    app::StoreService stores(*database, cache, clock, random, events);
    app::UserService users(*database, hasher, clock, random);
    app::InventoryService inventory(*database, clock, random);
    app::ProvisioningSettings provisioning_settings;
    provisioning_settings.lease = std::chrono::seconds(config.provisioning.lease_seconds);
    provisioning_settings.max_attempts = config.provisioning.max_attempts;
    provisioning_settings.dependency_retry = std::chrono::seconds(config.provisioning.dependency_retry_seconds);
    provisioning_settings.backoff_base = std::chrono::milliseconds(config.provisioning.backoff_base_ms);
    provisioning_settings.backoff_cap = std::chrono::milliseconds(config.provisioning.backoff_cap_ms);
    provisioning_settings.default_vlans = config.provisioning.default_vlans;
    provisioning_settings.inject_transient_failures = config.provisioning.inject_failures;
    if (!config.provisioning.inject_failures.empty()) {
        logger.Warn("fault injection is configured: provisioning steps will fail on purpose",
                    {{"provisioning.inject_failures", true}});
    }
    app::ProvisioningService provisioning(provisioning_settings, *database, cache, secrets,
                                          compressor, clock, random, events);

    const auto& bootstrap = config.auth.bootstrap_admin_password;
    if (auto generated = auth.EnsureBootstrapAdmin(bootstrap.empty() ? std::nullopt
                                                                     : std::optional(bootstrap))) {
        logger.Warn("created user 'admin' with a generated password; it is shown only this once",
                    {{"username", "admin"}, {"password", *generated}});
    }

    std::unique_ptr<http::StaticFiles> static_files;
    if (!config.server.static_dir.empty()) {
        try {
            static_files = std::make_unique<http::StaticFiles>(config.server.static_dir);
        } catch (const std::exception& e) {
            logger.Warn("dashboard not served", {{"reason", e.what()}});
        }
    }

    metrics.RegisterGauge("store_db_pool_connections", "Database connections by state.",
                          [&database] {
                              const auto stats = database->Stats();
                              return std::vector<platform::Metrics::Sample>{
                                  {{{"state", "busy"}}, static_cast<double>(stats.busy)},
                                  {{{"state", "idle"}}, static_cast<double>(stats.idle)},
                                  {{{"state", "waiting"}}, static_cast<double>(stats.waiting)}};
                          });
    metrics.RegisterGauge("store_circuit_breaker_state",
                          "Breaker state per dependency: 0 closed, 1 half-open, 2 open.", [&breakers] {
                              std::vector<platform::Metrics::Sample> samples;
                              for (const auto& d : breakers.Dependencies()) {
                                  const double value = d.state == "open" ? 2 : d.state == "half_open" ? 1 : 0;
                                  samples.push_back({{{"dependency", d.name}}, value});
                              }
                              return samples;
                          });
    metrics.RegisterGauge("store_circuit_breaker_calls_total",
                          "Calls through each breaker since start, by result.", [&breakers] {
                              std::vector<platform::Metrics::Sample> samples;
                              for (const auto& d : breakers.Dependencies()) {
                                  samples.push_back({{{"dependency", d.name}, {"result", "success"}}, static_cast<double>(d.successes)});
                                  samples.push_back({{{"dependency", d.name}, {"result", "failure"}}, static_cast<double>(d.failures)});
                                  samples.push_back({{{"dependency", d.name}, {"result", "rejected"}}, static_cast<double>(d.rejected)});
                              }
                              return samples;
                          }, "counter");
    if (const auto* postgres = dynamic_cast<const infra::postgres::PostgresDatabase*>(database.get())) {
        metrics.RegisterGauge("store_db_replication_lag_seconds",
                              "Replay lag of each PostgreSQL replica, as last seen by a read.",
                              [postgres] {
                                  std::vector<platform::Metrics::Sample> samples;
                                  for (const auto& [replica, lag] : postgres->ReplicaLagSeconds()) {
                                      samples.push_back({{{"replica", replica}}, lag});
                                  }
                                  return samples;
                              });
    }
    metrics.RegisterGauge("store_stores_total", "Stores by lifecycle status.", [&stores] {
        std::vector<platform::Metrics::Sample> samples;
        try {
            for (const auto& [status, count] : stores.Stats().by_status) {
                samples.push_back({{{"status", status}}, static_cast<double>(count)});
            }
        } catch (const app::AppError&) {
            // Database down: the scrape still answers; readiness reports the outage.
        }
        return samples;
    });
    metrics.RegisterGauge("store_cache_hits", "Store cache lookups that hit since start.", [&] {
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
        if (redis.cache) {
            const auto stats = redis.cache->Stats();
            hits = stats.hits;
            misses = stats.misses;
        } else {
            const auto stats = memory_cache.Stats();
            hits = stats.hits;
            misses = stats.misses;
        }
        return std::vector<platform::Metrics::Sample>{
            {{{"result", "hit"}}, static_cast<double>(hits)},
            {{{"result", "miss"}}, static_cast<double>(misses)}};
    });
    if (redis.cache) {
        metrics.RegisterGauge("store_cache_redis_total",
                              "Redis cache calls that failed, invalidations lost while Redis was unreachable, and repairs since start.",
                              [&redis] {
                                  const auto stats = redis.cache->Stats();
                                  return std::vector<platform::Metrics::Sample>{
                                      {{{"result", "error"}}, static_cast<double>(stats.errors)},
                                      {{{"result", "lost_invalidation"}}, static_cast<double>(stats.missed_invalidations)},
                                      {{{"result", "repair"}}, static_cast<double>(stats.repairs)}};
                              }, "counter");
    }
    if (relay) {
        metrics.RegisterGauge("store_events_relayed_total", "Live events exchanged with other replicas since start.",
                              [&relay] {
                                  const auto stats = relay->Stats();
                                  return std::vector<platform::Metrics::Sample>{
                                      {{{"result", "sent"}}, static_cast<double>(stats.sent)},
                                      {{{"result", "received"}}, static_cast<double>(stats.received)},
                                      {{{"result", "dropped"}}, static_cast<double>(stats.dropped)}};
                              }, "counter");
    }

    // Workers start once everything they use exists; they stop before any of it goes away.
    jobs::WorkerPool workers(provisioning, logger, config.provisioning.workers,
                             std::chrono::milliseconds(config.provisioning.poll_interval_ms),
                             random.NewUuid().substr(0, 8));
    provisioning.SetWakeUp([&workers] { workers.WakeUp(); });
    provisioning.SetRunFinished([&metrics](const domain::Run& run) {
        metrics.Increment("store_provisioning_runs_total",
                          {{"kind", std::string(domain::ToString(run.kind))},
                           {"result", std::string(domain::ToString(run.status))}});
    });

    http::RenderCaches renders;
    http::Services services{stores,  auth,    users,  provisioning, inventory, *database,
                            metrics, renders, breakers, alerts, static_files.get()};
    const http::Router router = http::BuildRouter(services);
    http::RateLimiter limiter(config.rate_limit.requests_per_second, config.rate_limit.burst);
    http::Pipeline pipeline({config.server.cors_origins, config.log.access_log,
                             static_cast<std::size_t>(config.server.compression_min_bytes)},
                            router, services,
                            logger, metrics, limiter);

    http::ServerSettings settings;
    settings.bind = config.server.bind;
    settings.port = static_cast<unsigned short>(config.server.port);
    settings.http_threads = config.server.http_threads;
    settings.worker_threads = config.server.worker_threads;
    settings.body_limit_bytes = static_cast<std::size_t>(config.server.body_limit_bytes);
    settings.read_timeout_ms = config.server.read_timeout_ms;
    settings.shutdown_grace_ms = config.server.shutdown_grace_ms;
    settings.max_connections = config.server.max_connections;
    // Live events: GET /api/events upgraded to a WebSocket, fed from the event bus. Tokens are
    // checked like bearer tokens; a session is closed (1008) when its token expires.
    ws::Hub hub(events);
    metrics.RegisterGauge("store_ws_connections", "Open live-event WebSocket connections.", [&hub] {
        return std::vector<platform::Metrics::Sample>{{{}, static_cast<double>(hub.Size())}};
    });
    http::LiveEvents live_events{
        hub,
        [&auth, &signer, &clock](std::string_view token) -> std::optional<ws::Principal> {
            try {
                const app::Actor actor = auth.Authenticate(token);
                const auto claims = signer.Verify(token, clock.Now()).claims;
                if (!claims) {
                    return std::nullopt;
                }
                return ws::Principal{actor.username, claims->expires_at};
            } catch (const app::AppError&) {
                return std::nullopt;
            }
        },
        ws::SessionSettings{}};
    http::HttpServer server(settings, pipeline, logger, std::move(live_events));
    const unsigned short port = server.Listen();
    logger.Always("listening", {{"port", port},
                              {"bind", config.server.bind},
                              {"database", database->Kind()},
                              {"dashboard", static_files != nullptr}});
    server.Run();
    workers.Stop();
    if (relay) {
        relay->Stop();  // no remote event may reach the hub while it goes away
    }
    logger.Info("stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"store-service: the Store Provisioning Platform"};
    cli.require_subcommand(1);
    std::string config_file;
    std::map<std::string, std::string> overrides;
    const auto add_options = [&](CLI::App* command) {
        command->add_option("--config", config_file, "YAML configuration file");
        command->add_option_function<std::string>(
            "--port", [&](const std::string& v) { overrides["server.port"] = v; }, "TCP port");
        command->add_option_function<std::string>(
            "--bind", [&](const std::string& v) { overrides["server.bind"] = v; }, "listen address");
        command->add_option_function<std::string>(
            "--data-dir", [&](const std::string& v) { overrides["data_dir"] = v; }, "data directory");
        command->add_option_function<std::string>(
            "--static-dir", [&](const std::string& v) { overrides["server.static_dir"] = v; },
            "built dashboard directory");
        command->add_option_function<std::string>(
            "--database-url", [&](const std::string& v) { overrides["database.url"] = v; },
            "PostgreSQL URL");
    };
    auto* serve = cli.add_subcommand("serve", "run the HTTP service");
    auto* migrate = cli.add_subcommand("migrate", "apply schema migrations and exit");
    add_options(serve);
    add_options(migrate);
    auto* config_cmd = cli.add_subcommand("config", "inspect the configuration");
    config_cmd->require_subcommand(1);
    auto* config_keys = config_cmd->add_subcommand("keys", "print every key and its environment variable");
    CLI11_PARSE(cli, argc, argv);
    if (config_keys->parsed()) {
        std::cout << platform::ConfigKeysText();
        return 0;
    }

    std::string yaml;
    if (!config_file.empty()) {
        const auto text = ReadFile(config_file);
        if (!text) {
            std::cerr << "store-service: cannot read config file " << config_file << "\n";
            return 2;
        }
        yaml = *text;
    }
    const auto loaded = platform::LoadConfig(yaml, platform::ProcessEnvironment(), overrides);
    if (!loaded.errors.empty()) {
        std::cerr << "store-service: invalid configuration:\n";
        for (const auto& error : loaded.errors) {
            std::cerr << "  - " << error << "\n";
        }
        return 2;
    }
    try {
        return Serve(loaded.config, migrate->parsed());
    } catch (const app::AppError& e) {
        std::cerr << "store-service: " << e.detail() << " (" << e.internal() << ")\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "store-service: " << e.what() << "\n";
        return 1;
    }
}
