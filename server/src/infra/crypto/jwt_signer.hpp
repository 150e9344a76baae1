#pragma once

#include <shared_mutex>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/ports/token_signer.hpp"

namespace store::infra::crypto {

/// HS256 JSON Web Tokens (RFC 7519) with OpenSSL's HMAC. Only "HS256" is accepted, so
/// "alg: none" and algorithm-confusion tokens are refused. After a key rotation tokens signed
/// with the previous key stay valid until they expire.
class JwtSigner final : public app::ports::TokenSigner {
public:
    explicit JwtSigner(std::string key);
    std::string Sign(const app::ports::AccessClaims& claims) override;
    app::ports::TokenCheck Verify(std::string_view token, domain::TimePoint now) override;
    std::string Fingerprint(std::string_view opaque_token) const override;
    /// Replaces the signing key (e.g. when the key file changed).
    void Rotate(std::string key);

private:
    mutable std::shared_mutex mutex_;
    std::string key_;
    std::string previous_key_;
    // Tokens already verified (signature and claims); expiry is still checked on each use.
    // Keyed by the whole token, signature included, so a tampered token never hits.
    mutable std::mutex verified_mutex_;
    std::unordered_map<std::string, app::ports::AccessClaims> verified_;
};

}  // namespace store::infra::crypto
