// What a WebSocket client sends to /api/events: the upgrade request's token negotiation
// (Sec-WebSocket-Protocol "bearer, <token>"; ?access_token= is refused), then any frames. It runs
// through the server's own code, as http/server.cpp calls it: Beast's request parser,
// http::RequestOf (headers, target, client address), http::AssignRequestId, http::CheckUpgrade
// (path, FindUpgradeToken, the token check: here JwtSigner's verification), and a real
// ws::Session (Beast's frame parser, message limit, control frames, close handshake, the hub)
// over a connected stream socket, until the client's bytes run out.
//
// Input: line 1 is the query string, line 2 the Sec-WebSocket-Protocol value (no header when
// empty), the rest the bytes sent once the server answered 101. "$TOKEN" in lines 1-2 stands
// for a valid access token, so that the fuzzer reaches the session.
#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "http/beast_request.hpp"
#include "http/request_id.hpp"
#include "http/upgrade.hpp"
#include "infra/crypto/jwt_signer.hpp"
#include "infra/memory/memory_event_bus.hpp"
#include "platform/logging.hpp"
#include "ws/hub.hpp"
#include "ws/session.hpp"

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
constexpr auto kTuple = net::as_tuple(net::use_awaitable);

struct World {
    World() {
        store::app::ports::AccessClaims claims;
        claims.user_id = "u1";
        claims.username = "fuzz";
        claims.role = store::domain::Role::kViewer;
        claims.issued_at = std::chrono::system_clock::now();
        claims.expires_at = claims.issued_at + std::chrono::hours(24 * 365);
        token = signer.Sign(claims);
    }
    store::platform::Logger logger{"off"};
    store::infra::memory::MemoryEventBus bus;
    store::ws::Hub hub{bus};
    store::infra::crypto::JwtSigner signer{"fuzz-signing-key-0123456789abcdef",
                                           std::chrono::hours(24 * 366)};
    std::string token;
    // The server's authenticate callback checks a bearer token as AccessService does; here the
    // signature and lifetime (what a stranger's bytes can reach without a database).
    store::http::LiveEvents events{
        hub,
        [this](std::string_view bearer,
               const store::app::RequestMeta&) -> std::optional<store::ws::Principal> {
            const auto claims = signer.Verify(bearer, std::chrono::system_clock::now()).claims;
            if (!claims) {
                return std::nullopt;
            }
            return store::ws::Principal{claims->username, claims->expires_at};
        },
        store::ws::SessionSettings{}};
};

World& TheWorld() {
    static World* world = new World();  // never destroyed: the hub outlives every session
    return *world;
}

std::string Line(std::string_view& rest) {
    const auto end = rest.find('\n');
    std::string line(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    std::erase(line, '\r');  // the lines stay lines: the request is always complete
    for (auto at = line.find("$TOKEN"); at != std::string::npos; at = line.find("$TOKEN", at)) {
        line.replace(at, 6, TheWorld().token);
        at += TheWorld().token.size();
    }
    return line;
}

// The server side of one connection, as http/server.cpp serves an upgrade.
net::awaitable<void> Serve(beast::tcp_stream stream) {
    World& world = TheWorld();
    beast::flat_buffer buffer;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(1024 * 1024);
    auto [read_ec, bytes] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
    if (read_ec || !beast::websocket::is_upgrade(parser.get())) {
        co_return;  // the real server answers 400 here
    }
    auto request = store::http::RequestOf(parser.get(), "127.0.0.1", {});
    if (request.transport_error) {
        co_return;  // 400
    }
    store::http::AssignRequestId(request);
    auto checked = store::http::CheckUpgrade(request, &world.events, false, world.logger);
    auto* accepted = std::get_if<store::http::AcceptedUpgrade>(&checked);
    if (accepted == nullptr) {
        co_return;  // 401 or 404, written by the real server
    }
    buffer.clear();
    auto session =
        std::make_shared<store::ws::Session>(std::move(stream), world.hub, world.events.session,
                                             std::move(accepted->principal), world.logger);
    co_await session->Run(parser.release(), std::move(accepted->subprotocol));
}

// The client: the upgrade request, then (after a 101) the frames; then it half-closes and
// reads until the server is done.
net::awaitable<void> Client(tcp::socket socket, std::string request, std::string frames) {
    auto [write_ec, written] = co_await net::async_write(socket, net::buffer(request), kTuple);
    if (write_ec) {
        co_return;
    }
    std::string answer;
    auto [read_ec, header_bytes] =
        co_await net::async_read_until(socket, net::dynamic_buffer(answer), "\r\n\r\n", kTuple);
    if (!read_ec && answer.starts_with("HTTP/1.1 101")) {
        co_await net::async_write(socket, net::buffer(frames), kTuple);
    }
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    std::array<char, 4096> sink{};
    for (;;) {
        auto [ec, n] = co_await socket.async_read_some(net::buffer(sink), kTuple);
        if (ec) {
            break;
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    const std::string query = Line(rest);
    const std::string protocols = Line(rest);
    std::string request =
        "GET /api/events" + (query.empty() ? "" : "?" + query) +
        " HTTP/1.1\r\nHost: fuzz\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    if (!protocols.empty()) {
        request += "Sec-WebSocket-Protocol: " + protocols + "\r\n";
    }
    request += "\r\n";

    // A connected pair of stream sockets stands in for an accepted TCP connection.
    int fds[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
        std::abort();
    }
    net::io_context ioc;
    tcp::socket server(ioc);
    tcp::socket client(ioc);
    server.assign(tcp::v4(), fds[0]);
    client.assign(tcp::v4(), fds[1]);
    net::co_spawn(ioc, Serve(beast::tcp_stream(std::move(server))), net::detached);
    net::co_spawn(ioc, Client(std::move(client), std::move(request), std::string(rest)),
                  net::detached);
    ioc.run();
    return 0;
}
