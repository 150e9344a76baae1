#pragma once

#include "domain/field_error.hpp"
#include "domain/store.hpp"

namespace store::domain {

/// Checks every editable field of a store and returns all problems at once (empty = valid).
/// The code's configured pattern is not checked here but by StoreCodeRule when a code is set.
FieldErrors ValidateStoreFields(const StoreFields& fields);

/// Length in code points, so that "Zürich" counts 6, not 7 (JSON Schema's maxLength counts so).
std::size_t Utf8Length(std::string_view text);
/// True when `text` holds a C0 control character or DEL (newlines and tabs allowed on request).
bool HasControlChars(std::string_view text, bool allow_newlines);

/// Longest password in code points; UTF-8 needs at most 4 bytes for each.
inline constexpr std::size_t kMaxPasswordLength = 1024;

/// True for a real calendar date written as YYYY-MM-DD.
bool IsValidDate(std::string_view text);
bool IsValidEmail(std::string_view text);

enum class Role { kViewer, kOperator, kAdmin };
std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view text);
/// True when `actual` grants at least what `required` needs (admin > operator > viewer).
bool RoleAtLeast(Role actual, Role required);

FieldErrors ValidateUsername(std::string_view username, std::string_view field = "username");
/// A name people give something (a template, a rollout): 1 to `max_length` code points, single
/// line, no leading or trailing space.
FieldErrors ValidateDisplayName(std::string_view name, std::string_view field,
                                std::size_t max_length);
FieldErrors ValidatePassword(std::string_view password, std::string_view field = "password");

}  // namespace store::domain
