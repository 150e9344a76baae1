#include "app/user_service.hpp"

#include "app/audit.hpp"
#include "app/errors.hpp"
#include "domain/audit_diff.hpp"
#include "domain/validation.hpp"

namespace store::app {
namespace {

AppError UserNotFound(const std::string& id) {
    return AppError(ErrorCode::kNotFound, "user " + id + " does not exist");
}

}  // namespace

UserService::UserService(ports::Database& database, ports::PasswordHasher& hasher,
                         const ports::Clock& clock, ports::RandomSource& random)
    : database_(database), hasher_(hasher), clock_(clock), random_(random) {}

ports::AuditEntry UserService::MakeAudit(const RequestMeta& meta, std::string action,
                                         const std::string& id,
                                         std::vector<domain::FieldChange> changes) {
    return AuditEntryFor(clock_, random_, meta, std::move(action), "user", id, std::move(changes));
}

std::vector<ports::User> UserService::List() {
    auto uow = database_.Begin(ports::TxKind::kRead);
    return uow->Users().List();
}

ports::User UserService::Create(const NewUser& input, const RequestMeta& meta) {
    domain::FieldErrors errors = domain::ValidateUsername(input.username);
    auto password_errors = domain::ValidatePassword(input.password);
    errors.insert(errors.end(), password_errors.begin(), password_errors.end());
    const auto role = domain::ParseRole(input.role);
    if (!role) {
        errors.push_back({"role", "must be one of viewer, operator, admin"});
    }
    if (!errors.empty()) {
        throw AppError::Validation(std::move(errors));
    }
    ports::User user;
    user.id = random_.NewUuid();
    user.username = input.username;
    user.role = *role;
    user.password_hash = hasher_.Hash(input.password);
    user.created_at = user.updated_at = clock_.Now();

    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Users().Insert(user);
    uow->Audit().Append(
        MakeAudit(meta, "user.created", user.id,
                  {{"username", std::nullopt, domain::AuditValue(user.username)},
                   {"role", std::nullopt, domain::AuditValue(domain::ToString(user.role))}}));
    uow->Commit();
    return user;
}

ports::User UserService::Update(const std::string& id, const UserChange& change,
                                const RequestMeta& meta) {
    domain::FieldErrors errors;
    std::optional<domain::Role> role;
    if (change.role) {
        role = domain::ParseRole(*change.role);
        if (!role) {
            errors.push_back({"role", "must be one of viewer, operator, admin"});
        }
    }
    if (change.password) {
        auto password_errors = domain::ValidatePassword(*change.password);
        errors.insert(errors.end(), password_errors.begin(), password_errors.end());
    }
    if (!errors.empty()) {
        throw AppError::Validation(std::move(errors));
    }
    const bool self = id == meta.actor.user_id;
    if (self && ((role && *role != domain::Role::kAdmin) || change.disabled.value_or(false))) {
        throw AppError(ErrorCode::kConflict, "you cannot demote or disable your own account");
    }

    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto user = uow->Users().FindById(id);
    if (!user) {
        throw UserNotFound(id);
    }
    std::vector<domain::FieldChange> changes;
    const bool role_changed = role && *role != user->role;
    if (role_changed) {
        changes.push_back({"role", domain::AuditValue(domain::ToString(user->role)),
                           domain::AuditValue(domain::ToString(*role))});
        user->role = *role;
    }
    if (change.disabled && *change.disabled != user->disabled) {
        changes.push_back({"disabled", user->disabled, *change.disabled});
        user->disabled = *change.disabled;
    }
    if (change.password) {
        changes.push_back({"password", "(hidden)", "(changed)"});
        user->password_hash = hasher_.Hash(*change.password);
    }
    if (changes.empty()) {
        return *user;
    }
    user->updated_at = clock_.Now();
    uow->Users().Update(*user);
    // A new password or a disabled account ends the sessions that exist.
    if (change.password || user->disabled) {
        uow->Tokens().RevokeAllForUser(user->id);
    }
    // …and their access tokens, as does a new role (the next refresh carries it).
    std::optional<std::int64_t> epoch;
    if (change.password || user->disabled || role_changed) {
        epoch = uow->Users().BumpSessionEpoch(user->id);
        user->session_epoch = epoch.value_or(user->session_epoch);
    }
    uow->Audit().Append(MakeAudit(meta, "user.updated", id, std::move(changes)));
    // Their automation tokens end with them, or are held to their new role.
    std::vector<std::string> ended_tokens;
    if (user->disabled || role_changed) {
        ended_tokens = RevokeTokensOfCreator(
            *uow, clock_, random_, meta, user->username,
            user->disabled ? std::nullopt : std::optional(user->role),
            user->disabled ? "its creator was disabled"
                           : "its role exceeds its creator's new role (" +
                                 std::string(domain::ToString(user->role)) + ")");
    }
    uow->Commit();
    if (access_ != nullptr) {
        if (epoch) {
            access_->EndUserAccess(user->id, *epoch);
        }
        for (const auto& token_id : ended_tokens) {
            access_->EndTokenAccess(token_id);
        }
    }
    return *user;
}

void UserService::Delete(const std::string& id, const RequestMeta& meta) {
    if (id == meta.actor.user_id) {
        throw AppError(ErrorCode::kConflict, "you cannot delete your own account");
    }
    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto user = uow->Users().FindById(id);
    if (!user) {
        throw UserNotFound(id);
    }
    uow->Users().Delete(id);
    uow->Audit().Append(
        MakeAudit(meta, "user.deleted", id,
                  {{"username", domain::AuditValue(user->username), std::nullopt},
                   {"role", domain::AuditValue(domain::ToString(user->role)), std::nullopt}}));
    const auto ended_tokens = RevokeTokensOfCreator(*uow, clock_, random_, meta, user->username,
                                                    std::nullopt, "its creator was deleted");
    uow->Commit();
    if (access_ != nullptr) {
        access_->EndUserAccess(id, AccessService::kGone);
        for (const auto& token_id : ended_tokens) {
            access_->EndTokenAccess(token_id);
        }
    }
}

}  // namespace store::app
