#include "app/access_service.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/errors.hpp"
#include "domain/audit_diff.hpp"
#include "domain/time_text.hpp"

namespace store::app {
namespace {

constexpr std::string_view kUserSubject = "user:";
constexpr std::string_view kTokenSubject = "token:";
constexpr std::size_t kMaxUnknownHashes = 10'000;
constexpr std::size_t kMaxTokenName = 100;
// A token without an expiry still needs a time for the WebSocket's expiry timer.
constexpr auto kNoExpiry = std::chrono::hours(24 * 365 * 10);

AppError Revoked() {
    return AppError(ErrorCode::kUnauthorized, "the access token was revoked; log in again");
}

AppError InvalidApiToken() {
    return AppError(ErrorCode::kUnauthorized, "the automation token is invalid");
}

std::string TokenActor(const ports::ApiToken& token) { return "token:" + token.name; }

}  // namespace

ports::AccessClaims VerifyAccessToken(ports::TokenSigner& signer, std::string_view token,
                                      domain::TimePoint now) {
    auto check = signer.Verify(token, now);
    if (check.claims) {
        return std::move(*check.claims);
    }
    switch (check.error.value_or(ports::TokenError::kMalformed)) {
        case ports::TokenError::kExpired:
            throw AppError(ErrorCode::kUnauthorized, "the access token has expired");
        case ports::TokenError::kUnsupportedAlgorithm:
            throw AppError(ErrorCode::kUnauthorized, "the token algorithm is not accepted");
        case ports::TokenError::kUnknownKey:
            throw AppError(ErrorCode::kUnauthorized,
                           "the token's signing key is not (or no longer) accepted");
        case ports::TokenError::kLifetimeTooLong:
            throw AppError(ErrorCode::kUnauthorized,
                           "the token's lifetime exceeds the configured one");
        case ports::TokenError::kBadSignature:
        case ports::TokenError::kMalformed: break;
    }
    throw AppError(ErrorCode::kUnauthorized, "the access token is invalid");
}

AccessService::AccessService(AccessSettings settings, ports::Database& database,
                             ports::TokenSigner& signer, ports::EventBus& events,
                             const ports::Clock& clock, ports::RandomSource& random)
    : settings_(settings),
      database_(database),
      signer_(signer),
      events_(events),
      clock_(clock),
      random_(random) {
    subscription_ = events_.Subscribe([this](const ports::Event& event) { OnEvent(event); });
}

AccessService::~AccessService() { events_.Unsubscribe(subscription_); }

void AccessService::SetAccessEnded(std::function<void(const std::string&, std::int64_t)> ended) {
    std::lock_guard lock(ended_mutex_);  // the relay's thread may announce meanwhile
    ended_ = std::move(ended);
}

std::optional<Grant> AccessService::Authenticate(std::string_view bearer, bool may_read_database,
                                                 const RequestMeta& origin) {
    if (bearer.starts_with(kTokenPrefix)) {
        return AuthenticateApiToken(bearer, may_read_database, origin);
    }
    return AuthenticateAccessToken(bearer, may_read_database);
}

std::optional<Grant> AccessService::AuthenticateAccessToken(std::string_view token,
                                                            bool may_read_database) {
    const auto claims = VerifyAccessToken(signer_, token, clock_.Now());
    std::optional<std::int64_t> known;
    {
        std::shared_lock lock(mutex_);
        if (const auto it = epochs_.find(claims.user_id); it != epochs_.end()) {
            known = it->second;
        }
    }
    if (!known) {
        if (!may_read_database) {
            return std::nullopt;
        }
        auto uow = database_.Begin(ports::TxKind::kRead);
        const auto user = uow->Users().FindById(claims.user_id);
        const std::int64_t stored = user ? user->session_epoch : kGone;
        std::unique_lock lock(mutex_);
        auto& epoch = epochs_.try_emplace(claims.user_id, stored).first->second;
        epoch = std::max(epoch, stored);
        known = epoch;
    }
    if (claims.session_epoch < *known) {
        throw Revoked();
    }
    if (claims.session_epoch > *known) {
        // Signed by us, so the epoch is real: this replica missed the event that raised it.
        RaiseEpoch(claims.user_id, claims.session_epoch);
    }
    return Grant{Actor{claims.user_id, claims.username, claims.role},
                 std::string(kUserSubject) + claims.user_id, claims.session_epoch,
                 claims.expires_at};
}

std::optional<Grant> AccessService::AuthenticateApiToken(std::string_view secret,
                                                         bool may_read_database,
                                                         const RequestMeta& origin) {
    const auto now = clock_.Now();
    const std::string hash = signer_.Fingerprint(secret);
    {
        std::unique_lock lock(mutex_);
        if (const auto it = tokens_.find(hash); it != tokens_.end()) {
            KnownToken& known = it->second;
            if (known.token.revoked_at) {
                if (!known.revoked_use_pending &&
                    (!known.revoked_use_audited_at ||
                     now - *known.revoked_use_audited_at >= settings_.revoked_use_audit)) {
                    // The first use of an audit interval is the one written (by Maintain).
                    known.revoked_use_pending = true;
                    known.revoked_use_origin = origin;
                }
                throw Revoked();
            }
            if (known.token.expires_at && *known.token.expires_at <= now) {
                throw AppError(ErrorCode::kUnauthorized, "the automation token has expired");
            }
            known.used_at = now;
            const auto& token = known.token;
            return Grant{Actor{token.id, TokenActor(token), token.role},
                         std::string(kTokenSubject) + token.id, 0,
                         token.expires_at.value_or(now + kNoExpiry)};
        }
        if (unknown_hashes_.contains(hash)) {
            throw InvalidApiToken();
        }
    }
    if (!may_read_database) {
        return std::nullopt;
    }
    auto uow = database_.Begin(ports::TxKind::kRead);
    const auto stored = uow->ApiTokens().FindByHash(hash);
    uow.reset();
    {
        std::unique_lock lock(mutex_);
        if (!stored) {
            if (unknown_hashes_.size() >= kMaxUnknownHashes) {
                unknown_hashes_.clear();  // bounded; a miss costs one indexed read
            }
            unknown_hashes_.insert(hash);
            throw InvalidApiToken();
        }
        tokens_.try_emplace(hash, KnownToken{*stored, {}, {}, {}, false, {}});
    }
    return AuthenticateApiToken(secret, false, origin);
}

void AccessService::EndUserAccess(const std::string& user_id, std::int64_t epoch) {
    RaiseEpoch(user_id, epoch);
    Publish(std::string(kUserSubject) + user_id, epoch);
}

void AccessService::EndTokenAccess(const std::string& token_id) {
    MarkRevoked(token_id);
    Publish(std::string(kTokenSubject) + token_id, 1);
}

std::vector<std::string> RevokeTokensOfCreator(ports::UnitOfWork& uow, const ports::Clock& clock,
                                               ports::RandomSource& random, const RequestMeta& meta,
                                               const std::string& creator,
                                               std::optional<domain::Role> cap,
                                               const std::string& reason) {
    std::vector<std::string> revoked;
    const auto now = clock.Now();
    for (const auto& token : uow.ApiTokens().ListActive()) {
        if (token.created_by != creator || (cap && domain::RoleAtLeast(*cap, token.role)) ||
            !uow.ApiTokens().Revoke(token.id, now)) {
            continue;
        }
        uow.Audit().Append(
            AuditEntryFor(clock, random, meta, "token.revoked", "token", token.id,
                          {{"name", domain::AuditValue(token.name), std::nullopt},
                           {"role", domain::AuditValue(domain::ToString(token.role)), std::nullopt},
                           {"reason", std::nullopt, domain::AuditValue(reason)}}));
        revoked.push_back(token.id);
    }
    return revoked;
}

void AccessService::OnEvent(const ports::Event& event) {
    const auto* revoked = std::get_if<ports::AccessRevoked>(&event.data);
    if (revoked == nullptr) {
        return;
    }
    if (revoked->subject.starts_with(kUserSubject)) {
        RaiseEpoch(revoked->subject.substr(kUserSubject.size()), revoked->epoch);
    } else if (revoked->subject.starts_with(kTokenSubject)) {
        MarkRevoked(revoked->subject.substr(kTokenSubject.size()));
    }
}

void AccessService::RaiseEpoch(const std::string& user_id, std::int64_t epoch) {
    {
        std::unique_lock lock(mutex_);
        auto [it, inserted] = epochs_.try_emplace(user_id, epoch);
        if (!inserted) {
            if (it->second >= epoch) {
                return;  // known already (our own event coming back, or an older one)
            }
            it->second = epoch;
        }
    }
    Announce(std::string(kUserSubject) + user_id, epoch);
}

void AccessService::MarkRevoked(const std::string& token_id) {
    {
        std::unique_lock lock(mutex_);
        bool changed = false;
        for (auto& [hash, known] : tokens_) {
            if (known.token.id == token_id && !known.token.revoked_at) {
                known.token.revoked_at = clock_.Now();
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
    }
    Announce(std::string(kTokenSubject) + token_id, 1);
}

void AccessService::Announce(const std::string& subject, std::int64_t epoch) {
    std::function<void(const std::string&, std::int64_t)> ended;
    {
        std::lock_guard lock(ended_mutex_);
        ended = ended_;
    }
    if (ended) {
        ended(subject, epoch);
    }
}

void AccessService::Publish(std::string subject, std::int64_t epoch) {
    events_.Publish({clock_.Now(), ports::AccessRevoked{std::move(subject), epoch}});
}

CreatedApiToken AccessService::CreateToken(const NewApiToken& input, const RequestMeta& meta) {
    const auto now = clock_.Now();
    domain::FieldErrors errors;
    const auto blank = input.name.find_first_not_of(' ') == std::string::npos;
    const auto code_points = std::count_if(input.name.begin(), input.name.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a UTF-8 continuation byte
    });
    const bool control = std::any_of(input.name.begin(), input.name.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
    });
    if (blank || control || static_cast<std::size_t>(code_points) > kMaxTokenName) {
        errors.push_back({"name", "must be 1 to 100 characters, not blank, no control characters"});
    }
    const auto role = domain::ParseRole(input.role);
    if (!role) {
        errors.push_back({"role", "must be one of viewer, operator, admin"});
    }
    if (input.expires_at && *input.expires_at <= now) {
        errors.push_back({"expiresAt", "must be in the future"});
    }
    if (!errors.empty()) {
        throw AppError::Validation(std::move(errors));
    }
    if (!domain::RoleAtLeast(meta.actor.role, *role)) {
        throw AppError(ErrorCode::kForbidden,
                       "a token cannot have a higher role than its creator (" +
                           std::string(domain::ToString(meta.actor.role)) + ")");
    }
    CreatedApiToken created;
    // 256 random bits: a fast hash (SHA-256) is enough to store it; nothing to brute-force.
    created.secret = std::string(kTokenPrefix) + random_.NewToken(32);
    auto& token = created.token;
    token.id = random_.NewUuid();
    token.name = input.name;
    token.role = *role;
    token.token_hash = signer_.Fingerprint(created.secret);
    token.created_by = meta.actor.username;
    token.created_at = now;
    token.expires_at = input.expires_at;

    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->ApiTokens().Insert(token);
    std::vector<domain::FieldChange> changes{
        {"name", std::nullopt, domain::AuditValue(token.name)},
        {"role", std::nullopt, domain::AuditValue(domain::ToString(token.role))}};
    if (token.expires_at) {
        changes.push_back({"expiresAt", std::nullopt,
                           domain::AuditValue(domain::FormatUtcMillis(*token.expires_at))});
    }
    uow->Audit().Append(AuditEntryFor(clock_, random_, meta, "token.created", "token", token.id,
                                      std::move(changes)));
    uow->Commit();
    std::unique_lock lock(mutex_);
    tokens_.insert_or_assign(token.token_hash, KnownToken{token, {}, {}, {}, false, {}});
    return created;
}

std::vector<ports::ApiToken> AccessService::ListTokens() {
    auto uow = database_.Begin(ports::TxKind::kRead);
    auto tokens = uow->ApiTokens().ListActive();
    std::shared_lock lock(mutex_);
    for (auto& token : tokens) {
        // Uses seen here and not yet written (at most last_used_flush old).
        if (const auto it = tokens_.find(token.token_hash);
            it != tokens_.end() && it->second.used_at) {
            token.last_used_at =
                std::max(token.last_used_at.value_or(domain::TimePoint{}), *it->second.used_at);
        }
    }
    return tokens;
}

void AccessService::RevokeToken(const std::string& id, const RequestMeta& meta) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto token = uow->ApiTokens().FindById(id);
    if (!token || token->revoked_at || !uow->ApiTokens().Revoke(id, clock_.Now())) {
        throw AppError(ErrorCode::kNotFound,
                       "token " + id + " does not exist or was revoked already");
    }
    uow->Audit().Append(
        AuditEntryFor(clock_, random_, meta, "token.revoked", "token", id,
                      {{"name", domain::AuditValue(token->name), std::nullopt},
                       {"role", domain::AuditValue(domain::ToString(token->role)), std::nullopt}}));
    uow->Commit();
    EndTokenAccess(id);
}

void AccessService::Maintain() {
    const auto now = clock_.Now();
    // 1. What waits to be written: lastUsedAt (at most every last_used_flush per token) and
    //    the audit entries of revoked tokens presented again.
    std::vector<std::pair<std::string, domain::TimePoint>> touched;
    std::vector<ports::AuditEntry> audits;
    {
        std::unique_lock lock(mutex_);
        for (auto& [hash, known] : tokens_) {
            auto& token = known.token;
            if (known.used_at && (!token.last_used_at || *known.used_at > *token.last_used_at) &&
                (!known.flushed_at || now - *known.flushed_at >= settings_.last_used_flush)) {
                touched.emplace_back(token.id, *known.used_at);
                token.last_used_at = known.used_at;
                known.flushed_at = now;
            }
            if (known.revoked_use_pending) {
                known.revoked_use_pending = false;
                known.revoked_use_audited_at = now;
                const RequestMeta meta{Actor{token.id, TokenActor(token), token.role},
                                       known.revoked_use_origin.request_id,
                                       known.revoked_use_origin.client_address};
                audits.push_back(AuditEntryFor(
                    clock_, random_, meta, "token.revoked_used", "token", token.id,
                    {{"name", domain::AuditValue(token.name), domain::AuditValue(token.name)}}));
            }
        }
    }
    if (!touched.empty() || !audits.empty()) {
        auto uow = database_.Begin(ports::TxKind::kWrite);
        for (const auto& [id, at] : touched) {
            uow->ApiTokens().Touch(id, at);
        }
        for (const auto& entry : audits) {
            uow->Audit().Append(entry);
        }
        uow->Commit();
    }

    // 2. Re-read what a missed event would have told us.
    auto uow = database_.Begin(ports::TxKind::kRead);
    const auto epochs = uow->Users().SessionEpochs();
    const auto active = uow->ApiTokens().ListActive();
    uow.reset();
    std::vector<std::pair<std::string, std::int64_t>> ended;
    {
        std::unique_lock lock(mutex_);
        std::unordered_map<std::string, std::int64_t> stored(epochs.begin(), epochs.end());
        for (auto& [id, known] : epochs_) {
            const auto it = stored.find(id);
            const std::int64_t current = it == stored.end() ? kGone : it->second;
            if (current > known) {
                known = current;
                ended.emplace_back(std::string(kUserSubject) + id, current);
            }
        }
        for (const auto& [id, epoch] : stored) {
            epochs_.try_emplace(id, epoch);
        }
        std::unordered_set<std::string> active_hashes;
        for (const auto& token : active) {
            active_hashes.insert(token.token_hash);
            auto [it, inserted] =
                tokens_.try_emplace(token.token_hash, KnownToken{token, {}, {}, {}, false, {}});
            if (!inserted) {
                const auto used = it->second.token.last_used_at;
                it->second.token = token;
                it->second.token.last_used_at = std::max(used, token.last_used_at);
            }
        }
        for (auto& [hash, known] : tokens_) {
            if (!known.token.revoked_at && !active_hashes.contains(hash)) {
                known.token.revoked_at = now;
                ended.emplace_back(std::string(kTokenSubject) + known.token.id, 1);
            }
        }
        unknown_hashes_.clear();
    }
    for (const auto& [subject, epoch] : ended) {
        Announce(subject, epoch);
    }
}

}  // namespace store::app
