#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jobs/run_worker.hpp"
#include "platform/logging.hpp"

namespace store::jobs {

/// Threads that execute provisioning runs. Each loops: claim a due run and work on it; when
/// there is none, sleep until woken (a new run) or the poll interval passes (runs waiting for
/// a retry, runs of other replicas whose lease expired).
class WorkerPool {
public:
    WorkerPool(RunWorker& worker, const platform::Logger& logger, int threads,
               std::chrono::milliseconds poll_interval, const std::string& worker_prefix);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void WakeUp();
    /// Lets the current steps finish, then joins. Idempotent.
    void Stop();

private:
    void Loop(const std::string& worker_id);

    RunWorker& worker_;
    const platform::Logger& logger_;
    std::chrono::milliseconds poll_interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    int pending_wakeups_ = 0;
    std::vector<std::thread> threads_;
};

}  // namespace store::jobs
