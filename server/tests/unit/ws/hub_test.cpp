#include "ws/hub.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <functional>

#include "infra/memory/memory_event_bus.hpp"

namespace store::ws {
namespace {

using app::ports::Event;

// 2024-05-06T07:08:09.123456Z
const domain::TimePoint kTime = domain::TimePoint(std::chrono::sys_days(
                                    std::chrono::year_month_day{std::chrono::year(2024),
                                                                std::chrono::month(5),
                                                                std::chrono::day(6)})) +
                                std::chrono::hours(7) + std::chrono::minutes(8) +
                                std::chrono::seconds(9) + std::chrono::microseconds(123456);

Event StoreCreated() { return Event{"store.created", kTime, R"({"id":"s1","code":"NYC-000001"})"}; }

// What a session is to the hub; records what it was given.
class RecordingSubscriber final : public Subscriber {
public:
    void Deliver(Message message) override {
        received.push_back(std::move(message));
        if (on_deliver) {
            on_deliver();
        }
    }
    std::vector<Message> received;
    std::function<void()> on_deliver;
};

TEST(SerializeEvent, WritesTypeTimeAndDataVerbatim) {
    EXPECT_EQ(SerializeEvent(StoreCreated()),
              R"({"type":"store.created","time":"2024-05-06T07:08:09.123456Z",)"
              R"("data":{"id":"s1","code":"NYC-000001"}})");
}

TEST(SerializeEvent, IsValidJsonEvenForOddTypesAndNoData) {
    const std::string text = SerializeEvent(Event{"odd \"type\"\n", kTime, ""});
    const auto parsed = boost::json::parse(text);
    EXPECT_EQ(parsed.at("type").as_string(), "odd \"type\"\n");
    EXPECT_TRUE(parsed.at("data").is_null());
}

TEST(Hub, SerialisesEachEventOnceIntoOneSharedBuffer) {
    infra::memory::MemoryEventBus bus;
    Hub hub(bus);
    auto first = std::make_shared<RecordingSubscriber>();
    auto second = std::make_shared<RecordingSubscriber>();
    hub.Add(first);
    hub.Add(second);

    bus.Publish(StoreCreated());

    ASSERT_EQ(first->received.size(), 1u);
    ASSERT_EQ(second->received.size(), 1u);
    EXPECT_EQ(first->received[0].get(), second->received[0].get())
        << "every session gets the same buffer, not a copy";
    EXPECT_EQ(*first->received[0], SerializeEvent(StoreCreated()));
}

TEST(Hub, FansOutEveryEventInOrder) {
    infra::memory::MemoryEventBus bus;
    Hub hub(bus);
    auto subscriber = std::make_shared<RecordingSubscriber>();
    hub.Add(subscriber);
    bus.Publish(Event{"store.created", kTime, "1"});
    bus.Publish(Event{"store.updated", kTime, "2"});
    ASSERT_EQ(subscriber->received.size(), 2u);
    EXPECT_NE(subscriber->received[0]->find("store.created"), std::string::npos);
    EXPECT_NE(subscriber->received[1]->find("store.updated"), std::string::npos);
}

TEST(Hub, RemovedSubscribersGetNothingAndAreNotCounted) {
    infra::memory::MemoryEventBus bus;
    Hub hub(bus);
    auto kept = std::make_shared<RecordingSubscriber>();
    auto removed = std::make_shared<RecordingSubscriber>();
    hub.Add(kept);
    const auto id = hub.Add(removed);
    EXPECT_EQ(hub.Size(), 2u);
    hub.Remove(id);
    EXPECT_EQ(hub.Size(), 1u);
    bus.Publish(StoreCreated());
    EXPECT_EQ(kept->received.size(), 1u);
    EXPECT_TRUE(removed->received.empty());
}

TEST(Hub, SkipsSessionsThatAreGone) {
    infra::memory::MemoryEventBus bus;
    Hub hub(bus);
    auto gone = std::make_shared<RecordingSubscriber>();
    hub.Add(gone);
    gone.reset();  // held weakly: the hub does not keep a session alive
    EXPECT_NO_THROW(bus.Publish(StoreCreated()));
}

TEST(Hub, ASubscriberMayLeaveWhileReceiving) {
    // Delivery happens outside the hub's lock, so a session that unregisters from inside
    // Deliver (it closes) does not deadlock.
    infra::memory::MemoryEventBus bus;
    Hub hub(bus);
    auto subscriber = std::make_shared<RecordingSubscriber>();
    const auto id = hub.Add(subscriber);
    subscriber->on_deliver = [&hub, id] { hub.Remove(id); };
    bus.Publish(StoreCreated());
    bus.Publish(StoreCreated());
    EXPECT_EQ(subscriber->received.size(), 1u);
    EXPECT_EQ(hub.Size(), 0u);
}

TEST(Hub, UnsubscribesFromTheBusWhenDestroyed) {
    infra::memory::MemoryEventBus bus;
    auto subscriber = std::make_shared<RecordingSubscriber>();
    {
        Hub hub(bus);
        hub.Add(subscriber);
    }
    EXPECT_NO_THROW(bus.Publish(StoreCreated()));
    EXPECT_TRUE(subscriber->received.empty());
}

}  // namespace
}  // namespace store::ws
