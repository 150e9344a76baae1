#include "app/auth_service.hpp"

#include <array>
#include <cstdio>

#include "app/errors.hpp"

namespace store::app {
namespace {

AppError BadCredentials() {
    return AppError(ErrorCode::kUnauthorized, "wrong username or password");
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
      user_throttle_(settings.max_failed_logins, settings.failed_login_window),
      // An office behind one NAT address has many users: allow it more failures.
      address_throttle_(settings.max_failed_logins * 4, settings.failed_login_window) {
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

Session AuthService::Login(const std::string& username, const std::string& password,
                           bool remember, const std::string& client_address) {
    const auto now = clock_.Now();
    const std::string user_key = "u:" + username;
    const std::string address_key = "a:" + client_address;
    {
        std::lock_guard lock(throttle_mutex_);
        const int wait = std::max(user_throttle_.RetryAfter(user_key, now),
                                  address_throttle_.RetryAfter(address_key, now));
        if (wait > 0) {
            throw AppError::RateLimited("too many failed logins; try again later", wait);
        }
    }
    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto user = uow->Users().FindByUsername(username);
    const bool ok = user ? hasher_.Verify(user->password_hash, password)
                         : (hasher_.Verify(dummy_hash_, password), false);
    if (!ok || user->disabled) {
        std::lock_guard lock(throttle_mutex_);
        user_throttle_.RecordFailure(user_key, now);
        address_throttle_.RecordFailure(address_key, now);
        throw BadCredentials();
    }
    {
        std::lock_guard lock(throttle_mutex_);
        user_throttle_.RecordSuccess(user_key);
    }
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
    const std::optional<std::string>& password) {
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
    uow->Commit();
    return password ? std::nullopt : std::optional<std::string>(chosen);
}

}  // namespace store::app
