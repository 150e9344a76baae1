#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/rollout_service.hpp"
#include "platform/logging.hpp"

namespace store::jobs {

/// The thread that moves rollouts on (RolloutService::AdvanceDue): at once when woken (a new
/// rollout, a resume, a run of this replica ended), else every poll interval (waits between
/// waves, runs other replicas finished, rollouts of a replica that died). Every replica runs
/// one; the rollout's row lock keeps them from starting a store twice.
class RolloutDriver {
public:
    RolloutDriver(app::RolloutService& rollouts, const platform::Logger& logger,
                  std::chrono::milliseconds poll_interval);
    ~RolloutDriver();
    RolloutDriver(const RolloutDriver&) = delete;
    RolloutDriver& operator=(const RolloutDriver&) = delete;

    void WakeUp();
    /// Lets the current pass finish, then joins. Idempotent.
    void Stop();

private:
    void Loop();

    app::RolloutService& rollouts_;
    const platform::Logger& logger_;
    std::chrono::milliseconds poll_interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool woken_ = false;
    std::thread thread_;
};

}  // namespace store::jobs
