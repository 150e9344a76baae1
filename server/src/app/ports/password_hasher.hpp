#pragma once

#include <string>
#include <string_view>

namespace store::app::ports {

/// Password hashing (Argon2id in production).
class PasswordHasher {
public:
    virtual ~PasswordHasher() = default;
    /// A self-describing hash string (algorithm, parameters, salt, digest).
    virtual std::string Hash(std::string_view password) = 0;
    /// Constant-time check of `password` against a string made by Hash().
    virtual bool Verify(std::string_view hash, std::string_view password) = 0;
};

}  // namespace store::app::ports
