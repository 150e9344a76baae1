#include "infra/gauges.hpp"

#include "infra/memory/memory_cache.hpp"
#include "infra/postgres/postgres_database.hpp"
#include "infra/redis/redis_store_cache.hpp"
#include "infra/relay_event_bus.hpp"
#include "infra/resilience/circuit_breaker.hpp"

namespace store::infra {

using Samples = std::vector<platform::Metrics::Sample>;

namespace {
double D(std::uint64_t value) { return static_cast<double>(value); }
double D(std::int64_t value) { return static_cast<double>(value); }
}  // namespace

void RegisterDatabaseGauges(platform::Metrics& metrics, const app::ports::Database& database) {
    metrics.RegisterGauge(
        "store_db_pool_connections", "Database connections by state.", [&database] {
            const auto stats = database.Stats();
            return platform::Metrics::ByLabel(
                "state",
                {{"busy", D(stats.busy)}, {"idle", D(stats.idle)}, {"waiting", D(stats.waiting)}});
        });
    metrics.RegisterHistogram(
        "store_db_pool_wait_seconds",
        "Time a unit of work waited for a database connection (0 when one was free at once).",
        [&database] {
            const auto waits = database.Stats().waits;
            using Bounds = app::ports::WaitHistogram;
            return std::vector<platform::Metrics::HistogramSample>{
                {{},
                 {Bounds::kBounds.begin(), Bounds::kBounds.end()},
                 {waits.buckets.begin(), waits.buckets.end()},
                 waits.count,
                 waits.sum_seconds}};
        });
}

void RegisterReplicaLagGauge(platform::Metrics& metrics,
                             const postgres::PostgresDatabase& database) {
    metrics.RegisterGauge("store_db_replication_lag_seconds",
                          "Replay lag of each PostgreSQL replica, as last seen by a read.",
                          [&database] {
                              Samples samples;
                              for (const auto& [replica, lag] : database.ReplicaLagSeconds()) {
                                  samples.push_back({{{"replica", replica}}, lag});
                              }
                              return samples;
                          });
}

void RegisterCredentialReloads(platform::Metrics& metrics,
                               const postgres::PostgresDatabase& database) {
    metrics.RegisterGauge(
        "store_db_credential_reloads_total",
        "Times a new database URL (rotated credentials) was taken from DATABASE_URL_FILE.",
        [&database] {
            return Samples{{{}, static_cast<double>(database.UrlReloads())}};
        },
        "counter");
}

void RegisterBreakerGauges(platform::Metrics& metrics,
                           const resilience::BreakerRegistry& breakers) {
    metrics.RegisterGauge(
        "store_circuit_breaker_state",
        "Breaker state per dependency: 0 closed, 1 half-open, 2 open.", [&breakers] {
            Samples samples;
            for (const auto& d : breakers.Dependencies()) {
                const double value = d.state == "open" ? 2 : d.state == "half_open" ? 1 : 0;
                samples.push_back({{{"dependency", d.name}}, value});
            }
            return samples;
        });
    metrics.RegisterGauge(
        "store_circuit_breaker_calls_total", "Calls through each breaker since start, by result.",
        [&breakers] {
            Samples samples;
            for (const auto& d : breakers.Dependencies()) {
                for (auto& sample :
                     platform::Metrics::ByLabel("result", {{"success", D(d.successes)},
                                                           {"failure", D(d.failures)},
                                                           {"rejected", D(d.rejected)}})) {
                    sample.labels["dependency"] = d.name;
                    samples.push_back(std::move(sample));
                }
            }
            return samples;
        },
        "counter");
}

void RegisterCacheGauges(platform::Metrics& metrics, const memory::MemoryStoreCache& memory,
                         const redis::RedisStoreCache* redis) {
    metrics.RegisterGauge(
        "store_cache_hits", "Store cache lookups that hit since start.", [&memory, redis] {
            std::uint64_t hits = 0;
            std::uint64_t misses = 0;
            if (redis != nullptr) {
                const auto stats = redis->Stats();
                hits = stats.hits;
                misses = stats.misses;
            } else {
                const auto stats = memory.Stats();
                hits = stats.hits;
                misses = stats.misses;
            }
            return platform::Metrics::ByLabel("result", {{"hit", D(hits)}, {"miss", D(misses)}});
        });
    if (redis == nullptr) {
        return;
    }
    metrics.RegisterGauge(
        "store_cache_redis_total",
        "Redis cache calls that failed, invalidations lost while Redis was unreachable, and "
        "repairs "
        "since start.",
        [redis] {
            const auto stats = redis->Stats();
            return platform::Metrics::ByLabel("result",
                                              {{"error", D(stats.errors)},
                                               {"lost_invalidation", D(stats.missed_invalidations)},
                                               {"repair", D(stats.repairs)}});
        },
        "counter");
}

void RegisterRelayGauges(platform::Metrics& metrics, const RelayEventBus& relay) {
    metrics.RegisterGauge(
        "store_events_relayed_total", "Live events exchanged with other replicas since start.",
        [&relay] {
            const auto stats = relay.Stats();
            return platform::Metrics::ByLabel("result", {{"sent", D(stats.sent)},
                                                         {"received", D(stats.received)},
                                                         {"dropped", D(stats.dropped)}});
        },
        "counter");
}

}  // namespace store::infra
