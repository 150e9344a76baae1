#include "infra/crypto/jwt_signer.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <mutex>

#include "infra/crypto/sha256.hpp"
#include "infra/crypto/sodium_crypto.hpp"

namespace store::infra::crypto {
namespace {

namespace json = boost::json;
using app::ports::TokenError;

std::string Hmac(std::string_view key, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data(), &length);
    return std::string(reinterpret_cast<const char*>(digest.data()), length);
}

std::int64_t Seconds(domain::TimePoint time) {
    return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

}  // namespace

std::string JwtSigner::KeyIdOf(std::string_view key) { return Sha256Hex(key).substr(0, 16); }

JwtSigner::JwtSigner(std::string key, std::chrono::seconds max_lifetime)
    : max_lifetime_(max_lifetime), key_(std::move(key)), kid_(KeyIdOf(key_)) {}

void JwtSigner::Rotate(std::string key, domain::TimePoint now) {
    std::unique_lock lock(mutex_);
    if (key == key_) {
        return;
    }
    previous_key_ = std::move(key_);
    previous_kid_ = std::move(kid_);
    previous_until_ = now + max_lifetime_;
    key_ = std::move(key);
    kid_ = KeyIdOf(key_);
}

std::string JwtSigner::CurrentKeyId() const {
    std::shared_lock lock(mutex_);
    return kid_;
}

const std::string* JwtSigner::KeyFor(std::string_view kid, domain::TimePoint now) const {
    if (kid == kid_) {
        return &key_;
    }
    if (!previous_kid_.empty() && kid == previous_kid_ && now < previous_until_) {
        return &previous_key_;
    }
    return nullptr;
}

std::string JwtSigner::Sign(const app::ports::AccessClaims& claims) {
    json::object payload;
    payload["sub"] = claims.user_id;
    payload["name"] = claims.username;
    payload["role"] = std::string(domain::ToString(claims.role));
    payload["iat"] = Seconds(claims.issued_at);
    payload["exp"] = Seconds(claims.expires_at);
    payload["jti"] = claims.token_id;
    payload["sep"] = claims.session_epoch;
    std::shared_lock lock(mutex_);
    const json::object header{{"alg", "HS256"}, {"typ", "JWT"}, {"kid", kid_}};
    std::string signing_input =
        Base64UrlEncode(json::serialize(header)) + "." + Base64UrlEncode(json::serialize(payload));
    return signing_input + "." + Base64UrlEncode(Hmac(key_, signing_input));
}

app::ports::TokenCheck JwtSigner::Verify(std::string_view token, domain::TimePoint now) {
    const auto fail = [](TokenError error) { return app::ports::TokenCheck{std::nullopt, error}; };
    if (token.size() > 4096) {
        return fail(TokenError::kMalformed);
    }
    {
        std::lock_guard lock(verified_mutex_);
        if (const auto it = verified_.find(std::string(token)); it != verified_.end()) {
            if (it->second.claims.expires_at <= now) {
                return fail(TokenError::kExpired);
            }
            std::shared_lock key_lock(mutex_);
            if (KeyFor(it->second.kid, now) == nullptr) {
                return fail(TokenError::kUnknownKey);  // its key has been retired since
            }
            return {it->second.claims, std::nullopt};
        }
    }
    const auto first = token.find('.');
    const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
        return fail(TokenError::kMalformed);
    }
    const auto header_text = Base64UrlDecode(token.substr(0, first));
    const auto payload_text = Base64UrlDecode(token.substr(first + 1, second - first - 1));
    const auto signature = Base64UrlDecode(token.substr(second + 1));
    if (!header_text || !payload_text || !signature) {
        return fail(TokenError::kMalformed);
    }
    boost::system::error_code ec;
    const auto header = json::parse(*header_text, ec);
    if (ec || !header.is_object()) {
        return fail(TokenError::kMalformed);
    }
    const auto* alg = header.as_object().if_contains("alg");
    if (alg == nullptr || !alg->is_string() || alg->as_string() != "HS256") {
        return fail(TokenError::kUnsupportedAlgorithm);
    }
    const auto* kid_value = header.as_object().if_contains("kid");
    if (kid_value == nullptr || !kid_value->is_string()) {
        return fail(TokenError::kUnknownKey);
    }
    const std::string kid(kid_value->as_string());
    const std::string_view signing_input = token.substr(0, second);
    bool signature_ok = false;
    {
        std::shared_lock lock(mutex_);
        const std::string* key = KeyFor(kid, now);
        if (key == nullptr) {
            return fail(TokenError::kUnknownKey);
        }
        const std::string expected = Hmac(*key, signing_input);
        signature_ok = expected.size() == signature->size() &&
                       CRYPTO_memcmp(expected.data(), signature->data(), expected.size()) == 0;
    }
    if (!signature_ok) {
        return fail(TokenError::kBadSignature);
    }
    const auto payload = json::parse(*payload_text, ec);
    if (ec || !payload.is_object()) {
        return fail(TokenError::kMalformed);
    }
    const auto& object = payload.as_object();
    const auto text = [&](const char* name) -> std::optional<std::string> {
        const auto* value = object.if_contains(name);
        if (value == nullptr || !value->is_string()) {
            return std::nullopt;
        }
        return std::string(value->as_string());
    };
    // Seconds since the epoch that the clock can hold: system_clock counts nanoseconds in an
    // int64, which ends in 2262; turning a larger value into a time point would overflow.
    constexpr std::int64_t kLastSecond = 9'000'000'000;  // in 2255
    const auto number = [&](const char* name) -> std::optional<std::int64_t> {
        const auto* value = object.if_contains(name);
        if (value == nullptr || !value->is_int64() || value->as_int64() < 0 ||
            value->as_int64() > kLastSecond) {
            return std::nullopt;
        }
        return value->as_int64();
    };
    const auto sub = text("sub");
    const auto name = text("name");
    const auto role_text = text("role");
    const auto exp = number("exp");
    const auto iat = number("iat");
    const auto role = role_text ? domain::ParseRole(*role_text) : std::nullopt;
    if (!sub || !name || !role || !exp || !iat) {
        return fail(TokenError::kMalformed);
    }
    if (*exp <= Seconds(now)) {
        return fail(TokenError::kExpired);
    }
    // A token valid for longer than we issue them was not issued by us as configured (a
    // leaked key, or a lifetime since shortened): refused.
    if (*exp - *iat > max_lifetime_.count() ||
        *exp > Seconds(now) + max_lifetime_.count() + kClockSkew.count()) {
        return fail(TokenError::kLifetimeTooLong);
    }
    const auto* epoch_value = object.if_contains("sep");
    if (epoch_value != nullptr && (!epoch_value->is_int64() || epoch_value->as_int64() < 0)) {
        return fail(TokenError::kMalformed);
    }
    app::ports::AccessClaims claims;
    claims.user_id = *sub;
    claims.username = *name;
    claims.role = *role;
    claims.issued_at = domain::TimePoint(std::chrono::seconds(*iat));
    claims.expires_at = domain::TimePoint(std::chrono::seconds(*exp));
    claims.token_id = text("jti").value_or("");
    claims.session_epoch = epoch_value == nullptr ? 0 : epoch_value->as_int64();
    {
        std::lock_guard lock(verified_mutex_);
        if (verified_.size() >= 10'000) {
            verified_.clear();  // bounded; re-verifying costs microseconds
        }
        verified_.emplace(std::string(token), Verified{claims, kid});
    }
    return {claims, std::nullopt};
}

std::string JwtSigner::Fingerprint(std::string_view opaque_token) const {
    return Sha256Hex(opaque_token);
}

}  // namespace store::infra::crypto
