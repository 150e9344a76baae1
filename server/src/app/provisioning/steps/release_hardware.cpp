// release_hardware: returns the store's reserved items to stock.
#include "app/provisioning/steps/steps.hpp"

namespace store::app::provisioning {
namespace {

class ReleaseHardwareStep final : public Step {
public:
    explicit ReleaseHardwareStep(const StepContext& context) : context_(context) {}

    StepOutcome Execute(const domain::Run& run) override {
        auto uow = context_.database.Begin(ports::TxKind::kWrite);
        const auto released =
            uow->Inventory().ReleaseItemsForStore(run.store_id, context_.clock.Now());
        if (released > 0) {
            context_.Audit(*uow, run, "store.hardware_released",
                           {{"items", static_cast<std::int64_t>(released), std::int64_t{0}}});
        }
        uow->Commit();
        return {"returned " + std::to_string(released) + " items to stock"};
    }

private:
    const StepContext& context_;
};

}  // namespace

std::unique_ptr<Step> MakeReleaseHardwareStep(const StepContext& context) {
    return std::make_unique<ReleaseHardwareStep>(context);
}

}  // namespace store::app::provisioning
