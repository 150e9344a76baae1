#pragma once

#include "http/router.hpp"
#include "http/services.hpp"

namespace store::http {

/// The route table of the whole API, in one place (method, path, role, execution, handler).
Router BuildRouter(Services& services);

}  // namespace store::http
