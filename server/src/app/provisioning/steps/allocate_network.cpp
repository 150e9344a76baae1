// allocate_network: one segment per planned purpose, the requested CIDR or the lowest free
// subnet of a pool (ChooseNetwork, allocation.hpp); the database's constraints settle races.
#include <algorithm>

#include "app/errors.hpp"
#include "app/provisioning/allocation.hpp"
#include "app/provisioning/steps/steps.hpp"

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
                continue;  // idempotent: allocated by an earlier attempt, or by a plan's apply
            }
            const auto segment = MakeSegment(
                context_.random.NewUuid(), store.id, plan, VlanOf(plan, context_.default_vlans),
                ChooseNetwork(*uow, pools, plan), context_.clock.Now());
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

    const StepContext& context_;
};

}  // namespace

std::unique_ptr<Step> MakeAllocateNetworkStep(const StepContext& context) {
    return std::make_unique<AllocateNetworkStep>(context);
}

}  // namespace store::app::provisioning
