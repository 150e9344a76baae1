#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "app/context.hpp"
#include "app/ports/clock.hpp"
#include "app/ports/database.hpp"
#include "app/ports/event_bus.hpp"
#include "app/ports/random_source.hpp"
#include "app/ports/token_signer.hpp"

namespace store::app {

struct AccessSettings {
    /// lastUsedAt of an automation token is written at most this often (per token and replica).
    std::chrono::seconds last_used_flush{60};
    /// A revoked automation token presented again is audited at most this often.
    std::chrono::seconds revoked_use_audit{60};
};

/// What a verified bearer token grants: the actor, and what a WebSocket watches to end with it.
struct Grant {
    Actor actor;
    std::string subject;  // "user:<id>" or "token:<id>"
    std::int64_t epoch = 0;
    domain::TimePoint expires_at;  // the access token's exp; far future for tokens without one
};

struct NewApiToken {
    std::string name;
    std::string role;
    std::optional<domain::TimePoint> expires_at;
};

/// The one answer that carries the secret.
struct CreatedApiToken {
    ports::ApiToken token;
    std::string secret;
};

/// Automation tokens end with their creator's access (docs/security.md, "Automation tokens"):
/// revokes, in `uow`, the tokens `creator` (a username) made whose role exceeds `cap` — every
/// one of them when `cap` is nullopt (the creator was disabled or deleted) — each with a
/// token.revoked audit entry naming `reason`. Returns their ids; after the commit, pass each to
/// AccessService::EndTokenAccess.
std::vector<std::string> RevokeTokensOfCreator(ports::UnitOfWork& uow, const ports::Clock& clock,
                                               ports::RandomSource& random, const RequestMeta& meta,
                                               const std::string& creator,
                                               std::optional<domain::Role> cap,
                                               const std::string& reason);

/// Verifies an access token's signature, key, lifetime and expiry; throws kUnauthorized with
/// the reason.
ports::AccessClaims VerifyAccessToken(ports::TokenSigner& signer, std::string_view token,
                                      domain::TimePoint now);

/// Who may use the API, decided from memory on every request, and ended within a second on
/// every replica (docs/security.md, "Sessions and revocation" and "Automation tokens").
///
/// Access tokens (JWTs) carry their user's session epoch; the user's current epoch is kept
/// here per user. Ending access (disable, delete, role or password change, logout, refresh
/// token reuse) bumps the epoch in the database, then publishes access.revoked on the event
/// bus, which reaches every replica; each replica raises its epoch and closes the user's
/// WebSockets. Should a replica miss the event (relay down, message dropped), Maintain() —
/// run every auth.access_resync_seconds — re-reads every epoch and token from the database,
/// which bounds the staleness to that interval.
///
/// Automation tokens ("spp_" + 43 base64url characters, 256 random bits) are kept by their
/// SHA-256; a token this replica has not heard of is looked up once in the database.
class AccessService {
public:
    static constexpr std::string_view kTokenPrefix = "spp_";
    /// The epoch of a deleted user: every one of its tokens has ended.
    static constexpr std::int64_t kGone = std::numeric_limits<std::int64_t>::max();

    AccessService(AccessSettings settings, ports::Database& database, ports::TokenSigner& signer,
                  ports::EventBus& events, const ports::Clock& clock, ports::RandomSource& random);
    ~AccessService();
    AccessService(const AccessService&) = delete;
    AccessService& operator=(const AccessService&) = delete;

    /// Verifies a bearer token (an access token or an automation token). Throws kUnauthorized
    /// with the reason. With `may_read_database` false it never blocks on the database and
    /// returns nullopt when memory cannot decide (a user or token this replica has not seen
    /// yet): the caller retries where it may block (a worker thread). `origin` is the
    /// presenting request (its id and client address; no actor yet): the audit entry of a
    /// revoked automation token used again names it.
    std::optional<Grant> Authenticate(std::string_view bearer, bool may_read_database,
                                      const RequestMeta& origin);

    /// After the commit that bumped `user_id`'s epoch to `epoch` (kGone: deleted): ends its
    /// older access tokens and WebSockets here and, through the bus, on every replica.
    void EndUserAccess(const std::string& user_id, std::int64_t epoch);

    /// After the commit that revoked automation token `token_id`: ends it here and, through the
    /// bus, on every replica (its WebSockets close with 1008).
    void EndTokenAccess(const std::string& token_id);

    /// POST /api/tokens: the role cannot exceed the creator's. Audited.
    CreatedApiToken CreateToken(const NewApiToken& input, const RequestMeta& meta);
    /// GET /api/tokens: the tokens not revoked, newest first, with lastUsedAt.
    std::vector<ports::ApiToken> ListTokens();
    /// DELETE /api/tokens/{id}: kNotFound when unknown or revoked already. Audited.
    void RevokeToken(const std::string& id, const RequestMeta& meta);

    /// Writes what waits (lastUsedAt, audits of revoked tokens used), then re-reads every
    /// epoch and token, ending what changed behind a missed event. Throws when the database
    /// is unreachable (the caller logs and tries again next time).
    void Maintain();

    /// Called (on the thread that learnt it) when access of `subject` below `epoch` ends;
    /// main.cpp closes the WebSockets (ws::Hub::EndAccess). Set once before serving.
    void SetAccessEnded(std::function<void(const std::string& subject, std::int64_t epoch)> ended);

private:
    struct KnownToken {
        ports::ApiToken token;
        std::optional<domain::TimePoint> used_at;     // last use seen here
        std::optional<domain::TimePoint> flushed_at;  // last lastUsedAt written from here
        std::optional<domain::TimePoint> revoked_use_audited_at;
        bool revoked_use_pending = false;
        RequestMeta revoked_use_origin;  // the request that presented it (when pending)
    };

    std::optional<Grant> AuthenticateAccessToken(std::string_view token, bool may_read_database);
    std::optional<Grant> AuthenticateApiToken(std::string_view token, bool may_read_database,
                                              const RequestMeta& origin);
    void OnEvent(const ports::Event& event);
    /// Raises the known epoch of `user_id`; announces the end when it rose.
    void RaiseEpoch(const std::string& user_id, std::int64_t epoch);
    void MarkRevoked(const std::string& token_id);
    void Announce(const std::string& subject, std::int64_t epoch);
    void Publish(std::string subject, std::int64_t epoch);

    AccessSettings settings_;
    ports::Database& database_;
    ports::TokenSigner& signer_;
    ports::EventBus& events_;
    const ports::Clock& clock_;
    ports::RandomSource& random_;
    std::uint64_t subscription_ = 0;
    std::mutex ended_mutex_;
    std::function<void(const std::string&, std::int64_t)> ended_;  // guarded by ended_mutex_

    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, std::int64_t> epochs_;  // user id -> session epoch
    std::unordered_map<std::string, KnownToken> tokens_;    // token hash -> token
    std::unordered_set<std::string> unknown_hashes_;  // not in the database (reset by Maintain)
};

}  // namespace store::app
