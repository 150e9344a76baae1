#pragma once

#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "app/ports/token_signer.hpp"

namespace store::infra::crypto {

/// HS256 JSON Web Tokens (RFC 7519) with OpenSSL's HMAC. Only "HS256" is accepted, so
/// "alg: none" and algorithm-confusion tokens are refused. The header names the signing key
/// ("kid": the first 16 hex digits of the key's SHA-256, the same on every replica holding
/// the key); a token without a kid of ours is refused. After a rotation the previous key is
/// accepted only for `max_lifetime` (the access-token lifetime: every token it signed has
/// expired by then), and a token whose exp lies beyond iat + max_lifetime, or beyond
/// now + max_lifetime (plus kClockSkew), is refused whoever signed it.
class JwtSigner final : public app::ports::TokenSigner {
public:
    /// Replicas' clocks may differ by this much; a token issued by a replica ahead of ours
    /// is not refused for an exp that looks too far away.
    static constexpr std::chrono::seconds kClockSkew{60};

    JwtSigner(std::string key, std::chrono::seconds max_lifetime);
    std::string Sign(const app::ports::AccessClaims& claims) override;
    app::ports::TokenCheck Verify(std::string_view token, domain::TimePoint now) override;
    std::string Fingerprint(std::string_view opaque_token) const override;
    /// Replaces the signing key (e.g. when the key file changed) at `now`; the previous key
    /// verifies until now + max_lifetime.
    void Rotate(std::string key, domain::TimePoint now);
    /// The key id of the current key.
    std::string CurrentKeyId() const;
    /// The key id of a key (public: it is in every token's header).
    static std::string KeyIdOf(std::string_view key);

private:
    struct Verified {
        app::ports::AccessClaims claims;
        std::string kid;
    };
    /// The key that `kid` names, or nullptr (caller holds mutex_).
    const std::string* KeyFor(std::string_view kid, domain::TimePoint now) const;

    std::chrono::seconds max_lifetime_;
    mutable std::shared_mutex mutex_;
    std::string key_;
    std::string kid_;
    std::string previous_key_;
    std::string previous_kid_;
    domain::TimePoint previous_until_{};
    // Tokens already verified (signature and claims); expiry and the key are still checked on
    // each use. Keyed by the whole token, signature included, so a tampered token never hits.
    mutable std::mutex verified_mutex_;
    std::unordered_map<std::string, Verified> verified_;
};

}  // namespace store::infra::crypto
