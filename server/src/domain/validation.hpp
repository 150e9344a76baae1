#pragma once

#include "domain/field_error.hpp"
#include "domain/store.hpp"

namespace store::domain {

/// Checks every editable field of a store and returns all problems at once (empty = valid).
FieldErrors ValidateStoreFields(const StoreFields& fields);

/// True for a real calendar date written as YYYY-MM-DD.
bool IsValidDate(std::string_view text);
bool IsValidEmail(std::string_view text);

enum class Role { kViewer, kOperator, kAdmin };
std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view text);
/// True when `actual` grants at least what `required` needs (admin > operator > viewer).
bool RoleAtLeast(Role actual, Role required);

FieldErrors ValidateUsername(std::string_view username, std::string_view field = "username");
FieldErrors ValidatePassword(std::string_view password, std::string_view field = "password");

}  // namespace store::domain
