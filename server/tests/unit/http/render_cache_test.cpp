// RenderCache: the JSON of an object the app cache holds is rendered once; an object nobody
// else holds is not remembered, and the bytes of objects the cache dropped do not pile up.
#include "http/render_cache.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace store::http {
namespace {

struct Doc {
    std::string text;
};

TEST(RenderCache, RendersAnObjectTheCacheHoldsOnce) {
    RenderCache<Doc> cache(16);
    const auto held = std::make_shared<const Doc>(Doc{"a"});
    const auto in_app_cache = held;  // the app cache's reference
    int renders = 0;
    const auto render = [&](const Doc& doc) {
        ++renders;
        return doc.text;
    };
    const auto first = cache.Get(held, render);
    const auto second = cache.Get(held, render);
    EXPECT_EQ(renders, 1);
    EXPECT_EQ(first, second);
    EXPECT_EQ(*second, "a");
}

// With the app cache off every request reads a new object: before the fix each one left its
// rendered bytes behind until 4,096 pages (1.9 GB of 500-store pages) had piled up.
TEST(RenderCache, DoesNotRememberAnObjectOnlyTheCallerHolds) {
    RenderCache<Doc> cache(4096);
    for (int i = 0; i < 100; ++i) {
        const auto fresh = std::make_shared<const Doc>(Doc{std::string(1000, 'x')});
        EXPECT_EQ(cache.Get(fresh, [](const Doc& doc) { return doc.text; })->size(), 1000u);
    }
    EXPECT_EQ(cache.Size(), 0u);
}

TEST(RenderCache, SweepsTheEntriesOfObjectsTheCacheDropped) {
    RenderCache<Doc> cache(4096);
    std::vector<std::shared_ptr<const Doc>> app_cache;
    for (std::size_t i = 0; i < 10 * RenderCache<Doc>::kSweepEvery; ++i) {
        auto doc = std::make_shared<const Doc>(Doc{"page"});
        app_cache.push_back(doc);
        cache.Get(doc, [](const Doc& d) { return d.text; });
        if (app_cache.size() > 4) {
            app_cache.erase(app_cache.begin());  // evicted: only 4 pages stay cached
        }
    }
    EXPECT_LE(cache.Size(), RenderCache<Doc>::kSweepEvery + 4);
}

}  // namespace
}  // namespace store::http
