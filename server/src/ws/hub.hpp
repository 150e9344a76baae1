#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/ports/event_bus.hpp"
#include "ws/outbound_queue.hpp"

namespace store::ws {

/// Per-connection limits of the live-events WebSocket. (Header without Beast: main.cpp and
/// http/server.hpp include it.)
struct SessionSettings {
    /// Messages waiting for one client before it is disconnected as too slow (1008).
    std::size_t queue_limit = 256;
    /// A ping is sent after this long without traffic from the client; the connection is
    /// closed after twice this long.
    std::chrono::milliseconds ping_interval{30000};
    /// How long a close handshake may take before the socket is simply closed.
    std::chrono::milliseconds close_timeout{5000};
    /// Largest message accepted from a client (clients have nothing to say but pongs).
    std::size_t max_client_message_bytes = 4096;
    /// SO_SNDBUF of a WebSocket (0: the kernel's autotuning, up to net.ipv4.tcp_wmem's maximum,
    /// 4 MiB by default). Bounded so that what a slow client costs is bounded in the kernel
    /// too, not only in our queue; events are small, so this does not limit throughput.
    int send_buffer_bytes = 64 * 1024;
};

/// Who opened a connection, from the verified access token.
struct Principal {
    std::string username;
    /// The connection is closed with 1008 when the token expires.
    std::chrono::system_clock::time_point expires_at;
    /// Whose access the connection rides on ("user:<id>" or "token:<id>") and the session
    /// epoch of its token: Hub::EndAccess closes it (1008 "access revoked").
    std::string subject;
    std::int64_t epoch = 0;
};

/// What the hub sees of a connection. Deliver and EndAccess are thread-safe and return at
/// once (the session posts the work to its own strand).
class Subscriber {
public:
    virtual ~Subscriber() = default;
    virtual void Deliver(Message message) = 0;
    /// The access the connection rides on has ended: close it (1008 "access revoked").
    virtual void EndAccess() = 0;
};

/// Fan-out of bus events to the open WebSocket sessions (Beast's chat-multi `shared_state`,
/// with bounded queues). Each event is serialised once into one shared buffer; the
/// subscriber list is copied under the lock and delivered to outside it.
class Hub {
public:
    /// Subscribes to `bus` until destroyed.
    explicit Hub(app::ports::EventBus& bus);
    ~Hub();
    Hub(const Hub&) = delete;
    Hub& operator=(const Hub&) = delete;

    /// Registers a subscriber (held weakly: a session that is gone is skipped). Returns the id
    /// for Remove(). A subscriber whose epoch an earlier EndAccess already ended is told to end
    /// at once.
    std::uint64_t Add(std::weak_ptr<Subscriber> subscriber, std::string subject = {},
                      std::int64_t epoch = 0);
    void Remove(std::uint64_t id);
    /// Open connections (the store_ws_connections gauge).
    std::size_t Size() const;

    /// Serialises `event` once and delivers it to every subscriber (internal events, such as
    /// access.revoked, are not for clients and are skipped).
    void Broadcast(const app::ports::Event& event);
    /// Ends the connections of `subject` opened with a session epoch below `epoch`.
    void EndAccess(const std::string& subject, std::int64_t epoch);

private:
    struct Entry {
        std::weak_ptr<Subscriber> subscriber;
        std::string subject;
        std::int64_t epoch = 0;
    };
    app::ports::EventBus& bus_;
    std::uint64_t subscription_ = 0;
    mutable std::mutex mutex_;
    std::uint64_t next_id_ = 0;
    std::unordered_map<std::uint64_t, Entry> subscribers_;
    /// The highest epoch each subject's access was ended below, so that a connection that
    /// registers after the revocation (authenticated just before it) is closed too. One entry
    /// per user or token ever revoked while this process runs.
    std::unordered_map<std::string, std::int64_t> ended_epochs_;
};

}  // namespace store::ws
