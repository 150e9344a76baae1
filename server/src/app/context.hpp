#pragma once

#include <string>

#include "domain/validation.hpp"

namespace store::app {

/// Who is calling. Filled by the authentication middleware from a verified access token.
struct Actor {
    std::string user_id;
    std::string username;
    domain::Role role = domain::Role::kViewer;
};

/// What every use case gets to know about the request that triggered it (for the audit log).
struct RequestMeta {
    Actor actor;
    std::string request_id;
    std::string client_address;  // where the request came from (behind trusted proxies: the client)
};

}  // namespace store::app
