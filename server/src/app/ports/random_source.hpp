#pragma once

#include <string>

namespace store::app::ports {

/// Cryptographically secure randomness.
class RandomSource {
public:
    virtual ~RandomSource() = default;
    /// A random UUID version 4 in canonical lower-case form.
    virtual std::string NewUuid() = 0;
    /// `bytes` random bytes encoded as base64url without padding (for opaque tokens).
    virtual std::string NewToken(std::size_t bytes) = 0;
};

}  // namespace store::app::ports
