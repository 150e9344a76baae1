#include "domain/rollout.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace store::domain {
namespace {

const TimePoint kNow = TimePoint{} + std::chrono::hours(24 * 365 * 56);

std::vector<RolloutStore> Stores(int n) {
    std::vector<RolloutStore> stores;
    for (int i = 0; i < n; ++i) {
        stores.push_back({"id-" + std::to_string(i), "S-" + std::to_string(100 + i),
                          "Store " + std::to_string(i)});
    }
    return stores;
}

Rollout Make(int stores, RolloutShape shape) {
    return NewRollout("r1", "Spring", RolloutAction::kProvision, shape, Stores(stores), kNow);
}

std::vector<std::int64_t> Waves(const Rollout& rollout) {
    std::vector<std::int64_t> waves;
    for (const auto& item : rollout.items) {
        waves.push_back(item.wave);
    }
    return waves;
}

/// Starts every due store and finishes it (`fail` names the positions whose run fails).
void RunDue(Rollout& rollout, const std::vector<std::int64_t>& fail = {}) {
    for (const auto position : ItemsToStart(rollout, kNow)) {
        auto& item = rollout.items[position];
        MarkStarted(item, "run-" + item.store_id, kNow);
        const bool failed = std::find(fail.begin(), fail.end(), item.position) != fail.end();
        MarkFinished(item, !failed, failed ? std::optional<std::string>("pool full") : std::nullopt,
                     kNow);
    }
}

TEST(RolloutWaves, ACanaryThenBatchesOfTheRest) {
    const auto rollout = Make(8, {.canary_size = 1, .batch_size = 3});
    EXPECT_EQ(Waves(rollout), (std::vector<std::int64_t>{1, 2, 2, 2, 3, 3, 3, 4}));
    EXPECT_EQ(rollout.waves, 4);
    EXPECT_EQ(rollout.current_wave, 1);
    EXPECT_EQ(rollout.counts.pending, 8);
}

TEST(RolloutWaves, WithoutACanaryTheFirstBatchIsWaveOne) {
    EXPECT_EQ(Waves(Make(5, {.canary_size = 0, .batch_size = 2})),
              (std::vector<std::int64_t>{1, 1, 2, 2, 3}));
    // A canary larger than the selection takes every store: one wave.
    const auto all = Make(2, {.canary_size = 5, .batch_size = 2});
    EXPECT_EQ(Waves(all), (std::vector<std::int64_t>{1, 1}));
    EXPECT_EQ(all.waves, 1);
}

TEST(RolloutValidation, NamesEveryFieldOutOfRange) {
    const auto errors = ValidateRollout(
        " x",
        {.canary_size = 101, .batch_size = 0, .wait_seconds = 86401, .max_failure_percent = -1});
    std::vector<std::string> fields;
    for (const auto& error : errors) {
        fields.push_back(error.field);
    }
    EXPECT_EQ(fields, (std::vector<std::string>{"name", "canarySize", "batchSize", "waitSeconds",
                                                "maxFailurePercent"}));
    EXPECT_TRUE(ValidateRollout("Spring openings", {}).empty());
}

TEST(RolloutProgress, OnlyTheCurrentWaveStartsAndTheNextFollowsWhenItEnds) {
    auto rollout = Make(4, {.canary_size = 1, .batch_size = 2});
    EXPECT_EQ(ItemsToStart(rollout, kNow), (std::vector<std::size_t>{0}));
    MarkStarted(rollout.items[0], "run-0", kNow);
    EXPECT_FALSE(EndWaveIfDone(rollout, kNow)) << "the canary is still running";
    MarkFinished(rollout.items[0], true, std::nullopt, kNow);
    EXPECT_TRUE(EndWaveIfDone(rollout, kNow));
    EXPECT_EQ(rollout.current_wave, 2);
    EXPECT_EQ(ItemsToStart(rollout, kNow), (std::vector<std::size_t>{1, 2}));
    RunDue(rollout);
    EXPECT_TRUE(EndWaveIfDone(rollout, kNow));
    RunDue(rollout);
    EXPECT_TRUE(EndWaveIfDone(rollout, kNow));
    EXPECT_EQ(rollout.status, RolloutStatus::kCompleted);
    EXPECT_EQ(rollout.counts, (RolloutCounts{.succeeded = 4}));
    EXPECT_EQ(rollout.items[0].attempts, 1);
}

TEST(RolloutProgress, WaitsBetweenWavesAndPausesAfterTheCanaryOnce) {
    auto rollout = Make(
        3, {.canary_size = 1, .batch_size = 1, .wait_seconds = 60, .pause_after_canary = true});
    RunDue(rollout);
    EXPECT_TRUE(EndWaveIfDone(rollout, kNow));
    EXPECT_EQ(rollout.status, RolloutStatus::kPaused);
    EXPECT_TRUE(ItemsToStart(rollout, kNow).empty());
    EXPECT_EQ(Resume(rollout), "");
    EXPECT_EQ(ItemsToStart(rollout, kNow).size(), 1u) << "resuming starts the next wave at once";
    RunDue(rollout);
    EXPECT_TRUE(EndWaveIfDone(rollout, kNow));
    EXPECT_EQ(rollout.status, RolloutStatus::kRunning);
    ASSERT_TRUE(rollout.next_wave_at);
    EXPECT_EQ(*rollout.next_wave_at, kNow + std::chrono::seconds(60));
    EXPECT_TRUE(ItemsToStart(rollout, kNow + std::chrono::seconds(59)).empty());
    EXPECT_EQ(ItemsToStart(rollout, kNow + std::chrono::seconds(60)).size(), 1u);
}

TEST(RolloutHalting, AFailedCanaryHaltsWhateverTheLimit) {
    auto rollout = Make(5, {.canary_size = 2, .batch_size = 3, .max_failure_percent = 100});
    RunDue(rollout, {1});
    EXPECT_TRUE(EndWaveIfDone(rollout, kNow));
    EXPECT_EQ(rollout.status, RolloutStatus::kHalted);
    EXPECT_EQ(rollout.halted_reason, "the canary failed: 1 of 2 stores failed");
    EXPECT_TRUE(ItemsToStart(rollout, kNow).empty());
}

TEST(RolloutHalting, FailuresAboveTheLimitHaltAfterTheWaveAndAtItTheRolloutGoesOn) {
    auto rollout = Make(10, {.canary_size = 0, .batch_size = 5, .max_failure_percent = 20});
    RunDue(rollout, {0});  // 1 of 5 failed: 20%, not above
    EXPECT_TRUE(EndWaveIfDone(rollout, kNow));
    EXPECT_EQ(rollout.status, RolloutStatus::kRunning);
    RunDue(rollout, {5, 6});  // 3 of 10: 30%
    EXPECT_TRUE(EndWaveIfDone(rollout, kNow));
    EXPECT_EQ(rollout.status, RolloutStatus::kHalted);
    EXPECT_EQ(rollout.halted_reason,
              "3 of 10 finished stores failed (30%), above the limit of 20%");
    EXPECT_EQ(Resume(rollout),
              "cannot resume a rollout that is halted; retry its failed stores or abort it");
}

TEST(RolloutRetry, RunsOnlyTheFailedStoresAgainFromTheirEarliestWave) {
    auto rollout = Make(4, {.canary_size = 0, .batch_size = 2, .max_failure_percent = 100});
    RunDue(rollout, {1});
    EXPECT_TRUE(EndWaveIfDone(rollout, kNow));
    RunDue(rollout, {3});
    EXPECT_TRUE(EndWaveIfDone(rollout, kNow));
    EXPECT_EQ(rollout.status, RolloutStatus::kCompleted);
    EXPECT_EQ(rollout.counts, (RolloutCounts{.succeeded = 2, .failed = 2}));

    EXPECT_EQ(RetryFailed(rollout), "");
    EXPECT_EQ(rollout.status, RolloutStatus::kRunning);
    EXPECT_EQ(rollout.current_wave, 1);
    EXPECT_EQ(ItemsToStart(rollout, kNow), (std::vector<std::size_t>{1}));
    RunDue(rollout);
    EXPECT_TRUE(EndWaveIfDone(rollout, kNow));
    EXPECT_EQ(rollout.current_wave, 2);
    EXPECT_EQ(ItemsToStart(rollout, kNow), (std::vector<std::size_t>{3}));
    RunDue(rollout);
    EXPECT_TRUE(EndWaveIfDone(rollout, kNow));
    EXPECT_EQ(rollout.status, RolloutStatus::kCompleted);
    EXPECT_EQ(rollout.items[1].attempts, 2);
    EXPECT_EQ(rollout.items[0].attempts, 1) << "a store that succeeded is not run again";
    EXPECT_EQ(RetryFailed(rollout), "the rollout has no failed stores to retry");
}

TEST(RolloutActions, EachIsRefusedInTheStatusesThatDoNotAllowIt) {
    auto rollout = Make(3, {.canary_size = 1, .batch_size = 1});
    EXPECT_EQ(Resume(rollout), "cannot resume a rollout that is running");
    EXPECT_EQ(Pause(rollout), "");
    EXPECT_EQ(Pause(rollout), "cannot pause a rollout that is paused");
    EXPECT_TRUE(ItemsToStart(rollout, kNow).empty()) << "a paused rollout starts nothing";
    EXPECT_EQ(Abort(rollout, kNow), "");
    EXPECT_EQ(rollout.counts, (RolloutCounts{.cancelled = 3}));
    EXPECT_EQ(Abort(rollout, kNow), "cannot abort a rollout that is aborted");
    EXPECT_EQ(RetryFailed(rollout), "cannot retry the failed stores of a rollout that is aborted");
    EXPECT_EQ(Resume(rollout), "cannot resume a rollout that is aborted");
}

TEST(RolloutActions, AbortKeepsRunningStoresToBeRecorded) {
    auto rollout = Make(3, {.canary_size = 0, .batch_size = 2});
    MarkStarted(rollout.items[0], "run-0", kNow);
    EXPECT_EQ(Abort(rollout, kNow), "");
    EXPECT_EQ(rollout.counts, (RolloutCounts{.running = 1, .cancelled = 2}));
    MarkFinished(rollout.items[0], true, std::nullopt, kNow);
    EXPECT_FALSE(EndWaveIfDone(rollout, kNow)) << "an aborted rollout moves no further";
}

TEST(RolloutItems, AStoreThatCannotStartFailsWithTheReasonAndCountsAsAnAttempt) {
    RolloutItem item;
    MarkNotStarted(item, "cannot provision a store that is active", kNow);
    EXPECT_EQ(item.status, RolloutItemStatus::kFailed);
    EXPECT_EQ(item.attempts, 1);
    EXPECT_EQ(item.error, "cannot provision a store that is active");
    EXPECT_FALSE(item.run_id);
}

TEST(RolloutText, NamesRoundTrip) {
    for (const auto status :
         {RolloutStatus::kRunning, RolloutStatus::kPaused, RolloutStatus::kHalted,
          RolloutStatus::kAborted, RolloutStatus::kCompleted}) {
        EXPECT_EQ(ParseRolloutStatus(ToString(status)), status);
    }
    EXPECT_EQ(ParseRolloutAction("decommission"), RolloutAction::kDecommission);
    EXPECT_EQ(RunKindOf(RolloutAction::kDecommission), RunKind::kDecommission);
    EXPECT_FALSE(ParseRolloutItemStatus("done"));
}

}  // namespace
}  // namespace store::domain
