#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "domain/store.hpp"
#include "domain/store_template.hpp"

namespace store::domain {

/// A value in an audit diff: null, a boolean, an integer, a number, text, a list, or a record
/// of named values in order. Typed, with no JSON here: infra (storage) and http (REST)
/// serialise it.
struct AuditValue {
    using List = std::vector<AuditValue>;
    using Record = std::vector<std::pair<std::string, AuditValue>>;

    AuditValue() = default;
    AuditValue(std::nullptr_t) {}
    AuditValue(bool flag) : value(flag) {}
    AuditValue(std::int64_t number) : value(number) {}
    AuditValue(double number) : value(number) {}
    AuditValue(std::string text) : value(std::move(text)) {}
    AuditValue(std::string_view text) : value(std::string(text)) {}
    AuditValue(const char* text) : value(std::string(text)) {}
    AuditValue(List list) : value(std::move(list)) {}
    AuditValue(Record record) : value(std::move(record)) {}

    bool operator==(const AuditValue&) const = default;

    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, List, Record> value;
};

/// One changed field; nullopt means the field was absent on that side.
struct FieldChange {
    std::string field;
    std::optional<AuditValue> before;
    std::optional<AuditValue> after;
    bool operator==(const FieldChange&) const = default;
};

/// Field path -> value of every leaf of a store's editable fields.
std::vector<std::pair<std::string, AuditValue>> Flatten(const StoreFields& fields);

/// The changed fields between two versions; either side may be absent (create / delete).
std::vector<FieldChange> Diff(const StoreFields* before, const StoreFields* after);

/// The same for a template's fields (audit of template.created / updated / deleted).
std::vector<std::pair<std::string, AuditValue>> Flatten(const TemplateFields& fields);
std::vector<FieldChange> Diff(const TemplateFields* before, const TemplateFields* after);

}  // namespace store::domain
