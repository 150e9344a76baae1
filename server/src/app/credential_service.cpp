#include "app/credential_service.hpp"

#include <algorithm>
#include <utility>

#include "app/audit.hpp"
#include "app/errors.hpp"
#include "app/events.hpp"
#include "app/provisioning/bundle_render.hpp"
#include "app/provisioning/step.hpp"

namespace store::app {

namespace {

using domain::CredentialState;
using domain::CredentialVersion;
using provisioning::Quoted;

domain::Store FindStore(ports::UnitOfWork& uow, const std::string& store_id) {
    auto store = uow.Stores().FindById(store_id);
    if (!store) {
        throw AppError(ErrorCode::kNotFound, "store " + store_id + " does not exist");
    }
    return *store;
}

CredentialVersion& Find(std::vector<CredentialVersion>& versions, std::int64_t number) {
    const auto it = std::find_if(versions.begin(), versions.end(),
                                 [number](const auto& v) { return v.version == number; });
    if (it == versions.end()) {
        throw AppError(ErrorCode::kNotFound,
                       "the store has no credentials version " + std::to_string(number));
    }
    return *it;
}

}  // namespace

CredentialService::CredentialService(ports::Database& database, ports::SecretStore& secrets,
                                     ports::Compressor& compressor, const ports::Clock& clock,
                                     ports::RandomSource& random, ports::EventBus& events,
                                     Settings settings)
    : database_(database),
      secrets_(secrets),
      compressor_(compressor),
      clock_(clock),
      random_(random),
      events_(events),
      settings_(settings) {}

CredentialHistory CredentialService::HistoryOf(const std::string& store_id,
                                               std::vector<CredentialVersion> versions) const {
    CredentialHistory history;
    history.store_id = store_id;
    history.rotation_due_at = domain::RotationDueAt(versions, settings_.max_age);
    history.rotation_due = history.rotation_due_at && *history.rotation_due_at <= clock_.Now();
    history.versions = std::move(versions);
    return history;
}

CredentialHistory CredentialService::History(const std::string& store_id) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    FindStore(*uow, store_id);
    return HistoryOf(store_id, uow->Artifacts().CredentialVersions(store_id));
}

RevealedCredentials CredentialService::Reveal(const std::string& store_id,
                                              std::optional<std::int64_t> number,
                                              const RequestMeta& meta) {
    CredentialVersion version;
    {
        auto uow = database_.Begin(ports::TxKind::kRead);
        FindStore(*uow, store_id);
        auto versions = uow->Artifacts().CredentialVersions(store_id);
        if (!number) {
            const auto* current = domain::CurrentCredential(versions);
            if (current == nullptr) {
                throw AppError(ErrorCode::kNotFound, "no credentials were issued for this store");
            }
            version = *current;
        } else {
            version = Find(versions, *number);
        }
    }
    if (!version.Live()) {
        throw AppError(ErrorCode::kConflict,
                       "version " + std::to_string(version.version) + " was " +
                           std::string(domain::ToString(version.state)) + ": its secrets are gone");
    }
    auto secret = secrets_.Get(version.path);
    if (!secret) {
        throw AppError(ErrorCode::kNotFound,
                       "the credentials of this store are no longer in the secret store");
    }
    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Audit().Append(StoreAuditEntry(clock_, random_, meta, "store.credentials_viewed", store_id,
                                        {{"credentials", std::nullopt, Quoted(version.path)}}));
    uow->Commit();
    return {version.version, std::move(*secret)};
}

domain::Store CredentialService::Changeable(ports::UnitOfWork& uow, const std::string& store_id,
                                            const RequestMeta& meta) const {
    auto store = FindStore(uow, store_id);
    if (store.status != domain::StoreStatus::kActive) {
        throw AppError(ErrorCode::kConflict,
                       "only an active store's credentials change; this store is " +
                           std::string(domain::ToString(store.status)));
    }
    if (auto refusal = domain::TransitionRoles{.rotate = settings_.role}.Refusal(
            domain::Transition::kRotate, meta.actor.role);
        !refusal.empty()) {
        throw AppError(ErrorCode::kForbidden, std::move(refusal));
    }
    return store;
}

void CredentialService::Audit(ports::UnitOfWork& uow, const RequestMeta& meta,
                              const std::string& store_id, std::string action,
                              const std::optional<std::string>& before,
                              const std::optional<std::string>& after) {
    const auto quoted = [](const std::optional<std::string>& path) {
        return path ? std::optional(Quoted(*path)) : std::nullopt;
    };
    uow.Audit().Append(StoreAuditEntry(clock_, random_, meta, std::move(action), store_id,
                                       {{"credentials", quoted(before), quoted(after)}}));
}

void CredentialService::Rerender(ports::UnitOfWork& uow, const domain::Store& store,
                                 const RequestMeta& meta) {
    const auto bundle = provisioning::RenderStoreBundle(uow, compressor_, store, clock_.Now());
    const auto render = provisioning::RecordRender(uow, bundle, std::nullopt);
    uow.Audit().Append(StoreAuditEntry(clock_, random_, meta, "store.bundle_rendered", store.id,
                                       {render.Change()}));
}

void CredentialService::Changed(const domain::Store& store, const RequestMeta& meta) {
    events_.Publish(StoreEvent(StoreChange::kUpdated, store, clock_.Now(), meta.actor.username));
}

CredentialHistory CredentialService::Replace(const std::string& store_id, const RequestMeta& meta,
                                             bool end_older) {
    CredentialVersion next;
    {
        auto uow = database_.Begin(ports::TxKind::kRead);
        Changeable(*uow, store_id, meta);
        next.version = domain::NextCredentialVersion(uow->Artifacts().CredentialVersions(store_id));
    }
    next.store_id = store_id;
    next.path = domain::CredentialVersionPath(store_id, next.version);
    next.created_at = clock_.Now();
    next.created_by = meta.actor.username;
    // The secrets first: a database change that fails after this leaves an unreferenced
    // version that the next rotation overwrites (same number), never a row without secrets.
    secrets_.Put(next.path, provisioning::NewStoreSecret(random_));

    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto store = Changeable(*uow, store_id, meta);
    auto versions = uow->Artifacts().CredentialVersions(store_id);
    if (domain::NextCredentialVersion(versions) != next.version) {
        throw AppError(ErrorCode::kConflict,
                       "another change of this store's credentials came first; try again");
    }
    std::optional<std::string> before;
    std::vector<std::string> ended;
    for (auto& v : versions) {
        if (v.state == CredentialState::kCurrent) {
            before = v.path;
        }
        if (end_older && v.Live()) {
            v.End(CredentialState::kRevoked, next.created_at, meta.actor.username);
            ended.push_back(v.path);
        } else if (v.state == CredentialState::kCurrent) {
            v.state = CredentialState::kKept;
        } else {
            continue;
        }
        uow->Artifacts().UpdateCredentialVersion(v);
    }
    uow->Artifacts().InsertCredentialVersion(next);
    Audit(*uow, meta, store_id,
          end_older ? "store.credentials_revoked" : "store.credentials_rotated", before, next.path);
    Rerender(*uow, store, meta);
    uow->Commit();
    Changed(store, meta);
    // The revoked secrets go once nothing names them. Deleting is idempotent: a secret store
    // that fails here answers 503, and a later revoke deletes them again (every ended one).
    if (end_older) {
        for (const auto& v : versions) {
            if (!v.Live()) {
                secrets_.Delete(v.path);
            }
        }
    }
    versions.insert(versions.begin(), next);
    return HistoryOf(store_id, std::move(versions));
}

CredentialHistory CredentialService::Rotate(const std::string& store_id, const RequestMeta& meta) {
    return Replace(store_id, meta, false);
}

CredentialHistory CredentialService::Revoke(const std::string& store_id, const RequestMeta& meta) {
    return Replace(store_id, meta, true);
}

CredentialHistory CredentialService::Restore(const std::string& store_id, std::int64_t number,
                                             const RequestMeta& meta) {
    std::string path;
    {
        auto uow = database_.Begin(ports::TxKind::kRead);
        Changeable(*uow, store_id, meta);
        auto versions = uow->Artifacts().CredentialVersions(store_id);
        path = Find(versions, number).path;
    }
    // Devices get these secrets back: they must still be there.
    const bool kept = secrets_.Get(path).has_value();
    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto store = Changeable(*uow, store_id, meta);
    auto versions = uow->Artifacts().CredentialVersions(store_id);
    auto& restored = Find(versions, number);
    if (auto why = domain::WhyNotRestorable(restored); !why.empty()) {
        throw AppError(ErrorCode::kConflict, std::move(why));
    }
    if (!kept) {
        throw AppError(ErrorCode::kConflict, "version " + std::to_string(number) +
                                                 ": its secrets are no longer in the secret store");
    }
    std::optional<std::string> before;
    for (auto& v : versions) {
        if (v.state == CredentialState::kCurrent) {
            before = v.path;
            v.state = CredentialState::kKept;
            uow->Artifacts().UpdateCredentialVersion(v);
        }
    }
    restored.state = CredentialState::kCurrent;
    uow->Artifacts().UpdateCredentialVersion(restored);
    Audit(*uow, meta, store_id, "store.credentials_restored", before, restored.path);
    Rerender(*uow, store, meta);
    uow->Commit();
    Changed(store, meta);
    return HistoryOf(store_id, std::move(versions));
}

CredentialHistory CredentialService::Release(const std::string& store_id, std::int64_t number,
                                             const RequestMeta& meta) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto store = Changeable(*uow, store_id, meta);
    auto versions = uow->Artifacts().CredentialVersions(store_id);
    auto& released = Find(versions, number);
    const bool again = released.state == CredentialState::kReleased;  // the delete failed before
    if (!again) {
        if (auto why = domain::WhyNotReleasable(released); !why.empty()) {
            throw AppError(ErrorCode::kConflict, std::move(why));
        }
        released.End(CredentialState::kReleased, clock_.Now(), meta.actor.username);
        uow->Artifacts().UpdateCredentialVersion(released);
        Audit(*uow, meta, store_id, "store.credentials_released", released.path, std::nullopt);
    }
    // Recorded before the secrets go, so that no restore can make current what is deleted.
    uow->Commit();
    if (!again) {
        Changed(store, meta);
    }
    secrets_.Delete(released.path);
    return HistoryOf(store_id, std::move(versions));
}

}  // namespace store::app
