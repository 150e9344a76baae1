#include <algorithm>

#include <boost/json.hpp>

#include "app/errors.hpp"
#include "domain/inventory.hpp"
#include "domain/store_query.hpp"
#include "domain/time_text.hpp"
#include "http/dto/provisioning_json.hpp"
#include "http/dto/request_body.hpp"
#include "http/dto/store_json.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace store::http::handlers {
namespace {

namespace json = boost::json;

std::string ETag(const domain::Store& store) { return "\"" + std::to_string(store.version) + "\""; }

Response StoreResponse(int status, const domain::Store& store) {
    auto response = JsonResponse(status, json::serialize(dto::StoreToJson(store)));
    response.Set("ETag", ETag(store));
    response.Set("Cache-Control", "no-cache");
    return response;
}

}  // namespace

namespace {

domain::StoreQuery RequireQuery(const Request& request) {
    auto parsed = domain::ParseStoreQuery(request.query);
    if (!parsed.errors.empty()) {
        throw app::AppError::BadRequest(std::move(parsed.errors), "invalid query parameters");
    }
    return parsed.query;
}

Response PageResponse(Services& services, const domain::StoreQuery& query,
                      const std::shared_ptr<const app::ports::Page<domain::Store>>& page) {
    const auto bytes = services.renders.pages.Get(
        page, [&](const auto& p) { return dto::StorePageToJson(p, query); });
    auto response = JsonResponse(200, *bytes);
    response.Set("Cache-Control", "no-cache");
    return response;
}

Response CachedStoreResponse(Services& services, const Request& request,
                             const std::shared_ptr<const domain::Store>& store) {
    if (const std::string* none_match = request.Header("If-None-Match");
        none_match != nullptr && *none_match == ETag(*store)) {
        auto response = EmptyResponse(304);
        response.Set("ETag", ETag(*store));
        return response;
    }
    auto response = JsonResponse(200, *services.renders.stores.Get(store, [](const auto& s) {
        return json::serialize(dto::StoreToJson(s));
    }));
    response.Set("ETag", ETag(*store));
    response.Set("Cache-Control", "no-cache");
    return response;
}

}  // namespace

Response ListStores(Services& services, Request& request) {
    const auto query = RequireQuery(request);
    return PageResponse(services, query, services.stores.List(query));
}

std::optional<Response> ListStoresCached(Services& services, Request& request) {
    const auto query = RequireQuery(request);
    if (auto page = services.stores.ListCached(query)) {
        return PageResponse(services, query, page);
    }
    return std::nullopt;
}

Response CreateStore(Services& services, Request& request) {
    RejectQueryParameters(request, {});
    auto fields = dto::ParseStoreFields(dto::ParseJsonBody(request));
    const auto store = services.stores.Create(std::move(fields), request.Meta());
    auto response = StoreResponse(201, store);
    response.Set("Location", "/api/stores/" + store.id);
    return response;
}

Response GetStore(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    return CachedStoreResponse(services, request, services.stores.Get(id));
}

std::optional<Response> GetStoreCached(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    if (auto store = services.stores.GetCached(id)) {
        return CachedStoreResponse(services, request, store);
    }
    return std::nullopt;
}

Response PatchStore(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    const auto expected = RequireIfMatch(request);
    const auto patch = dto::ParseJsonBody(request);
    if (!patch.is_object()) {
        throw app::AppError::BadRequest({{"body", "must be a JSON object"}},
                                        "a merge patch must be a JSON object");
    }
    const auto store = services.stores.Update(
        id, expected,
        [&patch](const domain::StoreFields& current) {
            json::value document = dto::FieldsToJson(current);
            dto::ApplyMergePatch(document, patch);
            return dto::ParseStoreFields(document);
        },
        request.Meta());
    return StoreResponse(200, store);
}

Response DeleteStore(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    services.stores.Delete(id, RequireIfMatch(request), request.Meta());
    return EmptyResponse(204);
}

namespace {

// Audit rows keep the store id; readers want the code too: from the cache where it has the
// store, the rest in one query (a store per entry was a transaction per entry: 50 for a page
// of the feed). Deleted drafts have no code.
std::string AuditPageWithCodes(Services& services,
                               const app::ports::Page<app::ports::AuditEntry>& page,
                               std::int64_t page_number, std::int64_t page_size) {
    std::map<std::string, std::string> codes;
    domain::StoreQuery missing;
    for (const auto& entry : page.items) {
        if (!entry.store_id || codes.contains(*entry.store_id)) {
            continue;
        }
        const auto cached = services.stores.GetCached(*entry.store_id);
        codes[*entry.store_id] = cached ? cached->fields.code : "";
        if (!cached) {
            missing.ids.push_back(*entry.store_id);
        }
    }
    if (!missing.ids.empty()) {
        missing.page_size = static_cast<std::int64_t>(missing.ids.size());
        for (const auto& store : services.stores.ListUncached(missing).items) {
            codes[store.id] = store.fields.code;
        }
    }
    json::array items;
    for (const auto& entry : page.items) {
        auto item = dto::AuditEntryToJson(entry).as_object();
        const auto code = entry.store_id ? codes[*entry.store_id] : std::string();
        item["storeCode"] = code.empty() ? json::value(nullptr) : json::value(code);
        items.push_back(std::move(item));
    }
    return json::serialize(json::object{{"items", std::move(items)},
                                        {"page", page_number},
                                        {"pageSize", page_size},
                                        {"total", page.total},
                                        {"totalIsEstimate", page.total_is_estimate}});
}

/// An audit action: two lower-case words joined by a dot, e.g. store.created.
bool IsAuditAction(std::string_view text) {
    const auto dot = text.find('.');
    if (text.size() > 64 || dot == std::string_view::npos || dot == 0 || dot + 1 == text.size()) {
        return false;
    }
    const bool words = std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || c == '_' || c == '.';
    });
    return words && std::count(text.begin(), text.end(), '.') == 1;
}

app::ports::AuditQuery RequireAuditQuery(const Request& request, const Paging& paging) {
    app::ports::AuditQuery query;
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
    query.actor = param("actor");
    if (query.actor && query.actor->size() > 64) {
        errors.push_back({"actor", "must be a username of at most 64 characters"});
    }
    query.action = param("action");
    if (query.action && !IsAuditAction(*query.action)) {
        errors.push_back({"action", "must be an audit action such as store.created"});
    }
    query.store_id = param("storeId");
    if (query.store_id && !IsUuid(*query.store_id)) {
        errors.push_back({"storeId", "must be a UUID"});
    }
    const auto time = [&](const char* name) -> std::optional<domain::TimePoint> {
        const auto text = param(name);
        if (!text) {
            return std::nullopt;
        }
        auto parsed = domain::ParseTimeText(*text);
        if (!parsed) {
            errors.push_back({name, "must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z"});
        }
        return parsed;
    };
    query.from = time("from");
    query.to = time("to");
    if (query.from && query.to && *query.from >= *query.to) {
        errors.push_back({"to", "must be later than from"});
    }
    if (!errors.empty()) {
        throw app::AppError::BadRequest(std::move(errors), "invalid query parameters");
    }
    return query;
}

}  // namespace

Response StoreAudit(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    RejectQueryParameters(request, {"page", "pageSize"});
    const auto paging = ParsePaging(request, 50, 500);
    return JsonResponse(
        200,
        AuditPageWithCodes(services, services.stores.StoreAudit(id, paging.page, paging.page_size),
                           paging.page, paging.page_size));
}

Response GlobalAudit(Services& services, Request& request) {
    RejectQueryParameters(request,
                          {"page", "pageSize", "actor", "action", "storeId", "from", "to"});
    const auto paging = ParsePaging(request, 50, 500);
    const auto query = RequireAuditQuery(request, paging);
    return JsonResponse(200, AuditPageWithCodes(services, services.stores.GlobalAudit(query),
                                                paging.page, paging.page_size));
}

Response ExportStores(Services& services, Request& request) {
    auto params = request.query;
    params.erase("page");
    params.erase("cursor");
    params.erase("ids");
    params["pageSize"] = "500";
    auto parsed = domain::ParseStoreQuery(params);
    if (const auto ids = request.query.find("ids"); ids != request.query.end()) {
        parsed.query.ids = ParseIdList(ids->second, "ids", domain::kMaxExportIds, parsed.errors);
    }
    if (!parsed.errors.empty()) {
        throw app::AppError::BadRequest(std::move(parsed.errors), "invalid query parameters");
    }
    Response response;
    response.Set("Content-Type", "text/csv; charset=utf-8");
    response.Set("Content-Disposition", "attachment; filename=\"stores.csv\"");
    response.Set("Cache-Control", "no-store");
    response.body =
        "id,code,name,type,status,address,city,region,country,postalCode,timezone,latitude,"
        "longitude,openingDate,manager,email,phone,tags,notes,version,createdAt,updatedAt\r\n";
    // Keyset pages of 500: memory stays constant however many stores there are.
    auto query = std::make_shared<domain::StoreQuery>(parsed.query);
    auto done = std::make_shared<bool>(false);
    app::StoreService* stores = &services.stores;
    response.stream = [query, done, stores]() -> std::optional<std::string> {
        if (*done) {
            return std::nullopt;
        }
        const auto page = stores->ListUncached(*query);
        if (!page.next_cursor || page.items.empty()) {
            *done = true;
        } else {
            query->cursor = domain::DecodeCursor(*page.next_cursor);
        }
        if (page.items.empty()) {
            return std::nullopt;
        }
        std::string chunk;
        const auto number = [](const std::optional<double>& value) {
            return value ? dto::FormatNumber(*value) : std::string();
        };
        for (const auto& store : page.items) {
            const auto& f = store.fields;
            std::string tags;
            for (const auto& tag : f.tags) {
                tags += (tags.empty() ? "" : ";") + tag;
            }
            const std::string cells[] = {store.id,
                                         f.code,
                                         f.name,
                                         f.type,
                                         std::string(domain::ToString(store.status)),
                                         f.location.address,
                                         f.location.city,
                                         f.location.region,
                                         f.location.country,
                                         f.location.postal_code,
                                         f.location.timezone,
                                         number(f.location.latitude),
                                         number(f.location.longitude),
                                         f.opening_date.value_or(""),
                                         f.contact.manager,
                                         f.contact.email,
                                         f.contact.phone,
                                         tags,
                                         f.notes,
                                         std::to_string(store.version),
                                         dto::FormatTime(store.created_at),
                                         dto::FormatTime(store.updated_at)};
            bool first = true;
            for (const auto& cell : cells) {
                chunk += (first ? "" : ",") + domain::CsvCell(cell);
                first = false;
            }
            chunk += "\r\n";
        }
        return chunk;
    };
    return response;
}

Response ImportStores(Services& services, Request& request) {
    const std::string* type = request.Header("Content-Type");
    if (type == nullptr || type->rfind("text/csv", 0) != 0) {
        throw app::AppError(app::ErrorCode::kUnsupportedMediaType, "send the file as text/csv");
    }
    return JsonResponse(200, json::serialize(dto::ImportResultsToJson(
                                 services.stores.Import(request.body, request.Meta()))));
}

}  // namespace store::http::handlers
