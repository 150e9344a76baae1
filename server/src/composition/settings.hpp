// Typed settings of each part, read from the configuration (the composition root's adapters:
// platform::Config knows no layer, so the mapping to each layer's own settings lives here).
#pragma once

#include "app/auth_service.hpp"
#include "app/credential_service.hpp"
#include "domain/store_code.hpp"
#include "domain/workflow.hpp"
#include "http/server.hpp"
#include "infra/resilience/circuit_breaker.hpp"
#include "jobs/run_worker.hpp"
#include "platform/config.hpp"

namespace store::composition {

// stores.code_pattern was checked when the configuration was loaded; this cannot fail then.
domain::StoreCodeRule StoreCodeRuleOf(const platform::Config& config);

// The breaker thresholds every dependency shares (breakers.* in the configuration).
infra::resilience::BreakerSettings BaseBreakerSettings(const platform::Config& config);

app::AuthSettings AuthSettingsOf(const platform::Config& config);

jobs::RunWorkerSettings WorkerSettingsOf(const platform::Config& config);

http::ServerSettings ServerSettingsOf(const platform::Config& config);

// permissions.* were checked when the configuration was loaded (operator or admin).
domain::TransitionRoles TransitionRolesOf(const platform::Config& config);
/// permissions.rotate and provisioning.credentials_max_age_days.
app::CredentialService::Settings CredentialSettingsOf(const platform::Config& config);

}  // namespace store::composition
