#include "infra/memory/memory_event_bus.hpp"

#include <algorithm>
#include <exception>

namespace store::infra::memory {
namespace {

void Report(const platform::Logger* logger, const std::string& type, const char* error) {
    if (logger == nullptr) {
        return;
    }
    try {
        logger->Error("event handler failed", {{"type", type}, {"error", error}});
    } catch (...) {  // NOLINT(bugprone-empty-catch): Publish must not throw, not even here
    }
}

}  // namespace

MemoryEventBus::MemoryEventBus(const platform::Logger* logger) : logger_(logger) {}

void MemoryEventBus::Publish(const app::ports::Event& event) {
    std::vector<std::shared_ptr<const Handler>> handlers;
    try {
        std::lock_guard lock(mutex_);
        handlers.reserve(handlers_.size());
        for (const auto& [id, handler] : handlers_) {
            handlers.push_back(handler);
        }
    } catch (const std::exception&) {
        return;  // out of memory while copying: the event is lost, the caller is not hurt
    }
    for (const auto& handler : handlers) {
        try {
            (*handler)(event);
        } catch (const std::exception& e) {
            Report(logger_, std::string(app::ports::TypeOf(event)), e.what());
        } catch (...) {
            Report(logger_, std::string(app::ports::TypeOf(event)), "unknown exception");
        }
    }
}

std::uint64_t MemoryEventBus::Subscribe(Handler handler) {
    auto shared = std::make_shared<const Handler>(std::move(handler));
    std::lock_guard lock(mutex_);
    const std::uint64_t id = ++next_id_;
    handlers_.emplace_back(id, std::move(shared));
    return id;
}

void MemoryEventBus::Unsubscribe(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    std::erase_if(handlers_, [id](const auto& entry) { return entry.first == id; });
}

}  // namespace store::infra::memory
