#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/ports/database.hpp"
#include "domain/ipam.hpp"
#include "domain/store.hpp"

namespace store::app::provisioning {

// What provisioning would take for a store, decided the same way whether a run allocates it
// (steps/allocate_network.cpp) or a plan shows it beforehand (planner.cpp).

/// The VLAN id of a planned segment: the plan's, else the configured default of its purpose,
/// else the built-in one (domain::DefaultVlan).
std::int64_t VlanOf(const domain::SegmentPlan& plan,
                    const std::map<std::string, std::int64_t>& default_vlans);

/// The network a segment would get now and the pool it comes from (empty: a range of the
/// store's own outside every pool).
struct NetworkChoice {
    domain::Ipv4Network network;
    std::string pool_id;
};

/// The requested CIDR (inside a pool of its purpose when there is one, overlapping no other
/// store's segment) or the lowest free subnet of the first pool of its purpose that has one.
/// Throws PermanentFailure saying why there is none.
NetworkChoice ChooseNetwork(ports::UnitOfWork& uow, const std::vector<ports::AddressPool>& pools,
                            const domain::SegmentPlan& plan);

/// A segment record for `store_id` on `choice` (gateway and DHCP range from the network).
ports::NetworkSegment MakeSegment(std::string id, const std::string& store_id,
                                  const domain::SegmentPlan& plan, std::int64_t vlan_id,
                                  const NetworkChoice& choice, domain::TimePoint now);

}  // namespace store::app::provisioning
