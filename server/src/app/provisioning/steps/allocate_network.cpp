// allocate_network: one segment per planned purpose, the requested CIDR or the lowest free
// subnet of a pool (domain::LowestFreeSubnet); the database's constraints settle races.
#include <algorithm>

#include "app/errors.hpp"
#include "app/provisioning/steps/steps.hpp"
#include "domain/ipam.hpp"

namespace store::app::provisioning {
namespace {

class AllocateNetworkStep final : public Step {
public:
    explicit AllocateNetworkStep(const StepContext& context) : context_(context) {}

    StepOutcome Execute(const domain::Run& run) override {
        const auto store = context_.LoadStore(run.store_id);
        // Retried on a lost race (another store took the same subnet between our read and insert).
        for (int attempt = 0; attempt < 8; ++attempt) {
            try {
                return Allocate(store);
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

private:
    StepOutcome Allocate(const domain::Store& store) {
        auto uow = context_.database.Begin(ports::TxKind::kWrite);
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
            segment.id = context_.random.NewUuid();
            segment.store_id = store.id;
            segment.purpose = plan.purpose;
            const auto vlan_default = context_.default_vlans.find(plan.purpose);
            segment.vlan_id = plan.vlan_id.value_or(vlan_default == context_.default_vlans.end()
                                                        ? domain::DefaultVlan(plan.purpose)
                                                        : vlan_default->second);
            segment.created_at = context_.clock.Now();
            const auto network = plan.cidr ? Requested(*uow, pools, plan, segment)
                                           : LowestFree(*uow, pools, plan, segment);
            const auto addresses = domain::AddressesOf(network);
            segment.cidr = network.ToString();
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
    }

    // The CIDR the plan asks for: inside a pool of its purpose (when there is one), free.
    static domain::Ipv4Network Requested(ports::UnitOfWork& uow,
                                         const std::vector<ports::AddressPool>& pools,
                                         const domain::SegmentPlan& plan,
                                         ports::NetworkSegment& segment) {
        const auto wanted = domain::ParseCidr(*plan.cidr).network;
        if (!wanted) {
            throw PermanentFailure("invalid CIDR " + *plan.cidr);
        }
        for (const auto& pool : pools) {
            const auto pool_network = domain::ParseCidr(pool.cidr).network;
            if (pool.purpose == plan.purpose && pool_network && pool_network->Contains(*wanted)) {
                segment.pool_id = pool.id;
            }
        }
        if (segment.pool_id.empty() && std::any_of(pools.begin(), pools.end(), [&](const auto& p) {
                return p.purpose == plan.purpose;
            })) {
            throw PermanentFailure(*plan.cidr + " is outside every " + plan.purpose +
                                   " address pool");
        }
        if (!uow.Network().SegmentsOverlapping(*plan.cidr).empty()) {
            throw PermanentFailure(*plan.cidr + " overlaps a segment of another store");
        }
        return *wanted;
    }

    // The lowest free subnet of the first pool of the plan's purpose that has one.
    static domain::Ipv4Network LowestFree(ports::UnitOfWork& uow,
                                          const std::vector<ports::AddressPool>& pools,
                                          const domain::SegmentPlan& plan,
                                          ports::NetworkSegment& segment) {
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
                segment.pool_id = pool.id;
                return *network;
            }
            full_pools += (full_pools.empty() ? "" : ", ") + pool.cidr;
        }
        throw PermanentFailure("pool " + full_pools + " for " + plan.purpose + " is full");
    }

    const StepContext& context_;
};

}  // namespace

std::unique_ptr<Step> MakeAllocateNetworkStep(const StepContext& context) {
    return std::make_unique<AllocateNetworkStep>(context);
}

}  // namespace store::app::provisioning
