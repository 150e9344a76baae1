#include "ws/hub.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <functional>

#include "infra/memory/memory_event_bus.hpp"
#include "ws/event_json.hpp"

namespace store::ws {
namespace {

using app::ports::Event;

// 2024-05-06T07:08:09.123456Z
const domain::TimePoint kTime =
    domain::TimePoint(std::chrono::sys_days(std::chrono::year_month_day{
        std::chrono::year(2024), std::chrono::month(5), std::chrono::day(6)})) +
    std::chrono::hours(7) + std::chrono::minutes(8) + std::chrono::seconds(9) +
    std::chrono::microseconds(123456);

Event StoreCreated() {
    app::ports::StoreChanged data;
    data.change = app::ports::StoreChange::kCreated;
    data.id = "s1";
    data.code = "NYC-000001";
    data.name = "Times \"Square\"";
    data.type = "flagship";
    data.status = domain::StoreStatus::kDraft;
    data.version = 1;
    data.actor = "jane";
    return Event{kTime, data};
}

Event StoreUpdated() {
    auto event = StoreCreated();
    std::get<app::ports::StoreChanged>(event.data).change = app::ports::StoreChange::kUpdated;
    return event;
}

// What a session is to the hub; records what it was given.
class RecordingSubscriber final : public Subscriber {
public:
    void Deliver(Message message) override {
        received.push_back(std::move(message));
        if (on_deliver) {
            on_deliver();
        }
    }
    void EndAccess() override { ++ended; }
    std::vector<Message> received;
    std::function<void()> on_deliver;
    int ended = 0;
};

// The wire format of docs/api.md ("Live events"), with the API's time form (milliseconds).
TEST(SerializeEvent, WritesTypeTimeAndTheDataMembersOfTheKind) {
    EXPECT_EQ(
        SerializeEvent(StoreCreated()),
        R"({"type":"store.created","time":"2024-05-06T07:08:09.123Z",)"
        R"("data":{"id":"s1","code":"NYC-000001","name":"Times \"Square\"","type":"flagship",)"
        R"("status":"draft","version":1,"actor":"jane"}})");
}

TEST(SerializeEvent, NamesEveryKindAsClientsRead) {
    const std::vector<std::pair<Event, std::string>> cases{
        {Event{kTime, app::ports::StepChanged{"r1", "s1", domain::RunKind::kProvision,
                                              domain::RunStatus::kRunning, "validate",
                                              domain::StepStatus::kRunning, 1, "m"}},
         R"("type":"run.step_changed")"},
        {Event{kTime, app::ports::RunFinished{"r1", "s1", domain::RunKind::kRollback,
                                              domain::RunStatus::kFailed, "boom"}},
         R"("data":{"runId":"r1","storeId":"s1","kind":"rollback","status":"failed","error":"boom"})"},
        {Event{kTime, app::ports::BreakerChanged{"vault", "closed", "open", "timeouts"}},
         R"("data":{"dependency":"vault","from":"closed","to":"open","reason":"timeouts"})"},
        {Event{kTime, app::ports::RolloutChanged{"r1", "Spring", domain::RolloutAction::kProvision,
                                                 domain::RolloutStatus::kHalted, 2, 3,
                                                 domain::RolloutCounts{1, 0, 2, 3, 0}, "jane"}},
         R"("data":{"id":"r1","name":"Spring","action":"provision","status":"halted",)"
         R"("currentWave":2,"waves":3,"counts":{"pending":1,"running":0,"succeeded":2,)"
         R"("failed":3,"cancelled":0},"actor":"jane"})"},
        {Event{kTime, app::ports::AlertRaised{"a1", "critical", "vault", "t", "m"}},
         R"("type":"alert.raised")"},
    };
    for (const auto& [event, expected] : cases) {
        EXPECT_NE(SerializeEvent(event).find(expected), std::string::npos) << SerializeEvent(event);
    }
}

// The relay between replicas carries events as the codec's text: every kind comes back equal.
TEST(JsonEventCodec, DecodesWhatItEncodesForEveryKind) {
    const JsonEventCodec codec;
    const std::vector<Event> events{
        StoreCreated(),
        Event{kTime, app::ports::StepChanged{"r1", "s1", domain::RunKind::kDecommission,
                                             domain::RunStatus::kRunning, "archive",
                                             domain::StepStatus::kFailed, 3, "gave up"}},
        Event{kTime, app::ports::RunFinished{"r1", "s1", domain::RunKind::kProvision,
                                             domain::RunStatus::kSucceeded, ""}},
        Event{kTime, app::ports::BreakerChanged{"redis", "open", "half_open", "probe"}},
        Event{kTime, app::ports::AlertRaised{"a1", "info", "redis", "redis recovered", "ok"}},
        Event{kTime, app::ports::AccessRevoked{"user:u1", 4}},
        Event{kTime, app::ports::CapacityChanged{"pool", "guest", "jane"}},
        Event{kTime,
              app::ports::RolloutChanged{"r1", "Spring", domain::RolloutAction::kDecommission,
                                         domain::RolloutStatus::kPaused, 1, 4,
                                         domain::RolloutCounts{5, 1, 2, 0, 3}, "jane"}},
    };
    for (const auto& event : events) {
        const auto decoded =
            codec.Decode(app::ports::TypeOf(event), event.time, codec.EncodeData(event));
        ASSERT_TRUE(decoded.has_value()) << codec.EncodeData(event);
        EXPECT_EQ(*decoded, event);
    }
}

TEST(JsonEventCodec, RefusesUnknownTypesAndDataThatDoesNotFit) {
    const JsonEventCodec codec;
    EXPECT_FALSE(codec.Decode("store.exploded", kTime, R"({"id":"s1"})"));
    EXPECT_FALSE(codec.Decode("store.created", kTime, R"({"id":"s1"})"));  // members missing
    EXPECT_FALSE(codec.Decode(
        "run.finished", kTime,
        R"({"runId":"r","storeId":"s","kind":"teleport","status":"failed","error":""})"));
    EXPECT_FALSE(codec.Decode("alert.raised", kTime, "not json"));
    // A rollout's counts are an object of five numbers: one missing spoils the event.
    EXPECT_FALSE(codec.Decode(
        "rollout.updated", kTime,
        R"({"id":"r","name":"n","action":"provision","status":"running","currentWave":1,)"
        R"("waves":1,"counts":{"pending":1,"running":0,"succeeded":0,"failed":0},"actor":"a"})"));
    EXPECT_FALSE(codec.Decode(
        "rollout.updated", kTime,
        R"({"id":"r","name":"n","action":"provision","status":"running","currentWave":1,)"
        R"("waves":1,"counts":3,"actor":"a"})"));
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
    bus.Publish(StoreCreated());
    bus.Publish(StoreUpdated());
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

TEST(Hub, EndsTheConnectionsOfASubjectOpenedBeforeTheNewEpoch) {
    infra::memory::MemoryEventBus bus;
    Hub hub(bus);
    auto old_session = std::make_shared<RecordingSubscriber>();
    auto new_session = std::make_shared<RecordingSubscriber>();
    auto other_user = std::make_shared<RecordingSubscriber>();
    auto bot = std::make_shared<RecordingSubscriber>();
    hub.Add(old_session, "user:u1", 2);
    hub.Add(new_session, "user:u1", 3);
    hub.Add(other_user, "user:u2", 0);
    hub.Add(bot, "token:t1", 0);
    hub.EndAccess("user:u1", 3);
    EXPECT_EQ(old_session->ended, 1);
    EXPECT_EQ(new_session->ended, 0) << "a token of the new epoch stays";
    EXPECT_EQ(other_user->ended, 0);
    hub.EndAccess("token:t1", 1);
    EXPECT_EQ(bot->ended, 1);
}

TEST(Hub, AConnectionRegisteredAfterItsAccessEndedIsClosedAtOnce) {
    // Authenticated a moment before the revocation, registered a moment after it: the
    // revocation has passed, so registering must end it.
    infra::memory::MemoryEventBus bus;
    Hub hub(bus);
    hub.EndAccess("user:u1", 3);
    auto late = std::make_shared<RecordingSubscriber>();
    auto current = std::make_shared<RecordingSubscriber>();
    auto other_user = std::make_shared<RecordingSubscriber>();
    hub.Add(late, "user:u1", 2);
    hub.Add(current, "user:u1", 3);
    hub.Add(other_user, "user:u2", 0);
    EXPECT_EQ(late->ended, 1);
    EXPECT_EQ(current->ended, 0);
    EXPECT_EQ(other_user->ended, 0);
}

TEST(Hub, AccessRevokedIsNotSentToClients) {
    infra::memory::MemoryEventBus bus;
    Hub hub(bus);
    auto subscriber = std::make_shared<RecordingSubscriber>();
    hub.Add(subscriber);
    bus.Publish(Event{kTime, app::ports::AccessRevoked{"user:u1", 4}});
    EXPECT_TRUE(subscriber->received.empty());
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
