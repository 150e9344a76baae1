#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/ports/database.hpp"
#include "app/ports/random_source.hpp"
#include "domain/bundle_diff.hpp"
#include "domain/provision_plan.hpp"

namespace store::app::provisioning {

/// What provisioning `store` would do now, as read in `uow` (nothing written): each planned
/// segment with its VLAN id, subnet, gateway and DHCP range (ChooseNetwork, as
/// allocate_network decides), each device it would reserve (the lowest in-stock serials of
/// each kind, as allocate_hardware takes them), where its credentials would be, and what would
/// make the run fail. What the store already holds is in the plan as `held`. With `prefer` (a
/// plan made earlier) its subnets and serials are kept wherever they can still be taken, so
/// that comparing the two (domain::PlanChanges) shows only what really changed: a newly freed
/// lower subnet or a lower serial added to stock does not make an earlier plan stale.
domain::ProvisionPlan ComputePlan(ports::UnitOfWork& uow, const domain::Store& store,
                                  const std::map<std::string, std::int64_t>& default_vlans,
                                  const domain::ProvisionPlan* prefer = nullptr);

/// The configuration bundle the plan would render, each file diffed against the store's
/// current bundle (every file added when it has none). `current` is set to that bundle's
/// SHA-256.
std::vector<domain::FileDiff> PlannedBundleDiff(ports::UnitOfWork& uow, const domain::Store& store,
                                                const domain::ProvisionPlan& plan,
                                                std::optional<std::string>& current);

/// Takes exactly what the plan names and the store does not hold yet: inserts its segments
/// and reserves its devices by serial. Throws AppError{kConflict} naming what was taken
/// meanwhile (the caller rolls the unit of work back).
void TakePlan(ports::UnitOfWork& uow, const domain::ProvisionPlan& plan,
              ports::RandomSource& random, domain::TimePoint now);

}  // namespace store::app::provisioning
