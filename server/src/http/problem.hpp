#pragma once

#include <string>

#include "app/errors.hpp"
#include "http/message.hpp"

namespace store::http {

/// The only place where an AppError becomes an HTTP status and an application/problem+json
/// body (RFC 9457): {type, title, status, detail, instance, requestId, errors[{field, message}]}.
Response ToProblem(const app::AppError& error, const std::string& instance,
                   const std::string& request_id);

int StatusOf(app::ErrorCode code);

}  // namespace store::http
