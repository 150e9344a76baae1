#include "infra/postgres/connection_pool.hpp"

#include <chrono>

#include "app/errors.hpp"
#include "infra/pool_wait.hpp"

namespace store::infra::postgres {

ConnectionPool::ConnectionPool(PoolOptions options) : options_(std::move(options)) {
    if (options_.size < 1) {
        options_.size = 1;
    }
}

ConnectionPool::~ConnectionPool() = default;

bool ConnectionPool::Expired(const Connection& connection) const {
    return Connection::Clock::now() - connection.CreatedAt() >=
           std::chrono::milliseconds(options_.max_lifetime_ms);
}

bool ConnectionPool::Usable(Connection& connection) const {
    if (Expired(connection) || !connection.StillOpen()) {
        return false;
    }
    if (Connection::Clock::now() - connection.LastUsed() <
        std::chrono::milliseconds(options_.idle_check_ms)) {
        return true;
    }
    try {
        connection.Exec("SELECT 1");
        static_cast<void>(connection.TakeFailure());  // a dead idle connection is no outage
        return true;
    } catch (const app::AppError&) {
        static_cast<void>(connection.TakeFailure());
        return false;
    }
}

std::unique_ptr<Connection> ConnectionPool::Acquire() {
    std::unique_lock lock(mutex_);
    const bool ready = WaitForConnection(
        lock, released_, std::chrono::milliseconds(options_.acquire_timeout_ms), waiting_, waits_,
        [&] { return !idle_.empty() || open_ < options_.size; });
    if (!ready) {
        throw app::AppError(app::ErrorCode::kDependencyUnavailable,
                            "database connection pool exhausted",
                            "database connection pool exhausted after " +
                                std::to_string(options_.acquire_timeout_ms) + " ms");
    }
    // Take idle connections (newest first) until one is usable; a dead one gives its slot to
    // the new connection opened below.
    bool have_slot = false;
    while (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        lock.unlock();
        if (Usable(*connection)) {
            connection->MarkUsed();
            return connection;
        }
        connection.reset();
        have_slot = true;
        lock.lock();
        if (idle_.empty()) {
            break;
        }
        // Keep the slot of the dead one while looking at the next idle connection.
        --open_;
        have_slot = false;
    }
    if (!have_slot) {
        ++open_;
    }
    if (!lock.owns_lock()) {
        lock.lock();
    }
    ConnectionOptions connect_with = options_.connection;
    std::uint64_t generation = generation_;
    lock.unlock();
    for (bool retried = false;; retried = true) {
        try {
            auto connection = std::make_unique<Connection>(connect_with);
            connection->SetGeneration(generation);
            return connection;
        } catch (const app::AppError&) {
            if (!retried && options_.recheck_credentials) {
                options_.recheck_credentials();
                lock.lock();
                const bool reconfigured = generation_ != generation;
                if (reconfigured) {
                    connect_with = options_.connection;
                    generation = generation_;
                }
                lock.unlock();
                if (reconfigured) {
                    continue;
                }
            }
            lock.lock();
            --open_;
            lock.unlock();
            released_.notify_one();
            throw;
        }
    }
}

void ConnectionPool::Release(std::unique_ptr<Connection> connection) {
    if (!connection->Healthy() || !connection->Idle() || Expired(*connection)) {
        Discard(std::move(connection));
        return;
    }
    connection->MarkUsed();
    std::unique_ptr<Connection> stale;
    {
        std::lock_guard lock(mutex_);
        if (connection->Generation() == generation_) {
            idle_.push_back(std::move(connection));
        } else {
            // Opened with credentials rotated since: drained now that its use is over.
            stale = std::move(connection);
            --open_;
        }
    }
    stale.reset();  // closed outside the lock
    released_.notify_one();
}

void ConnectionPool::Reconfigure(ConnectionOptions connection) {
    std::vector<std::unique_ptr<Connection>> drained;
    {
        std::lock_guard lock(mutex_);
        options_.connection = std::move(connection);
        ++generation_;
        drained.swap(idle_);
        open_ -= static_cast<int>(drained.size());
    }
    drained.clear();  // closed outside the lock
    released_.notify_all();
}

void ConnectionPool::Discard(std::unique_ptr<Connection> connection) {
    connection.reset();
    {
        std::lock_guard lock(mutex_);
        --open_;
    }
    released_.notify_one();
}

app::ports::PoolStats ConnectionPool::Stats() const {
    std::lock_guard lock(mutex_);
    app::ports::PoolStats stats;
    stats.size = options_.size;
    stats.idle = static_cast<std::int64_t>(idle_.size());
    stats.busy = open_ - stats.idle;
    stats.waiting = waiting_;
    stats.waits = waits_;
    return stats;
}

}  // namespace store::infra::postgres
