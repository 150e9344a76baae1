#include "http/server.hpp"

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <variant>

#include "app/errors.hpp"
#include "http/beast_request.hpp"
#include "http/problem.hpp"
#include "http/request_id.hpp"
#include "http/upgrade.hpp"
#include "ws/session.hpp"

namespace store::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
constexpr auto kTuple = net::as_tuple(net::use_awaitable);

// What the shutdown path needs to know about a connection. Touched only on the
// connection's strand, except `busy`, which is atomic.
struct Connection {
    beast::tcp_stream* stream = nullptr;
    std::atomic<bool> busy{false};
    std::function<void()> on_shutdown;  // set while the connection is a WebSocket session
};

}  // namespace

struct HttpServer::Impl {
    Impl(ServerSettings s, const Pipeline& p, const platform::Logger& l,
         std::optional<LiveEvents> e)
        : settings(std::move(s)),
          pipeline(p),
          logger(l),
          events(std::move(e)),
          ioc(settings.http_threads),
          workers(static_cast<std::size_t>(settings.worker_threads)),
          acceptor(ioc),
          signals(ioc, SIGINT, SIGTERM),
          grace_timer(ioc) {}

    net::awaitable<void> Accept();
    net::awaitable<void> Serve(tcp::socket socket);
    /// Writes a response whose body comes from `response.stream` (chunked). Returns false when
    /// the connection must be closed (write failed, or the stream threw).
    net::awaitable<bool> WriteStreamed(beast::tcp_stream& stream, Response& response,
                                       bool keep_alive, bool head);
    void BeginShutdown();
    void Unregister(std::uint64_t id);

    ServerSettings settings;
    const Pipeline& pipeline;
    const platform::Logger& logger;
    std::optional<LiveEvents> events;
    net::io_context ioc;
    net::thread_pool workers;
    tcp::acceptor acceptor;
    net::signal_set signals;
    net::steady_timer grace_timer;
    std::atomic<bool> stopping{false};

    std::mutex mutex;  // guards connections and next_id
    std::unordered_map<std::uint64_t, std::pair<std::shared_ptr<Connection>, net::any_io_executor>>
        connections;
    std::uint64_t next_id = 0;
};

net::awaitable<void> HttpServer::Impl::Accept() {
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), kTuple);
        if (stopping) {
            co_return;
        }
        if (ec) {
            if (ec == net::error::operation_aborted) {
                co_return;
            }
            // EMFILE and friends: log and go on; the next accept may succeed.
            logger.Warn("accept failed", {{"error", ec.message()}});
            continue;
        }
        bool full = false;
        {
            std::lock_guard lock(mutex);
            full = connections.size() >= static_cast<std::size_t>(settings.max_connections);
        }
        if (full) {
            boost::system::error_code ignored;
            socket.close(ignored);
            continue;
        }
        auto executor = socket.get_executor();
        net::co_spawn(executor, Serve(std::move(socket)), net::detached);
    }
}

net::awaitable<void> HttpServer::Impl::Serve(tcp::socket socket) {
    boost::system::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    const std::string client = ec ? "unknown" : remote.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    auto connection = std::make_shared<Connection>();
    connection->stream = &stream;
    std::uint64_t id = 0;
    {
        std::lock_guard lock(mutex);
        id = ++next_id;
        connections.emplace(id, std::make_pair(connection, stream.get_executor()));
    }
    beast::flat_buffer buffer;
    const auto timeout = std::chrono::milliseconds(settings.read_timeout_ms);
    // Requests on one connection are handled one after the other (no pipelined concurrency):
    // the next one is not even read before the previous answer is written.
    while (!stopping) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(16 * 1024);
        parser.body_limit(settings.body_limit_bytes);
        stream.expires_after(timeout);
        connection->busy = false;
        auto [read_ec, read_bytes] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        connection->busy = true;

        Request request;
        request.client_address = request.peer_address = client;
        if (read_ec) {
            if (read_ec == bhttp::error::body_limit) {
                request.transport_error = {413, "the body is larger than " +
                                                    std::to_string(settings.body_limit_bytes) +
                                                    " bytes"};
            } else if (read_ec == bhttp::error::header_limit) {
                request.transport_error = {400, "the request headers are too large"};
            } else if (read_ec.category() ==
                           bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
                       read_ec != bhttp::error::end_of_stream &&
                       read_ec != bhttp::error::partial_message) {
                request.transport_error = {400, "malformed HTTP request: " + read_ec.message()};
            } else {
                break;  // closed, reset, timed out or cancelled: nobody to answer
            }
            const auto& header = parser.get();
            request.method = std::string(header.method_string());
            request.path = request.target = std::string(header.target());
            request.keep_alive = false;
        } else {
            request = RequestOf(parser.get(), client, settings.trusted_proxies);
            request.keep_alive = request.keep_alive && !stopping;
        }

        Response response;
        bool answered = false;
        if (!read_ec && !request.transport_error && beast::websocket::is_upgrade(parser.get())) {
            // Like every request: the refusal, the log and the audit entry of a revoked token
            // presented here name it.
            AssignRequestId(request);
            auto checked = CheckUpgrade(request, events ? &*events : nullptr, stopping, logger);
            if (auto* refusal = std::get_if<Response>(&checked)) {
                response = std::move(*refusal);
                request.keep_alive = false;
                answered = true;
            } else {
                // The connection becomes a WebSocket session; it stays registered (and
                // counted against max_connections) until the session ends.
                auto& [principal, subprotocol] = std::get<AcceptedUpgrade>(checked);
                connection->stream = nullptr;
                auto session = std::make_shared<ws::Session>(
                    std::move(stream), events->hub, events->session, std::move(principal), logger);
                connection->on_shutdown = [weak = std::weak_ptr<ws::Session>(session)] {
                    if (auto alive = weak.lock()) {
                        alive->Shutdown();
                    }
                };
                connection->busy = false;
                if (stopping) {
                    session->Shutdown();  // BeginShutdown ran before on_shutdown was set
                }
                // An idle WebSocket should cost little: drop what the HTTP request held.
                auto upgrade = parser.release();
                request = Request{};
                buffer.clear();
                buffer.shrink_to_fit();
                co_await session->Run(std::move(upgrade), std::move(subprotocol));
                connection->on_shutdown = nullptr;
                Unregister(id);
                co_return;
            }
        }
        if (answered) {
            // A refused upgrade: written below like any response.
        } else if (request.transport_error) {
            response = pipeline.Handle(request);
        } else if (auto inline_answer = pipeline.HandleInline(request)) {
            // Cheap routes and cache hits: answered here, no hop to the worker pool.
            response = std::move(*inline_answer);
        } else {
            response = co_await net::co_spawn(
                workers, [&]() -> net::awaitable<Response> { co_return pipeline.Handle(request); },
                net::use_awaitable);
        }

        if (request.answer_delay.count() > 0) {
            // Held back on this connection's strand: the thread serves other connections.
            net::steady_timer hold(stream.get_executor(), request.answer_delay);
            co_await hold.async_wait(kTuple);
        }
        const bool head = request.method == "HEAD";
        if (response.stream) {
            const bool ok = co_await WriteStreamed(stream, response, request.keep_alive, head);
            if (!ok || !request.keep_alive) {
                break;
            }
            continue;
        }
        bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), 11};
        for (auto& [name, value] : response.headers) {
            out.set(name, value);
        }
        out.set(bhttp::field::server, "store-service");
        out.keep_alive(request.keep_alive);
        out.body() = std::move(response.body);
        out.prepare_payload();
        if (head) {
            const auto length = out.body().size();
            out.body().clear();
            out.content_length(length);
        }
        stream.expires_after(timeout);
        auto [write_ec, written] = co_await bhttp::async_write(stream, out, kTuple);
        if (write_ec || !request.keep_alive) {
            break;
        }
    }
    connection->stream = nullptr;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    // Lingering close: a client may still be sending (a body we refused with 413). Closing with
    // unread bytes makes the kernel send a reset, which can destroy our answer before the client
    // reads it; so read and discard what is still coming, for a bounded time and amount.
    if (!ec) {
        stream.expires_after(std::chrono::milliseconds(500));
        std::array<char, 16 * 1024> sink{};
        std::size_t drained = 0;
        while (drained < 4 * 1024 * 1024) {
            auto [drain_ec, n] = co_await stream.async_read_some(net::buffer(sink), kTuple);
            if (drain_ec) {
                break;
            }
            drained += n;
        }
    }
    Unregister(id);
}

// Chunked transfer: the header, `body` as the first chunk, then every chunk `stream` returns
// (called on the worker pool: it may read the database), then the last chunk. Each write has
// the read timeout as its deadline, and awaiting it is the backpressure: the next chunk is
// not produced before the previous one was handed to the socket.
net::awaitable<bool> HttpServer::Impl::WriteStreamed(beast::tcp_stream& stream, Response& response,
                                                     bool keep_alive, bool head) {
    const auto timeout = std::chrono::milliseconds(settings.read_timeout_ms);
    bhttp::response<bhttp::empty_body> out{static_cast<bhttp::status>(response.status), 11};
    for (auto& [name, value] : response.headers) {
        out.set(name, value);
    }
    out.set(bhttp::field::server, "store-service");
    out.erase(bhttp::field::content_length);
    out.keep_alive(keep_alive);
    out.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer(out);
    stream.expires_after(timeout);
    if (auto [ec, bytes] = co_await bhttp::async_write_header(stream, serializer, kTuple); ec) {
        co_return false;
    }
    if (head) {
        co_return true;  // HEAD: the header only, no chunks at all
    }
    const std::string* request_id = response.Get("X-Request-Id");
    std::optional<std::string> chunk = std::move(response.body);
    for (;;) {
        if (chunk && !chunk->empty()) {  // an empty chunk would end the body
            stream.expires_after(timeout);
            auto [ec, bytes] =
                co_await net::async_write(stream, bhttp::make_chunk(net::buffer(*chunk)), kTuple);
            if (ec) {
                co_return false;
            }
        }
        try {
            chunk = co_await net::co_spawn(
                workers,
                [&response]() -> net::awaitable<std::optional<std::string>> {
                    co_return response.stream();
                },
                net::use_awaitable);
        } catch (const std::exception& e) {
            // Headers are out: the only way to tell the client is to end the connection
            // without the last chunk, so it sees a truncated body.
            logger.Error(
                "streamed response failed",
                {{"requestId", request_id != nullptr ? *request_id : ""}, {"error", e.what()}});
            co_return false;
        }
        if (!chunk) {
            break;
        }
    }
    stream.expires_after(timeout);
    auto [ec, bytes] = co_await net::async_write(stream, bhttp::make_chunk_last(), kTuple);
    co_return !ec;
}

void HttpServer::Impl::Unregister(std::uint64_t id) {
    std::lock_guard lock(mutex);
    connections.erase(id);
    if (stopping && connections.empty()) {
        // Last connection gone: no need to wait for the rest of the grace period.
        net::post(ioc, [this] { grace_timer.cancel(); });
    }
}

void HttpServer::Impl::BeginShutdown() {
    if (stopping.exchange(true)) {
        return;
    }
    logger.Info("shutting down", {{"graceMs", settings.shutdown_grace_ms}});
    boost::system::error_code ec;
    acceptor.close(ec);
    signals.cancel(ec);
    std::lock_guard lock(mutex);
    for (auto& [id, entry] : connections) {
        // Idle keep-alive connections are closed now; busy ones finish their request first.
        net::post(entry.second, [connection = entry.first] {
            if (connection->on_shutdown) {
                connection->on_shutdown();  // a WebSocket: closed with 1001 (going away)
            } else if (connection->stream != nullptr && !connection->busy) {
                connection->stream->cancel();
            }
        });
    }
    if (connections.empty()) {
        return;
    }
    grace_timer.expires_after(std::chrono::milliseconds(settings.shutdown_grace_ms));
    grace_timer.async_wait([this](boost::system::error_code wait_ec) {
        if (!wait_ec) {
            logger.Warn("shutdown grace period over; dropping remaining connections");
            ioc.stop();
        }
    });
}

HttpServer::HttpServer(ServerSettings settings, const Pipeline& pipeline,
                       const platform::Logger& logger, std::optional<LiveEvents> events)
    : impl_(std::make_unique<Impl>(std::move(settings), pipeline, logger, std::move(events))) {}

HttpServer::~HttpServer() = default;

unsigned short HttpServer::Listen() {
    auto& acceptor = impl_->acceptor;
    const tcp::endpoint endpoint(net::ip::make_address(impl_->settings.bind), impl_->settings.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(net::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(net::socket_base::max_listen_connections);
    return acceptor.local_endpoint().port();
}

void HttpServer::Run() {
    auto& impl = *impl_;
    impl.signals.async_wait([&impl](boost::system::error_code ec, int) {
        if (!ec) {
            impl.BeginShutdown();
        }
    });
    net::co_spawn(impl.ioc, impl.Accept(), net::detached);
    std::vector<std::thread> threads;
    for (int i = 1; i < impl.settings.http_threads; ++i) {
        threads.emplace_back([&impl] { impl.ioc.run(); });
    }
    impl.ioc.run();
    for (auto& thread : threads) {
        thread.join();
    }
    impl.workers.join();
}

void HttpServer::Stop() {
    net::post(impl_->ioc, [impl = impl_.get()] { impl->BeginShutdown(); });
}

}  // namespace store::http
