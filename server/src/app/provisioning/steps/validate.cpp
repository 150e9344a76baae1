// validate: the plan is valid, every planned segment has a pool (or its own CIDR), and the
// stock covers the hardware plan. Reads only.
#include <algorithm>

#include "app/provisioning/steps/steps.hpp"
#include "domain/validation.hpp"

namespace store::app::provisioning {
namespace {

class ValidateStep final : public Step {
public:
    explicit ValidateStep(const StepContext& context) : context_(context) {}

    StepOutcome Execute(const domain::Run& run) override {
        const auto store = context_.LoadStore(run.store_id);
        if (auto errors = domain::ValidateStoreFields(store.fields); !errors.empty()) {
            throw PermanentFailure("the store is invalid: " + errors.front().field + " " +
                                   errors.front().message);
        }
        auto uow = context_.database.Begin(ports::TxKind::kRead);
        const auto pools = uow->Network().ListPools();
        for (const auto& segment : store.fields.network_plan) {
            const bool has_pool = std::any_of(pools.begin(), pools.end(), [&](const auto& pool) {
                return pool.purpose == segment.purpose;
            });
            if (!has_pool && !segment.cidr) {
                throw PermanentFailure("there is no address pool for " + segment.purpose +
                                       " segments; an admin must create one");
            }
        }
        const auto available = uow->Inventory().AvailableByKind();
        const auto allocated = uow->Inventory().ItemsForStore(store.id);
        for (const auto& [kind, quantity] : store.fields.hardware_plan) {
            const auto have =
                std::count_if(allocated.begin(), allocated.end(),
                              [&wanted = kind](const auto& item) { return item.kind == wanted; });
            const auto it = available.find(kind);
            const std::int64_t in_stock = it == available.end() ? 0 : it->second;
            if (quantity - have > in_stock) {
                throw PermanentFailure("not enough " + kind + " in stock: need " +
                                       std::to_string(quantity - have) + ", " +
                                       std::to_string(in_stock) + " available");
            }
        }
        return {"plan is valid; pools and stock are sufficient"};
    }

private:
    const StepContext& context_;
};

}  // namespace

std::unique_ptr<Step> MakeValidateStep(const StepContext& context) {
    return std::make_unique<ValidateStep>(context);
}

}  // namespace store::app::provisioning
