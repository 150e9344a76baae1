#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/store.hpp"

namespace store::domain {

/// One changed field. `before`/`after` hold JSON text (e.g. `"Berlin"`, `4`, `["a","b"]`);
/// nullopt means the field was absent.
struct FieldChange {
    std::string field;
    std::optional<std::string> before;
    std::optional<std::string> after;
    bool operator==(const FieldChange&) const = default;
};

/// Field path -> JSON text of every leaf of a store's editable fields (plus status).
std::vector<std::pair<std::string, std::string>> Flatten(const StoreFields& fields);

/// The changed fields between two versions; either side may be absent (create / delete).
std::vector<FieldChange> Diff(const StoreFields* before, const StoreFields* after);

/// JSON string literal for `text` (quotes and escapes included).
std::string JsonQuote(std::string_view text);

}  // namespace store::domain
