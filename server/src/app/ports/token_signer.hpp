#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/store.hpp"
#include "domain/validation.hpp"

namespace store::app::ports {

struct AccessClaims {
    std::string user_id;
    std::string username;
    domain::Role role = domain::Role::kViewer;
    domain::TimePoint issued_at;
    domain::TimePoint expires_at;
    std::string token_id;
    /// The user's session epoch when the token was issued (claim "sep"; absent reads as 0).
    std::int64_t session_epoch = 0;
};

enum class TokenError {
    kMalformed,
    kBadSignature,
    kUnsupportedAlgorithm,
    kExpired,
    kUnknownKey,       // no "kid", or one that is not (or no longer) a key of ours
    kLifetimeTooLong,  // exp beyond iat + the configured lifetime, or beyond now + it
};

struct TokenCheck {
    std::optional<AccessClaims> claims;
    std::optional<TokenError> error;
};

/// Signs and verifies access tokens (HS256 JWTs whose header names the signing key, "kid").
class TokenSigner {
public:
    virtual ~TokenSigner() = default;
    virtual std::string Sign(const AccessClaims& claims) = 0;
    /// Verifies key id, signature, algorithm, lifetime and expiry against `now`.
    virtual TokenCheck Verify(std::string_view token, domain::TimePoint now) = 0;
    /// SHA-256 (hex) of an opaque token: refresh tokens are stored only as this fingerprint.
    virtual std::string Fingerprint(std::string_view opaque_token) const = 0;
};

}  // namespace store::app::ports
