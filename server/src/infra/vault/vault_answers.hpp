#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/ports/secret_store.hpp"

namespace store::infra::vault {

// What VaultClient reads from Vault's JSON answers, apart from the HTTP calls so that it can be
// fuzzed: a compromised or confused Vault may answer anything. Every function throws
// AppError{kDependencyUnavailable, "vault sent an unexpected answer"} for an answer it cannot
// use, and nothing else.

enum class AuthMethod { kToken, kAppRole, kKubernetes };

/// A login's outcome: the token, its TTL in seconds (0: never expires) and what renewals ask for.
struct LoginAnswer {
    std::string token;
    std::int64_t ttl_seconds = 0;
    std::int64_t increment_seconds = 0;
    bool renewable = false;
};

/// The answer to a login: auth/token/lookup-self (method kToken: `data`; the token is the
/// configured one) or auth/approle|kubernetes/login (`auth.client_token`). `what` names the call
/// in the internal message.
LoginAnswer ReadLoginAnswer(AuthMethod method, std::string_view body, const std::string& what,
                            const std::string& configured_token);

/// The new TTL in seconds from an auth/token/renew-self answer.
std::int64_t ReadRenewAnswer(std::string_view body);

/// The secret in a KV version 2 read answer (`data.data`); non-string values as their JSON.
app::ports::Secret ReadKvAnswer(std::string_view body);

/// The messages of an error answer {"errors":["…"]}, joined with "; " ("" if there are none).
std::string ReadErrors(std::string_view body);

/// When to refresh a token of `ttl_seconds`: at `renew_at` of its TTL, within [0, 1 year].
std::chrono::milliseconds RefreshAfter(std::int64_t ttl_seconds, double renew_at);

}  // namespace store::infra::vault
