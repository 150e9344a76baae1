#include <boost/json.hpp>

#include "app/errors.hpp"
#include "http/dto/provisioning_json.hpp"
#include "http/dto/request_body.hpp"
#include "http/dto/store_json.hpp"
#include "http/dto/template_json.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace store::http::handlers {
namespace {

namespace json = boost::json;

Response TemplateResponse(int status, const app::TemplateSummary& summary) {
    auto response = JsonResponse(status, json::serialize(dto::TemplateToJson(summary)));
    response.Set("ETag", "\"" + std::to_string(summary.item.version) + "\"");
    response.Set("Cache-Control", "no-cache");
    return response;
}

}  // namespace

Response ListTemplates(Services& services, Request& request) {
    RejectQueryParameters(request, {});
    json::array items;
    for (const auto& summary : services.templates.List()) {
        items.push_back(dto::TemplateToJson(summary));
    }
    auto response = JsonResponse(200, json::serialize(json::object{{"items", std::move(items)}}));
    response.Set("Cache-Control", "no-cache");
    return response;
}

Response CreateTemplate(Services& services, Request& request) {
    RejectQueryParameters(request, {});
    auto fields = dto::ParseTemplateFields(dto::ParseJsonBody(request));
    const auto summary = services.templates.Create(std::move(fields), request.Meta());
    auto response = TemplateResponse(201, summary);
    response.Set("Location", "/api/templates/" + summary.item.id);
    return response;
}

Response GetTemplate(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    return TemplateResponse(200, services.templates.Get(id));
}

Response PatchTemplate(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    const auto expected = RequireIfMatch(request);
    const auto patch = dto::ParseJsonBody(request);
    if (!patch.is_object()) {
        throw app::AppError::BadRequest({{"body", "must be a JSON object"}},
                                        "a merge patch must be a JSON object");
    }
    const auto summary = services.templates.Update(
        id, expected,
        [&patch](const domain::TemplateFields& current) {
            json::value document = dto::TemplateFieldsToJson(current);
            dto::ApplyMergePatch(document, patch);
            return dto::ParseTemplateFields(document);
        },
        request.Meta());
    return TemplateResponse(200, summary);
}

Response DeleteTemplate(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    services.templates.Delete(id, RequireIfMatch(request), request.Meta());
    return EmptyResponse(204);
}

Response TemplateStores(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    auto response =
        JsonResponse(200, json::serialize(dto::FollowersToJson(services.templates.Followers(id))));
    response.Set("Cache-Control", "no-cache");
    return response;
}

Response CreateTemplateStores(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    const std::string* type = request.Header("Content-Type");
    std::vector<app::ImportRowResult> results;
    if (type != nullptr && type->rfind("text/csv", 0) == 0) {
        results = services.templates.ImportStores(id, request.body, request.Meta());
    } else {
        auto seeds = dto::ParseStoreSeeds(dto::ParseJsonBody(request));
        results = services.templates.CreateStores(id, std::move(seeds), request.Meta());
    }
    return JsonResponse(200, json::serialize(dto::ImportResultsToJson(results)));
}

Response SyncTemplate(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    const auto body = dto::ParseJsonBody(request);
    domain::FieldErrors errors;
    dto::ObjectReader reader(body, "", errors);
    const auto version = reader.Integer("templateVersion");
    const auto* ids_value = reader.Member("storeIds");
    reader.RejectUnknown();
    if (reader.Valid() && (!version || *version < 1)) {
        errors.push_back({"templateVersion", "is required: the template version you reviewed"});
    }
    std::vector<std::string> ids;
    if (ids_value != nullptr) {
        if (!ids_value->is_array() || ids_value->as_array().empty()) {
            errors.push_back({"storeIds", "must be a non-empty array of store ids"});
        } else if (ids_value->as_array().size() > 1000) {
            errors.push_back({"storeIds", "at most 1,000 ids per call"});
        } else {
            for (std::size_t i = 0; i < ids_value->as_array().size(); ++i) {
                const auto& item = ids_value->as_array()[i];
                if (!item.is_string() || !IsUuid(item.as_string())) {
                    errors.push_back(
                        {"storeIds[" + std::to_string(i) + "]", "must be a store id (a UUID)"});
                } else {
                    ids.emplace_back(item.as_string());
                }
            }
        }
    }
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    const auto result = services.templates.Sync(id, *version, ids, request.Meta());
    return JsonResponse(200, json::serialize(dto::SyncResultToJson(result)));
}

}  // namespace store::http::handlers
