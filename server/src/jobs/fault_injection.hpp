#pragma once

#include <map>
#include <string>

#include "app/provisioning/step_table.hpp"

namespace store::jobs {

/// Test seam, off unless `provisioning.inject_failures` is set (tests only; see
/// docs/configuration.md): wraps the named steps so that each fails with a transient error
/// (kConflict, counted against max_attempts like a lost race) the given number of times before
/// it runs. The worker knows nothing of it; the composition root applies it to the step table.
/// Throws std::invalid_argument for a name no step is registered under, so a typo in a test's
/// configuration stops the service at start instead of injecting nothing.
void InjectTransientFailures(app::provisioning::StepTable& steps,
                             const std::map<std::string, int>& failures_by_step);

}  // namespace store::jobs
