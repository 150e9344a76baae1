#pragma once

#include <chrono>
#include <string>

#include "infra/redis/redis_client.hpp"
#include "infra/relay_event_bus.hpp"

namespace store::infra::redis {

/// EventBus across replicas over Redis pub/sub: PUBLISH on `channel` through the "redis"
/// breaker (its own connection), and a dedicated subscriber connection (SUBSCRIBE, TCP
/// keep-alive) read by the relay's thread. See RelayEventBus for delivery and reconnects.
class RedisEventBus final : public RelayEventBus {
public:
    RedisEventBus(const RedisEndpoint& endpoint, std::chrono::milliseconds timeout,
                  resilience::CircuitBreaker& breaker, std::string channel, std::string origin,
                  const app::ports::EventCodec& codec, const platform::Logger* logger = nullptr);
};

}  // namespace store::infra::redis
