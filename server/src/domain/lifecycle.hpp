#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/store.hpp"

namespace store::domain {

/// What can happen to a store. The state machine below says from which status each is legal.
enum class LifecycleEvent {
    kProvision,              // draft | failed -> provisioning (failed -> provisioning is a retry)
    kProvisioningSucceeded,  // provisioning -> active
    kProvisioningFailed,     // provisioning -> failed
    kRollback,               // failed -> draft
    kDecommission,           // active -> decommissioning
    kDecommissionFinished,   // decommissioning -> decommissioned (terminal)
};

std::string_view ToString(LifecycleEvent event);

struct TransitionResult {
    std::optional<StoreStatus> next;  // set when legal
    std::string error;                // a sentence for the user when illegal
};

TransitionResult ApplyEvent(StoreStatus current, LifecycleEvent event);

/// Events a user may trigger from `current` (drives which buttons the dashboard shows).
std::vector<LifecycleEvent> AllowedEvents(StoreStatus current);

/// Editable fields can change in every status but the terminal one.
bool CanEdit(StoreStatus status);
/// Only drafts are deleted; everything else keeps its record.
bool CanDelete(StoreStatus status);

}  // namespace store::domain
