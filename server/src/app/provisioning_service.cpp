#include "app/provisioning_service.hpp"

#include <algorithm>
#include <set>

#include "app/errors.hpp"
#include "app/events.hpp"
#include "domain/audit_diff.hpp"
#include "domain/config_render.hpp"
#include "domain/inventory.hpp"
#include "domain/ipam.hpp"
#include "domain/lifecycle.hpp"
#include "domain/validation.hpp"

namespace store::app {

/// A failure that retrying cannot fix (pool full, out of stock, invalid plan).
class ProvisioningService::PermanentFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

namespace {

using domain::RunKind;
using domain::RunStatus;
using domain::StepStatus;

std::string CredentialPath(const std::string& store_id) { return "stores/" + store_id + "/credentials"; }

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

domain::AuditValue Quoted(std::string_view text) { return domain::AuditValue(text); }

}  // namespace

ProvisioningService::ProvisioningService(ProvisioningSettings settings, ports::Database& database,
                                         ports::StoreCache& cache, ports::SecretStore& secrets,
                                         ports::Compressor& compressor, const ports::Clock& clock,
                                         ports::RandomSource& random, ports::EventBus& events)
    : settings_(std::move(settings)),
      database_(database),
      cache_(cache),
      secrets_(secrets),
      compressor_(compressor),
      clock_(clock),
      random_(random),
      events_(events) {}

void ProvisioningService::Audit(ports::UnitOfWork& uow, const domain::Run& run, std::string action,
                                std::vector<domain::FieldChange> changes) {
    ports::AuditEntry entry;
    entry.id = random_.NewUuid();
    entry.time = clock_.Now();
    entry.actor = run.requested_by;
    entry.action = std::move(action);
    entry.entity_type = "store";
    entry.entity_id = run.store_id;
    entry.store_id = run.store_id;
    entry.request_id = run.request_id;
    entry.changes = std::move(changes);
    uow.Audit().Append(entry);
}

StartedRun ProvisioningService::Start(const std::string& store_id, std::int64_t expected_version,
                                      RunKind kind, const RequestMeta& meta) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto store = uow->Stores().FindById(store_id);
    if (!store) {
        throw StoreNotFound(store_id);
    }
    if (store->version != expected_version) {
        throw AppError::StaleVersion(*store);
    }
    const auto transition = domain::ApplyEvent(store->status, StartEvent(kind));
    if (!transition.next) {
        throw AppError(ErrorCode::kConflict, transition.error);
    }
    const auto before = store->status;
    domain::Store updated = *store;
    // A rollback keeps the store `failed` until its run has released everything; the last
    // step then makes it a draft. The other kinds show their in-between status at once.
    updated.status = kind == RunKind::kRollback ? store->status : *transition.next;
    updated.version += 1;
    updated.updated_at = clock_.Now();
    updated.updated_by = meta.actor.username;
    if (!uow->Stores().Update(updated, expected_version)) {
        throw AppError(ErrorCode::kPreconditionFailed, "the store was changed by someone else");
    }
    auto run = domain::NewRun(random_.NewUuid(), store_id, kind, clock_.Now(), meta.actor.username,
                              meta.request_id);
    uow->Runs().InsertRun(run);
    Audit(*uow, run, "store." + std::string(domain::ToString(kind)) + "_requested",
          {{"status", Quoted(domain::ToString(before)), Quoted(domain::ToString(updated.status))},
           {"runId", std::nullopt, Quoted(run.id)}});
    uow->Commit();
    cache_.InvalidateStore(store_id);
    events_.Publish(StoreEvent("store.status_changed", updated, clock_.Now(), meta.actor.username));
    if (wake_up_) {
        wake_up_();
    }
    return {std::move(run), std::move(updated)};
}

std::vector<BulkItemResult> ProvisioningService::Bulk(RunKind kind, const std::vector<std::string>& ids,
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
    if (!uow->Stores().FindById(store_id)) {
        throw StoreNotFound(store_id);
    }
    auto bundle = uow->Artifacts().GetBundle(store_id);
    if (!bundle) {
        throw AppError(ErrorCode::kNotFound,
                       "this store has no configuration bundle yet; it is rendered while provisioning");
    }
    return *bundle;
}

ports::Secret ProvisioningService::Credentials(const std::string& store_id, const RequestMeta& meta) {
    std::optional<std::string> path;
    {
        auto uow = database_.Begin(ports::TxKind::kRead);
        if (!uow->Stores().FindById(store_id)) {
            throw StoreNotFound(store_id);
        }
        path = uow->Artifacts().GetCredentialRef(store_id);
    }
    if (!path) {
        throw AppError(ErrorCode::kNotFound, "no credentials were issued for this store");
    }
    auto secret = secrets_.Get(*path);
    if (!secret) {
        throw AppError(ErrorCode::kNotFound, "the credentials of this store are no longer in the secret store");
    }
    auto uow = database_.Begin(ports::TxKind::kWrite);
    ports::AuditEntry entry;
    entry.id = random_.NewUuid();
    entry.time = clock_.Now();
    entry.actor = meta.actor.username;
    entry.action = "store.credentials_viewed";
    entry.entity_type = "store";
    entry.entity_id = store_id;
    entry.store_id = store_id;
    entry.request_id = meta.request_id;
    uow->Audit().Append(entry);
    uow->Commit();
    return *secret;
}

RunSummary ProvisioningService::Summary() {
    const auto since = clock_.Now() - std::chrono::hours(24);
    auto uow = database_.Begin(ports::TxKind::kRead);
    return {uow->Runs().CountSince(since), uow->Runs().ThroughputByHour(since)};
}

// ---------------------------------------------------------------------------------------------
// The worker side.

void ProvisioningService::Save(const domain::Run& run) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Runs().UpdateRun(run);
    uow->Commit();
}

bool ProvisioningService::ShouldInjectFailure(const std::string& step) {
    const auto it = settings_.inject_transient_failures.find(step);
    if (it == settings_.inject_transient_failures.end()) {
        return false;
    }
    std::lock_guard lock(faults_mutex_);
    return injected_so_far_[step]++ < it->second;
}

bool ProvisioningService::Work(const std::string& worker_id) {
    std::optional<domain::Run> claimed;
    {
        const auto now = clock_.Now();
        auto uow = database_.Begin(ports::TxKind::kWrite);
        claimed = uow->Runs().ClaimNext(worker_id, now, now + settings_.lease);
        uow->Commit();
    }
    if (!claimed) {
        return false;
    }
    domain::Run& run = *claimed;
    while (auto* step = run.CurrentStep()) {
        step->status = StepStatus::kRunning;
        step->attempts += 1;
        if (!step->started_at) {
            step->started_at = clock_.Now();  // the first attempt: retry windows count from here
        }
        step->message.clear();
        run.updated_at = clock_.Now();
        run.lease_expires_at = clock_.Now() + settings_.lease;  // each step renews the lease
        Save(run);
        events_.Publish(StepEvent(run, *step, clock_.Now()));
        try {
            if (ShouldInjectFailure(step->name)) {
                // Counted against max_attempts like a lost race (kConflict), so tests can
                // drive a step to exhaustion without waiting for the dependency window.
                throw AppError(ErrorCode::kConflict,
                               "injected transient failure (fault injection is configured)");
            }
            const auto outcome = Execute(run, step->name);
            step->status = StepStatus::kSucceeded;
            step->message = outcome.message;
            step->finished_at = clock_.Now();
        } catch (const PermanentFailure& failure) {
            step->status = StepStatus::kFailed;
            step->message = failure.what();
            step->finished_at = clock_.Now();
            FailStore(run, step->name + ": " + failure.what());
            events_.Publish(StepEvent(run, *step, clock_.Now()));
            Finished(run);
            return true;
        } catch (const AppError& error) {
            // Transient (database, secret store, injected): retry with backoff, or give up.
            // A dependency that is down (breaker open, timeout) is waited for, up to a time
            // window; other transient failures (lost races) get a number of attempts.
            const bool dependency_down = error.code() == ErrorCode::kDependencyUnavailable;
            const bool transient = dependency_down || error.code() == ErrorCode::kConflict;
            const bool exhausted =
                dependency_down
                    ? clock_.Now() - step->started_at.value_or(clock_.Now()) >= settings_.dependency_retry
                    : step->attempts >= settings_.max_attempts;
            if (!transient || exhausted) {
                step->status = StepStatus::kFailed;
                step->message = error.detail() + (transient ? " (gave up after " +
                                                                  std::to_string(step->attempts) +
                                                                  " attempts)"
                                                            : "");
                step->finished_at = clock_.Now();
                FailStore(run, step->name + ": " + step->message);
                events_.Publish(StepEvent(run, *step, clock_.Now()));
                Finished(run);
                return true;
            }
            const auto delay = domain::Backoff(step->attempts - 1, settings_.backoff_base,
                                               settings_.backoff_cap,
                                               static_cast<double>(random_.NewUuid()[0] % 16) / 16.0);
            step->status = StepStatus::kPending;
            step->message = "retrying in " + std::to_string(delay.count()) + " ms: " + error.detail();
            run.next_attempt_at = clock_.Now() + delay;
            run.lease_owner.clear();
            run.lease_expires_at.reset();
            run.updated_at = clock_.Now();
            Save(run);
            events_.Publish(StepEvent(run, *step, clock_.Now()));
            return true;
        }
        run.updated_at = clock_.Now();
        Save(run);
        events_.Publish(StepEvent(run, *step, clock_.Now()));
    }
    run.status = RunStatus::kSucceeded;
    run.finished_at = run.updated_at = clock_.Now();
    run.lease_owner.clear();
    run.lease_expires_at.reset();
    Save(run);
    Finished(run);
    return true;
}

void ProvisioningService::Finished(const domain::Run& run) {
    events_.Publish(RunEvent(run, clock_.Now()));
    if (run_finished_) {
        run_finished_(run);
    }
}

void ProvisioningService::FailStore(domain::Run& run, const std::string& reason) {
    run.status = RunStatus::kFailed;
    run.error = reason;
    run.finished_at = run.updated_at = clock_.Now();
    run.lease_owner.clear();
    run.lease_expires_at.reset();
    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Runs().UpdateRun(run);
    std::optional<domain::Store> changed;
    if (run.kind == RunKind::kProvision) {
        if (auto store = uow->Stores().FindById(run.store_id)) {
            const auto transition =
                domain::ApplyEvent(store->status, domain::LifecycleEvent::kProvisioningFailed);
            if (transition.next) {
                domain::Store updated = *store;
                updated.status = *transition.next;
                updated.version += 1;
                updated.updated_at = clock_.Now();
                updated.updated_by = run.requested_by;
                uow->Stores().Update(updated, store->version);
                changed = updated;
            }
        }
    }
    Audit(*uow, run, "run.failed", {{"error", std::nullopt, Quoted(reason)}});
    uow->Commit();
    if (changed) {
        cache_.InvalidateStore(run.store_id);
        events_.Publish(StoreEvent("store.status_changed", *changed, clock_.Now(), run.requested_by));
    }
}

domain::Store ProvisioningService::LoadStore(const std::string& store_id) {
    auto uow = database_.Begin(ports::TxKind::kRead);
    auto store = uow->Stores().FindById(store_id);
    if (!store) {
        throw PermanentFailure("the store no longer exists");
    }
    return *store;
}

ProvisioningService::StepOutcome ProvisioningService::Execute(domain::Run& run,
                                                              const std::string& step) {
    if (step == "validate") return Validate(LoadStore(run.store_id));
    if (step == "allocate_network") return AllocateNetwork(LoadStore(run.store_id));
    if (step == "allocate_hardware") return AllocateHardware(LoadStore(run.store_id));
    if (step == "issue_credentials") return IssueCredentials(LoadStore(run.store_id), run);
    if (step == "render_configs") return RenderConfigs(LoadStore(run.store_id));
    if (step == "activate") {
        return Transition(run.store_id, domain::LifecycleEvent::kProvisioningSucceeded, run);
    }
    if (step == "release_hardware") return ReleaseHardware(run.store_id, run);
    if (step == "revoke_credentials") return RevokeCredentials(run.store_id, run);
    if (step == "release_network") return ReleaseNetwork(run.store_id, run);
    if (step == "archive") {
        return Transition(run.store_id, domain::LifecycleEvent::kDecommissionFinished, run);
    }
    if (step == "reset_to_draft") {
        return Transition(run.store_id, domain::LifecycleEvent::kRollback, run);
    }
    throw PermanentFailure("unknown step " + step);
}

ProvisioningService::StepOutcome ProvisioningService::Validate(const domain::Store& store) {
    if (auto errors = domain::ValidateStoreFields(store.fields); !errors.empty()) {
        throw PermanentFailure("the store is invalid: " + errors.front().field + " " +
                               errors.front().message);
    }
    auto uow = database_.Begin(ports::TxKind::kRead);
    const auto pools = uow->Network().ListPools();
    for (const auto& segment : store.fields.network_plan) {
        const bool has_pool = std::any_of(pools.begin(), pools.end(), [&](const auto& pool) {
            return pool.purpose == segment.purpose;
        });
        if (!has_pool && !segment.cidr) {
            throw PermanentFailure("there is no address pool for " + segment.purpose +
                                   " segments; an admin must create one");
        }
    }
    const auto available = uow->Inventory().AvailableByKind();
    const auto allocated = uow->Inventory().ItemsForStore(store.id);
    for (const auto& [kind, quantity] : store.fields.hardware_plan) {
        const auto have = std::count_if(allocated.begin(), allocated.end(),
                                        [&](const auto& item) { return item.kind == kind; });
        const auto it = available.find(kind);
        const std::int64_t in_stock = it == available.end() ? 0 : it->second;
        if (quantity - have > in_stock) {
            throw PermanentFailure("not enough " + kind + " in stock: need " +
                                   std::to_string(quantity - have) + ", " + std::to_string(in_stock) +
                                   " available");
        }
    }
    return {"plan is valid; pools and stock are sufficient"};
}

ProvisioningService::StepOutcome ProvisioningService::AllocateNetwork(const domain::Store& store) {
    // Retried on a lost race (another store took the same subnet between our read and insert).
    for (int attempt = 0; attempt < 8; ++attempt) {
        try {
            auto uow = database_.Begin(ports::TxKind::kWrite);
            const auto existing = uow->Network().SegmentsForStore(store.id);
            const auto pools = uow->Network().ListPools();
            std::vector<std::string> allocated;
            for (const auto& plan : store.fields.network_plan) {
                const bool done = std::any_of(existing.begin(), existing.end(),
                                              [&](const auto& s) { return s.purpose == plan.purpose; });
                if (done) {
                    continue;  // idempotent: allocated by an earlier attempt
                }
                ports::NetworkSegment segment;
                segment.id = random_.NewUuid();
                segment.store_id = store.id;
                segment.purpose = plan.purpose;
                const auto vlan_default = settings_.default_vlans.find(plan.purpose);
                segment.vlan_id = plan.vlan_id.value_or(
                    vlan_default == settings_.default_vlans.end() ? domain::DefaultVlan(plan.purpose)
                                                                  : vlan_default->second);
                segment.created_at = clock_.Now();
                std::optional<domain::Ipv4Network> network;
                if (plan.cidr) {
                    const auto wanted = domain::ParseCidr(*plan.cidr).network;
                    if (!wanted) {
                        throw PermanentFailure("invalid CIDR " + *plan.cidr);
                    }
                    for (const auto& pool : pools) {
                        const auto pool_network = domain::ParseCidr(pool.cidr).network;
                        if (pool.purpose == plan.purpose && pool_network &&
                            pool_network->Contains(*wanted)) {
                            segment.pool_id = pool.id;
                        }
                    }
                    if (segment.pool_id.empty() &&
                        std::any_of(pools.begin(), pools.end(),
                                    [&](const auto& p) { return p.purpose == plan.purpose; })) {
                        throw PermanentFailure(*plan.cidr + " is outside every " + plan.purpose +
                                               " address pool");
                    }
                    if (!uow->Network().SegmentsOverlapping(*plan.cidr).empty()) {
                        throw PermanentFailure(*plan.cidr + " overlaps a segment of another store");
                    }
                    network = wanted;
                } else {
                    std::string full_pools;
                    for (const auto& pool : pools) {
                        if (pool.purpose != plan.purpose) {
                            continue;
                        }
                        const auto pool_network = domain::ParseCidr(pool.cidr).network;
                        std::vector<domain::Ipv4Network> used;
                        for (const auto& other : uow->Network().SegmentsInPool(pool.id)) {
                            if (auto n = domain::ParseCidr(other.cidr).network) {
                                used.push_back(*n);
                            }
                        }
                        network = domain::LowestFreeSubnet(*pool_network, pool.segment_prefix, used);
                        if (network) {
                            segment.pool_id = pool.id;
                            break;
                        }
                        full_pools += (full_pools.empty() ? "" : ", ") + pool.cidr;
                    }
                    if (!network) {
                        throw PermanentFailure("pool " + full_pools + " for " + plan.purpose +
                                               " is full");
                    }
                }
                const auto addresses = domain::AddressesOf(*network);
                segment.cidr = network->ToString();
                segment.gateway = domain::FormatIpv4(addresses.gateway);
                segment.dhcp_start = domain::FormatIpv4(addresses.dhcp_start);
                segment.dhcp_end = domain::FormatIpv4(addresses.dhcp_end);
                uow->Network().InsertSegment(segment);
                allocated.push_back(segment.purpose + " " + segment.cidr + " vlan " +
                                    std::to_string(segment.vlan_id));
            }
            uow->Commit();
            if (allocated.empty()) {
                return {"segments were already allocated"};
            }
            std::string message = "allocated ";
            for (std::size_t i = 0; i < allocated.size(); ++i) {
                message += (i ? ", " : "") + allocated[i];
            }
            return {message};
        } catch (const AppError& error) {
            if (error.code() != ErrorCode::kConflict || attempt == 7) {
                if (error.code() == ErrorCode::kConflict) {
                    throw PermanentFailure(error.detail());
                }
                throw;
            }
        }
    }
    throw PermanentFailure("could not allocate a free subnet after several attempts");
}

ProvisioningService::StepOutcome ProvisioningService::AllocateHardware(const domain::Store& store) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto existing = uow->Inventory().ItemsForStore(store.id);
    std::vector<std::string> reserved;
    for (const auto& [kind, quantity] : store.fields.hardware_plan) {
        const auto have = std::count_if(existing.begin(), existing.end(),
                                        [&](const auto& item) { return item.kind == kind; });
        const std::int64_t need = quantity - have;
        if (need <= 0) {
            continue;
        }
        const auto items = uow->Inventory().ReserveItems(store.id, kind, need, clock_.Now());
        if (static_cast<std::int64_t>(items.size()) < need) {
            // PostgreSQL skips items another run has locked: if the stock is there, it is
            // only busy, and the step is retried; otherwise the stock really ran out.
            const auto available = uow->Inventory().AvailableByKind();
            const auto it = available.find(kind);
            const std::int64_t in_stock = it == available.end() ? 0 : it->second;
            if (in_stock >= need - static_cast<std::int64_t>(items.size())) {
                throw AppError(ErrorCode::kConflict,
                               "other runs are reserving " + kind + " items right now; retrying");
            }
            throw PermanentFailure("not enough " + kind + " in stock: need " + std::to_string(need) +
                                   ", only " + std::to_string(items.size()) + " available");
        }
        for (const auto& item : items) {
            reserved.push_back(item.serial);
        }
    }
    uow->Commit();
    if (reserved.empty()) {
        return {"hardware was already reserved"};
    }
    return {"reserved " + std::to_string(reserved.size()) + " items (" + reserved.front() +
            (reserved.size() > 1 ? ", …" : "") + ")"};
}

ProvisioningService::StepOutcome ProvisioningService::IssueCredentials(const domain::Store& store,
                                                                       const domain::Run& run) {
    const std::string path = CredentialPath(store.id);
    {
        auto uow = database_.Begin(ports::TxKind::kRead);
        const auto ref = uow->Artifacts().GetCredentialRef(store.id);
        if (ref && secrets_.Get(*ref)) {
            return {"credentials were already issued (" + *ref + ")"};
        }
    }
    ports::Secret secret{{"device_admin_password", random_.NewToken(18)},
                         {"wifi_guest_psk", random_.NewToken(12)},
                         {"wifi_corporate_psk", random_.NewToken(18)}};
    secrets_.Put(path, secret);  // throws kDependencyUnavailable when the store is down: retried
    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Artifacts().PutCredentialRef(store.id, path, clock_.Now());
    Audit(*uow, run, "store.credentials_issued", {{"credentials", std::nullopt, Quoted(path)}});
    uow->Commit();
    return {"issued device admin password and Wi-Fi keys into " + path};
}

ProvisioningService::StepOutcome ProvisioningService::RenderConfigs(const domain::Store& store) {
    std::vector<domain::RenderSegment> segments;
    std::vector<domain::RenderDevice> devices;
    std::string secret_path;
    {
        auto uow = database_.Begin(ports::TxKind::kRead);
        for (const auto& s : uow->Network().SegmentsForStore(store.id)) {
            segments.push_back({s.purpose, s.vlan_id, s.cidr, s.gateway, s.dhcp_start, s.dhcp_end});
        }
        std::map<std::string, ports::HardwareModel> models;
        for (auto& model : uow->Inventory().ListModels()) {
            models[model.id] = model;
        }
        for (const auto& item : uow->Inventory().ItemsForStore(store.id)) {
            const auto& model = models[item.model_id];
            devices.push_back({item.kind, item.serial, model.vendor, model.model});
        }
        secret_path = uow->Artifacts().GetCredentialRef(store.id).value_or(CredentialPath(store.id));
    }
    const auto files = domain::RenderConfigBundle(store, segments, devices, secret_path);
    ports::ConfigBundle bundle;
    bundle.store_id = store.id;
    bundle.file_name = store.fields.code + "-config.tar.gz";
    bundle.content = compressor_.Gzip(domain::TarArchive(files, clock_.Now()));
    bundle.created_at = clock_.Now();
    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Artifacts().PutBundle(bundle);
    uow->Commit();
    return {"rendered " + std::to_string(files.size()) + " files into " + bundle.file_name};
}

ProvisioningService::StepOutcome ProvisioningService::Transition(const std::string& store_id,
                                                                 domain::LifecycleEvent event,
                                                                 const domain::Run& run) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    auto store = uow->Stores().FindById(store_id);
    if (!store) {
        throw PermanentFailure("the store no longer exists");
    }
    const auto transition = domain::ApplyEvent(store->status, event);
    if (!transition.next) {
        // Already there (a crash after commit, before the step was marked): idempotent.
        const bool already = (event == domain::LifecycleEvent::kProvisioningSucceeded &&
                              store->status == domain::StoreStatus::kActive) ||
                             (event == domain::LifecycleEvent::kDecommissionFinished &&
                              store->status == domain::StoreStatus::kDecommissioned) ||
                             (event == domain::LifecycleEvent::kRollback &&
                              store->status == domain::StoreStatus::kDraft);
        if (already) {
            return {"the store is already " + std::string(domain::ToString(store->status))};
        }
        throw PermanentFailure(transition.error);
    }
    domain::Store updated = *store;
    updated.status = *transition.next;
    updated.version += 1;
    updated.updated_at = clock_.Now();
    updated.updated_by = run.requested_by;
    if (!uow->Stores().Update(updated, store->version)) {
        throw AppError(ErrorCode::kConflict, "the store changed while the run was finishing");
    }
    Audit(*uow, run, "store.status_changed",
          {{"status", Quoted(domain::ToString(store->status)), Quoted(domain::ToString(updated.status))}});
    uow->Commit();
    cache_.InvalidateStore(store_id);
    events_.Publish(StoreEvent("store.status_changed", updated, clock_.Now(), run.requested_by));
    return {"the store is now " + std::string(domain::ToString(updated.status))};
}

ProvisioningService::StepOutcome ProvisioningService::ReleaseHardware(const std::string& store_id,
                                                                      const domain::Run& run) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto released = uow->Inventory().ReleaseItemsForStore(store_id, clock_.Now());
    if (released > 0) {
        Audit(*uow, run, "store.hardware_released",
              {{"items", std::to_string(released), "0"}});
    }
    uow->Commit();
    return {"returned " + std::to_string(released) + " items to stock"};
}

ProvisioningService::StepOutcome ProvisioningService::RevokeCredentials(const std::string& store_id,
                                                                        const domain::Run& run) {
    std::optional<std::string> ref;
    {
        auto uow = database_.Begin(ports::TxKind::kRead);
        ref = uow->Artifacts().GetCredentialRef(store_id);
    }
    if (ref) {
        secrets_.Delete(*ref);  // idempotent; kDependencyUnavailable is retried
    }
    auto uow = database_.Begin(ports::TxKind::kWrite);
    uow->Artifacts().DeleteCredentialRef(store_id);
    uow->Artifacts().DeleteBundle(store_id);
    if (ref) {
        Audit(*uow, run, "store.credentials_revoked", {{"credentials", Quoted(*ref), std::nullopt}});
    }
    uow->Commit();
    return {ref ? "revoked " + *ref : std::string("no credentials to revoke")};
}

ProvisioningService::StepOutcome ProvisioningService::ReleaseNetwork(const std::string& store_id,
                                                                     const domain::Run& run) {
    auto uow = database_.Begin(ports::TxKind::kWrite);
    const auto released = uow->Network().ReleaseSegmentsForStore(store_id);
    if (released > 0) {
        Audit(*uow, run, "store.network_released", {{"segments", released, std::int64_t{0}}});
    }
    uow->Commit();
    return {"released " + std::to_string(released) + " segments"};
}

}  // namespace store::app
