#include "composition/wiring.hpp"

#include <filesystem>

#include "app/errors.hpp"
#include "composition/settings.hpp"
#include "infra/gauges.hpp"
#include "infra/local/file_secret_store.hpp"
#include "infra/postgres/notify_event_bus.hpp"
#include "infra/postgres/postgres_database.hpp"
#include "infra/redis/redis_event_bus.hpp"
#include "infra/sqlite/sqlite_database.hpp"
#include "infra/vault/vault_secret_store.hpp"
#include "jobs/fault_injection.hpp"
#include "platform/files.hpp"

namespace store::composition {

namespace fs = std::filesystem;

// SQLite in data_dir, or PostgreSQL (with its replica lag gauge) when database.url is set.
std::unique_ptr<app::ports::Database> MakeDatabase(const platform::Config& config,
                                                   infra::resilience::BreakerRegistry& breakers,
                                                   platform::Metrics& metrics,
                                                   const platform::Logger& logger) {
    std::string url = config.database.url;
    if (!config.database.url_file.empty()) {
        const auto text = platform::ReadFile(config.database.url_file);
        if (!text) {
            throw std::runtime_error("database.url_file " + config.database.url_file +
                                     " cannot be read");
        }
        url = platform::TrimEnd(*text);
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

}  // namespace store::composition
