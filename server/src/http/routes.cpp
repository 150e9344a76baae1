#include "http/routes.hpp"

#include "http/handlers/handlers.hpp"

namespace store::http {

Router BuildRouter(Services& services) {
    Router router;
    const auto add = [&](std::string method, std::string pattern, Access access,
                         Execution execution, Response (*handler)(Services&, Request&)) {
        router.Add(
            Route{std::move(method), std::move(pattern), access, execution,
                  [&services, handler](Request& request) { return handler(services, request); },
                  nullptr});
    };
    // A worker route with a cache-only fast path served on the network thread.
    const auto add_cached = [&](std::string method, std::string pattern, Access access,
                                Response (*handler)(Services&, Request&),
                                std::optional<Response> (*fast)(Services&, Request&)) {
        router.Add(
            Route{std::move(method), std::move(pattern), access, Execution::kWorker,
                  [&services, handler](Request& request) { return handler(services, request); },
                  [&services, fast](Request& request) { return fast(services, request); }});
    };
    using E = Execution;
    // Operations
    add("GET", "/health", kPublic, E::kInline, handlers::Health);
    // Inline: readiness reads breaker states only, so busy workers or a saturated pool cannot
    // delay it past the probe timeout.
    add("GET", "/health/ready", kPublic, E::kInline, handlers::Ready);
    // Worker: some gauges are read from the database (store_stores_total) at scrape time.
    add("GET", "/metrics", kPublic, E::kWorker, handlers::Metrics);
    add("GET", "/api/openapi.json", kPublic, E::kInline, handlers::OpenApi);
    // Authentication (password hashing and token rows: worker)
    add("POST", "/api/auth/login", kPublic, E::kWorker, handlers::Login);
    add("POST", "/api/auth/refresh", kPublic, E::kWorker, handlers::Refresh);
    add("POST", "/api/auth/logout", kPublic, E::kWorker, handlers::Logout);
    add("GET", "/api/auth/me", kViewer, E::kInline, handlers::Me);
    // Stores: literal paths before "{id}"
    add_cached("GET", "/api/stores", kViewer, handlers::ListStores, handlers::ListStoresCached);
    add("POST", "/api/stores", kOperator, E::kWorker, handlers::CreateStore);
    add("GET", "/api/stores/export.csv", kViewer, E::kWorker, handlers::ExportStores);
    add("POST", "/api/stores/import", kOperator, E::kWorker, handlers::ImportStores);
    add("POST", "/api/stores/bulk", kOperator, E::kWorker, handlers::BulkStores);
    add_cached("GET", "/api/stores/{id}", kViewer, handlers::GetStore, handlers::GetStoreCached);
    add("PATCH", "/api/stores/{id}", kOperator, E::kWorker, handlers::PatchStore);
    add("DELETE", "/api/stores/{id}", kOperator, E::kWorker, handlers::DeleteStore);
    add("GET", "/api/stores/{id}/audit", kViewer, E::kWorker, handlers::StoreAudit);
    // Provisioning workflow and what it allocated
    add("POST", "/api/stores/{id}/provision", kOperator, E::kWorker, handlers::Provision);
    add("POST", "/api/stores/{id}/plan", kOperator, E::kWorker, handlers::PlanProvision);
    add("POST", "/api/stores/{id}/decommission", kOperator, E::kWorker, handlers::Decommission);
    add("POST", "/api/stores/{id}/rollback", kOperator, E::kWorker, handlers::Rollback);
    add("GET", "/api/stores/{id}/runs", kViewer, E::kWorker, handlers::ListRuns);
    add("GET", "/api/stores/{id}/runs/{runId}", kViewer, E::kWorker, handlers::GetRun);
    add("GET", "/api/stores/{id}/network", kViewer, E::kWorker, handlers::StoreNetwork);
    add("GET", "/api/stores/{id}/hardware", kViewer, E::kWorker, handlers::StoreHardware);
    add("GET", "/api/stores/{id}/config-bundle", kViewer, E::kWorker, handlers::ConfigBundle);
    add("GET", "/api/stores/{id}/config-bundles", kViewer, E::kWorker,
        handlers::ConfigBundleHistory);
    add("GET", "/api/stores/{id}/config-bundles/{sha256}", kViewer, E::kWorker,
        handlers::ConfigBundleVersion);
    add("GET", "/api/stores/{id}/config-bundles/{sha256}/diff/{other}", kViewer, E::kWorker,
        handlers::ConfigBundleDiff);
    // Credentials: revealing needs an admin; changing them needs the role of permissions.rotate
    // (checked by CredentialService), reading their versions (no secrets) anyone.
    add("GET", "/api/stores/{id}/credentials", kAdmin, E::kWorker, handlers::Credentials);
    add("GET", "/api/stores/{id}/credentials/versions", kViewer, E::kWorker,
        handlers::CredentialVersions);
    add("POST", "/api/stores/{id}/credentials/rotate", kOperator, E::kWorker,
        handlers::RotateCredentials);
    add("POST", "/api/stores/{id}/credentials/revoke", kOperator, E::kWorker,
        handlers::RevokeCredentials);
    add("POST", "/api/stores/{id}/credentials/versions/{version}/restore", kOperator, E::kWorker,
        handlers::RestoreCredentials);
    add("POST", "/api/stores/{id}/credentials/versions/{version}/release", kOperator, E::kWorker,
        handlers::ReleaseCredentials);
    // Store templates: many stores from one profile, drift, bringing stores up to date
    add("GET", "/api/templates", kViewer, E::kWorker, handlers::ListTemplates);
    add("POST", "/api/templates", kOperator, E::kWorker, handlers::CreateTemplate);
    add("GET", "/api/templates/{id}", kViewer, E::kWorker, handlers::GetTemplate);
    add("PATCH", "/api/templates/{id}", kOperator, E::kWorker, handlers::PatchTemplate);
    add("DELETE", "/api/templates/{id}", kOperator, E::kWorker, handlers::DeleteTemplate);
    add("GET", "/api/templates/{id}/stores", kViewer, E::kWorker, handlers::TemplateStores);
    add("POST", "/api/templates/{id}/stores", kOperator, E::kWorker,
        handlers::CreateTemplateStores);
    add("POST", "/api/templates/{id}/sync", kOperator, E::kWorker, handlers::SyncTemplate);
    // Go-live calendar and forecast (reads only)
    add("GET", "/api/calendar", kViewer, E::kWorker, handlers::GetCalendar);
    add("GET", "/api/forecast", kViewer, E::kWorker, handlers::GetForecast);
    // Rollouts: waves of provisioning or decommissioning runs (the driver moves them on)
    add("GET", "/api/rollouts", kViewer, E::kWorker, handlers::ListRollouts);
    add("POST", "/api/rollouts", kOperator, E::kWorker, handlers::CreateRollout);
    add("GET", "/api/rollouts/{id}", kViewer, E::kWorker, handlers::GetRollout);
    add("POST", "/api/rollouts/{id}/pause", kOperator, E::kWorker, handlers::PauseRollout);
    add("POST", "/api/rollouts/{id}/resume", kOperator, E::kWorker, handlers::ResumeRollout);
    add("POST", "/api/rollouts/{id}/abort", kOperator, E::kWorker, handlers::AbortRollout);
    add("POST", "/api/rollouts/{id}/retry-failed", kOperator, E::kWorker,
        handlers::RetryFailedRollout);
    add("GET", "/api/audit", kViewer, E::kWorker, handlers::GlobalAudit);
    add("GET", "/api/stats", kViewer, E::kWorker, handlers::Stats);
    // Inventory and address pools
    add("GET", "/api/hardware/models", kViewer, E::kWorker, handlers::ListModels);
    add("POST", "/api/hardware/models", kOperator, E::kWorker, handlers::CreateModel);
    add("GET", "/api/hardware/items", kViewer, E::kWorker, handlers::ListItems);
    add("POST", "/api/hardware/items", kOperator, E::kWorker, handlers::CreateItem);
    add("POST", "/api/hardware/items/import", kOperator, E::kWorker, handlers::ImportItems);
    add("GET", "/api/network/pools", kViewer, E::kWorker, handlers::ListPools);
    add("POST", "/api/network/pools", kAdmin, E::kWorker, handlers::CreatePool);
    add("DELETE", "/api/network/pools/{id}", kAdmin, E::kWorker, handlers::DeletePool);
    // System: dependencies and their breakers, alert history
    add("GET", "/api/system/health", kViewer, E::kInline, handlers::SystemHealth);
    add("GET", "/api/system/alerts", kViewer, E::kInline, handlers::SystemAlerts);
    // Configuration the dashboard's forms apply (store code pattern): memory only, inline.
    add("GET", "/api/system/settings", kViewer, E::kInline, handlers::SystemSettings);
    // Users (admin)
    add("GET", "/api/users", kAdmin, E::kWorker, handlers::ListUsers);
    add("POST", "/api/users", kAdmin, E::kWorker, handlers::CreateUser);
    add("PATCH", "/api/users/{id}", kAdmin, E::kWorker, handlers::PatchUser);
    add("DELETE", "/api/users/{id}", kAdmin, E::kWorker, handlers::DeleteUser);
    // Automation tokens (admin)
    add("GET", "/api/tokens", kAdmin, E::kWorker, handlers::ListTokens);
    add("POST", "/api/tokens", kAdmin, E::kWorker, handlers::CreateToken);
    add("DELETE", "/api/tokens/{id}", kAdmin, E::kWorker, handlers::RevokeToken);
    return router;
}

}  // namespace store::http
