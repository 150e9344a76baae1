#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace store::platform {

/// Calls `task` every `interval` on its own thread until destroyed (the destructor wakes the
/// thread and joins it; a task in progress finishes first).
class Periodic {
public:
    Periodic(std::chrono::milliseconds interval, std::function<void()> task);
    ~Periodic();
    Periodic(const Periodic&) = delete;
    Periodic& operator=(const Periodic&) = delete;

private:
    std::chrono::milliseconds interval_;
    std::function<void()> task_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace store::platform
