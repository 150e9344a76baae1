// Composition root: the only file that names concrete classes. It reads the configuration,
// builds the adapters, wires the use cases and the HTTP server, and runs until SIGTERM.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "app/access_service.hpp"
#include "app/alert_history.hpp"
#include "app/auth_service.hpp"
#include "app/errors.hpp"
#include "app/inventory_service.hpp"
#include "app/provisioning/provisioning_service.hpp"
#include "app/provisioning/step_table.hpp"
#include "app/store_service.hpp"
#include "app/user_service.hpp"
#include "domain/store_code.hpp"
#include "http/pipeline.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "infra/crypto/jwt_key.hpp"
#include "infra/crypto/jwt_signer.hpp"
#include "infra/crypto/sodium_crypto.hpp"
#include "infra/gauges.hpp"
#include "infra/local/file_secret_store.hpp"
#include "infra/local/zlib_compressor.hpp"
#include "infra/memory/memory_cache.hpp"
#include "infra/memory/memory_event_bus.hpp"
#include "infra/postgres/notify_event_bus.hpp"
#include "infra/postgres/postgres_database.hpp"
#include "infra/redis/redis_client.hpp"
#include "infra/redis/redis_event_bus.hpp"
#include "infra/redis/redis_store_cache.hpp"
#include "infra/resilience/circuit_breaker.hpp"
#include "infra/sqlite/sqlite_database.hpp"
#include "infra/system_clock.hpp"
#include "infra/vault/service_secrets.hpp"
#include "infra/vault/vault_client.hpp"
#include "infra/vault/vault_secret_store.hpp"
#include "jobs/fault_injection.hpp"
#include "jobs/run_worker.hpp"
#include "jobs/worker_pool.hpp"
#include "platform/config.hpp"
#include "platform/files.hpp"
#include "platform/logging.hpp"
#include "platform/metrics.hpp"
#include "platform/periodic.hpp"
#include "ws/event_json.hpp"
#include "ws/hub.hpp"

namespace {

namespace fs = std::filesystem;
using namespace store;

using platform::ReadFile;
using platform::TrimEnd;

// stores.code_pattern was checked when the configuration was loaded; this cannot fail then.
domain::StoreCodeRule StoreCodeRuleOf(const platform::Config& config) {
    std::string error;
    auto rule =
        domain::StoreCodeRule::Make(config.stores.code_pattern, config.stores.code_hint, error);
    if (!rule) {
        throw std::runtime_error("stores.code_pattern " + error);
    }
    return *rule;
}

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

// SQLite in data_dir, or PostgreSQL (with its replica lag gauge) when database.url is set.
std::unique_ptr<app::ports::Database> MakeDatabase(const platform::Config& config,
                                                   infra::resilience::BreakerRegistry& breakers,
                                                   platform::Metrics& metrics,
                                                   const platform::Logger& logger) {
    std::string url = config.database.url;
    if (!config.database.url_file.empty()) {
        const auto text = ReadFile(config.database.url_file);
        if (!text) {
            throw std::runtime_error("database.url_file " + config.database.url_file +
                                     " cannot be read");
        }
        url = TrimEnd(*text);
    }
    if (url.empty()) {
        return std::make_unique<infra::sqlite::SqliteDatabase>(
            (fs::path(config.data_dir) / "store.db").string(),
            std::max(2, config.database.pool_size));
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
    // Rotated credentials (Vault Agent rewrites the file) are taken without a restart.
    options.url_file = config.database.url_file;
    options.logger = &logger;
    auto database = std::make_unique<infra::postgres::PostgresDatabase>(options);
    infra::RegisterReplicaLagGauge(metrics, *database);
    infra::RegisterCredentialReloads(metrics, *database);
    return database;
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
    redis.client =
        std::make_unique<infra::redis::RedisClient>(*redis.endpoint, timeout, *redis.breaker);
    redis.cache = std::make_unique<infra::redis::RedisStoreCache>(
        *redis.client,
        infra::redis::RedisCacheSettings{config.redis.key_prefix,
                                         std::chrono::seconds(config.redis.ttl_seconds)},
        &logger);
    return redis;
}

// Live events across replicas: Redis pub/sub with REDIS_URL, else PostgreSQL LISTEN/NOTIFY
// when the database is PostgreSQL, else none (SQLite means one replica: in-process only).
std::unique_ptr<infra::RelayEventBus> MakeEventRelay(
    const platform::Config& config, const RedisWiring& redis, const app::ports::Database& database,
    infra::resilience::BreakerRegistry& breakers, const std::string& origin,
    const app::ports::EventCodec& codec, const platform::Logger& logger) {
    if (redis.endpoint) {
        return std::make_unique<infra::redis::RedisEventBus>(
            *redis.endpoint, std::chrono::milliseconds(config.redis.timeout_ms), *redis.breaker,
            config.redis.key_prefix + "events", origin, codec, &logger);
    }
    const auto* postgres = dynamic_cast<const infra::postgres::PostgresDatabase*>(&database);
    if (postgres == nullptr) {
        return nullptr;
    }
    infra::postgres::NotifySettings settings;
    settings.url = postgres->Url();
    settings.current_url = [postgres] { return postgres->Url(); };  // follows rotations
    settings.connect_timeout_ms = config.database.connect_timeout_ms;
    infra::resilience::BreakerSettings breaker = BaseBreakerSettings(config);
    breaker.call_timeout = std::chrono::milliseconds(settings.statement_timeout_ms);
    return std::make_unique<infra::postgres::PostgresNotifyEventBus>(
        settings, breakers.Add("database-notify", breaker), origin, codec, &logger);
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
    auto client = std::make_unique<infra::vault::VaultClient>(
        settings, breakers.Add("vault", breaker), &logger);
    client->Start();
    return client;
}

// Store credentials: Vault KV v2 when configured, else the encrypted file in data_dir.
std::unique_ptr<app::ports::SecretStore> MakeSecretStore(const platform::Config& config,
                                                         infra::vault::VaultClient* vault) {
    if (vault != nullptr) {
        return std::make_unique<infra::vault::VaultSecretStore>(*vault);
    }
    return std::make_unique<infra::local::FileSecretStore>(config.data_dir);
}

app::AuthSettings AuthSettingsOf(const platform::Config& config) {
    app::AuthSettings settings;
    settings.access_ttl = std::chrono::seconds(config.auth.access_ttl_seconds);
    settings.refresh_ttl = std::chrono::seconds(config.auth.refresh_ttl_seconds);
    settings.refresh_ttl_remember = std::chrono::seconds(config.auth.remember_me_ttl_seconds);
    settings.max_failed_logins = config.auth.max_failed_logins;
    settings.failed_login_window = std::chrono::seconds(config.auth.failed_login_window_seconds);
    settings.max_login_delay = std::chrono::milliseconds(config.auth.max_login_delay_ms);
    return settings;
}

jobs::RunWorkerSettings WorkerSettingsOf(const platform::Config& config) {
    jobs::RunWorkerSettings settings;
    settings.lease = std::chrono::seconds(config.provisioning.lease_seconds);
    settings.max_attempts = config.provisioning.max_attempts;
    settings.dependency_retry = std::chrono::seconds(config.provisioning.dependency_retry_seconds);
    settings.backoff_base = std::chrono::milliseconds(config.provisioning.backoff_base_ms);
    settings.backoff_cap = std::chrono::milliseconds(config.provisioning.backoff_cap_ms);
    return settings;
}

// The steps of every run; with provisioning.inject_failures (tests only, empty by default) the
// named steps are wrapped to fail on purpose first (jobs/fault_injection.hpp).
app::provisioning::StepTable MakeSteps(const platform::Config& config,
                                       const app::provisioning::StepContext& context,
                                       const platform::Logger& logger) {
    auto steps = app::provisioning::StandardSteps(context);
    if (!config.provisioning.inject_failures.empty()) {
        logger.Warn("fault injection is configured: provisioning steps will fail on purpose",
                    {{"provisioning.inject_failures", true}});
        jobs::InjectTransientFailures(steps, config.provisioning.inject_failures);
    }
    return steps;
}

http::ServerSettings ServerSettingsOf(const platform::Config& config) {
    http::ServerSettings settings;
    settings.bind = config.server.bind;
    settings.port = static_cast<unsigned short>(config.server.port);
    settings.http_threads = config.server.http_threads;
    settings.worker_threads = config.server.worker_threads;
    settings.body_limit_bytes = static_cast<std::size_t>(config.server.body_limit_bytes);
    settings.read_timeout_ms = config.server.read_timeout_ms;
    settings.shutdown_grace_ms = config.server.shutdown_grace_ms;
    settings.max_connections = config.server.max_connections;
    for (const auto& cidr : config.http.trusted_proxies) {
        settings.trusted_proxies.networks.push_back(*platform::ParseIpNetwork(cidr));  // validated
    }
    settings.trusted_proxies.header = config.http.forwarded_header == "forwarded"
                                          ? http::ForwardedHeader::kForwarded
                                          : http::ForwardedHeader::kXForwardedFor;
    return settings;
}

// Live events: tokens are checked like bearer tokens (access or automation tokens); a session
// is closed (1008) when its token expires or its access ends (AccessService → Hub::EndAccess).
http::LiveEvents MakeLiveEvents(ws::Hub& hub, app::AccessService& access) {
    auto authenticate = [&access](std::string_view token,
                                  const app::RequestMeta& origin) -> std::optional<ws::Principal> {
        try {
            // Upgrades are rare: a user this replica has not seen yet is read from the database.
            const auto grant = access.Authenticate(token, true, origin);
            if (!grant) {
                return std::nullopt;
            }
            return ws::Principal{grant->actor.username, grant->expires_at, grant->subject,
                                 grant->epoch};
        } catch (const app::AppError&) {
            return std::nullopt;
        }
    };
    return http::LiveEvents{hub, std::move(authenticate), ws::SessionSettings{}};
}

// Gauges of the parts main.cpp builds above the adapters (the adapters' own: infra/gauges.hpp).
void RegisterServiceGauges(platform::Metrics& metrics, app::StoreService& stores,
                           const ws::Hub& hub) {
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
    metrics.RegisterGauge("store_ws_connections", "Open live-event WebSocket connections.", [&hub] {
        return std::vector<platform::Metrics::Sample>{{{}, static_cast<double>(hub.Size())}};
    });
}

int Serve(const platform::Config& loaded_config, bool migrate_only) {
    platform::Logger logger(loaded_config.log.level);
    platform::Metrics metrics;
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
        logger.Error("cannot create data_dir",
                     {{"path", config.data_dir}, {"error", ec.message()}});
        return 1;
    }
    auto database = MakeDatabase(config, breakers, metrics, logger);
    database->Migrate();
    logger.Info("schema migrated", {{"database", database->Kind()}});
    if (migrate_only) {
        return 0;
    }

    // Adapters.
    infra::crypto::SodiumRandom random;
    infra::crypto::Argon2idHasher hasher;
    // Access tokens name their key (kid); a retired key verifies for one access-token lifetime.
    infra::crypto::JwtSigner signer(infra::crypto::LoadJwtKey(config, random),
                                    std::chrono::seconds(config.auth.access_ttl_seconds));
    // The key file is re-read when it changes (Vault Agent rewrites it).
    const std::string key_file = config.auth.jwt_secret.empty() ? config.auth.jwt_secret_file : "";
    platform::FileWatcher key_watcher(
        key_file, std::chrono::seconds(5),
        [&signer, &logger, &clock, key_file](const std::string& key) {
            if (key.size() >= 32) {
                signer.Rotate(key, clock.Now());
                logger.Info("jwt signing key rotated",
                            {{"file", key_file}, {"kid", signer.CurrentKeyId()}});
            }
        });
    // List pages together hold at most as many stores as the store cache itself.
    infra::memory::MemoryStoreCache memory_cache(static_cast<std::size_t>(config.cache.max_stores),
                                                 static_cast<std::size_t>(config.cache.max_pages),
                                                 static_cast<std::size_t>(config.cache.max_stores));
    // With REDIS_URL the replicas share one cache (the network-thread fast path is then off).
    RedisWiring redis = MakeRedis(config, breakers, logger);
    app::ports::StoreCache& cache =
        redis.cache ? static_cast<app::ports::StoreCache&>(*redis.cache) : memory_cache;
    infra::memory::MemoryEventBus local_events(&logger);
    const ws::JsonEventCodec event_codec;
    const auto relay =
        MakeEventRelay(config, redis, *database, breakers, random.NewUuid(), event_codec, logger);
    app::ports::EventBus& events =
        relay ? static_cast<app::ports::EventBus&>(*relay) : local_events;
    const auto secret_store = MakeSecretStore(config, vault.get());
    infra::local::ZlibCompressor compressor;

    // Use cases.
    app::AlertHistory alerts(500, clock, random, events);
    // Every remote dependency has a breaker; transitions are logged, published and alerted.
    // The driver's own words go to the log only; events and alerts carry the shown reason.
    breakers.SetListener([&](const std::string& name, infra::resilience::BreakerState from,
                             infra::resilience::BreakerState to, const std::string& reason,
                             const std::string& log_detail) {
        const std::string from_text(infra::resilience::ToString(from));
        const std::string to_text(infra::resilience::ToString(to));
        logger.Warn("circuit breaker changed", {{"dependency", name},
                                                {"from", from_text},
                                                {"to", to_text},
                                                {"reason", reason},
                                                {"lastError", log_detail}});
        alerts.DependencyChanged(name, from_text, to_text, reason);
    });
    app::AuthService auth(AuthSettingsOf(config), *database, hasher, signer, clock, random);
    app::StoreService stores(*database, cache, clock, random, events, StoreCodeRuleOf(config));
    app::UserService users(*database, hasher, clock, random);
    // Who may use the API, from memory; ends access on every replica (docs/security.md).
    app::AccessService access({}, *database, signer, events, clock, random);
    auth.SetAccess(access);
    users.SetAccess(access);
    app::InventoryService inventory(*database, clock, random);
    app::ProvisioningService provisioning(*database, cache, *secret_store, clock, random, events);
    const app::provisioning::StepContext step_context{
        *database, cache,  *secret_store, compressor,
        clock,     random, events,        config.provisioning.default_vlans};
    const auto steps = MakeSteps(config, step_context, logger);
    jobs::RunWorker run_worker(WorkerSettingsOf(config), steps, step_context);
    run_worker.SetRunFinished([&metrics](const domain::Run& run) {
        metrics.Increment("store_provisioning_runs_total",
                          {{"kind", std::string(domain::ToString(run.kind))},
                           {"result", std::string(domain::ToString(run.status))}});
    });
    // A generated admin password goes to a file only the service's user can read; the log
    // (collected, shipped, kept) names the file, never the password. Written before the user is
    // committed: if it cannot be written, no admin exists with a password nobody knows.
    const auto& bootstrap = config.auth.bootstrap_admin_password;
    const std::string password_file = (fs::path(config.data_dir) / "admin-password").string();
    if (auth.EnsureBootstrapAdmin(bootstrap.empty() ? std::nullopt : std::optional(bootstrap),
                                  [&](const std::string& password) {
                                      std::error_code ignored;
                                      fs::remove(password_file,
                                                 ignored);  // a leftover of an earlier database
                                      platform::WritePrivateFile(password_file, password + "\n");
                                  })) {
        logger.Warn(
            "created user 'admin' with a generated password, in a file only this "
            "service's user can read; log in, change the password, delete the file",
            {{"username", "admin"}, {"passwordFile", password_file}});
    }

    // Workers start once everything they use exists; they stop before any of it goes away.
    jobs::WorkerPool workers(run_worker, logger, config.provisioning.workers,
                             std::chrono::milliseconds(config.provisioning.poll_interval_ms),
                             random.NewUuid().substr(0, 8));
    provisioning.SetWakeUp([&workers] { workers.WakeUp(); });

    // HTTP and live events.
    std::unique_ptr<http::StaticFiles> static_files;
    if (!config.server.static_dir.empty()) {
        try {
            static_files = std::make_unique<http::StaticFiles>(config.server.static_dir);
        } catch (const std::exception& e) {
            logger.Warn("dashboard not served", {{"reason", e.what()}});
        }
    }
    http::RenderCaches renders;
    http::Services services{stores,    auth,      users,   provisioning,
                            inventory, *database, metrics, renders,
                            breakers,  alerts,    access,  static_files.get()};
    const http::Router router = http::BuildRouter(services);
    http::RateLimiter limiter(config.rate_limit.requests_per_second, config.rate_limit.burst);
    http::Pipeline pipeline({config.server.cors_origins, config.log.access_log,
                             static_cast<std::size_t>(config.server.compression_min_bytes)},
                            router, services, logger, metrics, limiter);
    ws::Hub hub(events);  // GET /api/events, fed from the event bus
    access.SetAccessEnded(
        [&hub](const std::string& subject, std::int64_t epoch) { hub.EndAccess(subject, epoch); });
    // Epochs and tokens read once before serving, then re-read periodically: what bounds the
    // staleness when an access.revoked event between replicas is lost.
    const auto maintain_access = [&access, &logger] {
        try {
            access.Maintain();
        } catch (const std::exception& e) {
            logger.Warn("access re-read failed; retried next interval", {{"error", e.what()}});
        }
    };
    maintain_access();
    platform::Periodic access_maintenance(std::chrono::seconds(config.auth.access_resync_seconds),
                                          maintain_access);

    // Gauges, read at every scrape.
    infra::RegisterDatabaseGauges(metrics, *database);
    infra::RegisterBreakerGauges(metrics, breakers);
    infra::RegisterCacheGauges(metrics, memory_cache, redis.cache.get());
    if (relay) {
        infra::RegisterRelayGauges(metrics, *relay);
    }
    RegisterServiceGauges(metrics, stores, hub);

    http::HttpServer server(ServerSettingsOf(config), pipeline, logger,
                            MakeLiveEvents(hub, access));
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
            "--bind", [&](const std::string& v) { overrides["server.bind"] = v; },
            "listen address");
        command->add_option_function<std::string>(
            "--data-dir", [&](const std::string& v) { overrides["data_dir"] = v; },
            "data directory");
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
    auto* config_keys =
        config_cmd->add_subcommand("keys", "print every key and its environment variable");
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
