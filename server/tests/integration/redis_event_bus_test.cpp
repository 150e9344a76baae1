// Live-event fan-out across replicas against real servers started by the harness: Redis
// pub/sub (RedisEventBus) and PostgreSQL LISTEN/NOTIFY (PostgresNotifyEventBus). Each test
// builds two buses — two replicas — on one server. Waits are bounded polls, not sleeps.
#include "infra/redis/redis_event_bus.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "harness/postgres_server.hpp"
#include "harness/redis_server.hpp"
#include "infra/postgres/notify_event_bus.hpp"
#include "infra/system_clock.hpp"
#include "ws/event_json.hpp"

namespace store::infra {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

/// Collects the events a bus delivers to one subscriber.
class Inbox {
public:
    explicit Inbox(app::ports::EventBus& bus) : bus_(bus) {
        id_ = bus_.Subscribe([this](const app::ports::Event& event) {
            std::lock_guard lock(mutex_);
            events_.push_back(event);
            arrived_.notify_all();
        });
    }
    ~Inbox() { bus_.Unsubscribe(id_); }

    /// Waits (bounded) until `count` events arrived; returns them.
    std::vector<app::ports::Event> Wait(std::size_t count,
                                        milliseconds limit = milliseconds(10000)) {
        std::unique_lock lock(mutex_);
        arrived_.wait_for(lock, limit, [&] { return events_.size() >= count; });
        return events_;
    }
    std::vector<app::ports::Event> Events() {
        std::lock_guard lock(mutex_);
        return events_;
    }

private:
    app::ports::EventBus& bus_;
    std::uint64_t id_ = 0;
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::vector<app::ports::Event> events_;
};

app::ports::Event MakeEvent(const std::string& type) {
    const domain::TimePoint time(std::chrono::microseconds(1'800'000'000'123'456));
    if (type == "system.breaker_changed") {
        return {time, app::ports::BreakerChanged{"redis", "closed", "open", "timeouts"}};
    }
    app::ports::StoreChanged store;
    store.change = type == "store.created"   ? app::ports::StoreChange::kCreated
                   : type == "store.deleted" ? app::ports::StoreChange::kDeleted
                                             : app::ports::StoreChange::kUpdated;
    store.id = "s1";
    store.code = "NYC-000001";
    store.version = 3;
    return {time, store};
}

std::string TypeName(const app::ports::Event& event) {
    return std::string(app::ports::TypeOf(event));
}

const ws::JsonEventCodec kCodec;

/// Polls `condition` every 10 ms, at most ~10 s.
bool Eventually(const std::function<bool()>& condition) {
    for (int i = 0; i < 1000; ++i) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(milliseconds(10));
    }
    return condition();
}

resilience::BreakerSettings Settings() {
    resilience::BreakerSettings settings;
    settings.open_wait = milliseconds(100);
    return settings;
}

/// Publishes on `a` until `b` delivers it (a bus may connect a moment after another
/// published); then checks what each side saw.
void ExpectFanOut(RelayEventBus& a, RelayEventBus& b) {
    Inbox local(a);
    Inbox remote(b);
    ASSERT_TRUE(Eventually([&] { return a.Connected() && b.Connected(); }));
    a.Publish(MakeEvent("store.created"));
    const auto received = remote.Wait(1);
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0], MakeEvent("store.created")) << "typed data and time arrive intact";
    // The publisher's own subscribers got it once, at once, not again from the echo.
    ASSERT_TRUE(Eventually([&] { return a.Stats().sent == 1; }));
    b.Publish(MakeEvent("store.updated"));
    ASSERT_EQ(local.Wait(2).size(), 2u);
    EXPECT_EQ(TypeName(local.Events()[0]), "store.created");
    EXPECT_EQ(TypeName(local.Events()[1]), "store.updated");
    // Events about a replica's own state stay local.
    a.Publish(MakeEvent("system.breaker_changed"));
    a.Publish(MakeEvent("store.deleted"));
    const auto later = remote.Wait(3);
    ASSERT_EQ(later.size(), 3u);
    EXPECT_EQ(TypeName(later[2]), "store.deleted");
}

TEST(RedisEventBus, EventsPublishedOnOneReplicaReachTheSubscribersOfAnother) {
    testing::RedisServer server;
    SystemClock clock;
    resilience::CircuitBreaker breaker_a("redis", Settings(), clock);
    resilience::CircuitBreaker breaker_b("redis", Settings(), clock);
    const auto endpoint = *redis::ParseRedisUrl(server.Url());
    redis::RedisEventBus a(endpoint, milliseconds(500), breaker_a, "t:events", "replica-a", kCodec);
    redis::RedisEventBus b(endpoint, milliseconds(500), breaker_b, "t:events", "replica-b", kCodec);
    ExpectFanOut(a, b);
}

TEST(RedisEventBus, TheSubscriberReconnectsAfterRedisWasKilled) {
    testing::RedisServer server;
    SystemClock clock;
    resilience::CircuitBreaker breaker_a("redis", Settings(), clock);
    resilience::CircuitBreaker breaker_b("redis", Settings(), clock);
    const auto endpoint = *redis::ParseRedisUrl(server.Url());
    redis::RedisEventBus a(endpoint, milliseconds(500), breaker_a, "t:events", "replica-a", kCodec);
    redis::RedisEventBus b(endpoint, milliseconds(500), breaker_b, "t:events", "replica-b", kCodec);
    ASSERT_TRUE(Eventually([&] { return a.Connected() && b.Connected(); }));

    server.Kill();
    ASSERT_TRUE(Eventually([&] { return !a.Connected() && !b.Connected(); }));
    Inbox local(a);
    a.Publish(MakeEvent("store.created"));  // delivered here, lost for the others; no throw
    EXPECT_EQ(local.Wait(1).size(), 1u);

    server.Restart();
    ExpectFanOut(a, b);
    EXPECT_GE(b.Stats().reconnects, 2u);
}

TEST(PostgresNotifyEventBus, EventsPublishedOnOneReplicaReachTheSubscribersOfAnother) {
    auto& server = testing::PostgresServer::Shared();
    SystemClock clock;
    resilience::CircuitBreaker breaker_a("database-notify", Settings(), clock);
    resilience::CircuitBreaker breaker_b("database-notify", Settings(), clock);
    postgres::NotifySettings settings;
    settings.url = server.Url();
    settings.channel = "store_events_test";
    postgres::PostgresNotifyEventBus a(settings, breaker_a, "replica-a", kCodec);
    postgres::PostgresNotifyEventBus b(settings, breaker_b, "replica-b", kCodec);
    ExpectFanOut(a, b);
}

TEST(PostgresNotifyEventBus, AnEventTooLargeForNotifyStaysLocal) {
    auto& server = testing::PostgresServer::Shared();
    SystemClock clock;
    resilience::CircuitBreaker breaker_a("database-notify", Settings(), clock);
    resilience::CircuitBreaker breaker_b("database-notify", Settings(), clock);
    postgres::NotifySettings settings;
    settings.url = server.Url();
    settings.channel = "store_events_large";
    postgres::PostgresNotifyEventBus a(settings, breaker_a, "replica-a", kCodec);
    postgres::PostgresNotifyEventBus b(settings, breaker_b, "replica-b", kCodec);
    ASSERT_TRUE(Eventually([&] { return a.Connected() && b.Connected(); }));
    Inbox local(a);
    Inbox remote(b);
    auto large = MakeEvent("store.updated");
    std::get<app::ports::StoreChanged>(large.data).name = std::string(9000, 'x');
    a.Publish(large);
    a.Publish(MakeEvent("store.created"));
    ASSERT_EQ(remote.Wait(1).size(), 1u);
    EXPECT_EQ(TypeName(remote.Events()[0]), "store.created");  // the large one never went out
    EXPECT_EQ(local.Wait(2).size(), 2u);
    EXPECT_EQ(a.Stats().dropped, 1u);
}

}  // namespace
}  // namespace store::infra
