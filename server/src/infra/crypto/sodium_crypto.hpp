#pragma once

#include <optional>

#include "app/ports/password_hasher.hpp"
#include "app/ports/random_source.hpp"

namespace store::infra::crypto {

/// Argon2id through libsodium, with OWASP's minimum parameters (t=2, m=19 MiB): strong, yet a
/// login costs tens of milliseconds, not hundreds.
class Argon2idHasher final : public app::ports::PasswordHasher {
public:
    Argon2idHasher();
    std::string Hash(std::string_view password) override;
    bool Verify(std::string_view hash, std::string_view password) override;
};

/// randombytes_buf from libsodium (getrandom(2) underneath).
class SodiumRandom final : public app::ports::RandomSource {
public:
    SodiumRandom();
    std::string NewUuid() override;
    std::string NewToken(std::size_t bytes) override;
};

/// base64url without padding, and back (nullopt on bad input).
std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace store::infra::crypto
