#include <boost/json.hpp>

#include "app/errors.hpp"
#include "http/dto/request_body.hpp"
#include "http/dto/store_json.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace store::http::handlers {

namespace json = boost::json;

Response ListUsers(Services& services, Request& request) {
    RejectQueryParameters(request, {});
    json::array items;
    for (const auto& user : services.users.List()) {
        items.push_back(dto::UserToJson(user));
    }
    return JsonResponse(200, json::serialize(json::object{{"items", std::move(items)}}));
}

Response CreateUser(Services& services, Request& request) {
    const auto body = dto::ParseJsonBody(request);
    domain::FieldErrors errors;
    dto::ObjectReader reader(body, "", errors);
    app::NewUser input;
    input.username = reader.String("username").value_or("");
    input.password = reader.String("password").value_or("");
    input.role = reader.String("role").value_or("");
    reader.RejectUnknown();
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    const auto user = services.users.Create(input, request.Meta());
    auto response = JsonResponse(201, json::serialize(dto::UserToJson(user)));
    response.Set("Location", "/api/users/" + user.id);
    return response;
}

Response PatchUser(Services& services, Request& request) {
    const auto& id = RequireUuid(request);
    const auto body = dto::ParseJsonBody(request);
    domain::FieldErrors errors;
    dto::ObjectReader reader(body, "", errors);
    app::UserChange change;
    change.role = reader.String("role");
    change.password = reader.String("password");
    change.disabled = reader.Bool("disabled");
    reader.RejectUnknown();
    if (!errors.empty()) {
        throw app::AppError::Validation(std::move(errors));
    }
    return JsonResponse(
        200, json::serialize(dto::UserToJson(services.users.Update(id, change, request.Meta()))));
}

Response DeleteUser(Services& services, Request& request) {
    services.users.Delete(RequireUuid(request), request.Meta());
    return EmptyResponse(204);
}

}  // namespace store::http::handlers
