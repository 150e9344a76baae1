#pragma once

#include <functional>
#include <string>

#include "infra/relay_event_bus.hpp"
#include "infra/resilience/circuit_breaker.hpp"

namespace store::infra::postgres {

struct NotifySettings {
    std::string url;  // the primary (LISTEN and NOTIFY need one server; not through PgBouncer)
    /// When set, the URL in use now (rotated credentials, PostgresDatabase::Url): every connect
    /// takes it, and a connection opened with an older one is closed and opened again.
    std::function<std::string()> current_url;
    std::string channel = "store_events";
    int connect_timeout_ms = 5000;
    int statement_timeout_ms = 2000;
};

/// EventBus across replicas over PostgreSQL LISTEN/NOTIFY, for deployments without Redis:
/// one dedicated libpq connection (the relay's thread) LISTENs on the channel and sends
/// `SELECT pg_notify(channel, payload)` through `breaker`. NOTIFY payloads must be shorter
/// than 8000 bytes: longer events stay in this replica. See RelayEventBus.
class PostgresNotifyEventBus final : public RelayEventBus {
public:
    PostgresNotifyEventBus(NotifySettings settings, resilience::CircuitBreaker& breaker,
                           std::string origin, const app::ports::EventCodec& codec,
                           const platform::Logger* logger = nullptr);
};

}  // namespace store::infra::postgres
