#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/ports/event_bus.hpp"
#include "infra/memory/memory_event_bus.hpp"
#include "platform/logging.hpp"

namespace store::infra {

/// A connection that carries encoded events between replicas (Redis pub/sub, PostgreSQL
/// LISTEN/NOTIFY). Used by one thread only (RelayEventBus's); every method may throw
/// AppError{kDependencyUnavailable}, after which the relay disconnects and retries later.
class RelayTransport {
public:
    virtual ~RelayTransport() = default;
    /// Connects and subscribes; returns the socket to poll() for incoming messages.
    virtual int Connect() = 0;
    virtual void Disconnect() = 0;
    /// Messages that arrived; `readable` says whether poll() reported the socket readable.
    virtual std::vector<std::string> Receive(bool readable) = 0;
    /// Sends one message to every replica (this one included).
    virtual void Send(const std::string& payload) = 0;
    /// Longest payload the transport carries; longer events stay local.
    virtual std::size_t MaxPayload() const = 0;
    virtual const char* Name() const = 0;
};

struct RelaySettings {
    std::size_t queue_limit = 10000;  // events waiting to be sent; the oldest are dropped
    std::chrono::milliseconds backoff_min{100};
    std::chrono::milliseconds backoff_max{5000};
};

/// EventBus across replicas. Publish delivers to this replica's subscribers at once (as the
/// in-process bus does) and queues the event for the other replicas; one thread sends the
/// queue over the transport and delivers what other replicas sent, skipping its own echo by
/// the per-process origin id. The thread reconnects with exponential backoff; events sent
/// while a replica is disconnected do not reach it (live updates are best effort: clients
/// refetch on reconnect). Publish never blocks on the network and never throws.
class RelayEventBus : public app::ports::EventBus {
public:
    /// `logger` may be null (tests). Tries to connect once before returning (bounded by the
    /// transport's timeouts), so events published right after start-up reach the others.
    /// `codec` writes and reads the events' data (ws/event_json.cpp); it must outlive the bus.
    RelayEventBus(std::unique_ptr<RelayTransport> transport, std::string origin,
                  const app::ports::EventCodec& codec, const platform::Logger* logger,
                  RelaySettings settings = {});
    ~RelayEventBus() override;
    RelayEventBus(const RelayEventBus&) = delete;
    RelayEventBus& operator=(const RelayEventBus&) = delete;

    /// Stops the thread (idempotent; the destructor calls it). Afterwards events stay local.
    /// Call before the subscribers go away, so no remote event reaches them while they do.
    void Stop();

    void Publish(const app::ports::Event& event) override;
    std::uint64_t Subscribe(Handler handler) override;
    void Unsubscribe(std::uint64_t id) override;

    /// True while subscribed to the other replicas' events.
    bool Connected() const { return connected_.load(); }
    const std::string& Origin() const { return origin_; }

    struct Counters {
        std::uint64_t sent = 0;
        std::uint64_t received = 0;  // from other replicas
        std::uint64_t dropped = 0;   // queue full, send failed, or too large
        std::uint64_t reconnects = 0;
    };
    Counters Stats() const;

private:
    void Run();
    bool TryConnect();
    void Disconnect(const std::exception& error);
    void SendQueued();
    void Deliver(const std::vector<std::string>& payloads);
    void Wake();

    std::unique_ptr<RelayTransport> transport_;
    std::string origin_;
    const app::ports::EventCodec& codec_;
    const platform::Logger* logger_;
    RelaySettings settings_;
    memory::MemoryEventBus local_;
    std::mutex mutex_;
    std::deque<std::string> queue_;  // guarded by mutex_
    bool stop_ = false;              // guarded by mutex_
    int wake_[2] = {-1, -1};         // self-pipe: Publish and the destructor wake the thread
    int fd_ = -1;                    // the transport's socket while connected (thread only)
    std::atomic<bool> connected_{false};
    std::atomic<std::uint64_t> sent_{0};
    std::atomic<std::uint64_t> received_{0};
    std::atomic<std::uint64_t> dropped_{0};
    std::atomic<std::uint64_t> reconnects_{0};
    std::thread thread_;
};

}  // namespace store::infra
