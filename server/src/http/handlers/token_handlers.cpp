#include <boost/json.hpp>

#include "app/errors.hpp"
#include "domain/time_text.hpp"
#include "http/dto/request_body.hpp"
#include "http/dto/store_json.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace store::http::handlers {

namespace json = boost::json;

Response ListTokens(Services& services, Request& request) {
    RejectQueryParameters(request, {});
    json::array items;
    for (const auto& token : services.access.ListTokens()) {
        items.push_back(dto::ApiTokenToJson(token));
    }
    return JsonResponse(200, json::serialize(json::object{{"items", std::move(items)}}));
}

Response CreateToken(Services& services, Request& request) {
    const auto body = dto::ParseJsonBody(request);
    domain::FieldErrors errors;
    dto::ObjectReader reader(body, "", errors);
    app::NewApiToken input;
    input.name = reader.String("name").value_or("");
    input.role = reader.String("role").value_or("");
    // Absent or null: the token does not expire.
    if (const auto* expires = reader.Member("expiresAt");
        expires != nullptr && !expires->is_null()) {
        if (expires->is_string()) {
            input.expires_at = domain::ParseTimeText(expires->as_string());
        }
        if (!input.expires_at) {
            errors.push_back({"expiresAt", "must be an RFC 3339 date-time or null"});
        }
    }
    reader.RejectUnknown();
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    const auto created = services.access.CreateToken(input, request.Meta());
    auto answer = dto::ApiTokenToJson(created.token);
    answer["token"] = created.secret;  // shown this once; only its SHA-256 is stored
    auto response = JsonResponse(201, json::serialize(answer));
    response.Set("Location", "/api/tokens/" + created.token.id);
    return response;
}

Response RevokeToken(Services& services, Request& request) {
    services.access.RevokeToken(RequireUuid(request), request.Meta());
    return EmptyResponse(204);
}

}  // namespace store::http::handlers
