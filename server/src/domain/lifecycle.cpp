#include "domain/lifecycle.hpp"

#include <array>

namespace store::domain {
namespace {

struct Edge {
    StoreStatus from;
    LifecycleEvent event;
    StoreStatus to;
};

// SPEC.md: failed -> retry (provision) or roll back; only an active store is decommissioned (a
// failed one is rolled back to draft first, which releases what the failed run allocated).
constexpr std::array<Edge, 7> kEdges{{
    {StoreStatus::kDraft, LifecycleEvent::kProvision, StoreStatus::kProvisioning},
    {StoreStatus::kFailed, LifecycleEvent::kProvision, StoreStatus::kProvisioning},
    {StoreStatus::kProvisioning, LifecycleEvent::kProvisioningSucceeded, StoreStatus::kActive},
    {StoreStatus::kProvisioning, LifecycleEvent::kProvisioningFailed, StoreStatus::kFailed},
    {StoreStatus::kFailed, LifecycleEvent::kRollback, StoreStatus::kDraft},
    {StoreStatus::kActive, LifecycleEvent::kDecommission, StoreStatus::kDecommissioning},
    {StoreStatus::kDecommissioning, LifecycleEvent::kDecommissionFinished,
     StoreStatus::kDecommissioned},
}};

bool IsUserEvent(LifecycleEvent event) {
    return event == LifecycleEvent::kProvision || event == LifecycleEvent::kRollback ||
           event == LifecycleEvent::kDecommission;
}

}  // namespace

std::string_view ToString(LifecycleEvent event) {
    switch (event) {
        case LifecycleEvent::kProvision: return "provision";
        case LifecycleEvent::kProvisioningSucceeded: return "provisioning_succeeded";
        case LifecycleEvent::kProvisioningFailed: return "provisioning_failed";
        case LifecycleEvent::kRollback: return "rollback";
        case LifecycleEvent::kDecommission: return "decommission";
        case LifecycleEvent::kDecommissionFinished: return "decommission_finished";
    }
    return "unknown";
}

TransitionResult ApplyEvent(StoreStatus current, LifecycleEvent event) {
    for (const auto& edge : kEdges) {
        if (edge.from == current && edge.event == event) {
            return {edge.to, {}};
        }
    }
    return {std::nullopt, "cannot " + std::string(ToString(event)) + " a store that is " +
                              std::string(ToString(current))};
}

std::vector<LifecycleEvent> AllowedEvents(StoreStatus current) {
    std::vector<LifecycleEvent> out;
    for (const auto& edge : kEdges) {
        if (edge.from == current && IsUserEvent(edge.event)) {
            out.push_back(edge.event);
        }
    }
    return out;
}

bool CanEdit(StoreStatus status) { return status != StoreStatus::kDecommissioned; }
bool CanDelete(StoreStatus status) { return status == StoreStatus::kDraft; }

}  // namespace store::domain
