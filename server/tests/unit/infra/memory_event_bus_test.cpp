#include "infra/memory/memory_event_bus.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <utility>

namespace store::infra::memory {
namespace {

using app::ports::Event;

Event AnEvent() {
    app::ports::StoreChanged changed;
    changed.change = app::ports::StoreChange::kCreated;
    return Event{{}, std::move(changed)};
}

TEST(MemoryEventBus, DeliversToEverySubscriber) {
    MemoryEventBus bus;
    int first = 0;
    int second = 0;
    bus.Subscribe([&](const Event&) { ++first; });
    bus.Subscribe([&](const Event&) { ++second; });
    bus.Publish(AnEvent());
    bus.Publish(AnEvent());
    EXPECT_EQ(first, 2);
    EXPECT_EQ(second, 2);
}

TEST(MemoryEventBus, UnsubscribedHandlersGetNothing) {
    MemoryEventBus bus;
    int calls = 0;
    const auto id = bus.Subscribe([&](const Event&) { ++calls; });
    bus.Unsubscribe(id);
    bus.Publish(AnEvent());
    EXPECT_EQ(calls, 0);
    EXPECT_NO_THROW(bus.Unsubscribe(id)) << "unsubscribing twice is harmless";
}

TEST(MemoryEventBus, AThrowingHandlerNeitherEscapesNorStopsTheOthers) {
    MemoryEventBus bus;
    int calls = 0;
    bus.Subscribe([](const Event&) { throw std::runtime_error("broken subscriber"); });
    bus.Subscribe([&](const Event&) { ++calls; });
    EXPECT_NO_THROW(bus.Publish(AnEvent()));
    EXPECT_EQ(calls, 1);
}

TEST(MemoryEventBus, HandlersRunOutsideTheLock) {
    // A handler that subscribes or unsubscribes while being called would deadlock if the
    // bus held its mutex during the call.
    MemoryEventBus bus;
    std::uint64_t self = 0;
    int calls = 0;
    self = bus.Subscribe([&](const Event&) {
        ++calls;
        bus.Unsubscribe(self);
        bus.Subscribe([](const Event&) {});
    });
    bus.Publish(AnEvent());
    bus.Publish(AnEvent());
    EXPECT_EQ(calls, 1);
}

TEST(MemoryEventBus, PassesTheEventAsPublished) {
    MemoryEventBus bus;
    std::optional<Event> seen;
    bus.Subscribe([&](const Event& event) { seen = event; });
    app::ports::StoreChanged data;
    data.id = "x";
    const Event published{{}, data};
    bus.Publish(published);
    EXPECT_EQ(seen, published);
}

}  // namespace
}  // namespace store::infra::memory
