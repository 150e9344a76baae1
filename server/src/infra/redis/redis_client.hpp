#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "infra/resilience/circuit_breaker.hpp"

struct redisContext;
struct redisReader;

namespace store::infra::redis {

/// Where Redis is: parsed from `redis://[[user]:password@]host[:port][/db]`.
struct RedisEndpoint {
    std::string host = "127.0.0.1";
    int port = 6379;
    int db = 0;
    std::string user;
    std::string password;
};

/// Parses a redis:// URL; nullopt (and `error`) when it is not one.
std::optional<RedisEndpoint> ParseRedisUrl(const std::string& url, std::string* error = nullptr);

/// One reply, copied out of hiredis (which stays inside redis_client.cpp).
struct RedisValue {
    enum class Kind { kNil, kInteger, kString, kStatus, kArray };
    Kind kind = Kind::kNil;
    std::int64_t integer = 0;
    std::string text;                  // kString, kStatus
    std::vector<RedisValue> elements;  // kArray

    bool IsNil() const { return kind == Kind::kNil; }
};

/// Decodes RESP bytes as a connection does (hiredis's reader, then the copy into RedisValue):
/// the complete replies in `bytes`, in order; an incomplete last reply is left out. Throws
/// AppError{kDependencyUnavailable} for a protocol error or a transient error reply (LOADING,
/// READONLY, …) and AppError{kInternal} for another error reply.
std::vector<RedisValue> DecodeReplies(std::string_view bytes);

/// A blocking connection to Redis with a connect and per-command timeout (hiredis
/// redisConnectWithTimeout + redisSetTimeout), selected database and AUTH done. Not
/// thread-safe. Throws AppError{kDependencyUnavailable} when Redis cannot be reached or a
/// reply does not arrive in time; the connection is then broken (Broken()) and must be
/// dropped.
class RedisConnection {
public:
    RedisConnection(const RedisEndpoint& endpoint, std::chrono::milliseconds timeout);
    ~RedisConnection();
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;

    RedisValue Command(const std::vector<std::string>& argv);
    /// Sends a command without reading its reply (SUBSCRIBE).
    void Send(const std::vector<std::string>& argv);
    /// Reads whatever has arrived on the socket without blocking and returns the complete
    /// replies (for a subscriber connection, after poll() said the socket is readable).
    std::vector<RedisValue> ReadAvailable();
    /// The socket, for poll().
    int Fd() const;
    /// TCP keep-alive, so a silent subscriber notices a vanished server.
    void EnableKeepAlive();
    bool Broken() const { return broken_; }

private:
    [[noreturn]] void Fail(const std::string& what);
    redisContext* context_ = nullptr;
    bool broken_ = false;
};

/// Commands through the "redis" circuit breaker, on a small pool of connections (one per
/// concurrently calling thread, at most `max_idle` kept open). A connection that failed is
/// closed and the next call opens a new one, so the client reconnects by itself.
class RedisClient {
public:
    RedisClient(RedisEndpoint endpoint, std::chrono::milliseconds timeout,
                resilience::CircuitBreaker& breaker, std::size_t max_idle = 16);
    ~RedisClient();
    RedisClient(const RedisClient&) = delete;
    RedisClient& operator=(const RedisClient&) = delete;

    /// Throws AppError{kDependencyUnavailable} when the breaker refuses the call or Redis
    /// fails; AppError{kInternal} for an error reply (a bug in the command, not an outage).
    RedisValue Command(const std::vector<std::string>& argv);

    resilience::CircuitBreaker& Breaker() { return breaker_; }
    const RedisEndpoint& Endpoint() const { return endpoint_; }
    std::chrono::milliseconds Timeout() const { return timeout_; }

private:
    RedisEndpoint endpoint_;
    std::chrono::milliseconds timeout_;
    resilience::CircuitBreaker& breaker_;
    std::size_t max_idle_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<RedisConnection>> idle_;
};

}  // namespace store::infra::redis
