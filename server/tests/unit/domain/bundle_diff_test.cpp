#include "domain/bundle_diff.hpp"

#include <gtest/gtest.h>

namespace store::domain {
namespace {

// Expected texts are what GNU diff -u prints for the same inputs (headers aside).

TEST(UnifiedDiff, EqualTextsHaveNoDiff) {
    EXPECT_EQ(UnifiedDiff("a\nb\n", "a\nb\n", "a", "b"), "");
}

TEST(UnifiedDiff, DistantChangesGetTheirOwnHunksWithThreeLinesOfContext) {
    EXPECT_EQ(UnifiedDiff("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nk\n",
                          "a/f", "b/f"),
              "--- a/f\n+++ b/f\n"
              "@@ -1,6 +1,6 @@\n a\n b\n-c\n+C\n d\n e\n f\n"
              "@@ -8,3 +8,4 @@\n h\n i\n j\n+k\n");
}

TEST(UnifiedDiff, MarksALastLineWithoutNewline) {
    EXPECT_EQ(UnifiedDiff("x\ny\n", "x\ny", "a/f", "b/f"),
              "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n x\n-y\n+y\n\\ No newline at end of file\n");
}

TEST(UnifiedDiff, ReplacementsInTheMiddleOfALongFile) {
    std::string before;
    std::string after;
    for (int i = 1; i <= 20; ++i) {
        before += std::to_string(i) + "\n";
        after += (i == 2 ? std::string("two") : i == 18 ? "eighteen" : std::to_string(i)) + "\n";
    }
    EXPECT_EQ(UnifiedDiff(before, after, "a/f", "b/f"),
              "--- a/f\n+++ b/f\n"
              "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
              "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n");
}

TEST(UnifiedDiff, AddedAndRemovedFilesCountFromLineZero) {
    EXPECT_EQ(UnifiedDiff("", "a\nb\n", "/dev/null", "b/f"),
              "--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    EXPECT_EQ(UnifiedDiff("a\n", "", "a/f", "/dev/null"),
              "--- a/f\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n");
}

TEST(UnifiedDiff, RemovalsComeBeforeAdditionsInAChange) {
    EXPECT_EQ(UnifiedDiff("a\nb\nc\n", "a\nx\ny\nc\n", "a/f", "b/f"),
              "--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n a\n-b\n+x\n+y\n c\n");
}

TEST(DiffBundles, EveryPathOnceInOrderWithItsChange) {
    const std::vector<BundleFile> from{
        {"router.conf", "vlan 10\n"}, {"old.txt", "x\n"}, {"README.txt", "same\n"}};
    const std::vector<BundleFile> to{
        {"README.txt", "same\n"}, {"router.conf", "vlan 20\n"}, {"new.txt", "y\n"}};
    const auto diffs = DiffBundles(from, to);
    ASSERT_EQ(diffs.size(), 4u);
    EXPECT_EQ(diffs[0].path, "README.txt");
    EXPECT_EQ(diffs[0].change, FileChange::kUnchanged);
    EXPECT_EQ(diffs[0].unified, "");
    EXPECT_EQ(diffs[1].path, "new.txt");
    EXPECT_EQ(diffs[1].change, FileChange::kAdded);
    EXPECT_EQ(diffs[1].unified, "--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+y\n");
    EXPECT_EQ(diffs[2].path, "old.txt");
    EXPECT_EQ(diffs[2].change, FileChange::kRemoved);
    EXPECT_EQ(diffs[3].path, "router.conf");
    EXPECT_EQ(diffs[3].change, FileChange::kChanged);
    EXPECT_EQ(diffs[3].unified,
              "--- a/router.conf\n+++ b/router.conf\n@@ -1 +1 @@\n-vlan 10\n+vlan 20\n");
}

TEST(UnifiedDiff, HugeTextsAreShownAsReplacedWhole) {
    std::string before;
    std::string after;
    for (std::size_t i = 0; i < 1010; ++i) {  // 1010 x 1010 > kMaxDiffCells
        before += "b" + std::to_string(i) + "\n";
        after += "a" + std::to_string(i) + "\n";
    }
    const auto diff = UnifiedDiff(before, after, "a/f", "b/f");
    EXPECT_NE(diff.find("@@ -1,1010 +1,1010 @@\n-b0\n"), std::string::npos);
}

}  // namespace
}  // namespace store::domain
