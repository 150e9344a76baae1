#include "app/provisioning/planner.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "app/errors.hpp"
#include "app/provisioning/allocation.hpp"
#include "app/provisioning/step.hpp"
#include "domain/config_render.hpp"
#include "domain/credentials.hpp"
#include "domain/validation.hpp"

namespace store::app::provisioning {
namespace {

domain::PlannedSegment Planned(const ports::NetworkSegment& segment, bool held) {
    return {segment.purpose,    segment.vlan_id,  segment.cidr,    segment.gateway,
            segment.dhcp_start, segment.dhcp_end, segment.pool_id, held};
}

/// The planned network of `purpose` in `prefer` if it can still be taken exactly: nothing
/// overlaps it and its pool still exists for that purpose (or it is the store's own range).
std::optional<NetworkChoice> StillFree(ports::UnitOfWork& uow,
                                       const std::vector<ports::AddressPool>& pools,
                                       const domain::ProvisionPlan* prefer,
                                       const domain::SegmentPlan& wanted, std::int64_t vlan_id) {
    if (prefer == nullptr) {
        return std::nullopt;
    }
    const auto planned =
        std::find_if(prefer->segments.begin(), prefer->segments.end(),
                     [&](const auto& s) { return s.purpose == wanted.purpose && !s.held; });
    if (planned == prefer->segments.end() || planned->vlan_id != vlan_id ||
        (wanted.cidr && *wanted.cidr != planned->cidr)) {
        return std::nullopt;
    }
    const auto network = domain::ParseCidr(planned->cidr).network;
    if (!network || !uow.Network().SegmentsOverlapping(planned->cidr).empty()) {
        return std::nullopt;
    }
    if (planned->pool_id.empty()) {
        return wanted.cidr ? std::optional(NetworkChoice{*network, ""}) : std::nullopt;
    }
    const auto pool = std::find_if(pools.begin(), pools.end(), [&](const auto& p) {
        return p.id == planned->pool_id && p.purpose == wanted.purpose;
    });
    return pool == pools.end() ? std::nullopt : std::optional(NetworkChoice{*network, pool->id});
}

void PlanSegments(ports::UnitOfWork& uow, const domain::Store& store,
                  const std::map<std::string, std::int64_t>& default_vlans,
                  const domain::ProvisionPlan* prefer, domain::ProvisionPlan& plan) {
    const auto existing = uow.Network().SegmentsForStore(store.id);
    const auto pools = uow.Network().ListPools();
    for (const auto& wanted : store.fields.network_plan) {
        const auto held = std::find_if(existing.begin(), existing.end(),
                                       [&](const auto& s) { return s.purpose == wanted.purpose; });
        if (held != existing.end()) {
            plan.segments.push_back(Planned(*held, true));
            continue;
        }
        try {
            const auto vlan_id = VlanOf(wanted, default_vlans);
            auto choice = StillFree(uow, pools, prefer, wanted, vlan_id);
            if (!choice) {
                choice = ChooseNetwork(uow, pools, wanted);
            }
            plan.segments.push_back(
                Planned(MakeSegment("", store.id, wanted, vlan_id, *choice, {}), false));
        } catch (const PermanentFailure& failure) {
            plan.problems.emplace_back(failure.what());
        }
    }
}

void PlanDevices(ports::UnitOfWork& uow, const domain::Store& store,
                 const domain::ProvisionPlan* prefer, domain::ProvisionPlan& plan) {
    std::map<std::string, ports::HardwareModel> models;
    for (auto& model : uow.Inventory().ListModels()) {
        models[model.id] = model;
    }
    const auto device = [&](const ports::StockItem& item, bool held) {
        const auto& model = models[item.model_id];
        return domain::PlannedDevice{item.kind,    item.serial, item.model_id,
                                     model.vendor, model.model, held};
    };
    const auto held = uow.Inventory().ItemsForStore(store.id);
    for (const auto& item : held) {
        plan.devices.push_back(device(item, true));
    }
    for (const auto& [kind, quantity] : store.fields.hardware_plan) {
        const auto have = std::count_if(held.begin(), held.end(),
                                        [&k = kind](const auto& item) { return item.kind == k; });
        std::int64_t need = quantity - have;
        if (need <= 0) {
            continue;
        }
        std::set<std::string> chosen;
        // The serials the plan named, while they are still in stock ...
        for (const auto& planned :
             prefer != nullptr ? prefer->devices : std::vector<domain::PlannedDevice>{}) {
            if (need > 0 && planned.kind == kind && !planned.held) {
                const auto item = uow.Inventory().FindItemBySerial(planned.serial);
                if (item && item->status == "in_stock" && item->kind == kind) {
                    plan.devices.push_back(device(*item, false));
                    chosen.insert(item->serial);
                    --need;
                }
            }
        }
        // ... then the lowest in-stock serials, as allocate_hardware takes them.
        ports::ItemQuery query;
        query.status = "in_stock";
        query.kind = kind;
        query.page_size = need + static_cast<std::int64_t>(chosen.size());
        std::int64_t found = 0;
        for (const auto& item :
             need > 0 ? uow.Inventory().ListItems(query).items : std::vector<ports::StockItem>{}) {
            if (found < need && !chosen.contains(item.serial)) {
                plan.devices.push_back(device(item, false));
                ++found;
            }
        }
        if (found < need) {
            plan.problems.push_back(
                "not enough " + kind + " in stock: need " + std::to_string(quantity - have) + ", " +
                std::to_string(static_cast<std::int64_t>(chosen.size()) + found) + " available");
        }
    }
    std::sort(plan.devices.begin(), plan.devices.end(), [](const auto& a, const auto& b) {
        return std::tie(a.kind, a.serial) < std::tie(b.kind, b.serial);
    });
}

}  // namespace

domain::ProvisionPlan ComputePlan(ports::UnitOfWork& uow, const domain::Store& store,
                                  const std::map<std::string, std::int64_t>& default_vlans,
                                  const domain::ProvisionPlan* prefer) {
    domain::ProvisionPlan plan;
    plan.store_id = store.id;
    plan.store_version = store.version;
    for (const auto& error : domain::ValidateStoreFields(store.fields)) {
        plan.problems.push_back("the store is invalid: " + error.field + " " + error.message);
    }
    PlanSegments(uow, store, default_vlans, prefer, plan);
    PlanDevices(uow, store, prefer, plan);
    const auto versions = uow.Artifacts().CredentialVersions(store.id);
    const auto* current = domain::CurrentCredential(versions);
    plan.secret_path = current != nullptr ? current->path
                                          : domain::CredentialVersionPath(
                                                store.id, domain::NextCredentialVersion(versions));
    return plan;
}

std::vector<domain::FileDiff> PlannedBundleDiff(ports::UnitOfWork& uow, const domain::Store& store,
                                                const domain::ProvisionPlan& plan,
                                                std::optional<std::string>& current) {
    // As RenderStoreBundle will: segments by VLAN id, devices by kind then serial.
    auto planned_segments = plan.segments;
    std::stable_sort(planned_segments.begin(), planned_segments.end(),
                     [](const auto& a, const auto& b) { return a.vlan_id < b.vlan_id; });
    std::vector<domain::RenderSegment> segments;
    segments.reserve(planned_segments.size());
    for (const auto& s : planned_segments) {
        segments.push_back({s.purpose, s.vlan_id, s.cidr, s.gateway, s.dhcp_start, s.dhcp_end});
    }
    std::vector<domain::RenderDevice> devices;
    devices.reserve(plan.devices.size());
    for (const auto& d : plan.devices) {
        devices.push_back({d.kind, d.serial, d.vendor, d.model});
    }
    const auto files = domain::RenderConfigBundle(store, segments, devices, plan.secret_path);
    std::vector<domain::BundleFile> before;
    current.reset();
    if (const auto bundle = uow.Artifacts().GetBundle(store.id)) {
        current = bundle->sha256;
        if (const auto version = uow.Artifacts().GetBundleVersion(store.id, bundle->sha256);
            version && version->files) {
            before = *version->files;
        }
    }
    return domain::DiffBundles(before, files);
}

void TakePlan(ports::UnitOfWork& uow, const domain::ProvisionPlan& plan,
              ports::RandomSource& random, domain::TimePoint now) {
    for (const auto& s : plan.segments) {
        if (s.held) {
            continue;
        }
        ports::NetworkSegment segment{
            random.NewUuid(), plan.store_id, s.pool_id,    s.purpose,  s.vlan_id,
            s.cidr,           s.gateway,     s.dhcp_start, s.dhcp_end, now};
        try {
            uow.Network().InsertSegment(segment);
        } catch (const AppError& error) {
            if (error.code() != ErrorCode::kConflict) {
                throw;
            }
            throw AppError(ErrorCode::kConflict, "the plan no longer holds: " + s.purpose +
                                                     " segment " + s.cidr +
                                                     " was taken meanwhile; make a new plan");
        }
    }
    for (const auto& d : plan.devices) {
        if (!d.held && !uow.Inventory().ReserveSerial(d.serial, plan.store_id, now)) {
            throw AppError(ErrorCode::kConflict, "the plan no longer holds: " + d.kind + " " +
                                                     d.serial +
                                                     " is not in stock any more; make a new plan");
        }
    }
}

}  // namespace store::app::provisioning
