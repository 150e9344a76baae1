#include "infra/postgres/connection_pool.hpp"

#include <chrono>

#include "app/errors.hpp"

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
    ++waiting_;
    const bool ready =
        released_.wait_for(lock, std::chrono::milliseconds(options_.acquire_timeout_ms),
                           [&] { return !idle_.empty() || open_ < options_.size; });
    --waiting_;
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
    if (lock.owns_lock()) {
        lock.unlock();
    }
    try {
        auto connection = std::make_unique<Connection>(options_.connection);
        return connection;
    } catch (...) {
        lock.lock();
        --open_;
        lock.unlock();
        released_.notify_one();
        throw;
    }
}

void ConnectionPool::Release(std::unique_ptr<Connection> connection) {
    if (!connection->Healthy() || !connection->Idle() || Expired(*connection)) {
        Discard(std::move(connection));
        return;
    }
    connection->MarkUsed();
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(connection));
    }
    released_.notify_one();
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
    return stats;
}

}  // namespace store::infra::postgres
