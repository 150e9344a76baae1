#pragma once

#include "http/message.hpp"

namespace store::http {

/// Sets request.request_id, unless set: the client's X-Request-Id when it is safe to echo (1–128
/// of [A-Za-z0-9._-]), else a new random one. The pipeline's first step; the server calls it
/// for WebSocket upgrades, which do not pass the pipeline.
void AssignRequestId(Request& request);

}  // namespace store::http
