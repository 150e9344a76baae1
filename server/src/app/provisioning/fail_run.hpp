#pragma once

#include <string>

#include "app/provisioning/step.hpp"

namespace store::app::provisioning {

/// Marks `run` failed with `reason` (lease released); a failed provisioning run also makes its
/// store `failed`. One transaction with the audit entry, then the cache and the event.
void FailRun(const StepContext& context, domain::Run& run, const std::string& reason);

}  // namespace store::app::provisioning
