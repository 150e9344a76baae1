// RedisStoreCache against a real redis-server started by the harness: round trips, precise
// invalidation, the generation guard across replicas, the TTL, and outages (SIGKILL, a
// server that stops answering) with the breaker driven by a fake clock.
#include "infra/redis/redis_store_cache.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/store_service.hpp"
#include "harness/redis_server.hpp"
#include "infra/crypto/sodium_crypto.hpp"
#include "infra/memory/memory_event_bus.hpp"
#include "infra/sqlite/sqlite_database.hpp"

namespace store::infra::redis {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class FakeClock final : public app::ports::Clock {
public:
    domain::TimePoint Now() const override { return now; }
    domain::TimePoint now{seconds(1'800'000'000)};
};

domain::Store MakeStore(const std::string& id, std::int64_t version = 1) {
    domain::Store store;
    store.id = id;
    store.version = version;
    store.status = domain::StoreStatus::kActive;
    store.fields.code = "NYC-" + id.substr(0, 3);
    store.fields.name = "Store \"" + id + "\" — ünïcode";
    store.fields.type = "standard";
    store.fields.location = {"5th Ave 1", "New York",         "NY",    "US",
                             "10001",     "America/New_York", 40.7527, -73.9772};
    store.fields.opening_date = "2027-03-01";
    store.fields.contact = {"Jane", "jane@example.com", "+1 212 555 0100"};
    store.fields.tags = {"pilot", "east"};
    store.fields.notes = "line 1\nline 2";
    store.fields.hardware_plan = {{"pos_terminal", 6}, {"router", 1}};
    store.fields.network_plan = {{"pos", 10, "10.20.0.0/24"},
                                 {"guest", std::nullopt, std::nullopt}};
    store.created_at = domain::TimePoint(std::chrono::microseconds(1'790'000'000'123'456));
    store.updated_at = domain::TimePoint(std::chrono::microseconds(1'790'000'100'654'321));
    store.created_by = "admin";
    store.updated_by = "jane";
    return store;
}

std::shared_ptr<const app::ports::Page<domain::Store>> MakePage(std::int64_t total) {
    auto page = std::make_shared<app::ports::Page<domain::Store>>();
    page->items = {MakeStore("a1"), MakeStore("b2", 3)};
    page->total = total;
    page->next_cursor = "cursor-xyz";
    return page;
}

resilience::BreakerSettings Settings() {
    resilience::BreakerSettings settings;
    settings.window_size = 10;
    settings.minimum_calls = 4;
    settings.failure_rate_threshold = 0.5;
    settings.slow_call_threshold = seconds(10);  // timeouts count as failures, not as slow
    settings.open_wait = seconds(5);
    settings.half_open_probes = 2;
    return settings;
}

/// One replica's view: its own breaker, client (pool) and cache, on the shared server.
struct Replica {
    Replica(const testing::RedisServer& server, const app::ports::Clock& clock,
            milliseconds timeout = milliseconds(200))
        : breaker("redis", Settings(), clock),
          client(*ParseRedisUrl(server.Url()), timeout, breaker),
          cache(client, RedisCacheSettings{"t:", seconds(60)}) {}
    resilience::CircuitBreaker breaker;
    RedisClient client;
    RedisStoreCache cache;
};

class RedisCacheTest : public ::testing::Test {
protected:
    testing::RedisServer server_;
    FakeClock clock_;
};

TEST(RedisUrl, ParsesHostPortDatabaseAndCredentials) {
    const auto plain = ParseRedisUrl("redis://cache.internal:6380/2");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->host, "cache.internal");
    EXPECT_EQ(plain->port, 6380);
    EXPECT_EQ(plain->db, 2);
    const auto secret = ParseRedisUrl("redis://app:s3cret@127.0.0.1");
    ASSERT_TRUE(secret);
    EXPECT_EQ(secret->user, "app");
    EXPECT_EQ(secret->password, "s3cret");
    EXPECT_EQ(secret->port, 6379);
    EXPECT_EQ(secret->db, 0);
    std::string error;
    EXPECT_FALSE(ParseRedisUrl("http://127.0.0.1:6379", &error));
    EXPECT_FALSE(ParseRedisUrl("redis://127.0.0.1:99999/0", &error));
    EXPECT_FALSE(ParseRedisUrl("redis://127.0.0.1:6379/x", &error));
}

TEST_F(RedisCacheTest, StoresAndPagesRoundTripExactly) {
    Replica replica(server_, clock_);
    auto& cache = replica.cache;
    const auto store = std::make_shared<const domain::Store>(MakeStore("s1"));
    const auto page = MakePage(42);
    const auto generation = cache.Generation();
    ASSERT_NE(generation, RedisStoreCache::kUnknownGeneration);
    EXPECT_EQ(cache.GetStore("s1"), nullptr);
    cache.PutStore(store, generation);
    cache.PutPage("q=1", page, generation);
    const auto cached = cache.GetStore("s1");
    ASSERT_NE(cached, nullptr);
    EXPECT_EQ(*cached, *store);
    const auto cached_page = cache.GetPage("q=1");
    ASSERT_NE(cached_page, nullptr);
    EXPECT_EQ(cached_page->items, page->items);
    EXPECT_EQ(cached_page->total, 42);
    EXPECT_EQ(cached_page->next_cursor, page->next_cursor);
    EXPECT_EQ(cache.GetPage("q=2"), nullptr);
    EXPECT_EQ(cache.Stats().hits, 2u);
    EXPECT_FALSE(cache.NonBlocking());
}

TEST_F(RedisCacheTest, InvalidationDropsTheStoreAndEveryPageButNotOtherStores) {
    Replica replica(server_, clock_);
    auto& cache = replica.cache;
    const auto generation = cache.Generation();
    cache.PutStore(std::make_shared<const domain::Store>(MakeStore("s1")), generation);
    cache.PutStore(std::make_shared<const domain::Store>(MakeStore("s2")), generation);
    cache.PutPage("q=1", MakePage(2), generation);
    cache.InvalidateStore("s1");
    EXPECT_EQ(cache.GetStore("s1"), nullptr);
    EXPECT_NE(cache.GetStore("s2"), nullptr);
    EXPECT_EQ(cache.GetPage("q=1"), nullptr);
    EXPECT_GT(cache.Generation(), generation);
}

TEST_F(RedisCacheTest, APutWithAGenerationFromBeforeAWriteIsRefusedOnEveryReplica) {
    Replica reader(server_, clock_);
    Replica writer(server_, clock_);
    const auto before = reader.cache.Generation();
    writer.cache.InvalidateStore(
        "s9");  // a write on another replica, after the reader's read began
    reader.cache.PutStore(std::make_shared<const domain::Store>(MakeStore("s1")), before);
    reader.cache.PutPage("q=1", MakePage(1), before);
    EXPECT_EQ(reader.cache.GetStore("s1"), nullptr);
    EXPECT_EQ(writer.cache.GetPage("q=1"), nullptr);
    // With the current generation it is accepted, and the other replica sees it.
    const auto now = reader.cache.Generation();
    reader.cache.PutPage("q=1", MakePage(1), now);
    EXPECT_NE(writer.cache.GetPage("q=1"), nullptr);
    writer.cache.InvalidateStore("s9");
    EXPECT_EQ(reader.cache.GetPage("q=1"), nullptr);
}

TEST_F(RedisCacheTest, EntriesCarryTheConfiguredTtl) {
    Replica replica(server_, clock_);
    const auto generation = replica.cache.Generation();
    replica.cache.PutStore(std::make_shared<const domain::Store>(MakeStore("s1")), generation);
    replica.cache.PutPage("q=1", MakePage(1), generation);
    for (const char* key : {"t:s:s1", "t:p:q=1"}) {
        const int ttl = std::stoi(server_.Cli(std::string("TTL '") + key + "'"));
        EXPECT_GT(ttl, 0) << key;
        EXPECT_LE(ttl, 60) << key;
    }
    // The generation itself never expires.
    EXPECT_EQ(server_.Cli("TTL t:gen"), "-1");
}

TEST_F(RedisCacheTest, KilledRedisMeansMissesAndAnOpenBreakerThenRecoveryWithoutStaleData) {
    Replica replica(server_, clock_);
    auto& cache = replica.cache;
    const auto generation = cache.Generation();
    cache.PutStore(std::make_shared<const domain::Store>(MakeStore("s1")), generation);
    ASSERT_NE(cache.GetStore("s1"), nullptr);

    server_.Kill();
    EXPECT_EQ(cache.GetStore("s1"), nullptr);
    EXPECT_EQ(cache.GetPage("q=1"), nullptr);
    EXPECT_EQ(cache.Generation(), RedisStoreCache::kUnknownGeneration);
    EXPECT_NO_THROW(
        cache.PutStore(std::make_shared<const domain::Store>(MakeStore("s2")), generation));
    EXPECT_NO_THROW(cache.PutPage("q=1", MakePage(1), generation));
    EXPECT_NO_THROW(cache.InvalidateStore("s1"));
    EXPECT_TRUE(cache.RepairPending());
    for (int i = 0; i < 10 && replica.breaker.State() != resilience::BreakerState::kOpen; ++i) {
        EXPECT_EQ(cache.GetStore("s1"), nullptr);
    }
    EXPECT_EQ(replica.breaker.State(), resilience::BreakerState::kOpen);
    const auto rejected_before = replica.breaker.Status().rejected;
    EXPECT_EQ(cache.GetStore("s1"), nullptr);  // refused by the breaker, no network call
    EXPECT_GT(replica.breaker.Status().rejected, rejected_before);

    server_.Restart();
    EXPECT_EQ(cache.GetStore("s1"), nullptr);  // still open: the wait is not over
    clock_.now += seconds(5);
    // Probes: the repair runs first, then the calls themselves; the breaker closes.
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(cache.GetStore("s1"), nullptr);
    }
    EXPECT_EQ(replica.breaker.State(), resilience::BreakerState::kClosed);
    EXPECT_FALSE(cache.RepairPending());
    EXPECT_EQ(cache.Stats().repairs, 1u);
    // Caching resumes.
    const auto fresh = cache.Generation();
    ASSERT_NE(fresh, RedisStoreCache::kUnknownGeneration);
    cache.PutStore(std::make_shared<const domain::Store>(MakeStore("s1", 2)), fresh);
    const auto cached = cache.GetStore("s1");
    ASSERT_NE(cached, nullptr);
    EXPECT_EQ(cached->version, 2);
}

TEST_F(RedisCacheTest, ALostInvalidationIsRepairedBeforeAnythingIsServedAgain) {
    // Redis keeps its data but stops answering for a while (CLIENT PAUSE): the write's
    // invalidation times out, the old entry is still in Redis afterwards.
    Replica writer(server_, clock_, milliseconds(100));
    Replica other(server_, clock_);
    const auto generation = writer.cache.Generation();
    writer.cache.PutStore(std::make_shared<const domain::Store>(MakeStore("s1", 1)), generation);
    writer.cache.PutPage("q=1", MakePage(1), generation);
    ASSERT_NE(other.cache.GetStore("s1"), nullptr);

    server_.Cli("CLIENT PAUSE 1500 ALL");
    writer.cache.InvalidateStore("s1");  // the write committed; this is lost
    EXPECT_TRUE(writer.cache.RepairPending());
    EXPECT_EQ(writer.cache.Stats().missed_invalidations, 1u);
    // Once Redis answers again, the entry is still there...
    for (int i = 0; i < 100 && server_.Cli("PING") != "PONG"; ++i) {
    }
    ASSERT_EQ(server_.Cli("EXISTS t:s:s1"), "1");
    // ...but this replica repairs before reading: neither it nor any other serves it.
    EXPECT_EQ(writer.cache.GetStore("s1"), nullptr);
    EXPECT_FALSE(writer.cache.RepairPending());
    EXPECT_EQ(other.cache.GetStore("s1"), nullptr);
    EXPECT_EQ(other.cache.GetPage("q=1"), nullptr);
}

// The rule of the port, end to end through the use case: two replicas (two services, each
// with its own Redis client) on one database; a write acknowledged on one is never answered
// from the cache on the other.
TEST_F(RedisCacheTest, AWriteOnOneReplicaIsSeenByTheNextReadOnAnother) {
    namespace fs = std::filesystem;
    crypto::SodiumRandom random;
    const fs::path dir = fs::temp_directory_path() / ("store-redis-" + random.NewUuid());
    fs::create_directories(dir);
    {
        sqlite::SqliteDatabase database((dir / "store.db").string(), 4);
        database.Migrate();
        memory::MemoryEventBus events;
        Replica a(server_, clock_);
        Replica b(server_, clock_);
        app::StoreService service_a(database, a.cache, clock_, random, events);
        app::StoreService service_b(database, b.cache, clock_, random, events);
        const app::RequestMeta meta{{"u1", "jane", domain::Role::kOperator}, "req-1", ""};

        auto fields = MakeStore("x").fields;
        fields.code = "NYC-001";
        const auto created = service_a.Create(fields, meta);
        EXPECT_EQ(service_b.Get(created.id)->version, 1);  // b caches it
        EXPECT_EQ(service_b.Get(created.id)->version, 1);  // a hit
        domain::StoreQuery query;
        EXPECT_EQ(service_b.List(query)->items.at(0).fields.name, fields.name);
        EXPECT_GE(b.cache.Stats().hits, 1u);
        EXPECT_EQ(service_b.GetCached(created.id), nullptr);  // no network-thread fast path

        service_a.Update(
            created.id, 1,
            [](domain::StoreFields f) {
                f.name = "Renamed";
                return f;
            },
            meta);
        EXPECT_EQ(service_b.Get(created.id)->version, 2);
        EXPECT_EQ(service_b.List(query)->items.at(0).fields.name, "Renamed");
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace store::infra::redis
