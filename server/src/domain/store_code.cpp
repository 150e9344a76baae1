#include "domain/store_code.hpp"

namespace store::domain {

std::optional<StoreCodeRule> StoreCodeRule::Make(std::string pattern, std::string hint,
                                                 std::string& error) {
    if (pattern.empty()) {
        error = "must not be empty";
        return std::nullopt;
    }
    try {
        auto regex = std::make_shared<const std::regex>(pattern, std::regex::ECMAScript);
        return StoreCodeRule(std::move(pattern), std::move(hint), std::move(regex));
    } catch (const std::regex_error& e) {
        error = std::string("is not a valid ECMAScript regular expression: ") + e.what();
        return std::nullopt;
    }
}

const StoreCodeRule& StoreCodeRule::Default() {
    static const StoreCodeRule kRule = [] {
        std::string error;
        return *Make(std::string(kDefaultStoreCodePattern), std::string(kDefaultStoreCodeHint),
                     error);
    }();
    return kRule;
}

bool StoreCodeRule::Matches(std::string_view code) const {
    // Bounds the regex's work; the length in characters is checked by ValidateStoreFields.
    if (code.empty() || code.size() > 4 * kMaxStoreCodeLength) {
        return false;
    }
    try {
        return std::regex_match(code.begin(), code.end(), *regex_);
    } catch (const std::regex_error&) {
        return false;  // too complex to decide (error_complexity, error_stack): not a match
    }
}

std::optional<FieldError> StoreCodeRule::Check(std::string_view code) const {
    if (Matches(code)) {
        return std::nullopt;
    }
    return FieldError{"code", "must be " + hint_ + " (pattern " + pattern_ + ")"};
}

}  // namespace store::domain
