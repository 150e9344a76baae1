#pragma once

#include <optional>
#include <string>
#include <variant>

#include "http/message.hpp"
#include "http/server.hpp"
#include "platform/logging.hpp"
#include "ws/hub.hpp"

namespace store::http {

/// An upgrade to accept: who the session belongs to and the subprotocol to echo in the 101.
struct AcceptedUpgrade {
    ws::Principal principal;
    std::optional<std::string> subprotocol;
};

/// Decides a WebSocket upgrade of `request` (its request id assigned, see AssignRequestId): the
/// session to open, or the problem to answer instead (404 for another path or without
/// `events`, 503 while `stopping`, 401 without a valid token in the subprotocols; the answer
/// carries the request id). The server and the WebSocket fuzz target both call it.
std::variant<AcceptedUpgrade, Response> CheckUpgrade(const Request& request,
                                                     const LiveEvents* events, bool stopping,
                                                     const platform::Logger& logger);

}  // namespace store::http
