#include "jobs/worker_pool.hpp"

#include "app/errors.hpp"

namespace store::jobs {

WorkerPool::WorkerPool(RunWorker& worker, const platform::Logger& logger, int threads,
                       std::chrono::milliseconds poll_interval, const std::string& worker_prefix)
    : worker_(worker), logger_(logger), poll_interval_(poll_interval) {
    for (int i = 0; i < threads; ++i) {
        const std::string id = worker_prefix + "-" + std::to_string(i);
        threads_.emplace_back([this, id] { Loop(id); });
    }
}

WorkerPool::~WorkerPool() { Stop(); }

void WorkerPool::WakeUp() {
    {
        std::lock_guard lock(mutex_);
        ++pending_wakeups_;
    }
    wake_.notify_one();
}

void WorkerPool::Stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) {
            return;
        }
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& thread : threads_) {
        if (thread.joinable()) {
            thread.join();
        }
    }
}

void WorkerPool::Loop(const std::string& worker_id) {
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                return;
            }
        }
        bool worked = false;
        try {
            worked = worker_.Work(worker_id);
        } catch (const app::AppError& error) {
            // The database is unreachable, for instance: the lease expires and the run is
            // picked up again later, here or by another replica.
            logger_.Warn("worker could not run a job", {{"worker", worker_id},
                                                        {"detail", error.detail()},
                                                        {"internal", error.internal()}});
        } catch (const std::exception& error) {
            logger_.Error("worker failed", {{"worker", worker_id}, {"error", error.what()}});
        }
        if (worked) {
            continue;
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, poll_interval_, [this] { return stopping_ || pending_wakeups_ > 0; });
        if (pending_wakeups_ > 0) {
            --pending_wakeups_;
        }
    }
}

}  // namespace store::jobs
