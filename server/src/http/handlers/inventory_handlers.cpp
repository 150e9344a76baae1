#include <boost/json.hpp>
#include <charconv>

#include "app/errors.hpp"
#include "domain/inventory.hpp"
#include "domain/store_query.hpp"
#include "domain/validation.hpp"
#include "http/dto/provisioning_json.hpp"
#include "http/dto/request_body.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace store::http::handlers {
namespace {

namespace json = boost::json;

void RequireCsv(const Request& request) {
    const std::string* type = request.Header("Content-Type");
    if (type == nullptr || type->rfind("text/csv", 0) != 0) {
        throw app::AppError(app::ErrorCode::kUnsupportedMediaType, "send the file as text/csv");
    }
}

}  // namespace

Response ListModels(Services& services, Request& request) {
    RejectQueryParameters(request, {});
    json::array items;
    for (const auto& model : services.inventory.Models()) {
        items.push_back(dto::ModelToJson(model));
    }
    json::object available;
    for (const auto& [kind, count] : services.inventory.Available()) {
        available[kind] = count;
    }
    return JsonResponse(200,
                        json::serialize(json::object{{"items", std::move(items)},
                                                     {"availableByKind", std::move(available)}}));
}

Response CreateModel(Services& services, Request& request) {
    const auto body = dto::ParseJsonBody(request);
    domain::FieldErrors errors;
    dto::ObjectReader reader(body, "", errors);
    app::NewModel input{reader.String("kind").value_or(""), reader.String("vendor").value_or(""),
                        reader.String("model").value_or("")};
    reader.RejectUnknown();
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    const auto model = services.inventory.CreateModel(input, request.Meta());
    auto response = JsonResponse(201, json::serialize(dto::ModelToJson(model)));
    response.Set("Location", "/api/hardware/models/" + model.id);
    return response;
}

Response ListItems(Services& services, Request& request) {
    RejectQueryParameters(request,
                          {"status", "kind", "modelId", "storeId", "q", "page", "pageSize"});
    const auto paging = ParsePaging(request, 100, 500);
    app::ports::ItemQuery query;
    query.page = paging.page;
    query.page_size = paging.page_size;
    domain::FieldErrors errors;
    const auto param = [&](const char* name) -> std::optional<std::string> {
        const auto it = request.query.find(name);
        if (it == request.query.end() || it->second.empty()) {
            return std::nullopt;
        }
        return it->second;
    };
    query.status = param("status");
    if (query.status && !domain::ParseItemStatus(*query.status)) {
        errors.push_back({"status", "must be in_stock, allocated, installed or retired"});
    }
    query.kind = param("kind");
    if (query.kind && !domain::ParseHardwareKind(*query.kind)) {
        errors.push_back({"kind", "unknown hardware kind"});
    }
    query.model_id = param("modelId");
    query.store_id = param("storeId");
    for (const auto& [name, id] :
         {std::pair{"modelId", query.model_id}, std::pair{"storeId", query.store_id}}) {
        if (id && !IsUuid(*id)) {
            errors.push_back({name, "must be a UUID"});
        }
    }
    query.q = param("q");
    if (query.q && domain::Utf8Length(*query.q) > domain::kMaxFilterLength) {
        errors.push_back({"q", "must be at most 200 characters"});
    }
    if (!errors.empty()) {
        throw app::AppError::BadRequest(std::move(errors), "invalid query parameters");
    }
    const auto page = services.inventory.Items(query);
    json::array items;
    for (const auto& item : page.items) {
        items.push_back(dto::ItemToJson(item));
    }
    return JsonResponse(200,
                        json::serialize(json::object{{"items", std::move(items)},
                                                     {"page", query.page},
                                                     {"pageSize", query.page_size},
                                                     {"total", page.total},
                                                     {"totalIsEstimate", page.total_is_estimate}}));
}

Response CreateItem(Services& services, Request& request) {
    const auto body = dto::ParseJsonBody(request);
    domain::FieldErrors errors;
    dto::ObjectReader reader(body, "", errors);
    app::NewItem input{reader.String("serial").value_or(""), reader.String("modelId").value_or("")};
    reader.RejectUnknown();
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    const auto item = services.inventory.CreateItem(input, request.Meta());
    return JsonResponse(201, json::serialize(dto::ItemToJson(item)));
}

Response ImportItems(Services& services, Request& request) {
    RequireCsv(request);
    return JsonResponse(200, json::serialize(dto::ImportResultsToJson(
                                 services.inventory.ImportItems(request.body, request.Meta()))));
}

Response ListPools(Services& services, Request& request) {
    RejectQueryParameters(request, {});
    json::array items;
    for (const auto& pool : services.inventory.Pools()) {
        items.push_back(dto::PoolToJson(pool));
    }
    return JsonResponse(200, json::serialize(json::object{{"items", std::move(items)}}));
}

Response CreatePool(Services& services, Request& request) {
    const auto body = dto::ParseJsonBody(request);
    domain::FieldErrors errors;
    dto::ObjectReader reader(body, "", errors);
    const auto cidr = reader.String("cidr").value_or("");
    const auto purpose = reader.String("purpose").value_or("");
    const auto prefix = reader.Integer("segmentPrefix").value_or(24);
    reader.RejectUnknown();
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    const auto pool = services.inventory.CreatePool(cidr, purpose, prefix, request.Meta());
    auto response = JsonResponse(201, json::serialize(dto::PoolToJson(pool)));
    response.Set("Location", "/api/network/pools/" + pool.pool.id);
    return response;
}

Response DeletePool(Services& services, Request& request) {
    services.inventory.DeletePool(RequireUuid(request), request.Meta());
    return EmptyResponse(204);
}

}  // namespace store::http::handlers
