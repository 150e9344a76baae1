// release_network: returns the store's segments to their pools.
#include "app/provisioning/steps/steps.hpp"

namespace store::app::provisioning {
namespace {

class ReleaseNetworkStep final : public Step {
public:
    explicit ReleaseNetworkStep(const StepContext& context) : context_(context) {}

    StepOutcome Execute(const domain::Run& run) override {
        auto uow = context_.database.Begin(ports::TxKind::kWrite);
        const auto released = uow->Network().ReleaseSegmentsForStore(run.store_id);
        if (released > 0) {
            context_.Audit(*uow, run, "store.network_released",
                           {{"segments", static_cast<std::int64_t>(released), std::int64_t{0}}});
        }
        uow->Commit();
        return {"released " + std::to_string(released) + " segments"};
    }

private:
    const StepContext& context_;
};

}  // namespace

std::unique_ptr<Step> MakeReleaseNetworkStep(const StepContext& context) {
    return std::make_unique<ReleaseNetworkStep>(context);
}

}  // namespace store::app::provisioning
