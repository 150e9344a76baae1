#include "app/provisioning/allocation.hpp"

#include <algorithm>

#include "app/provisioning/step.hpp"

namespace store::app::provisioning {

std::int64_t VlanOf(const domain::SegmentPlan& plan,
                    const std::map<std::string, std::int64_t>& default_vlans) {
    if (plan.vlan_id) {
        return *plan.vlan_id;
    }
    const auto configured = default_vlans.find(plan.purpose);
    return configured == default_vlans.end() ? domain::DefaultVlan(plan.purpose)
                                             : configured->second;
}

NetworkChoice ChooseNetwork(ports::UnitOfWork& uow, const std::vector<ports::AddressPool>& pools,
                            const domain::SegmentPlan& plan) {
    if (plan.cidr) {
        const auto wanted = domain::ParseCidr(*plan.cidr).network;
        if (!wanted) {
            throw PermanentFailure("invalid CIDR " + *plan.cidr);
        }
        NetworkChoice choice{*wanted, ""};
        for (const auto& pool : pools) {
            const auto pool_network = domain::ParseCidr(pool.cidr).network;
            if (pool.purpose == plan.purpose && pool_network && pool_network->Contains(*wanted)) {
                choice.pool_id = pool.id;
            }
        }
        if (choice.pool_id.empty() && std::any_of(pools.begin(), pools.end(), [&](const auto& p) {
                return p.purpose == plan.purpose;
            })) {
            throw PermanentFailure(*plan.cidr + " is outside every " + plan.purpose +
                                   " address pool");
        }
        if (!uow.Network().SegmentsOverlapping(*plan.cidr).empty()) {
            throw PermanentFailure(*plan.cidr + " overlaps a segment of another store");
        }
        return choice;
    }
    std::string full_pools;
    for (const auto& pool : pools) {
        if (pool.purpose != plan.purpose) {
            continue;
        }
        const auto pool_network = domain::ParseCidr(pool.cidr).network;
        std::vector<domain::Ipv4Network> used;
        for (const auto& other : uow.Network().SegmentsInPool(pool.id)) {
            if (auto n = domain::ParseCidr(other.cidr).network) {
                used.push_back(*n);
            }
        }
        if (auto network = domain::LowestFreeSubnet(*pool_network, pool.segment_prefix, used)) {
            return {*network, pool.id};
        }
        full_pools += (full_pools.empty() ? "" : ", ") + pool.cidr;
    }
    if (full_pools.empty()) {
        throw PermanentFailure("there is no address pool for " + plan.purpose +
                               " segments; an admin must create one");
    }
    throw PermanentFailure("pool " + full_pools + " for " + plan.purpose + " is full");
}

ports::NetworkSegment MakeSegment(std::string id, const std::string& store_id,
                                  const domain::SegmentPlan& plan, std::int64_t vlan_id,
                                  const NetworkChoice& choice, domain::TimePoint now) {
    ports::NetworkSegment segment;
    segment.id = std::move(id);
    segment.store_id = store_id;
    segment.pool_id = choice.pool_id;
    segment.purpose = plan.purpose;
    segment.vlan_id = vlan_id;
    const auto addresses = domain::AddressesOf(choice.network);
    segment.cidr = choice.network.ToString();
    segment.gateway = domain::FormatIpv4(addresses.gateway);
    segment.dhcp_start = domain::FormatIpv4(addresses.dhcp_start);
    segment.dhcp_end = domain::FormatIpv4(addresses.dhcp_end);
    segment.created_at = now;
    return segment;
}

}  // namespace store::app::provisioning
