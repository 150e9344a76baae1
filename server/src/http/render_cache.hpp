#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace store::http {

/// Remembers the serialised JSON of objects the app cache hands out (a cached store or list
/// page), keyed by the object itself. A cache hit in the app layer returns the very same
/// shared object, so its bytes are rendered once, not on every request. An entry is used only
/// while the object lives: when the app cache drops it (a write, an eviction), the weak pointer
/// expires and the entry is dead, so stale bytes are never served; dead entries are swept every
/// kSweepEvery insertions, so their bytes do not outlive the objects for long.
/// An object nobody else holds (read from the database with the cache off, or decoded afresh
/// from Redis on every hit) is rendered and not remembered: it dies with the request.
template <typename T>
class RenderCache {
public:
    static constexpr std::size_t kSweepEvery = 64;

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
        if (object.use_count() <= 1) {
            return bytes;  // only the caller holds it: the next request gets another object
        }
        std::lock_guard lock(mutex_);
        if (++insertions_ % kSweepEvery == 0 || entries_.size() >= max_entries_) {
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
    std::size_t insertions_ = 0;  // guarded by mutex_
    std::unordered_map<const T*, Entry> entries_;
};

}  // namespace store::http
