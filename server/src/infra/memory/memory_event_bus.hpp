#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "app/ports/event_bus.hpp"
#include "platform/logging.hpp"

namespace store::infra::memory {

/// In-process EventBus (the embedded default; one replica). Publish runs the handlers on the
/// caller's thread, outside the lock, so a handler may subscribe or unsubscribe; handlers must
/// be quick (the WebSocket hub only posts to session strands). A handler that throws is logged
/// and skipped: Publish never throws.
class MemoryEventBus final : public app::ports::EventBus {
public:
    /// `logger` may be null (tests).
    explicit MemoryEventBus(const platform::Logger* logger = nullptr);

    void Publish(const app::ports::Event& event) override;
    std::uint64_t Subscribe(Handler handler) override;
    void Unsubscribe(std::uint64_t id) override;

private:
    const platform::Logger* logger_;
    std::mutex mutex_;
    std::uint64_t next_id_ = 0;
    // shared_ptr: Publish copies the list cheaply and a handler outlives its Unsubscribe
    // while a concurrent Publish is still calling it.
    std::vector<std::pair<std::uint64_t, std::shared_ptr<const Handler>>> handlers_;
};

}  // namespace store::infra::memory
