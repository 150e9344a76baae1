#include "infra/redis/redis_event_bus.hpp"

namespace store::infra::redis {
namespace {

class RedisTransport final : public RelayTransport {
public:
    RedisTransport(const RedisEndpoint& endpoint, std::chrono::milliseconds timeout,
                   resilience::CircuitBreaker& breaker, std::string channel)
        : endpoint_(endpoint),
          timeout_(timeout),
          publisher_(endpoint, timeout, breaker, 1),
          channel_(std::move(channel)) {}

    int Connect() override {
        auto connection = std::make_unique<RedisConnection>(endpoint_, timeout_);
        connection->EnableKeepAlive();
        // Blocks (bounded by the timeout) for the confirmation: once Connect returns, events
        // published by others reach us.
        const auto confirmation = connection->Command({"SUBSCRIBE", channel_});
        if (confirmation.kind != RedisValue::Kind::kArray || confirmation.elements.empty() ||
            confirmation.elements[0].text != "subscribe") {
            throw app::AppError(app::ErrorCode::kDependencyUnavailable,
                                "the event channel is unavailable",
                                "redis: unexpected reply to SUBSCRIBE");
        }
        subscriber_ = std::move(connection);
        return subscriber_->Fd();
    }

    void Disconnect() override { subscriber_.reset(); }

    std::vector<std::string> Receive(bool readable) override {
        std::vector<std::string> payloads;
        if (!readable || !subscriber_) {
            return payloads;  // reading now would block until the timeout
        }
        for (auto& reply : subscriber_->ReadAvailable()) {
            // ["message", channel, payload]; subscribe confirmations and pongs are skipped.
            if (reply.kind == RedisValue::Kind::kArray && reply.elements.size() == 3 &&
                reply.elements[0].text == "message") {
                payloads.push_back(std::move(reply.elements[2].text));
            }
        }
        return payloads;
    }

    void Send(const std::string& payload) override {
        publisher_.Command({"PUBLISH", channel_, payload});
    }

    // Redis takes up to 512 MB; a bound keeps one odd event from stalling the channel.
    std::size_t MaxPayload() const override { return std::size_t{1024} * 1024; }
    const char* Name() const override { return "redis"; }

private:
    RedisEndpoint endpoint_;
    std::chrono::milliseconds timeout_;
    RedisClient publisher_;
    std::string channel_;
    std::unique_ptr<RedisConnection> subscriber_;
};

}  // namespace

RedisEventBus::RedisEventBus(const RedisEndpoint& endpoint, std::chrono::milliseconds timeout,
                             resilience::CircuitBreaker& breaker, std::string channel,
                             std::string origin, const app::ports::EventCodec& codec,
                             const platform::Logger* logger)
    : RelayEventBus(
          std::make_unique<RedisTransport>(endpoint, timeout, breaker, std::move(channel)),
          std::move(origin), codec, logger) {}

}  // namespace store::infra::redis
