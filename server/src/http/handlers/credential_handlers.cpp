// A store's credentials after provisioning: reveal, the versions, rotate, revoke, restore and
// release (app/credential_service.hpp). Secrets are answered with Cache-Control: no-store.
#include <boost/json.hpp>

#include "http/dto/store_json.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace store::http::handlers {
namespace {

namespace json = boost::json;

// The answer lists the newest versions only (docs/openapi.json: maxItems); the service works on
// all.
constexpr std::size_t kListedVersions = 100;

Response HistoryResponse(const app::CredentialHistory& history) {
    json::array versions;
    std::optional<std::int64_t> current;
    for (const auto& v : history.versions) {
        if (v.state == domain::CredentialState::kCurrent) {
            current = v.version;
        }
        if (versions.size() == kListedVersions) {
            continue;
        }
        versions.push_back(json::object{{"version", v.version},
                                        {"state", domain::ToString(v.state)},
                                        {"path", v.path},
                                        {"createdAt", dto::FormatTime(v.created_at)},
                                        {"createdBy", v.created_by},
                                        {"endedAt", dto::FormatOptionalTime(v.ended_at)},
                                        {"endedBy", v.ended_by}});
    }
    return JsonResponse(
        200, json::serialize(
                 json::object{{"storeId", history.store_id},
                              {"current", current ? json::value(*current) : json::value(nullptr)},
                              {"rotationDueAt", dto::FormatOptionalTime(history.rotation_due_at)},
                              {"rotationDue", history.rotation_due},
                              {"versions", std::move(versions)}}));
}

}  // namespace

Response Credentials(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    const auto version = VersionNumber(request, "version", true);
    RejectQueryParameters(request, {"version"});
    const auto revealed = services.credentials.Reveal(id, version, request.Meta());
    json::object secret;
    for (const auto& [name, value] : revealed.secret) {
        secret[name] = value;
    }
    auto response = JsonResponse(
        200,
        json::serialize(json::object{
            {"storeId", id}, {"version", revealed.version}, {"credentials", std::move(secret)}}));
    response.Set("Cache-Control", "no-store");
    return response;
}

Response CredentialVersions(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    return HistoryResponse(services.credentials.History(id));
}

Response RotateCredentials(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    return HistoryResponse(services.credentials.Rotate(id, request.Meta()));
}

Response RevokeCredentials(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    return HistoryResponse(services.credentials.Revoke(id, request.Meta()));
}

Response RestoreCredentials(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    const auto version = *VersionNumber(request, "version", false);
    RejectQueryParameters(request, {});
    return HistoryResponse(services.credentials.Restore(id, version, request.Meta()));
}

Response ReleaseCredentials(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    const auto version = *VersionNumber(request, "version", false);
    RejectQueryParameters(request, {});
    return HistoryResponse(services.credentials.Release(id, version, request.Meta()));
}

}  // namespace store::http::handlers
