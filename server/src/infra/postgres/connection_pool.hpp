#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/ports/database.hpp"
#include "infra/postgres/connection.hpp"

namespace store::infra::postgres {

struct PoolOptions {
    ConnectionOptions connection;
    int size = 10;
    /// How long Acquire() waits for a free connection before kDependencyUnavailable.
    int acquire_timeout_ms = 2000;
    /// A connection older than this is closed when it comes back (and replaced on demand), so
    /// that server-side memory and a moved DNS name or primary are picked up in time.
    int max_lifetime_ms = 30 * 60 * 1000;
    /// A connection idle longer than this gets a "SELECT 1" before it is handed out; younger
    /// ones only get the check without a round trip (Connection::StillOpen).
    int idle_check_ms = 30 * 1000;
    /// Called (outside the pool's lock) when opening a connection failed: the credentials may
    /// have been rotated a moment ago, so their source is looked at (it may call Reconfigure);
    /// after a Reconfigure the connection is tried once more with the new options.
    std::function<void()> recheck_credentials;
};

/// A bounded pool of connections to one server (or one multi-host URL), opened on demand.
/// Thread-safe. Broken, expired and non-idle connections are closed when they come back or
/// are found dead when taken; their slot is filled again on the next Acquire. Reconfigure
/// (rotated credentials) drains the pool: idle connections are closed at once, busy ones when
/// they come back, and new ones use the new options.
class ConnectionPool {
public:
    explicit ConnectionPool(PoolOptions options);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    /// A healthy connection outside any transaction. Throws AppError{kDependencyUnavailable}
    /// when none is free within acquire_timeout_ms or a new one cannot be opened.
    std::unique_ptr<Connection> Acquire();
    /// Hands a connection back; broken, expired or mid-transaction ones are closed.
    void Release(std::unique_ptr<Connection> connection);
    app::ports::PoolStats Stats() const;
    /// New connections use `connection` from now on; the open ones are drained (see above).
    void Reconfigure(ConnectionOptions connection);

private:
    bool Expired(const Connection& connection) const;
    /// False when an idle connection must not be handed out (checked outside the lock).
    bool Usable(Connection& connection) const;
    void Discard(std::unique_ptr<Connection> connection);

    PoolOptions options_;  // options_.connection is guarded by mutex_
    mutable std::mutex mutex_;
    std::condition_variable released_;
    std::vector<std::unique_ptr<Connection>> idle_;  // most recently used last
    int open_ = 0;                                   // connections that exist or are being opened
    int waiting_ = 0;                                // callers blocked in Acquire
    app::ports::WaitHistogram waits_;                // how long Acquire waited, since start
    std::uint64_t generation_ = 0;  // Reconfigure calls; connections carry the one they used
};

}  // namespace store::infra::postgres
