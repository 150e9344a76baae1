// allocate_hardware: reserves the planned items from stock (what an earlier attempt reserved
// counts); items other runs hold right now are retried, an empty stock fails the run.
#include <algorithm>

#include "app/errors.hpp"
#include "app/provisioning/steps/steps.hpp"

namespace store::app::provisioning {
namespace {

class AllocateHardwareStep final : public Step {
public:
    explicit AllocateHardwareStep(const StepContext& context) : context_(context) {}

    StepOutcome Execute(const domain::Run& run) override {
        const auto store = context_.LoadStore(run.store_id);
        auto uow = context_.database.Begin(ports::TxKind::kWrite);
        const auto existing = uow->Inventory().ItemsForStore(store.id);
        std::vector<std::string> reserved;
        for (const auto& [kind, quantity] : store.fields.hardware_plan) {
            const auto have =
                std::count_if(existing.begin(), existing.end(),
                              [&wanted = kind](const auto& item) { return item.kind == wanted; });
            const std::int64_t need = quantity - have;
            if (need <= 0) {
                continue;
            }
            const auto items =
                uow->Inventory().ReserveItems(store.id, kind, need, context_.clock.Now());
            if (static_cast<std::int64_t>(items.size()) < need) {
                // PostgreSQL skips items another run has locked: if the stock is there, it is
                // only busy, and the step is retried; otherwise the stock really ran out.
                const auto available = uow->Inventory().AvailableByKind();
                const auto it = available.find(kind);
                const std::int64_t in_stock = it == available.end() ? 0 : it->second;
                if (in_stock >= need - static_cast<std::int64_t>(items.size())) {
                    throw AppError(ErrorCode::kConflict, "other runs are reserving " + kind +
                                                             " items right now; retrying");
                }
                throw PermanentFailure("not enough " + kind + " in stock: need " +
                                       std::to_string(need) + ", only " +
                                       std::to_string(items.size()) + " available");
            }
            for (const auto& item : items) {
                reserved.push_back(item.serial);
            }
        }
        uow->Commit();
        if (reserved.empty()) {
            return {"hardware was already reserved"};
        }
        return {"reserved " + std::to_string(reserved.size()) + " items (" + reserved.front() +
                (reserved.size() > 1 ? ", …" : "") + ")"};
    }

private:
    const StepContext& context_;
};

}  // namespace

std::unique_ptr<Step> MakeAllocateHardwareStep(const StepContext& context) {
    return std::make_unique<AllocateHardwareStep>(context);
}

}  // namespace store::app::provisioning
