#include "http/problem.hpp"

#include <boost/json.hpp>

#include "http/dto/store_json.hpp"
#include "http/dto/template_json.hpp"

namespace store::http {
namespace {

struct Kind {
    int status;
    const char* slug;
    const char* title;
};

Kind KindOf(app::ErrorCode code) {
    using app::ErrorCode;
    switch (code) {
        case ErrorCode::kBadRequest: return {400, "bad-request", "Bad request"};
        case ErrorCode::kValidation: return {422, "validation", "Validation failed"};
        case ErrorCode::kUnauthorized: return {401, "unauthorized", "Authentication required"};
        case ErrorCode::kForbidden: return {403, "forbidden", "Not allowed"};
        case ErrorCode::kNotFound: return {404, "not-found", "Not found"};
        case ErrorCode::kMethodNotAllowed: return {405, "method-not-allowed", "Method not allowed"};
        case ErrorCode::kConflict: return {409, "conflict", "Conflict"};
        case ErrorCode::kPreconditionFailed: return {412, "stale-version", "Precondition failed"};
        case ErrorCode::kPreconditionRequired:
            return {428, "precondition-required", "Precondition required"};
        case ErrorCode::kPayloadTooLarge: return {413, "payload-too-large", "Payload too large"};
        case ErrorCode::kUnsupportedMediaType:
            return {415, "unsupported-media-type", "Unsupported media type"};
        case ErrorCode::kRateLimited: return {429, "rate-limited", "Too many requests"};
        case ErrorCode::kDependencyUnavailable:
            return {503, "dependency-unavailable", "Service unavailable"};
        case ErrorCode::kInternal: return {500, "internal", "Internal error"};
    }
    return {500, "internal", "Internal error"};
}

}  // namespace

int StatusOf(app::ErrorCode code) { return KindOf(code).status; }

Response ToProblem(const app::AppError& error, const std::string& instance,
                   const std::string& request_id) {
    const Kind kind = KindOf(error.code());
    boost::json::object body;
    body["type"] = std::string("https://store-platform.dev/problems/") + kind.slug;
    body["title"] = kind.title;
    body["status"] = kind.status;
    // Internal errors never carry their detail: it may hold driver text.
    body["detail"] = error.code() == app::ErrorCode::kInternal
                         ? "an unexpected error occurred; quote the request id to support"
                         : error.detail();
    body["instance"] = instance;
    body["requestId"] = request_id;
    if (!error.field_errors().empty()) {
        boost::json::array errors;
        for (const auto& field_error : error.field_errors()) {
            errors.push_back(boost::json::object{{"field", field_error.field},
                                                 {"message", field_error.message}});
        }
        body["errors"] = std::move(errors);
    }
    if (!error.changes().empty()) {
        boost::json::array changes;
        for (const auto& change : error.changes()) {
            changes.emplace_back(change);
        }
        body["changes"] = std::move(changes);
    }
    if (error.current()) {
        body["currentVersion"] = error.current()->version;
        body["current"] = dto::StoreToJson(*error.current());
    }
    if (const auto& item = error.current_template()) {
        body["currentVersion"] = item->version;
        body["current"] = dto::TemplateToJson({*item, error.current_template_usage()});
    }
    Response response;
    response.status = kind.status;
    response.headers.emplace_back("Content-Type", "application/problem+json");
    if (error.retry_after_seconds()) {
        response.headers.emplace_back("Retry-After", std::to_string(*error.retry_after_seconds()));
    }
    if (error.current()) {
        response.headers.emplace_back("ETag",
                                      "\"" + std::to_string(error.current()->version) + "\"");
    } else if (const auto& item = error.current_template()) {
        response.headers.emplace_back("ETag", "\"" + std::to_string(item->version) + "\"");
    }
    response.body = boost::json::serialize(body);
    return response;
}

}  // namespace store::http
