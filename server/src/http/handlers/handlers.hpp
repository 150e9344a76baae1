#pragma once

#include "http/message.hpp"
#include "http/services.hpp"

// Thin handlers: parse the request into a DTO, call one use case, serialise the result.
// Each throws AppError for anything the caller did wrong; the pipeline maps it to a problem.
namespace store::http::handlers {

Response Health(Services& services, Request& request);
Response Ready(Services& services, Request& request);
Response Metrics(Services& services, Request& request);
Response OpenApi(Services& services, Request& request);
Response SystemHealth(Services& services, Request& request);
Response SystemAlerts(Services& services, Request& request);
Response SystemSettings(Services& services, Request& request);

Response Login(Services& services, Request& request);
/// Every result Login counts in store_auth_logins_total at 0, so that increase() sees a replica's
/// first failed or throttled login after a start (a series that appears at 1 has no increase).
void StartLoginCounters(platform::Metrics& metrics);
Response Refresh(Services& services, Request& request);
Response Logout(Services& services, Request& request);
Response Me(Services& services, Request& request);

Response ListStores(Services& services, Request& request);
Response CreateStore(Services& services, Request& request);
Response GetStore(Services& services, Request& request);
/// Cache-hit answers on the network thread (nullopt on a miss).
std::optional<Response> GetStoreCached(Services& services, Request& request);
std::optional<Response> ListStoresCached(Services& services, Request& request);
Response PatchStore(Services& services, Request& request);
Response DeleteStore(Services& services, Request& request);
Response StoreAudit(Services& services, Request& request);
Response GlobalAudit(Services& services, Request& request);
Response Stats(Services& services, Request& request);

Response ExportStores(Services& services, Request& request);
Response ImportStores(Services& services, Request& request);
Response BulkStores(Services& services, Request& request);

Response Provision(Services& services, Request& request);
Response PlanProvision(Services& services, Request& request);
Response Decommission(Services& services, Request& request);
Response Rollback(Services& services, Request& request);
Response ListRuns(Services& services, Request& request);
Response GetRun(Services& services, Request& request);
Response StoreNetwork(Services& services, Request& request);
Response StoreHardware(Services& services, Request& request);
Response ConfigBundle(Services& services, Request& request);
Response ConfigBundleHistory(Services& services, Request& request);
Response ConfigBundleVersion(Services& services, Request& request);
Response ConfigBundleDiff(Services& services, Request& request);
Response GetCalendar(Services& services, Request& request);
Response GetForecast(Services& services, Request& request);
Response ListRollouts(Services& services, Request& request);
Response CreateRollout(Services& services, Request& request);
Response GetRollout(Services& services, Request& request);
Response PauseRollout(Services& services, Request& request);
Response ResumeRollout(Services& services, Request& request);
Response AbortRollout(Services& services, Request& request);
Response RetryFailedRollout(Services& services, Request& request);
Response ListTemplates(Services& services, Request& request);
Response CreateTemplate(Services& services, Request& request);
Response GetTemplate(Services& services, Request& request);
Response PatchTemplate(Services& services, Request& request);
Response DeleteTemplate(Services& services, Request& request);
Response TemplateStores(Services& services, Request& request);
Response CreateTemplateStores(Services& services, Request& request);
Response SyncTemplate(Services& services, Request& request);
Response Credentials(Services& services, Request& request);
Response CredentialVersions(Services& services, Request& request);
Response RotateCredentials(Services& services, Request& request);
Response RevokeCredentials(Services& services, Request& request);
Response RestoreCredentials(Services& services, Request& request);
Response ReleaseCredentials(Services& services, Request& request);

Response ListModels(Services& services, Request& request);
Response CreateModel(Services& services, Request& request);
Response ListItems(Services& services, Request& request);
Response CreateItem(Services& services, Request& request);
Response ImportItems(Services& services, Request& request);
Response ListPools(Services& services, Request& request);
Response CreatePool(Services& services, Request& request);
Response DeletePool(Services& services, Request& request);

Response ListUsers(Services& services, Request& request);
Response CreateUser(Services& services, Request& request);
Response PatchUser(Services& services, Request& request);
Response DeleteUser(Services& services, Request& request);
// Automation tokens (token_handlers.cpp)
Response ListTokens(Services& services, Request& request);
Response CreateToken(Services& services, Request& request);
Response RevokeToken(Services& services, Request& request);

}  // namespace store::http::handlers
