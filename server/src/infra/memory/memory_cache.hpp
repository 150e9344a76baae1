#pragma once

#include <atomic>
#include <list>
#include <mutex>
#include <unordered_map>

#include "app/ports/cache.hpp"

namespace store::infra::memory {

/// In-process cache (the embedded default): an LRU of store documents and an LRU of list
/// pages, both bounded — pages by count and by the number of stores they hold together
/// (`max_page_stores`), so large pages cannot grow memory without limit. A global generation
/// counter makes invalidation of all pages O(1) and lets Put*() refuse entries read before the
/// latest write.
class MemoryStoreCache final : public app::ports::StoreCache {
public:
    MemoryStoreCache(std::size_t max_stores, std::size_t max_pages,
                     std::size_t max_page_stores = 20000);

    std::uint64_t Generation() const override;
    bool NonBlocking() const override { return true; }
    std::shared_ptr<const domain::Store> GetStore(const std::string& id) override;
    void PutStore(std::shared_ptr<const domain::Store> store, std::uint64_t generation) override;
    std::shared_ptr<const app::ports::Page<domain::Store>> GetPage(const std::string& key) override;
    void PutPage(const std::string& key,
                 std::shared_ptr<const app::ports::Page<domain::Store>> page,
                 std::uint64_t generation) override;
    void InvalidateStore(const std::string& id) override;

    struct Counters {
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
    };
    Counters Stats() const;

private:
    template <typename V>
    struct Lru {
        std::list<std::pair<std::string, V>> order;  // front = most recent
        std::unordered_map<std::string, typename decltype(order)::iterator> index;
        std::size_t capacity = 0;
        std::size_t max_weight = 0;  // 0: no weight limit
        std::size_t weight = 0;
        std::size_t (*weigh)(const V&) = nullptr;

        V* Find(const std::string& key);
        void Put(const std::string& key, V value);
        void Erase(const std::string& key);
        void Clear();
    };

    static std::size_t PageWeight(
        const std::shared_ptr<const app::ports::Page<domain::Store>>& page) {
        return page ? page->items.size() + 1 : 1;
    }

    mutable std::mutex mutex_;
    std::uint64_t generation_ = 0;  // guarded by mutex_
    Lru<std::shared_ptr<const domain::Store>> stores_;
    Lru<std::shared_ptr<const app::ports::Page<domain::Store>>> pages_;
    std::atomic<std::uint64_t> hits_{0};
    std::atomic<std::uint64_t> misses_{0};
};

}  // namespace store::infra::memory
