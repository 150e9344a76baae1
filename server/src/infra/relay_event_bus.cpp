#include "infra/relay_event_bus.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <random>
#include <system_error>

#include "infra/event_wire.hpp"

namespace store::infra {

RelayEventBus::RelayEventBus(std::unique_ptr<RelayTransport> transport, std::string origin,
                             const app::ports::EventCodec& codec, const platform::Logger* logger,
                             RelaySettings settings)
    : transport_(std::move(transport)),
      origin_(std::move(origin)),
      codec_(codec),
      logger_(logger),
      settings_(settings),
      local_(logger) {
    if (pipe2(wake_, O_NONBLOCK | O_CLOEXEC) != 0) {
        throw std::system_error(errno, std::generic_category(), "event relay: pipe2");
    }
    TryConnect();
    thread_ = std::thread([this] { Run(); });
}

RelayEventBus::~RelayEventBus() {
    Stop();
    close(wake_[0]);
    close(wake_[1]);
}

void RelayEventBus::Stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    Wake();
    if (thread_.joinable()) {
        thread_.join();
    }
    connected_ = false;
}

void RelayEventBus::Publish(const app::ports::Event& event) {
    local_.Publish(event);
    if (!SharedAcrossReplicas(event)) {
        return;
    }
    try {
        std::string payload = EncodeWireEvent(origin_, event, codec_);
        if (payload.size() > transport_->MaxPayload()) {
            dropped_.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        std::lock_guard lock(mutex_);
        if (stop_) {
            return;
        }
        if (queue_.size() >= settings_.queue_limit) {
            queue_.pop_front();
            dropped_.fetch_add(1, std::memory_order_relaxed);
        }
        queue_.push_back(std::move(payload));
    } catch (const std::exception&) {
        dropped_.fetch_add(1, std::memory_order_relaxed);  // out of memory: Publish never throws
        return;
    }
    Wake();
}

std::uint64_t RelayEventBus::Subscribe(Handler handler) {
    return local_.Subscribe(std::move(handler));
}

void RelayEventBus::Unsubscribe(std::uint64_t id) { local_.Unsubscribe(id); }

RelayEventBus::Counters RelayEventBus::Stats() const {
    return {sent_.load(), received_.load(), dropped_.load(), reconnects_.load()};
}

void RelayEventBus::Wake() {
    const char byte = 1;
    // A full pipe already holds a wake-up; nothing else can go wrong that we could handle.
    [[maybe_unused]] const auto written = write(wake_[1], &byte, 1);
}

bool RelayEventBus::TryConnect() {
    try {
        fd_ = transport_->Connect();
        connected_ = true;
        if (reconnects_.fetch_add(1) > 0 && logger_ != nullptr) {
            logger_->Info("event relay reconnected", {{"transport", transport_->Name()}});
        }
        return true;
    } catch (const std::exception& error) {
        fd_ = -1;
        if (logger_ != nullptr) {
            logger_->Warn("event relay cannot connect; events stay in this replica until it can",
                          {{"transport", transport_->Name()}, {"error", error.what()}});
        }
        return false;
    }
}

void RelayEventBus::Disconnect(const std::exception& error) {
    if (logger_ != nullptr) {
        logger_->Warn("event relay disconnected",
                      {{"transport", transport_->Name()}, {"error", error.what()}});
    }
    connected_ = false;
    fd_ = -1;
    try {
        transport_->Disconnect();
    } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): already gone
    }
}

void RelayEventBus::SendQueued() {
    std::deque<std::string> batch;
    {
        std::lock_guard lock(mutex_);
        batch.swap(queue_);
    }
    for (const auto& payload : batch) {
        try {
            transport_->Send(payload);
            sent_.fetch_add(1, std::memory_order_relaxed);
        } catch (const std::exception&) {
            // Not queued again: a live update that arrives late is worse than none (clients
            // refetch when they reconnect). The breaker and the log tell the operator.
            dropped_.fetch_add(1, std::memory_order_relaxed);
        }
    }
}

void RelayEventBus::Deliver(const std::vector<std::string>& payloads) {
    for (const auto& payload : payloads) {
        auto wire = DecodeWireEvent(payload, codec_);
        if (!wire || wire->origin == origin_) {
            continue;  // not ours to read, or our own echo (delivered locally at Publish)
        }
        received_.fetch_add(1, std::memory_order_relaxed);
        local_.Publish(wire->event);
    }
}

void RelayEventBus::Run() {
    std::mt19937 random{std::random_device{}()};
    auto backoff = settings_.backoff_min;
    auto next_attempt = std::chrono::steady_clock::now() + backoff;
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stop_) {
                break;
            }
        }
        const auto now = std::chrono::steady_clock::now();
        if (fd_ < 0 && now >= next_attempt) {
            if (TryConnect()) {
                backoff = settings_.backoff_min;
            } else {
                // Full jitter keeps a fleet of replicas from reconnecting in lockstep.
                std::uniform_int_distribution<std::int64_t> jitter(backoff.count() / 2,
                                                                   backoff.count());
                next_attempt = now + std::chrono::milliseconds(jitter(random));
                backoff = std::min(backoff * 2, settings_.backoff_max);
            }
        }
        pollfd fds[2] = {{wake_[0], POLLIN, 0}, {fd_, POLLIN, 0}};
        int timeout_ms = 1000;
        if (fd_ < 0) {
            const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
                next_attempt - std::chrono::steady_clock::now());
            timeout_ms = static_cast<int>(std::clamp<std::int64_t>(wait.count(), 0, 1000));
        }
        const int ready = poll(fds, fd_ >= 0 ? 2 : 1, timeout_ms);
        if (ready > 0 && (fds[0].revents & POLLIN) != 0) {
            char drain[64];
            while (read(wake_[0], drain, sizeof drain) > 0) {
            }
        }
        SendQueued();
        if (fd_ >= 0) {
            const bool readable = ready > 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0;
            try {
                Deliver(transport_->Receive(readable));
            } catch (const std::exception& error) {
                Disconnect(error);
                next_attempt = std::chrono::steady_clock::now() + backoff;
            }
        }
    }
    try {
        transport_->Disconnect();
    } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): stopping anyway
    }
}

}  // namespace store::infra
