#include "http/dto/rollout_json.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "app/errors.hpp"
#include "http/dto/request_body.hpp"
#include "http/dto/store_json.hpp"
#include "http/handlers/common.hpp"

namespace store::http::dto {

namespace json = boost::json;

namespace {

json::value OptionalText(const std::optional<std::string>& text) {
    return text ? json::value(*text) : json::value(nullptr);
}

/// The store list's filters, as GET /api/stores reads them from its query.
std::optional<domain::StoreQuery> ParseFilter(const json::value* value,
                                              domain::FieldErrors& errors) {
    if (value == nullptr) {
        return std::nullopt;
    }
    ObjectReader reader(*value, "filter.", errors);
    if (!reader.Valid()) {
        errors.push_back({"filter", "must be an object"});
        return std::nullopt;
    }
    std::map<std::string, std::string> params;
    for (const auto* name : {"status", "type", "region", "country", "tag", "q"}) {
        if (auto text = reader.String(name)) {
            params[name] = std::move(*text);
        }
    }
    reader.RejectUnknown();
    auto parsed = domain::ParseStoreQuery(params);
    for (auto& error : parsed.errors) {
        errors.push_back({"filter." + error.field, std::move(error.message)});
    }
    return parsed.query;
}

}  // namespace

app::RolloutRequest ParseRolloutRequest(const json::value& body) {
    domain::FieldErrors errors;
    ObjectReader reader(body, "", errors);
    if (!reader.Valid()) {
        throw app::AppError::BadRequest({{"body", "must be a JSON object"}},
                                        "a rollout must be a JSON object");
    }
    app::RolloutRequest request;
    request.name = reader.String("name").value_or("");
    if (const auto action = reader.String("action")) {
        if (const auto parsed = domain::ParseRolloutAction(*action)) {
            request.action = *parsed;
        } else {
            errors.push_back({"action", "must be provision or decommission"});
        }
    } else {
        errors.push_back({"action", "is required (provision or decommission)"});
    }
    if (const auto* ids = reader.Member("storeIds")) {
        if (!ids->is_array()) {
            errors.push_back({"storeIds", "must be an array of store ids"});
        } else {
            request.store_ids.emplace();
            const auto& array = ids->get_array();
            for (std::size_t i = 0; i < array.size() && i <= domain::kMaxRolloutStores; ++i) {
                if (!array[i].is_string() || !handlers::IsUuid(array[i].get_string())) {
                    errors.push_back(
                        {"storeIds[" + std::to_string(i) + "]", "must be a store id (a UUID)"});
                } else {
                    request.store_ids->emplace_back(array[i].get_string());
                }
            }
            if (array.size() > domain::kMaxRolloutStores) {
                request.store_ids->resize(domain::kMaxRolloutStores + 1);
            }
        }
    }
    request.filter = ParseFilter(reader.Member("filter"), errors);
    auto& shape = request.shape;
    shape.canary_size = reader.Integer("canarySize").value_or(shape.canary_size);
    shape.batch_size = reader.Integer("batchSize").value_or(shape.batch_size);
    shape.wait_seconds = reader.Integer("waitSeconds").value_or(shape.wait_seconds);
    shape.pause_after_canary = reader.Bool("pauseAfterCanary").value_or(shape.pause_after_canary);
    shape.max_failure_percent =
        reader.Integer("maxFailurePercent").value_or(shape.max_failure_percent);
    reader.RejectUnknown();
    if (!errors.empty()) {
        // Every problem at once: the values the service would refuse too.
        for (auto& error : domain::ValidateRollout(request.name, request.shape)) {
            errors.push_back(std::move(error));
        }
        throw app::AppError::Validation(std::move(errors));
    }
    return request;
}

json::value RolloutToJson(const domain::Rollout& rollout, bool with_items) {
    const auto& counts = rollout.counts;
    json::object object{{"id", rollout.id},
                        {"name", rollout.name},
                        {"action", domain::ToString(rollout.action)},
                        {"status", domain::ToString(rollout.status)},
                        {"canarySize", rollout.shape.canary_size},
                        {"batchSize", rollout.shape.batch_size},
                        {"waitSeconds", rollout.shape.wait_seconds},
                        {"pauseAfterCanary", rollout.shape.pause_after_canary},
                        {"maxFailurePercent", rollout.shape.max_failure_percent},
                        {"waves", rollout.waves},
                        {"currentWave", rollout.current_wave},
                        {"nextWaveAt", FormatOptionalTime(rollout.next_wave_at)},
                        {"haltedReason", OptionalText(rollout.halted_reason)},
                        {"counts",
                         {{"pending", counts.pending},
                          {"running", counts.running},
                          {"succeeded", counts.succeeded},
                          {"failed", counts.failed},
                          {"cancelled", counts.cancelled}}},
                        {"createdAt", FormatTime(rollout.created_at)},
                        {"createdBy", rollout.created_by},
                        {"updatedAt", FormatTime(rollout.updated_at)}};
    if (with_items) {
        json::array items;
        items.reserve(rollout.items.size());
        auto ordered = rollout.items;
        std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
            return a.wave != b.wave ? a.wave < b.wave : a.position < b.position;
        });
        for (const auto& item : ordered) {
            items.push_back(json::object{{"storeId", item.store_id},
                                         {"code", item.code},
                                         {"name", item.name},
                                         {"wave", item.wave},
                                         {"status", domain::ToString(item.status)},
                                         {"runId", OptionalText(item.run_id)},
                                         {"attempts", item.attempts},
                                         {"error", OptionalText(item.error)},
                                         {"startedAt", FormatOptionalTime(item.started_at)},
                                         {"finishedAt", FormatOptionalTime(item.finished_at)}});
        }
        object["items"] = std::move(items);
    }
    return object;
}

}  // namespace store::http::dto
