#pragma once

#include "app/ports/database.hpp"
#include "platform/metrics.hpp"

namespace store::infra {

namespace memory {
class MemoryStoreCache;
}
namespace postgres {
class PostgresDatabase;
}
namespace redis {
class RedisStoreCache;
}
namespace resilience {
class BreakerRegistry;
}
class RelayEventBus;

// The adapters' gauges, read at every scrape (docs/operations.md lists them). Each object must
// outlive `metrics`' scrapes, which the composition root guarantees by declaration order.

/// store_db_pool_connections{state}, store_db_pool_wait_seconds (histogram)
void RegisterDatabaseGauges(platform::Metrics& metrics, const app::ports::Database& database);
/// store_db_replication_lag_seconds{replica}: PostgreSQL with replicas only.
void RegisterReplicaLagGauge(platform::Metrics& metrics,
                             const postgres::PostgresDatabase& database);
/// store_db_credential_reloads_total: PostgreSQL only (new URLs taken from DATABASE_URL_FILE).
void RegisterCredentialReloads(platform::Metrics& metrics,
                               const postgres::PostgresDatabase& database);
/// store_circuit_breaker_state{dependency}, store_circuit_breaker_calls_total{dependency,result}
void RegisterBreakerGauges(platform::Metrics& metrics, const resilience::BreakerRegistry& breakers);
/// store_cache_hits{result} of the cache in use; with Redis also store_cache_redis_total{result}.
void RegisterCacheGauges(platform::Metrics& metrics, const memory::MemoryStoreCache& memory,
                         const redis::RedisStoreCache* redis);
/// store_events_relayed_total{result}
void RegisterRelayGauges(platform::Metrics& metrics, const RelayEventBus& relay);

}  // namespace store::infra
