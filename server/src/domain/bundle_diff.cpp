#include "domain/bundle_diff.hpp"

#include <algorithm>
#include <map>

namespace store::domain {
namespace {

struct Line {
    std::string_view text;  // without its newline
    bool newline = true;    // false for a last line that has none
};

std::vector<Line> SplitLines(std::string_view text) {
    std::vector<Line> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.push_back({text.substr(start), false});
            break;
        }
        lines.push_back({text.substr(start, end - start), true});
        start = end + 1;
    }
    return lines;
}

bool Same(const Line& a, const Line& b) { return a.text == b.text && a.newline == b.newline; }

// One line of the edit script: ' ' kept, '-' removed (index in before), '+' added (in after).
struct Edit {
    char op;
    std::size_t before;
    std::size_t after;
};

// The edit script from a longest common subsequence of the lines (dynamic programming over
// the lines between the common prefix and suffix).
std::vector<Edit> EditScript(const std::vector<Line>& a, const std::vector<Line>& b) {
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && Same(a[prefix], b[prefix])) {
        ++prefix;
    }
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
           Same(a[a.size() - 1 - suffix], b[b.size() - 1 - suffix])) {
        ++suffix;
    }
    const std::size_t n = a.size() - prefix - suffix;
    const std::size_t m = b.size() - prefix - suffix;
    std::vector<Edit> script;
    for (std::size_t i = 0; i < prefix; ++i) {
        script.push_back({' ', i, i});
    }
    if (n * m > kMaxDiffCells) {
        for (std::size_t i = 0; i < n; ++i) {
            script.push_back({'-', prefix + i, 0});
        }
        for (std::size_t j = 0; j < m; ++j) {
            script.push_back({'+', 0, prefix + j});
        }
    } else {
        // lcs[i][j]: LCS length of a[prefix+i..] and b[prefix+j..]
        std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
        for (std::size_t i = n; i-- > 0;) {
            for (std::size_t j = m; j-- > 0;) {
                lcs[i][j] = Same(a[prefix + i], b[prefix + j])
                                ? lcs[i + 1][j + 1] + 1
                                : std::max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        std::size_t i = 0;
        std::size_t j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && Same(a[prefix + i], b[prefix + j])) {
                script.push_back({' ', prefix + i++, prefix + j++});
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                script.push_back({'+', 0, prefix + j++});
            } else {
                script.push_back({'-', prefix + i++, 0});
            }
        }
        // Removals before additions inside a run of changes, as diff(1) prints them.
        for (std::size_t k = 0; k < script.size();) {
            std::size_t end = k;
            while (end < script.size() && script[end].op != ' ') {
                ++end;
            }
            std::stable_partition(script.begin() + static_cast<std::ptrdiff_t>(k),
                                  script.begin() + static_cast<std::ptrdiff_t>(end),
                                  [](const Edit& e) { return e.op == '-'; });
            k = end + 1;
        }
    }
    for (std::size_t k = 0; k < suffix; ++k) {
        script.push_back({' ', a.size() - suffix + k, b.size() - suffix + k});
    }
    return script;
}

std::string Range(std::size_t first, std::size_t count) {
    // Unified diff ranges are 1-based; an empty range names the line before it.
    const std::size_t start = count == 0 ? first : first + 1;
    return count == 1 ? std::to_string(start) : std::to_string(start) + "," + std::to_string(count);
}

void AppendLine(std::string& out, char op, const Line& line) {
    out += op;
    out += line.text;
    out += '\n';
    if (!line.newline) {
        out += "\\ No newline at end of file\n";
    }
}

}  // namespace

std::string_view ToString(FileChange change) {
    switch (change) {
        case FileChange::kAdded: return "added";
        case FileChange::kRemoved: return "removed";
        case FileChange::kChanged: return "changed";
        case FileChange::kUnchanged: return "unchanged";
    }
    return "unchanged";
}

std::string UnifiedDiff(std::string_view before, std::string_view after, std::string_view from_path,
                        std::string_view to_path, int context) {
    if (before == after) {
        return {};
    }
    const auto a = SplitLines(before);
    const auto b = SplitLines(after);
    const auto script = EditScript(a, b);
    const auto ctx = static_cast<std::size_t>(std::max(0, context));
    std::string out = "--- " + std::string(from_path) + "\n+++ " + std::string(to_path) + "\n";
    std::size_t k = 0;
    while (k < script.size()) {
        // The next change, and the hunk around it: changes closer than 2*ctx share a hunk.
        while (k < script.size() && script[k].op == ' ') {
            ++k;
        }
        if (k == script.size()) {
            break;
        }
        std::size_t begin = k >= ctx ? k - ctx : 0;
        std::size_t end = k;
        while (true) {
            while (end < script.size() && script[end].op != ' ') {
                ++end;
            }
            std::size_t next = end;
            while (next < script.size() && script[next].op == ' ') {
                ++next;
            }
            if (next < script.size() && next - end <= 2 * ctx) {
                end = next;
                continue;
            }
            end = std::min(script.size(), end + ctx);
            break;
        }
        // Where the hunk starts in each text and how many lines of each it covers.
        std::size_t a_first = 0;
        std::size_t b_first = 0;
        bool a_seen = false;
        bool b_seen = false;
        std::size_t a_count = 0;
        std::size_t b_count = 0;
        for (std::size_t i = 0; i < begin; ++i) {
            if (script[i].op != '+') {
                a_first = script[i].before + 1;
            }
            if (script[i].op != '-') {
                b_first = script[i].after + 1;
            }
        }
        for (std::size_t i = begin; i < end; ++i) {
            if (script[i].op != '+') {
                if (!a_seen) {
                    a_first = script[i].before;
                }
                a_seen = true;
                ++a_count;
            }
            if (script[i].op != '-') {
                if (!b_seen) {
                    b_first = script[i].after;
                }
                b_seen = true;
                ++b_count;
            }
        }
        out += "@@ -" + Range(a_first, a_count) + " +" + Range(b_first, b_count) + " @@\n";
        for (std::size_t i = begin; i < end; ++i) {
            const auto& e = script[i];
            AppendLine(out, e.op, e.op == '+' ? b[e.after] : a[e.before]);
        }
        k = end;
    }
    return out;
}

std::vector<FileDiff> DiffBundles(const std::vector<BundleFile>& from,
                                  const std::vector<BundleFile>& to) {
    std::map<std::string, std::pair<const BundleFile*, const BundleFile*>> paths;
    for (const auto& file : from) {
        paths[file.path].first = &file;
    }
    for (const auto& file : to) {
        paths[file.path].second = &file;
    }
    std::vector<FileDiff> out;
    for (const auto& [path, pair] : paths) {
        const auto [before, after] = pair;
        FileDiff diff{path, FileChange::kUnchanged, {}};
        if (before == nullptr) {
            diff.change = FileChange::kAdded;
            diff.unified = UnifiedDiff("", after->content, "/dev/null", "b/" + path);
        } else if (after == nullptr) {
            diff.change = FileChange::kRemoved;
            diff.unified = UnifiedDiff(before->content, "", "a/" + path, "/dev/null");
        } else if (before->content != after->content) {
            diff.change = FileChange::kChanged;
            diff.unified = UnifiedDiff(before->content, after->content, "a/" + path, "b/" + path);
        }
        out.push_back(std::move(diff));
    }
    return out;
}

}  // namespace store::domain
