#include "domain/login_throttle.hpp"

#include <algorithm>

namespace store::domain {

int LiveFailures(const FailureCount& count, std::chrono::seconds window, TimePoint now) {
    return now < count.window_start + window ? count.failures : 0;
}

std::chrono::milliseconds LoginDelay(int failures, const LoginThrottlePolicy& policy) {
    if (failures <= policy.free_failures) {
        return std::chrono::milliseconds{0};
    }
    const int doublings = std::min(failures - policy.free_failures - 1, 30);
    const auto delay = policy.first_delay * (std::int64_t{1} << doublings);
    return std::min(delay, policy.max_delay);
}

LoginVerdict JudgeLogin(const LoginFailures& before, const LoginThrottlePolicy& policy,
                        TimePoint now) {
    LoginVerdict verdict;
    const auto refuse_until = [&](const FailureCount& count) {
        const auto left = count.window_start + policy.window - now;
        const auto seconds = std::chrono::ceil<std::chrono::seconds>(left).count();
        verdict.refused = true;
        verdict.retry_after_seconds = std::max(
            verdict.retry_after_seconds, static_cast<int>(std::max<std::int64_t>(seconds, 1)));
    };
    const int pair = LiveFailures(before.account_client, policy.window, now);
    const int client = LiveFailures(before.client, policy.window, now);
    const int account = LiveFailures(before.account, policy.window, now);
    if (pair >= policy.max_account_client_failures) {
        refuse_until(before.account_client);
    }
    if (client >= policy.max_client_failures) {
        refuse_until(before.client);
    }
    if (!verdict.refused) {
        verdict.delay = LoginDelay(std::max({pair, client, account}), policy);
    }
    return verdict;
}

}  // namespace store::domain
