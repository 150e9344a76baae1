#include "ws/outbound_queue.hpp"

#include <gtest/gtest.h>

namespace store::ws {
namespace {

Message Text(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

TEST(OutboundQueue, FirstMessageStartsAWriteAndLaterOnesWait) {
    OutboundQueue queue(4);
    EXPECT_FALSE(queue.Writing());
    EXPECT_EQ(queue.Push(Text("a")), OutboundQueue::PushResult::kStartWriting);
    EXPECT_EQ(queue.Push(Text("b")), OutboundQueue::PushResult::kQueued);
    EXPECT_EQ(queue.Push(Text("c")), OutboundQueue::PushResult::kQueued);
    EXPECT_TRUE(queue.Writing());
    EXPECT_EQ(queue.Size(), 3u);
}

TEST(OutboundQueue, WritesOneAtATimeInOrder) {
    OutboundQueue queue(4);
    queue.Push(Text("a"));
    queue.Push(Text("b"));
    EXPECT_EQ(*queue.Front(), "a");
    EXPECT_TRUE(queue.Pop()) << "b still waits";
    EXPECT_EQ(*queue.Front(), "b");
    EXPECT_FALSE(queue.Pop()) << "nothing left: the writer stops";
    EXPECT_FALSE(queue.Writing());
    EXPECT_EQ(queue.Push(Text("c")), OutboundQueue::PushResult::kStartWriting)
        << "an idle queue starts the next write again";
}

TEST(OutboundQueue, OverflowDropsEverythingAndStaysOverflowed) {
    OutboundQueue queue(3);
    queue.Push(Text("a"));  // being written, the client does not read
    queue.Push(Text("b"));
    queue.Push(Text("c"));
    EXPECT_EQ(queue.Push(Text("d")), OutboundQueue::PushResult::kOverflow);
    EXPECT_TRUE(queue.Overflowed());
    EXPECT_EQ(queue.Size(), 0u) << "memory of a slow client is released at once";
    EXPECT_EQ(queue.Push(Text("e")), OutboundQueue::PushResult::kOverflow)
        << "a disconnected client gets nothing more";
    EXPECT_EQ(queue.Size(), 0u);
}

TEST(OutboundQueue, NeverHoldsMoreThanTheLimit) {
    OutboundQueue queue(256);
    std::size_t most = 0;
    for (int i = 0; i < 10'000; ++i) {
        queue.Push(Text("event"));
        most = std::max(most, queue.Size());
    }
    EXPECT_EQ(most, 256u);
    EXPECT_TRUE(queue.Overflowed());
}

TEST(OutboundQueue, AClientThatKeepsUpNeverOverflows) {
    OutboundQueue queue(2);
    for (int i = 0; i < 1000; ++i) {
        ASSERT_NE(queue.Push(Text("x")), OutboundQueue::PushResult::kOverflow);
        ASSERT_NE(queue.Push(Text("y")), OutboundQueue::PushResult::kOverflow);
        while (queue.Pop()) {
        }
    }
    EXPECT_FALSE(queue.Overflowed());
}

TEST(OutboundQueue, ClearKeepsTheMessageBeingWrittenAliveForItsOwner) {
    OutboundQueue queue(2);
    queue.Push(Text("in flight"));
    const Message writing = queue.Front();  // what the session's write handler holds
    queue.Clear();
    EXPECT_FALSE(queue.Writing());
    EXPECT_EQ(*writing, "in flight");
}

TEST(OutboundQueue, ZeroLimitMeansOneMessage) {
    OutboundQueue queue(0);
    EXPECT_EQ(queue.Limit(), 1u);
    EXPECT_EQ(queue.Push(Text("a")), OutboundQueue::PushResult::kStartWriting);
    EXPECT_EQ(queue.Push(Text("b")), OutboundQueue::PushResult::kOverflow);
}

}  // namespace
}  // namespace store::ws
