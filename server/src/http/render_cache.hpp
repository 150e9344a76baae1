#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace store::http {

/// Remembers the serialised JSON of objects the app cache hands out (a cached store or list
/// page), keyed by the object itself. A cache hit in the app layer returns the very same
/// shared object, so its bytes are rendered once, not on every request. An entry lives only as
/// long as the object: when the app cache drops it (a write, an eviction), the weak pointer
/// expires and the entry is dead, so stale bytes are never served.
template <typename T>
class RenderCache {
public:
    explicit RenderCache(std::size_t max_entries) : max_entries_(max_entries) {}

    template <typename Render>
    std::shared_ptr<const std::string> Get(const std::shared_ptr<const T>& object,
                                           Render&& render) {
        {
            std::lock_guard lock(mutex_);
            const auto it = entries_.find(object.get());
            if (it != entries_.end() && it->second.owner.lock() == object) {
                return it->second.bytes;
            }
        }
        auto bytes = std::make_shared<const std::string>(render(*object));
        std::lock_guard lock(mutex_);
        if (entries_.size() >= max_entries_) {
            std::erase_if(entries_, [](const auto& item) { return item.second.owner.expired(); });
            if (entries_.size() >= max_entries_) {
                entries_.clear();  // all alive: the app cache is larger than we are; start over
            }
        }
        entries_[object.get()] = Entry{object, bytes};
        return bytes;
    }

    std::size_t Size() const {
        std::lock_guard lock(mutex_);
        return entries_.size();
    }

private:
    struct Entry {
        std::weak_ptr<const T> owner;
        std::shared_ptr<const std::string> bytes;
    };
    mutable std::mutex mutex_;
    std::size_t max_entries_;
    std::unordered_map<const T*, Entry> entries_;
};

}  // namespace store::http
