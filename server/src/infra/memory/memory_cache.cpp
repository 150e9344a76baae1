#include "infra/memory/memory_cache.hpp"

namespace store::infra::memory {

template <typename V>
V* MemoryStoreCache::Lru<V>::Find(const std::string& key) {
    const auto it = index.find(key);
    if (it == index.end()) {
        return nullptr;
    }
    order.splice(order.begin(), order, it->second);
    return &it->second->second;
}

template <typename V>
void MemoryStoreCache::Lru<V>::Put(const std::string& key, V value) {
    if (capacity == 0) {
        return;
    }
    Erase(key);
    weight += weigh ? weigh(value) : 0;
    order.emplace_front(key, std::move(value));
    index[key] = order.begin();
    while (order.size() > 1 &&
           (order.size() > capacity || (max_weight > 0 && weight > max_weight))) {
        weight -= weigh ? weigh(order.back().second) : 0;
        index.erase(order.back().first);
        order.pop_back();
    }
}

template <typename V>
void MemoryStoreCache::Lru<V>::Erase(const std::string& key) {
    const auto it = index.find(key);
    if (it != index.end()) {
        weight -= weigh ? weigh(it->second->second) : 0;
        order.erase(it->second);
        index.erase(it);
    }
}

template <typename V>
void MemoryStoreCache::Lru<V>::Clear() {
    order.clear();
    index.clear();
    weight = 0;
}

MemoryStoreCache::MemoryStoreCache(std::size_t max_stores, std::size_t max_pages,
                                   std::size_t max_page_stores) {
    stores_.capacity = max_stores;
    pages_.capacity = max_pages;
    pages_.max_weight = max_page_stores;
    pages_.weigh = &MemoryStoreCache::PageWeight;
}

std::uint64_t MemoryStoreCache::Generation() const {
    std::lock_guard lock(mutex_);
    return generation_;
}

std::shared_ptr<const domain::Store> MemoryStoreCache::GetStore(const std::string& id) {
    std::lock_guard lock(mutex_);
    if (auto* found = stores_.Find(id)) {
        hits_.fetch_add(1, std::memory_order_relaxed);
        return *found;
    }
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
}

void MemoryStoreCache::PutStore(std::shared_ptr<const domain::Store> store,
                                std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    if (generation == generation_) {
        const std::string id = store->id;  // before the move below
        stores_.Put(id, std::move(store));
    }
}

std::shared_ptr<const app::ports::Page<domain::Store>> MemoryStoreCache::GetPage(
    const std::string& key) {
    std::lock_guard lock(mutex_);
    if (auto* found = pages_.Find(key)) {
        hits_.fetch_add(1, std::memory_order_relaxed);
        return *found;
    }
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
}

void MemoryStoreCache::PutPage(const std::string& key,
                               std::shared_ptr<const app::ports::Page<domain::Store>> page,
                               std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    if (generation == generation_) {
        pages_.Put(key, std::move(page));
    }
}

void MemoryStoreCache::InvalidateStore(const std::string& id) {
    std::lock_guard lock(mutex_);
    ++generation_;
    stores_.Erase(id);
    pages_.Clear();
}

MemoryStoreCache::Counters MemoryStoreCache::Stats() const {
    return {hits_.load(std::memory_order_relaxed), misses_.load(std::memory_order_relaxed)};
}

}  // namespace store::infra::memory
