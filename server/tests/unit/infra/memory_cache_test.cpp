#include "infra/memory/memory_cache.hpp"

#include <gtest/gtest.h>

namespace store::infra::memory {
namespace {

std::shared_ptr<const domain::Store> MakeStore(const std::string& id, int version = 1) {
    auto store = std::make_shared<domain::Store>();
    store->id = id;
    store->version = version;
    return store;
}

TEST(MemoryStoreCache, ServesWhatWasPut) {
    MemoryStoreCache cache(10, 10);
    cache.PutStore(MakeStore("a"), cache.Generation());
    ASSERT_NE(cache.GetStore("a"), nullptr);
    EXPECT_EQ(cache.GetStore("b"), nullptr);
}

TEST(MemoryStoreCache, RefusesEntriesReadBeforeAWrite) {
    MemoryStoreCache cache(10, 10);
    const auto generation = cache.Generation();  // a reader starts
    cache.InvalidateStore("a");                  // a writer commits and invalidates
    cache.PutStore(MakeStore("a", 1), generation);
    cache.PutPage("k", std::make_shared<app::ports::Page<domain::Store>>(), generation);
    EXPECT_EQ(cache.GetStore("a"), nullptr) << "a stale document must not be served";
    EXPECT_EQ(cache.GetPage("k"), nullptr);
}

TEST(MemoryStoreCache, AWriteDropsThatStoreAndEveryPage) {
    MemoryStoreCache cache(10, 10);
    cache.PutStore(MakeStore("a"), cache.Generation());
    cache.PutStore(MakeStore("b"), cache.Generation());
    cache.PutPage("k", std::make_shared<app::ports::Page<domain::Store>>(), cache.Generation());
    cache.InvalidateStore("a");
    EXPECT_EQ(cache.GetStore("a"), nullptr);
    EXPECT_NE(cache.GetStore("b"), nullptr);
    EXPECT_EQ(cache.GetPage("k"), nullptr);
}

TEST(MemoryStoreCache, EvictsTheLeastRecentlyUsed) {
    MemoryStoreCache cache(2, 2);
    cache.PutStore(MakeStore("a"), cache.Generation());
    cache.PutStore(MakeStore("b"), cache.Generation());
    cache.GetStore("a");
    cache.PutStore(MakeStore("c"), cache.Generation());
    EXPECT_NE(cache.GetStore("a"), nullptr);
    EXPECT_EQ(cache.GetStore("b"), nullptr);
    EXPECT_NE(cache.GetStore("c"), nullptr);
}

}  // namespace
}  // namespace store::infra::memory

namespace store::infra::memory {
namespace {

std::shared_ptr<const app::ports::Page<domain::Store>> PageOf(std::size_t stores) {
    auto page = std::make_shared<app::ports::Page<domain::Store>>();
    page->items.resize(stores);
    return page;
}

TEST(MemoryStoreCache, PagesAreBoundedByTheStoresTheyHold) {
    MemoryStoreCache cache(10, 1000, 1000);
    for (int i = 0; i < 10; ++i) {
        cache.PutPage("p" + std::to_string(i), PageOf(499), cache.Generation());
    }
    // 500 weight units each (499 stores + 1): at most two fit in 1000.
    int kept = 0;
    for (int i = 0; i < 10; ++i) {
        kept += cache.GetPage("p" + std::to_string(i)) != nullptr ? 1 : 0;
    }
    EXPECT_EQ(kept, 2);
    EXPECT_NE(cache.GetPage("p9"), nullptr) << "the newest page stays";
}

}  // namespace
}  // namespace store::infra::memory
