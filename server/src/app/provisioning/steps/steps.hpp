#pragma once

#include <memory>

#include "app/provisioning/step.hpp"
#include "domain/lifecycle.hpp"

namespace store::app::provisioning {

// One factory per step, each defined in its own file next to this one; `StandardSteps`
// (step_table.cpp) registers them under their names.

std::unique_ptr<Step> MakeValidateStep(const StepContext& context);
std::unique_ptr<Step> MakeAllocateNetworkStep(const StepContext& context);
std::unique_ptr<Step> MakeAllocateHardwareStep(const StepContext& context);
std::unique_ptr<Step> MakeIssueCredentialsStep(const StepContext& context);
std::unique_ptr<Step> MakeRenderConfigsStep(const StepContext& context);
/// activate, archive, reset_to_draft: applies `event` to the store (idempotent).
std::unique_ptr<Step> MakeTransitionStep(const StepContext& context, domain::LifecycleEvent event);
std::unique_ptr<Step> MakeReleaseHardwareStep(const StepContext& context);
std::unique_ptr<Step> MakeRevokeCredentialsStep(const StepContext& context);
std::unique_ptr<Step> MakeReleaseNetworkStep(const StepContext& context);

}  // namespace store::app::provisioning
