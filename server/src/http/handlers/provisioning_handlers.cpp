#include <boost/json.hpp>

#include "app/errors.hpp"
#include "http/dto/provisioning_json.hpp"
#include "http/dto/request_body.hpp"
#include "http/dto/store_json.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace store::http::handlers {
namespace {

namespace json = boost::json;

/// The optional body of a provision: {"planId": "…"} applies that plan (empty: none).
std::optional<std::string> PlanIdOf(const Request& request) {
    if (request.body.empty()) {
        return std::nullopt;
    }
    const auto body = dto::ParseJsonBody(request);
    domain::FieldErrors errors;
    dto::ObjectReader reader(body, "", errors);
    auto plan_id = reader.String("planId");
    reader.RejectUnknown();
    if (errors.empty() && (!plan_id || !IsUuid(*plan_id))) {
        errors.push_back({"planId", "must be the planId of POST /api/stores/{id}/plan"});
    }
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    return plan_id;
}

Response StartRun(Services& services, Request& request, domain::RunKind kind) {
    const auto& id = RequireUuid(request);
    const auto expected = RequireIfMatch(request);
    RejectQueryParameters(request, {});
    const auto plan_id =
        kind == domain::RunKind::kProvision ? PlanIdOf(request) : std::optional<std::string>();
    // The store as the transition left it: the worker may already be changing it again.
    const auto started = services.provisioning.Start(id, expected, kind, request.Meta(), plan_id);
    const auto& run = started.run;
    json::object body{{"runId", run.id},
                      {"run", dto::RunToJson(run)},
                      {"store", dto::StoreToJson(started.store)}};
    auto response = JsonResponse(202, json::serialize(body));
    response.Set("Location", "/api/stores/" + id + "/runs/" + run.id);
    response.Set("ETag", "\"" + std::to_string(started.store.version) + "\"");
    return response;
}

std::string StringOf(const json::value& value) {
    return value.is_string() ? std::string(value.as_string()) : std::string();
}

}  // namespace

Response Provision(Services& services, Request& request) {
    return StartRun(services, request, domain::RunKind::kProvision);
}
Response PlanProvision(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    return JsonResponse(
        200, json::serialize(dto::PlanToJson(services.provisioning.Plan(id, request.Meta()))));
}
Response Decommission(Services& services, Request& request) {
    return StartRun(services, request, domain::RunKind::kDecommission);
}
Response Rollback(Services& services, Request& request) {
    return StartRun(services, request, domain::RunKind::kRollback);
}

Response BulkStores(Services& services, Request& request) {
    const auto body = dto::ParseJsonBody(request);
    domain::FieldErrors errors;
    dto::ObjectReader reader(body, "", errors);
    const auto action = reader.String("action");
    const auto* ids_value = reader.Member("ids");
    reader.RejectUnknown();
    std::optional<domain::RunKind> kind;
    if (action == "activate" || action == "provision") {
        kind = domain::RunKind::kProvision;
    } else if (action == "decommission") {
        kind = domain::RunKind::kDecommission;
    } else {
        errors.push_back({"action", "must be activate or decommission"});
    }
    std::vector<std::string> ids;
    if (ids_value == nullptr || !ids_value->is_array() || ids_value->as_array().empty()) {
        errors.push_back({"ids", "must be a non-empty array of store ids"});
    } else if (ids_value->as_array().size() > 1000) {
        errors.push_back({"ids", "at most 1,000 ids per call"});
    } else {
        for (std::size_t i = 0; i < ids_value->as_array().size(); ++i) {
            const auto& item = ids_value->as_array()[i];
            if (!item.is_string() || !IsUuid(item.as_string())) {
                errors.push_back({"ids[" + std::to_string(i) + "]", "must be a store id (a UUID)"});
            } else {
                ids.emplace_back(item.as_string());
            }
        }
    }
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    const auto results = services.provisioning.Bulk(*kind, ids, request.Meta());
    json::array items;
    std::int64_t accepted = 0;
    for (const auto& result : results) {
        accepted += result.accepted ? 1 : 0;
        items.push_back(json::object{
            {"id", result.id},
            {"accepted", result.accepted},
            {"runId", result.accepted ? json::value(result.run_id) : json::value(nullptr)},
            {"reason", result.accepted ? json::value(nullptr) : json::value(result.reason)}});
    }
    return JsonResponse(200, json::serialize(json::object{
                                 {"action", StringOf(body.at("action"))},
                                 {"accepted", accepted},
                                 {"rejected", static_cast<std::int64_t>(results.size()) - accepted},
                                 {"results", std::move(items)}}));
}

Response ListRuns(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    json::array items;
    for (const auto& run : services.provisioning.Runs(id)) {
        items.push_back(dto::RunToJson(run));
    }
    return JsonResponse(200, json::serialize(json::object{{"items", std::move(items)}}));
}

Response GetRun(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    const auto& run_id = RequireUuid(request, "runId");
    return JsonResponse(200,
                        json::serialize(dto::RunToJson(services.provisioning.GetRun(id, run_id))));
}

Response StoreNetwork(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    json::array items;
    for (const auto& segment : services.provisioning.Network(id)) {
        items.push_back(dto::SegmentToJson(segment));
    }
    return JsonResponse(200, json::serialize(json::object{{"items", std::move(items)}}));
}

Response StoreHardware(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    std::map<std::string, app::ports::HardwareModel> models;
    for (auto& model : services.inventory.Models()) {
        models.emplace(model.id, model);
    }
    json::array items;
    for (const auto& item : services.provisioning.Hardware(id)) {
        auto entry = dto::ItemToJson(item).as_object();
        const auto it = models.find(item.model_id);
        entry["vendor"] = it == models.end() ? "" : it->second.vendor;
        entry["model"] = it == models.end() ? "" : it->second.model;
        items.push_back(std::move(entry));
    }
    return JsonResponse(200, json::serialize(json::object{{"items", std::move(items)}}));
}

namespace {

// A bundle version's archive as a download, its name (the archive's SHA-256) in a header.
Response BundleDownload(const app::ports::ConfigBundle& bundle) {
    Response response;
    response.Set("Content-Type", "application/gzip");
    response.Set("Content-Disposition", "attachment; filename=\"" + bundle.file_name + "\"");
    response.Set("Cache-Control", "no-store");
    response.Set("X-Content-SHA256", bundle.sha256);
    response.body = bundle.content;
    return response;
}

// 64 lower-case hex digits, as versions are named; 400 otherwise.
const std::string& RequireSha256(const Request& request, const std::string& param) {
    const auto& value = request.params.at(param);
    const bool ok =
        value.size() == 64 && value.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!ok) {
        throw app::AppError::BadRequest({{param, "must be a SHA-256 in 64 lower-case hex digits"}},
                                        param + " must be a SHA-256 in 64 lower-case hex digits");
    }
    return value;
}

}  // namespace

Response ConfigBundle(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    return BundleDownload(services.provisioning.Bundle(id));
}

Response ConfigBundleHistory(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {});
    json::array items;
    for (const auto& render : services.provisioning.BundleHistory(id)) {
        items.push_back(dto::BundleRenderToJson(render));
    }
    return JsonResponse(200, json::serialize(json::object{{"items", std::move(items)}}));
}

Response ConfigBundleVersion(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    const auto& sha256 = RequireSha256(request, "sha256");
    RejectQueryParameters(request, {});
    return BundleDownload(services.provisioning.BundleVersion(id, sha256));
}

Response ConfigBundleDiff(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    const auto& from = RequireSha256(request, "sha256");
    const auto& to = RequireSha256(request, "other");
    RejectQueryParameters(request, {});
    return JsonResponse(
        200, json::serialize(json::object{
                 {"from", from},
                 {"to", to},
                 {"files", dto::FileDiffsToJson(services.provisioning.BundleDiff(id, from, to))}}));
}

}  // namespace store::http::handlers
