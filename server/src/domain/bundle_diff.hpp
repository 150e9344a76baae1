#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/config_render.hpp"

namespace store::domain {

/// How one file differs between two versions of a configuration bundle.
enum class FileChange { kAdded, kRemoved, kChanged, kUnchanged };
std::string_view ToString(FileChange change);

struct FileDiff {
    std::string path;
    FileChange change = FileChange::kUnchanged;
    /// A unified diff (`--- a/path`, `+++ b/path`, `@@` hunks with 3 lines of context); empty
    /// when the file is unchanged.
    std::string unified;
    bool operator==(const FileDiff&) const = default;
};

/// A unified diff of two texts, line by line (an LCS of the lines; a last line without a
/// newline is marked "\ No newline at end of file"). Empty when they are equal. When the
/// differing middles (after the common first and last lines) have more than kMaxDiffCells
/// line pairs, that middle is shown as replaced whole rather than compared line by line.
std::string UnifiedDiff(std::string_view before, std::string_view after, std::string_view from_path,
                        std::string_view to_path, int context = 3);
inline constexpr std::size_t kMaxDiffCells = 1'000'000;

/// Every file of either version, by path in ascending order, with its unified diff.
std::vector<FileDiff> DiffBundles(const std::vector<BundleFile>& from,
                                  const std::vector<BundleFile>& to);

}  // namespace store::domain
