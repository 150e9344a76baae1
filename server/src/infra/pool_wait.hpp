#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "app/ports/database.hpp"

namespace store::infra {

/// Waits (holding `lock`, as condition variables do) until `can_take()` or `timeout`, counting
/// the caller in `waiting` meanwhile and the time it waited in `waits` — zero when a connection
/// was there at once, the whole timeout when none came. True when a connection can be taken.
/// Shared by the PostgreSQL and SQLite pools (store_db_pool_wait_seconds).
template <class CanTake>
bool WaitForConnection(std::unique_lock<std::mutex>& lock, std::condition_variable& released,
                       std::chrono::milliseconds timeout, int& waiting,
                       app::ports::WaitHistogram& waits, CanTake can_take) {
    if (can_take()) {
        waits.Observe(0);
        return true;
    }
    ++waiting;
    const auto started = std::chrono::steady_clock::now();
    const bool ready = released.wait_for(lock, timeout, can_take);
    --waiting;
    waits.Observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return ready;
}

}  // namespace store::infra
