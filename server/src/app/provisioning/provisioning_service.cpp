#include "app/provisioning/provisioning_service.hpp"

#include <set>

#include "app/audit.hpp"
#include "app/errors.hpp"
#include "app/events.hpp"
#include "app/provisioning/planner.hpp"
#include "app/provisioning/step.hpp"
#include "domain/audit_diff.hpp"
#include "domain/lifecycle.hpp"

namespace store::app {

namespace {

using domain::RunKind;

AppError StoreNotFound(const std::string& id) {
    return AppError(ErrorCode::kNotFound, "store " + id + " does not exist");
}

domain::LifecycleEvent StartEvent(RunKind kind) {
    switch (kind) {
        case RunKind::kProvision: return domain::LifecycleEvent::kProvision;
        case RunKind::kDecommission: return domain::LifecycleEvent::kDecommission;
        case RunKind::kRollback: return domain::LifecycleEvent::kRollback;
    }
    return domain::LifecycleEvent::kProvision;
}

using provisioning::Quoted;

}  // namespace

ProvisioningService::ProvisioningService(ports::Database& database, ports::StoreCache& cache,
                                         const ports::Clock& clock, ports::RandomSource& random,
                                         ports::EventBus& events)
    : database_(database), cache_(cache), clock_(clock), random_(random), events_(events) {}

ports::AuditEntry ProvisioningService::MakeAudit(const RequestMeta& meta,
                                                 const std::string& store_id, std::string action,
                                                 std::vector<domain::FieldChange> changes) {
    return StoreAuditEntry(clock_, random_, meta, std::move(action), store_id, std::move(changes));
}

StartedRun ProvisioningService::Start(const std::string& store_id, std::int64_t expected_version,
                                      RunKind kind, const RequestMeta& meta,
                                      const std::optional<std::string>& plan_id) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto started = StartIn(*uow, store_id, expected_version, kind, meta, plan_id);
    uow->Commit();
    Announce(started, meta);
    return started;
}

StartedRun ProvisioningService::StartIn(ports::UnitOfWork& uow, const std::string& store_id,
                                        std::optional<std::int64_t> expected_version, RunKind kind,
                                        const RequestMeta& meta,
                                        const std::optional<std::string>& plan_id,
                                        std::vector<domain::FieldChange> extra_changes) {
    auto store = uow.Stores().FindById(store_id);
    if (!store) {
        throw StoreNotFound(store_id);
    }
    if (expected_version && store->version != *expected_version) {
        throw AppError::StaleVersion(*store);
    }
    const auto transition = domain::ApplyEvent(store->status, StartEvent(kind));
    if (!transition.next) {
        throw AppError(ErrorCode::kConflict, transition.error);
    }
    // Who may: after what the store allows, so an illegal transition says why whatever the role.
    if (auto refusal = roles_.Refusal(domain::TransitionOf(kind, store->status), meta.actor.role);
        !refusal.empty()) {
        throw AppError(ErrorCode::kForbidden, std::move(refusal));
    }
    const auto before = store->status;
    domain::Store updated = *store;
    // A rollback keeps the store `failed` until its run has released everything; the last
    // step then makes it a draft. The other kinds show their in-between status at once.
    updated.status = kind == RunKind::kRollback ? store->status : *transition.next;
    updated.version += 1;
    updated.updated_at = clock_.Now();
    updated.updated_by = meta.actor.username;
    if (!uow.Stores().Update(updated, store->version)) {
        throw AppError(ErrorCode::kPreconditionFailed, "the store was changed by someone else");
    }
    std::vector<domain::FieldChange> changes{
        {"status", Quoted(domain::ToString(before)), Quoted(domain::ToString(updated.status))}};
    if (plan_id) {
        ApplyPlan(uow, *store, *plan_id);
        changes.push_back({"planId", std::nullopt, Quoted(*plan_id)});
    }
    auto run = domain::NewRun(random_.NewUuid(), store_id, kind, clock_.Now(), meta.actor.username,
                              meta.request_id);
    uow.Runs().InsertRun(run);
    const std::string action = "store." + std::string(domain::ToString(kind)) + "_requested";
    changes.push_back({"runId", std::nullopt, Quoted(run.id)});
    for (auto& change : extra_changes) {
        changes.push_back(std::move(change));
    }
    uow.Audit().Append(MakeAudit(meta, store_id, action, std::move(changes)));
    return {std::move(run), std::move(updated)};
}

void ProvisioningService::Announce(const StartedRun& started, const RequestMeta& meta) {
    cache_.InvalidateStore(started.store.id);
    events_.Publish(
        StoreEvent(StoreChange::kStatusChanged, started.store, clock_.Now(), meta.actor.username));
    if (wake_up_) {
        wake_up_();
    }
}

void ProvisioningService::ApplyPlan(ports::UnitOfWork& uow, const domain::Store& store,
                                    const std::string& plan_id) {
    const auto planned = uow.Artifacts().FindPlan(plan_id, clock_.Now());
    if (!planned || planned->store_id != store.id) {
        throw AppError(ErrorCode::kConflict, "plan " + plan_id +
                                                 " does not exist for this store or has expired "
                                                 "(plans are kept for 24 hours); make a new plan");
    }
    if (!planned->problems.empty()) {
        throw AppError::PlanChanged(planned->problems,
                                    "the plan cannot be applied: " + planned->problems.front());
    }
    const auto now = provisioning::ComputePlan(uow, store, default_vlans_, &*planned);
    if (auto changes = domain::PlanChanges(*planned, now); !changes.empty()) {
        auto detail =
            "the plan no longer holds: " + changes.front() +
            (changes.size() > 1 ? " (and " + std::to_string(changes.size() - 1) + " more change" +
                                      (changes.size() > 2 ? "s" : "") + ")"
                                : "");
        throw AppError::PlanChanged(std::move(changes), std::move(detail));
    }
    provisioning::TakePlan(uow, *planned, random_, clock_.Now());
}

PlanView ProvisioningService::Plan(const std::string& store_id, const RequestMeta& meta) {
    // Computing the plan (choices, a bundle render and its per-file diffs) only reads: it runs
    // in a read transaction, so SQLite's single write lock is held just to keep the plan.
    PlanView view;
    {
        auto uow = database_.Begin(ports::TxKind::kRead);
        const auto store = uow->Stores().FindById(store_id);
        if (!store) {
            throw StoreNotFound(store_id);
        }
        if (const auto transition =
                domain::ApplyEvent(store->status, domain::LifecycleEvent::kProvision);
            !transition.next) {
            throw AppError(ErrorCode::kConflict, transition.error);
        }
        // A plan shows what the caller could start: the same role as the provision (or retry).
        if (auto refusal = roles_.Refusal(
                domain::TransitionOf(domain::RunKind::kProvision, store->status), meta.actor.role);
            !refusal.empty()) {
            throw AppError(ErrorCode::kForbidden, std::move(refusal));
        }
        view.plan = provisioning::ComputePlan(*uow, *store, default_vlans_);
        view.bundle = provisioning::PlannedBundleDiff(*uow, *store, view.plan, view.current_bundle);
    }
    view.plan.id = random_.NewUuid();
    view.plan.created_at = clock_.Now();
    view.plan.created_by = meta.actor.username;
    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Artifacts().InsertPlan(view.plan, view.plan.created_at + domain::kPlanLifetime);
    uow->Audit().Append(MakeAudit(
        meta, store_id, "store.planned",
        {{"planId", std::nullopt, Quoted(view.plan.id)},
         {"problems", std::nullopt, static_cast<std::int64_t>(view.plan.problems.size())}}));
    uow->Commit();
    return view;
}

std::vector<BulkItemResult> ProvisioningService::Bulk(RunKind kind,
                                                      const std::vector<std::string>& ids,
                                                      const RequestMeta& meta) {
    std::vector<BulkItemResult> results;
    std::set<std::string> seen;
    for (const auto& id : ids) {
        BulkItemResult result;
        result.id = id;
        if (!seen.insert(id).second) {
            result.reason = "listed twice";
            results.push_back(result);
            continue;
        }
        try {
            std::int64_t version = 0;
            {
                auto uow = database_.Begin(ports::TxKind::kRead);
                const auto store = uow->Stores().FindById(id);
                if (!store) {
                    throw StoreNotFound(id);
                }
                version = store->version;
            }
            const auto started = Start(id, version, kind, meta);
            result.accepted = true;
            result.run_id = started.run.id;
        } catch (const AppError& error) {
            result.reason = error.detail();
        }
        results.push_back(result);
    }
    return results;
}

std::vector<domain::Run> ProvisioningService::Runs(const std::string& store_id) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    if (!uow->Stores().FindById(store_id)) {
        throw StoreNotFound(store_id);
    }
    return uow->Runs().RunsForStore(store_id);
}

domain::Run ProvisioningService::GetRun(const std::string& store_id, const std::string& run_id) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    auto run = uow->Runs().FindRun(run_id);
    if (!run || run->store_id != store_id) {
        throw AppError(ErrorCode::kNotFound, "run " + run_id + " does not exist for this store");
    }
    return *run;
}

std::vector<ports::NetworkSegment> ProvisioningService::Network(const std::string& store_id) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    if (!uow->Stores().FindById(store_id)) {
        throw StoreNotFound(store_id);
    }
    return uow->Network().SegmentsForStore(store_id);
}

std::vector<ports::StockItem> ProvisioningService::Hardware(const std::string& store_id) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    if (!uow->Stores().FindById(store_id)) {
        throw StoreNotFound(store_id);
    }
    return uow->Inventory().ItemsForStore(store_id);
}

ports::ConfigBundle ProvisioningService::Bundle(const std::string& store_id) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    const auto store = uow->Stores().FindById(store_id);
    if (!store) {
        throw StoreNotFound(store_id);
    }
    // A rolled back or decommissioned store has no bundle in force; its versions stay listed.
    const bool released = store->status == domain::StoreStatus::kDraft ||
                          store->status == domain::StoreStatus::kDecommissioning ||
                          store->status == domain::StoreStatus::kDecommissioned;
    if (released) {
        throw AppError(ErrorCode::kNotFound,
                       "this store has no configuration bundle in force (it is " +
                           std::string(domain::ToString(store->status)) +
                           "); earlier versions are listed under config-bundles");
    }
    auto bundle = uow->Artifacts().GetBundle(store_id);
    if (!bundle) {
        throw AppError(
            ErrorCode::kNotFound,
            "this store has no configuration bundle yet; it is rendered while provisioning");
    }
    return *bundle;
}

std::vector<ports::BundleRender> ProvisioningService::BundleHistory(const std::string& store_id) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    if (!uow->Stores().FindById(store_id)) {
        throw StoreNotFound(store_id);
    }
    return uow->Artifacts().ListBundleRenders(store_id);
}

ports::ConfigBundle ProvisioningService::BundleVersion(const std::string& store_id,
                                                       const std::string& sha256) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    if (!uow->Stores().FindById(store_id)) {
        throw StoreNotFound(store_id);
    }
    auto bundle = uow->Artifacts().GetBundleVersion(store_id, sha256);
    if (!bundle) {
        throw AppError(ErrorCode::kNotFound,
                       "this store has no configuration bundle version " + sha256);
    }
    return *bundle;
}

std::vector<domain::FileDiff> ProvisioningService::BundleDiff(const std::string& store_id,
                                                              const std::string& from,
                                                              const std::string& to) {
    const auto before = BundleVersion(store_id, from);
    const auto after = BundleVersion(store_id, to);
    for (const auto* version : {&before, &after}) {
        if (!version->files) {
            throw AppError(ErrorCode::kConflict,
                           "version " + version->sha256 +
                               " was rendered before versions kept their files and cannot be "
                               "compared; provision or retry to render a new one");
        }
    }
    return domain::DiffBundles(*before.files, *after.files);
}

RunSummary ProvisioningService::Summary() {
    const auto since = clock_.Now() - std::chrono::hours(24);
    auto uow = database_.Begin(ports::TxKind::kRead);
    return {uow->Runs().CountSince(since), uow->Runs().ThroughputByHour(since)};
}

}  // namespace store::app
