#include "ws/session.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/socket_base.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>

namespace store::ws {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
constexpr auto kTuple = net::as_tuple(net::use_awaitable);

}  // namespace

Session::Session(beast::tcp_stream&& stream, Hub& hub, SessionSettings settings,
                 Principal principal, const platform::Logger& logger)
    : ws_(std::move(stream)),
      hub_(hub),
      settings_(settings),
      principal_(std::move(principal)),
      logger_(logger),
      queue_(settings_.queue_limit),
      expiry_timer_(ws_.get_executor()),
      close_timer_(ws_.get_executor()) {}

net::awaitable<void> Session::Run(beast::http::request<beast::http::string_body> request,
                                  std::optional<std::string> subprotocol) {
    const auto self = shared_from_this();  // alive until the last handler has run
    // From here on the websocket's own timeouts apply, not the HTTP read timeout: a ping after
    // ping_interval without traffic from the client, closed after twice that; the handshake
    // and the closing handshake are bounded by close_timeout.
    beast::get_lowest_layer(ws_).expires_never();
    if (settings_.send_buffer_bytes > 0) {
        beast::error_code ignored;  // best effort: the kernel default is only less strict
        beast::get_lowest_layer(ws_).socket().set_option(
            net::socket_base::send_buffer_size(settings_.send_buffer_bytes), ignored);
    }
    auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeouts.handshake_timeout = settings_.close_timeout;
    timeouts.idle_timeout = 2 * settings_.ping_interval;
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(settings_.max_client_message_bytes);
    // Browsers fail the connection unless one of the offered subprotocols is echoed.
    ws_.set_option(websocket::stream_base::decorator(
        [subprotocol = std::move(subprotocol)](websocket::response_type& response) {
            response.set(beast::http::field::server, "store-service");
            if (subprotocol) {
                response.set(beast::http::field::sec_websocket_protocol, *subprotocol);
            }
        }));
    ws_.text(true);

    auto [accept_ec] = co_await ws_.async_accept(request, kTuple);
    request = {};  // this frame lives as long as the connection: keep it small
    if (accept_ec) {
        logger_.Debug("websocket handshake failed", {{"error", accept_ec.message()}});
        co_return;
    }
    open_ = true;
    hub_id_ = hub_.Add(weak_from_this(), principal_.subject, principal_.epoch);
    logger_.Debug("websocket opened", {{"user", principal_.username}});
    ArmExpiry();
    if (stop_requested_) {
        BeginClose({websocket::close_code::going_away, "server shutting down"});
    }

    // Reading is what answers pings, notices the client's close and ends the session; clients
    // have nothing to say, so their messages are dropped (bounded by read_message_max).
    beast::flat_buffer buffer;
    beast::error_code read_ec;
    for (;;) {
        std::size_t bytes = 0;
        std::tie(read_ec, bytes) = co_await ws_.async_read(buffer, kTuple);
        if (read_ec) {
            break;
        }
        buffer.consume(buffer.size());
    }
    hub_.Remove(hub_id_);
    open_ = false;
    queue_.Clear();
    pending_close_.reset();
    expiry_timer_.cancel();
    close_timer_.cancel();
    beast::get_lowest_layer(ws_).close();  // after a read error the socket may still be open
    logger_.Debug("websocket closed",
                  {{"user", principal_.username}, {"reason", read_ec.message()}});
}

void Session::Deliver(Message message) {
    net::post(ws_.get_executor(),
              [self = shared_from_this(), message = std::move(message)]() mutable {
                  self->Enqueue(std::move(message));
              });
}

void Session::EndAccess() {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
        self->logger_.Info("websocket access revoked; closing",
                           {{"user", self->principal_.username}});
        self->BeginClose({websocket::close_code::policy_error, "access revoked"});
    });
}

void Session::Shutdown() {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
        self->stop_requested_ = true;
        self->BeginClose({websocket::close_code::going_away, "server shutting down"});
    });
}

void Session::Enqueue(Message message) {
    if (!open_) {
        return;
    }
    switch (queue_.Push(std::move(message))) {
        case OutboundQueue::PushResult::kStartWriting: WriteFront(); break;
        case OutboundQueue::PushResult::kQueued: break;
        case OutboundQueue::PushResult::kOverflow:
            logger_.Warn("websocket client too slow; disconnecting",
                         {{"user", principal_.username}, {"queueLimit", queue_.Limit()}});
            BeginClose({websocket::close_code::policy_error, "too slow"});
            break;
    }
}

void Session::WriteFront() {
    write_in_flight_ = true;
    // The handler owns a reference: the buffer outlives a Clear() of the queue during the write.
    Message message = queue_.Front();
    const auto buffer = net::buffer(*message);
    ws_.async_write(buffer, [self = shared_from_this(), message = std::move(message)](
                                beast::error_code ec, std::size_t) {
        self->write_in_flight_ = false;
        if (ec) {
            // Broken or closed: make sure the read loop ends too.
            beast::get_lowest_layer(self->ws_).close();
            return;
        }
        if (self->pending_close_) {
            self->SendClose();
            return;
        }
        if (self->open_ && self->queue_.Pop()) {
            self->WriteFront();
        }
    });
}

void Session::BeginClose(websocket::close_reason reason) {
    if (!open_) {
        return;
    }
    open_ = false;
    hub_.Remove(hub_id_);  // no more events for this one
    queue_.Clear();
    expiry_timer_.cancel();
    // A client that reads nothing never completes the closing handshake (nor the write in
    // progress): after close_timeout the socket is simply closed.
    close_timer_.expires_after(settings_.close_timeout);
    close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec) {
            beast::get_lowest_layer(self->ws_).close();
        }
    });
    pending_close_ = std::move(reason);
    if (!write_in_flight_) {
        SendClose();  // else the write's handler sends it: one write at a time
    }
}

void Session::SendClose() {
    const websocket::close_reason reason = *pending_close_;
    pending_close_.reset();
    // Completion is seen by the read loop (error::closed once the client answers).
    ws_.async_close(reason, [self = shared_from_this()](beast::error_code) {});
}

void Session::ArmExpiry() {
    using Steady = std::chrono::steady_clock;
    const auto remaining = std::chrono::duration_cast<Steady::duration>(
        principal_.expires_at - std::chrono::system_clock::now());
    expiry_timer_.expires_after(std::max(remaining, Steady::duration::zero()));
    expiry_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec) {
            self->logger_.Info("websocket token expired; closing",
                               {{"user", self->principal_.username}});
            self->BeginClose({websocket::close_code::policy_error, "token expired"});
        }
    });
}

}  // namespace store::ws
