#include "jobs/rollout_driver.hpp"

#include "app/errors.hpp"

namespace store::jobs {

RolloutDriver::RolloutDriver(app::RolloutService& rollouts, const platform::Logger& logger,
                             std::chrono::milliseconds poll_interval)
    : rollouts_(rollouts), logger_(logger), poll_interval_(poll_interval) {
    thread_ = std::thread([this] { Loop(); });
}

RolloutDriver::~RolloutDriver() { Stop(); }

void RolloutDriver::WakeUp() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_one();
}

void RolloutDriver::Stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) {
            return;
        }
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void RolloutDriver::Loop() {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            if (stopping_) {
                return;
            }
            woken_ = false;
        }
        try {
            rollouts_.AdvanceDue();
        } catch (const app::AppError& error) {
            // The database is unreachable, for instance: the next pass carries on from the
            // state the last committed transaction left.
            logger_.Warn("rollouts could not move on",
                         {{"detail", error.detail()}, {"internal", error.internal()}});
        } catch (const std::exception& error) {
            logger_.Error("rollout driver failed", {{"error", error.what()}});
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, poll_interval_, [this] { return stopping_ || woken_; });
    }
}

}  // namespace store::jobs
