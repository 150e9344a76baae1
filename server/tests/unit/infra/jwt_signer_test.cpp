#include "infra/crypto/jwt_signer.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "infra/crypto/sodium_crypto.hpp"

namespace store::infra::crypto {
namespace {

using app::ports::TokenError;
using std::chrono::seconds;

const domain::TimePoint kNow{seconds(1'800'000'000)};
const std::string kKey(40, 'k');
const seconds kLifetime{900};

app::ports::AccessClaims Claims() {
    app::ports::AccessClaims claims;
    claims.user_id = "u1";
    claims.username = "jane";
    claims.role = domain::Role::kOperator;
    claims.issued_at = kNow;
    claims.expires_at = kNow + seconds(900);
    claims.token_id = "t1";
    return claims;
}

TEST(JwtSigner, VerifiesItsOwnTokens) {
    JwtSigner signer(kKey, kLifetime);
    const auto check = signer.Verify(signer.Sign(Claims()), kNow + seconds(10));
    ASSERT_TRUE(check.claims);
    EXPECT_EQ(check.claims->username, "jane");
    EXPECT_EQ(check.claims->role, domain::Role::kOperator);
}

TEST(JwtSigner, RefusesExpiredTokens) {
    JwtSigner signer(kKey, kLifetime);
    EXPECT_EQ(signer.Verify(signer.Sign(Claims()), kNow + seconds(900)).error,
              TokenError::kExpired);
}

TEST(JwtSigner, RefusesTamperedPayloads) {
    JwtSigner signer(kKey, kLifetime);
    const auto token = signer.Sign(Claims());
    const auto first = token.find('.');
    const auto second = token.find('.', first + 1);
    auto claims = Claims();
    claims.role = domain::Role::kAdmin;
    const auto forged = JwtSigner(kKey, kLifetime).Sign(claims);
    const auto forged_payload = forged.substr(first + 1, forged.find('.', first + 1) - first - 1);
    const auto tampered = token.substr(0, first + 1) + forged_payload + token.substr(second);
    EXPECT_EQ(signer.Verify(tampered, kNow).error, TokenError::kBadSignature);
}

TEST(JwtSigner, RefusesOtherKeysAndAlgNone) {
    JwtSigner signer(kKey, kLifetime);
    JwtSigner other(std::string(40, 'x'), kLifetime);
    // Another key has another kid: refused before any HMAC is computed.
    EXPECT_EQ(signer.Verify(other.Sign(Claims()), kNow).error, TokenError::kUnknownKey);
    const auto token = signer.Sign(Claims());
    const auto body = token.substr(token.find('.'), token.rfind('.') - token.find('.'));
    const auto none = Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + body + ".";
    EXPECT_EQ(signer.Verify(none, kNow).error, TokenError::kUnsupportedAlgorithm);
    EXPECT_EQ(signer.Verify("garbage", kNow).error, TokenError::kMalformed);
    EXPECT_EQ(signer.Verify("a.b.c.d", kNow).error, TokenError::kMalformed);
}

TEST(JwtSigner, OldTokensSurviveOneKeyRotation) {
    JwtSigner signer(kKey, kLifetime);
    const auto before = signer.Sign(Claims());
    signer.Rotate(std::string(40, 'n'), kNow);
    EXPECT_TRUE(signer.Verify(before, kNow).claims);
    EXPECT_TRUE(signer.Verify(signer.Sign(Claims()), kNow).claims);
    signer.Rotate(std::string(40, 'm'), kNow);
    EXPECT_EQ(signer.Verify(before, kNow).error, TokenError::kUnknownKey);
}

// Parts of a compact JWS.
std::string HeaderOf(const std::string& token) {
    return *Base64UrlDecode(token.substr(0, token.find('.')));
}

TEST(JwtSigner, HeaderNamesTheKeyByItsId) {
    JwtSigner signer(kKey, kLifetime);
    const std::string kid = JwtSigner::KeyIdOf(kKey);
    EXPECT_EQ(kid.size(), 16U);
    EXPECT_EQ(signer.CurrentKeyId(), kid);
    EXPECT_EQ(HeaderOf(signer.Sign(Claims())),
              R"({"alg":"HS256","typ":"JWT","kid":")" + kid + R"("})");
    signer.Rotate(std::string(40, 'n'), kNow);
    EXPECT_NE(signer.CurrentKeyId(), kid);
    EXPECT_NE(HeaderOf(signer.Sign(Claims())).find(signer.CurrentKeyId()), std::string::npos);
}

TEST(JwtSigner, PreviousKeyIsAcceptedOnlyForTheAccessTokenLifetime) {
    JwtSigner signer(kKey, kLifetime);
    auto claims = Claims();
    claims.issued_at = kNow;
    claims.expires_at = kNow + kLifetime;
    const auto before = signer.Sign(claims);
    signer.Rotate(std::string(40, 'n'), kNow + seconds(100));
    EXPECT_TRUE(signer.Verify(before, kNow + seconds(899)).claims);  // cached verification
    // A token of the old key issued later (still within its own lifetime) is refused once
    // the old key has been retired, cached or not.
    JwtSigner old(kKey, kLifetime);
    auto late = Claims();
    late.issued_at = kNow + seconds(500);
    late.expires_at = late.issued_at + kLifetime;
    const auto late_token = old.Sign(late);
    EXPECT_TRUE(signer.Verify(late_token, kNow + seconds(999)).claims);
    EXPECT_EQ(signer.Verify(late_token, kNow + seconds(1000)).error, TokenError::kUnknownKey);
}

TEST(JwtSigner, RefusesTokensWithoutAKeyId) {
    JwtSigner signer(kKey, kLifetime);
    const auto token = signer.Sign(Claims());
    const auto rest = token.substr(token.find('.'));
    const std::string payload = rest.substr(1, rest.rfind('.') - 1);
    EXPECT_EQ(signer.Verify(Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})") + rest, kNow).error,
              TokenError::kUnknownKey);
    EXPECT_EQ(signer.Verify(Base64UrlEncode(R"({"alg":"HS256","kid":7})") + rest, kNow).error,
              TokenError::kUnknownKey);
    EXPECT_FALSE(payload.empty());
}

TEST(JwtSigner, RefusesExpiryBeyondTheConfiguredLifetime) {
    JwtSigner signer(kKey, kLifetime);
    JwtSigner generous(kKey, seconds(30 * 24 * 3600));  // same key, a longer lifetime
    auto claims = Claims();
    claims.expires_at = claims.issued_at + kLifetime + seconds(1);  // exp > iat + lifetime
    EXPECT_EQ(signer.Verify(generous.Sign(claims), kNow).error, TokenError::kLifetimeTooLong);
    claims.issued_at = kNow + seconds(3600);  // iat in the future hides the lifetime
    claims.expires_at = claims.issued_at + kLifetime;
    EXPECT_EQ(signer.Verify(generous.Sign(claims), kNow).error, TokenError::kLifetimeTooLong);
    // Within the lifetime and the clock skew: accepted.
    claims.issued_at = kNow + JwtSigner::kClockSkew;
    claims.expires_at = claims.issued_at + kLifetime;
    EXPECT_TRUE(signer.Verify(generous.Sign(claims), kNow).claims);
}

TEST(JwtSigner, CarriesTheSessionEpoch) {
    JwtSigner signer(kKey, kLifetime);
    auto claims = Claims();
    claims.session_epoch = 7;
    const auto check = signer.Verify(signer.Sign(claims), kNow);
    ASSERT_TRUE(check.claims);
    EXPECT_EQ(check.claims->session_epoch, 7);
}

// A token with any payload, signed with `key` (what only the key's holder can make).
std::string SignedToken(const std::string& key, const std::string& payload) {
    const std::string input = Base64UrlEncode(R"({"alg":"HS256","typ":"JWT","kid":")" +
                                              JwtSigner::KeyIdOf(key) + R"("})") +
                              "." + Base64UrlEncode(payload);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data(),
         &length);
    return input + "." +
           Base64UrlEncode(std::string(reinterpret_cast<const char*>(digest.data()), length));
}

// Found with fuzz_jwt (UBSan, signed-integer-overflow): iat/exp were turned into a
// nanosecond time_point without a range check, so 99999999999 overflowed int64.
TEST(JwtSigner, RefusesClaimTimesTheClockCannotRepresent) {
    JwtSigner signer(kKey, kLifetime);
    const auto claims = [](const std::string& iat, const std::string& exp) {
        return R"({"sub":"u1","name":"jane","role":"admin","iat":)" + iat + R"(,"exp":)" + exp +
               "}";
    };
    EXPECT_TRUE(signer.Verify(SignedToken(kKey, claims("1800000000", "1800000900")), kNow).claims);
    for (const auto& [iat, exp] :
         {std::pair{"99999999999", "1800000900"}, std::pair{"1800000000", "99999999999"},
          std::pair{"-99999999999", "1800000900"},
          std::pair{"1800000000", "9223372036854775807"}}) {
        EXPECT_EQ(signer.Verify(SignedToken(kKey, claims(iat, exp)), kNow).error,
                  TokenError::kMalformed)
            << iat << " " << exp;
    }
}

TEST(JwtSigner, FingerprintIsSha256Hex) {
    JwtSigner signer(kKey, kLifetime);
    EXPECT_EQ(signer.Fingerprint("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Argon2id, HashesVerifyAndDiffer) {
    Argon2idHasher hasher;
    const auto a = hasher.Hash("correct horse battery");
    const auto b = hasher.Hash("correct horse battery");
    EXPECT_NE(a, b) << "salted";
    EXPECT_TRUE(a.starts_with("$argon2id$"));
    EXPECT_TRUE(hasher.Verify(a, "correct horse battery"));
    EXPECT_FALSE(hasher.Verify(a, "correct horse battery!"));
    EXPECT_FALSE(hasher.Verify("not a hash", "x"));
}

TEST(SodiumRandom, UuidsAreVersion4) {
    SodiumRandom random;
    const auto id = random.NewUuid();
    ASSERT_EQ(id.size(), 36u);
    EXPECT_EQ(id[14], '4');
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);
    EXPECT_NE(random.NewUuid(), id);
    EXPECT_EQ(Base64UrlDecode(random.NewToken(32))->size(), 32u);
}

}  // namespace
}  // namespace store::infra::crypto
