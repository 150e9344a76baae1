#pragma once

// Beast types: included only by ws/session.cpp and http/server.cpp.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <memory>
#include <optional>
#include <string>

#include "platform/logging.hpp"
#include "ws/hub.hpp"
#include "ws/outbound_queue.hpp"

namespace store::ws {

/// One live-events WebSocket connection: Beast's chat-multi `websocket_session`, with a bounded
/// send queue and the token's expiry enforced. Everything runs on the connection's strand (the
/// stream's executor); Deliver and Shutdown post to it and are safe from any thread.
class Session final : public Subscriber, public std::enable_shared_from_this<Session> {
public:
    Session(boost::beast::tcp_stream&& stream, Hub& hub, SessionSettings settings,
            Principal principal, const platform::Logger& logger);

    /// Completes the upgrade (echoing `subprotocol` when set), then serves events until the
    /// connection ends. Run on the stream's strand.
    boost::asio::awaitable<void> Run(
        boost::beast::http::request<boost::beast::http::string_body> request,
        std::optional<std::string> subprotocol);

    void Deliver(Message message) override;
    /// Closes with 1008 "access revoked" (the user was disabled, logged out, …).
    void EndAccess() override;
    /// Closes with 1001 (going away): the server is shutting down.
    void Shutdown();

private:
    void Enqueue(Message message);
    void WriteFront();
    void BeginClose(boost::beast::websocket::close_reason reason);
    void SendClose();
    void ArmExpiry();

    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    Hub& hub_;
    SessionSettings settings_;
    Principal principal_;
    const platform::Logger& logger_;
    OutboundQueue queue_;
    boost::asio::steady_timer expiry_timer_;
    boost::asio::steady_timer close_timer_;
    std::uint64_t hub_id_ = 0;
    bool open_ = false;  // accepted, and the close handshake not begun
    bool write_in_flight_ = false;
    bool stop_requested_ = false;  // Shutdown() came before the handshake completed
    std::optional<boost::beast::websocket::close_reason> pending_close_;  // after this write
};

}  // namespace store::ws
