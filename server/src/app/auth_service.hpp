#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "app/access_service.hpp"
#include "app/context.hpp"
#include "app/ports/clock.hpp"
#include "app/ports/database.hpp"
#include "app/ports/password_hasher.hpp"
#include "app/ports/random_source.hpp"
#include "app/ports/token_signer.hpp"
#include "domain/login_throttle.hpp"

namespace store::app {

struct AuthSettings {
    std::chrono::seconds access_ttl{900};
    std::chrono::seconds refresh_ttl{12 * 3600};
    std::chrono::seconds refresh_ttl_remember{30 * 24 * 3600};
    int max_failed_logins = 5;  // per (account, client); 4x per client over all accounts
    std::chrono::seconds failed_login_window{300};
    std::chrono::milliseconds max_login_delay{2000};
};

struct Session {
    std::string access_token;
    std::string refresh_token;
    std::int64_t expires_in = 0;  // seconds until the access token expires
    Actor user;
};

/// Login, token refresh with rotation, logout, and verification of access tokens.
class AuthService {
public:
    AuthService(AuthSettings settings, ports::Database& database, ports::PasswordHasher& hasher,
                ports::TokenSigner& signer, const ports::Clock& clock, ports::RandomSource& random);

    /// Throws kUnauthorized for wrong credentials and kRateLimited once this client has failed
    /// too often for this account, or for all accounts together, in the window (counters shared
    /// by every replica through the database). An account's failures from other clients only
    /// slow the answer: `delay`, when given, is set (also when this throws) to how long the
    /// answer must be held back.
    Session Login(const std::string& username, const std::string& password, bool remember,
                  const std::string& client_address, std::chrono::milliseconds* delay = nullptr);
    /// Revokes `refresh_token` and issues a new pair; a reused (revoked) token is refused.
    Session Refresh(const std::string& refresh_token);
    void Logout(const std::string& refresh_token);
    /// Verifies an access token's signature and claims (not its session epoch: that is
    /// AccessService::Authenticate); throws kUnauthorized with the reason.
    Actor Authenticate(std::string_view access_token) const;

    /// Where logout and refresh-token reuse end the user's access tokens (set once in
    /// main.cpp; without it only the refresh tokens are revoked).
    void SetAccess(AccessService& access) { access_ = &access; }

    /// Creates the `admin` user when there is no user at all. Returns the password used when
    /// one was generated, nullopt otherwise. A generated password is handed to `keep` before
    /// the user is committed: when `keep` throws (it could not be stored), no admin is created.
    std::optional<std::string> EnsureBootstrapAdmin(
        const std::optional<std::string>& password,
        const std::function<void(const std::string&)>& keep = {});

private:
    Session Issue(const ports::User& user, bool remember, ports::UnitOfWork& uow);
    std::string HashToken(std::string_view token) const;
    void EndAccess(const std::string& user_id, std::optional<std::int64_t> epoch);

    AuthSettings settings_;
    ports::Database& database_;
    ports::PasswordHasher& hasher_;
    ports::TokenSigner& signer_;
    const ports::Clock& clock_;
    ports::RandomSource& random_;
    domain::LoginThrottlePolicy throttle_;
    std::string dummy_hash_;  // verified against for unknown users, so timing does not tell
    AccessService* access_ = nullptr;
};

}  // namespace store::app
