// The adapters and parts Serve (main.cpp) builds, each chosen by the configuration: the only
// place besides main.cpp that names concrete infrastructure classes.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/access_service.hpp"
#include "app/ports/database.hpp"
#include "app/ports/secret_store.hpp"
#include "app/provisioning/step_table.hpp"
#include "app/store_service.hpp"
#include "http/server.hpp"
#include "infra/redis/redis_client.hpp"
#include "infra/redis/redis_store_cache.hpp"
#include "infra/relay_event_bus.hpp"
#include "infra/resilience/circuit_breaker.hpp"
#include "infra/vault/vault_client.hpp"
#include "platform/config.hpp"
#include "platform/logging.hpp"
#include "platform/metrics.hpp"
#include "ws/hub.hpp"

namespace store::composition {

// SQLite in data_dir, or PostgreSQL (with its replica lag gauge) when database.url is set.
std::unique_ptr<app::ports::Database> MakeDatabase(const platform::Config& config,
                                                   infra::resilience::BreakerRegistry& breakers,
                                                   platform::Metrics& metrics,
                                                   const platform::Logger& logger);

// Redis, when configured: one client (the "redis" breaker, a small connection pool) for the
// cache shared by the replicas; the event fan-out opens its own connections.
struct RedisWiring {
    std::optional<infra::redis::RedisEndpoint> endpoint;
    std::unique_ptr<infra::redis::RedisClient> client;
    std::unique_ptr<infra::redis::RedisStoreCache> cache;
    infra::resilience::CircuitBreaker* breaker = nullptr;
};

RedisWiring MakeRedis(const platform::Config& config, infra::resilience::BreakerRegistry& breakers,
                      const platform::Logger& logger);

// Live events across replicas: Redis pub/sub with REDIS_URL, else PostgreSQL LISTEN/NOTIFY
// when the database is PostgreSQL, else none (SQLite means one replica: in-process only).
std::unique_ptr<infra::RelayEventBus> MakeEventRelay(
    const platform::Config& config, const RedisWiring& redis, const app::ports::Database& database,
    infra::resilience::BreakerRegistry& breakers, const std::string& origin,
    const app::ports::EventCodec& codec, const platform::Logger& logger);

// Vault, when VAULT_ADDR is set: the "vault" breaker, a first login (the service does not start
// without one), and a thread that renews the token. Unset: nullptr, the embedded mode.
std::unique_ptr<infra::vault::VaultClient> MakeVault(const platform::Config& config,
                                                     infra::resilience::BreakerRegistry& breakers,
                                                     const platform::Logger& logger);

// Store credentials: Vault KV v2 when configured, else the encrypted file in data_dir.
std::unique_ptr<app::ports::SecretStore> MakeSecretStore(const platform::Config& config,
                                                         infra::vault::VaultClient* vault);

// The steps of every run; with provisioning.inject_failures (tests only, empty by default) the
// named steps are wrapped to fail on purpose first (jobs/fault_injection.hpp).
app::provisioning::StepTable MakeSteps(const platform::Config& config,
                                       const app::provisioning::StepContext& context,
                                       const platform::Logger& logger);

// Live events: tokens are checked like bearer tokens (access or automation tokens); a session
// is closed (1008) when its token expires or its access ends (AccessService → Hub::EndAccess).
http::LiveEvents MakeLiveEvents(ws::Hub& hub, app::AccessService& access);

// Gauges of the parts main.cpp builds above the adapters (the adapters' own: infra/gauges.hpp).
void RegisterServiceGauges(platform::Metrics& metrics, app::StoreService& stores,
                           const ws::Hub& hub);

}  // namespace store::composition
