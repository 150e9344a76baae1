#pragma once

#include <chrono>
#include <string>

#include "domain/store.hpp"

namespace store::domain {

/// Failed logins counted under one key in a fixed window that starts at the first failure.
struct FailureCount {
    int failures = 0;
    TimePoint window_start{};
};

/// The three counters one login attempt is judged by (OWASP authentication cheat sheet,
/// ASVS V2.2): the account from this client, this client over all accounts, and the account
/// from every client.
struct LoginFailures {
    FailureCount account_client;
    FailureCount client;
    FailureCount account;
};

struct LoginThrottlePolicy {
    int max_account_client_failures = 5;  // then this client may not try this account
    int max_client_failures = 20;         // then this client may not try any account
    std::chrono::seconds window{300};
    int free_failures = 2;                       // failures before answers are slowed
    std::chrono::milliseconds first_delay{100};  // doubles with every further failure
    std::chrono::milliseconds max_delay{2000};
};

/// What to do with a login attempt. A refusal names the seconds until it lifts; otherwise the
/// answer (success or not) is held back for `delay`.
struct LoginVerdict {
    bool refused = false;
    int retry_after_seconds = 0;
    std::chrono::milliseconds delay{0};
};

/// Judges an attempt by the failures counted before it. Pure: time is a parameter.
/// - A client that failed too often for this account, or for all accounts together, is
///   refused until its window ends: it cannot go on guessing.
/// - The account's own count (every client together) only ever slows the answer, up to
///   `max_delay`: an attacker spraying from many addresses cannot lock the owner out.
/// - The client's count slows it too, before it is refused.
LoginVerdict JudgeLogin(const LoginFailures& before, const LoginThrottlePolicy& policy,
                        TimePoint now);

/// The delay for a count of recent failures: none up to `free_failures`, then doubling from
/// `first_delay`, capped at `max_delay`.
std::chrono::milliseconds LoginDelay(int failures, const LoginThrottlePolicy& policy);

/// The failures of `count` still inside the window at `now` (0 once the window has passed).
int LiveFailures(const FailureCount& count, std::chrono::seconds window, TimePoint now);

}  // namespace store::domain
