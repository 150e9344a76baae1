#include "app/auth_service.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "app/errors.hpp"

namespace store::app {
namespace {

AppError BadCredentials() {
    return AppError(ErrorCode::kUnauthorized, "wrong username or password");
}

// The keys of one attempt's failure counters (login_failures.key).
struct LoginKeys {
    std::string account_client;
    std::string client;
    std::string account;
};

LoginKeys KeysOf(const std::string& username, const std::string& client_address) {
    return {"ac:" + client_address + "|" + username, "c:" + client_address, "a:" + username};
}

domain::LoginThrottlePolicy ThrottlePolicyOf(const AuthSettings& settings) {
    domain::LoginThrottlePolicy policy;
    policy.max_account_client_failures = settings.max_failed_logins;
    // An office behind one NAT address has many users: allow it more failures.
    policy.max_client_failures = settings.max_failed_logins * 4;
    policy.window = settings.failed_login_window;
    policy.max_delay = settings.max_login_delay;
    policy.first_delay = std::min(policy.first_delay, policy.max_delay);
    return policy;
}

}  // namespace

AuthService::AuthService(AuthSettings settings, ports::Database& database,
                         ports::PasswordHasher& hasher, ports::TokenSigner& signer,
                         const ports::Clock& clock, ports::RandomSource& random)
    : settings_(settings),
      database_(database),
      hasher_(hasher),
      signer_(signer),
      clock_(clock),
      random_(random),
      throttle_(ThrottlePolicyOf(settings)) {
    dummy_hash_ = hasher_.Hash(random_.NewToken(16));
}

std::string AuthService::HashToken(std::string_view token) const {
    return signer_.Fingerprint(token);
}

Session AuthService::Issue(const ports::User& user, bool remember, ports::UnitOfWork& uow) {
    const auto now = clock_.Now();
    ports::AccessClaims claims;
    claims.user_id = user.id;
    claims.username = user.username;
    claims.role = user.role;
    claims.issued_at = now;
    claims.expires_at = now + settings_.access_ttl;
    claims.token_id = random_.NewUuid();
    claims.session_epoch = user.session_epoch;

    Session session;
    session.access_token = signer_.Sign(claims);
    session.refresh_token = random_.NewToken(32);
    session.expires_in = settings_.access_ttl.count();
    session.user = Actor{user.id, user.username, user.role};

    ports::RefreshToken stored;
    stored.token_hash = HashToken(session.refresh_token);
    stored.user_id = user.id;
    stored.created_at = now;
    stored.expires_at = now + (remember ? settings_.refresh_ttl_remember : settings_.refresh_ttl);
    stored.remember = remember;
    uow.Tokens().Insert(stored);
    return session;
}

Session AuthService::Login(const std::string& username, const std::string& password, bool remember,
                           const std::string& client_address, std::chrono::milliseconds* delay) {
    const auto now = clock_.Now();
    const LoginKeys keys = KeysOf(username, client_address);
    const auto refuse = [](const domain::LoginVerdict& verdict) {
        if (verdict.refused) {
            throw AppError::RateLimited("too many failed logins from your address; try again later",
                                        verdict.retry_after_seconds);
        }
    };
    // 1. Judge by the failures so far: a refused attempt costs no hashing and is not counted.
    {
        auto read = database_.Begin(ports::TxKind::kRead);
        const auto counts =
            read->LoginFailures().Find({keys.account_client, keys.client, keys.account});
        refuse(domain::JudgeLogin({counts[0], counts[1], counts[2]}, throttle_, now));
    }
    // 2. Count the attempt as a failure before checking the password (taken back on success):
    // concurrent attempts on any replica each see the others, so the allowance never doubles.
    domain::LoginFailures after;
    {
        auto write = database_.Begin(ports::TxKind::kWrite);
        auto& failures = write->LoginFailures();
        failures.Prune(now - throttle_.window);
        after.account_client = failures.Add(keys.account_client, now, throttle_.window);
        after.client = failures.Add(keys.client, now, throttle_.window);
        after.account = failures.Add(keys.account, now, throttle_.window);
        write->Commit();
    }
    auto before = after;
    --before.account_client.failures;
    --before.client.failures;
    --before.account.failures;
    const auto verdict = domain::JudgeLogin(before, throttle_, now);
    refuse(verdict);  // lost a race with a concurrent attempt
    if (delay != nullptr) {
        *delay = verdict.delay;
    }

    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto user = uow->Users().FindByUsername(username);
    const bool ok = user ? hasher_.Verify(user->password_hash, password)
                         : (hasher_.Verify(dummy_hash_, password), false);
    if (!ok || user->disabled) {
        throw BadCredentials();
    }
    // The owner got in: the account's and this pair's failures are over; the client's count
    // only loses this attempt (a client must not clear its count by logging into its own
    // account between guesses).
    uow->LoginFailures().Forget(keys.account_client);
    uow->LoginFailures().Forget(keys.account);
    uow->LoginFailures().Subtract(keys.client, after.client.window_start);
    auto session = Issue(*user, remember, *uow);
    uow->Commit();
    return session;
}

Session AuthService::Refresh(const std::string& refresh_token) {
    const auto now = clock_.Now();
    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto hash = HashToken(refresh_token);
    const auto stored = uow->Tokens().FindByHash(hash);
    if (!stored || stored->expires_at <= now) {
        throw AppError(ErrorCode::kUnauthorized, "the refresh token is unknown or expired");
    }
    if (stored->revoked || !uow->Tokens().Revoke(hash)) {
        // A revoked token presented again may have been stolen: end every session of the user,
        // its access tokens included.
        uow->Tokens().RevokeAllForUser(stored->user_id);
        const auto epoch = uow->Users().BumpSessionEpoch(stored->user_id);
        uow->Commit();
        EndAccess(stored->user_id, epoch);
        throw AppError(ErrorCode::kUnauthorized, "the refresh token was already used");
    }
    const auto user = uow->Users().FindById(stored->user_id);
    if (!user || user->disabled) {
        throw AppError(ErrorCode::kUnauthorized, "the account is disabled");
    }
    auto session = Issue(*user, stored->remember, *uow);
    uow->Commit();
    return session;
}

void AuthService::Logout(const std::string& refresh_token) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto hash = HashToken(refresh_token);
    const auto stored = uow->Tokens().FindByHash(hash);
    if (!stored || !uow->Tokens().Revoke(hash)) {
        return;  // unknown or revoked already: nothing to end (and nothing to tell a stranger)
    }
    // The user's access tokens end with the session (on every device: the others refresh).
    const auto epoch = uow->Users().BumpSessionEpoch(stored->user_id);
    uow->Commit();
    EndAccess(stored->user_id, epoch);
}

void AuthService::EndAccess(const std::string& user_id, std::optional<std::int64_t> epoch) {
    if (access_ != nullptr && epoch) {
        access_->EndUserAccess(user_id, *epoch);
    }
}

Actor AuthService::Authenticate(std::string_view access_token) const {
    const auto claims = VerifyAccessToken(signer_, access_token, clock_.Now());
    return Actor{claims.user_id, claims.username, claims.role};
}

std::optional<std::string> AuthService::EnsureBootstrapAdmin(
    const std::optional<std::string>& password,
    const std::function<void(const std::string&)>& keep) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    if (uow->Users().Count() > 0) {
        return std::nullopt;
    }
    const std::string chosen = password.value_or(random_.NewToken(18));
    ports::User admin;
    admin.id = random_.NewUuid();
    admin.username = "admin";
    admin.role = domain::Role::kAdmin;
    admin.password_hash = hasher_.Hash(chosen);
    admin.created_at = admin.updated_at = clock_.Now();
    uow->Users().Insert(admin);
    ports::AuditEntry entry;
    entry.id = random_.NewUuid();
    entry.time = admin.created_at;
    entry.actor = "system";
    entry.action = "user.created";
    entry.entity_type = "user";
    entry.entity_id = admin.id;
    entry.request_id = "bootstrap";
    entry.changes = {{"username", std::nullopt, "admin"}, {"role", std::nullopt, "admin"}};
    uow->Audit().Append(entry);
    if (!password && keep) {
        keep(chosen);
    }
    uow->Commit();
    return password ? std::nullopt : std::optional<std::string>(chosen);
}

}  // namespace store::app
