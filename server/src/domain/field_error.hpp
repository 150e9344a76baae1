#pragma once

#include <string>
#include <vector>

namespace store::domain {

/// One invalid input field: `field` is a path such as "location.country" or
/// "networkPlan[1].vlanId".
struct FieldError {
    std::string field;
    std::string message;
    bool operator==(const FieldError&) const = default;
};

using FieldErrors = std::vector<FieldError>;

}  // namespace store::domain
