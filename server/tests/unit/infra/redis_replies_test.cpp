#include "infra/redis/redis_client.hpp"

#include <gtest/gtest.h>

#include "app/errors.hpp"

namespace store::infra::redis {
namespace {

TEST(RedisReplies, DecodesCompleteRepliesOfEveryKind) {
    const auto replies = DecodeReplies("+OK\r\n:42\r\n$3\r\nabc\r\n*2\r\n$1\r\na\r\n$-1\r\n");
    ASSERT_EQ(replies.size(), 4u);
    EXPECT_EQ(replies[2].text, "abc");
    ASSERT_EQ(replies[3].elements.size(), 2u);
    EXPECT_EQ(replies[3].elements[0].text, "a");
}

// fuzz_redis: 13 bytes announcing 300 million elements made hiredis allocate 2.4 GB up front
// (fuzz/open-findings/redis-oom-multibulk-length). Such a reply is refused as a protocol error.
TEST(RedisReplies, RefusesAnArrayAnnouncingMoreElementsThanAnyAnswerHas) {
    try {
        const auto replies = DecodeReplies("*300000055\r\n");
        FAIL() << "accepted; replies: " << replies.size();
    } catch (const app::AppError& error) {
        EXPECT_EQ(error.code(), app::ErrorCode::kDependencyUnavailable);
    }
    EXPECT_EQ(DecodeReplies("*2\r\n:1\r\n:2\r\n").at(0).elements.size(), 2u);
}

}  // namespace
}  // namespace store::infra::redis
