#pragma once

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

#include "domain/field_error.hpp"

namespace store::domain {

/// Longest store code in characters, whatever the configured pattern allows.
inline constexpr std::size_t kMaxStoreCodeLength = 32;
/// Today's numbering, the default of `stores.code_pattern` (e.g. NYC-0042).
inline constexpr std::string_view kDefaultStoreCodePattern = "^[A-Z0-9]{2,6}-[0-9]{3,6}$";
inline constexpr std::string_view kDefaultStoreCodeHint =
    "2-6 upper-case letters or digits, a hyphen and 3-6 digits, e.g. NYC-0042";

/// The chain's store numbering: an ECMAScript regular expression that a whole code must match
/// (the dashboard applies the same text with JavaScript's RegExp), and the hint shown when a
/// code does not match. A code is checked when it is set; a later change of the pattern does
/// not make existing stores invalid.
class StoreCodeRule {
public:
    /// The rule, or nullopt with `error` set when `pattern` is not a valid ECMAScript regex.
    static std::optional<StoreCodeRule> Make(std::string pattern, std::string hint,
                                             std::string& error);
    static const StoreCodeRule& Default();

    /// True when the whole of `code` matches the pattern.
    bool Matches(std::string_view code) const;
    /// A field error on "code" when `code` does not match.
    std::optional<FieldError> Check(std::string_view code) const;

    const std::string& Pattern() const { return pattern_; }
    const std::string& Hint() const { return hint_; }

private:
    StoreCodeRule(std::string pattern, std::string hint, std::shared_ptr<const std::regex> regex)
        : pattern_(std::move(pattern)), hint_(std::move(hint)), regex_(std::move(regex)) {}

    std::string pattern_;
    std::string hint_;
    std::shared_ptr<const std::regex> regex_;  // immutable, shared by copies
};

}  // namespace store::domain
