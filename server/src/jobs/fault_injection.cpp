#include "jobs/fault_injection.hpp"

#include <atomic>
#include <memory>
#include <stdexcept>

#include "app/errors.hpp"

namespace store::jobs {
namespace {

/// A step that fails `failures` times, then behaves as the step it wraps.
class FaultInjectingStep final : public app::provisioning::Step {
public:
    FaultInjectingStep(std::unique_ptr<Step> inner, int failures)
        : inner_(std::move(inner)), remaining_(failures) {}

    app::provisioning::StepOutcome Execute(const domain::Run& run) override {
        if (remaining_.fetch_sub(1) > 0) {
            throw app::AppError(app::ErrorCode::kConflict,
                                "injected transient failure (fault injection is configured)");
        }
        return inner_->Execute(run);
    }

private:
    std::unique_ptr<Step> inner_;
    std::atomic<int> remaining_;  // the workers share the step
};

}  // namespace

void InjectTransientFailures(app::provisioning::StepTable& steps,
                             const std::map<std::string, int>& failures_by_step) {
    for (const auto& [name, failures] : failures_by_step) {
        const bool wrapped = steps.Wrap(name, [failures = failures](auto inner) {
            return std::make_unique<FaultInjectingStep>(std::move(inner), failures);
        });
        if (!wrapped) {
            throw std::invalid_argument("provisioning.inject_failures: there is no step named " +
                                        name);
        }
    }
}

}  // namespace store::jobs
