#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/store.hpp"

namespace store::domain {

// Plan before apply: what provisioning a store would do, computed without changing anything
// (app/provisioning/planner.cpp), kept under an id, and applied exactly — or refused with what
// changed since (PlanChanges).

struct PlannedSegment {
    std::string purpose;
    std::int64_t vlan_id = 0;
    std::string cidr;
    std::string gateway;
    std::string dhcp_start;
    std::string dhcp_end;
    std::string pool_id;  // empty: the store's own range outside every pool
    bool held = false;    // the store has it already (an earlier run)
    bool operator==(const PlannedSegment&) const = default;
};

struct PlannedDevice {
    std::string kind;
    std::string serial;
    std::string model_id;
    std::string vendor;
    std::string model;
    bool held = false;  // allocated to the store already
    bool operator==(const PlannedDevice&) const = default;
};

struct ProvisionPlan {
    std::string id;
    std::string store_id;
    std::int64_t store_version = 0;
    std::vector<PlannedSegment> segments;  // in the store's network-plan order
    std::vector<PlannedDevice> devices;    // by kind, then serial
    std::string secret_path;               // where the store's credentials will be
    /// Why a run would fail now (a pool used up, too little stock, an invalid plan); empty: it
    /// would not.
    std::vector<std::string> problems;
    TimePoint created_at;
    std::string created_by;
    bool operator==(const ProvisionPlan&) const = default;
};

/// What differs between `planned` and `now` (the same store's plan computed again), in words a
/// 409 can show: the store edited, a segment's subnet or VLAN, a device no longer available, a
/// new problem. Empty when provisioning would do exactly what was planned.
std::vector<std::string> PlanChanges(const ProvisionPlan& planned, const ProvisionPlan& now);

/// How long a plan can be applied after it was made.
inline constexpr std::chrono::hours kPlanLifetime{24};

}  // namespace store::domain
