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
    JwtSigner signer(kKey);
    const auto check = signer.Verify(signer.Sign(Claims()), kNow + seconds(10));
    ASSERT_TRUE(check.claims);
    EXPECT_EQ(check.claims->username, "jane");
    EXPECT_EQ(check.claims->role, domain::Role::kOperator);
}

TEST(JwtSigner, RefusesExpiredTokens) {
    JwtSigner signer(kKey);
    EXPECT_EQ(signer.Verify(signer.Sign(Claims()), kNow + seconds(900)).error, TokenError::kExpired);
}

TEST(JwtSigner, RefusesTamperedPayloads) {
    JwtSigner signer(kKey);
    const auto token = signer.Sign(Claims());
    const auto first = token.find('.');
    const auto second = token.find('.', first + 1);
    auto claims = Claims();
    claims.role = domain::Role::kAdmin;
    const auto forged = JwtSigner(kKey).Sign(claims);
    const auto forged_payload = forged.substr(first + 1, forged.find('.', first + 1) - first - 1);
    const auto tampered = token.substr(0, first + 1) + forged_payload + token.substr(second);
    EXPECT_EQ(signer.Verify(tampered, kNow).error, TokenError::kBadSignature);
}

TEST(JwtSigner, RefusesOtherKeysAndAlgNone) {
    JwtSigner signer(kKey);
    JwtSigner other(std::string(40, 'x'));
    EXPECT_EQ(signer.Verify(other.Sign(Claims()), kNow).error, TokenError::kBadSignature);
    const auto token = signer.Sign(Claims());
    const auto body = token.substr(token.find('.'), token.rfind('.') - token.find('.'));
    const auto none = Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + body + ".";
    EXPECT_EQ(signer.Verify(none, kNow).error, TokenError::kUnsupportedAlgorithm);
    EXPECT_EQ(signer.Verify("garbage", kNow).error, TokenError::kMalformed);
    EXPECT_EQ(signer.Verify("a.b.c.d", kNow).error, TokenError::kMalformed);
}

TEST(JwtSigner, OldTokensSurviveOneKeyRotation) {
    JwtSigner signer(kKey);
    const auto before = signer.Sign(Claims());
    signer.Rotate(std::string(40, 'n'));
    EXPECT_TRUE(signer.Verify(before, kNow).claims);
    EXPECT_TRUE(signer.Verify(signer.Sign(Claims()), kNow).claims);
    signer.Rotate(std::string(40, 'm'));
    EXPECT_EQ(signer.Verify(before, kNow).error, TokenError::kBadSignature);
}

// A token with any payload, signed with `key` (what only the key's holder can make).
std::string SignedToken(const std::string& key, const std::string& payload) {
    const std::string input = Base64UrlEncode(R"({"alg":"HS256","typ":"JWT"})") + "." +
                              Base64UrlEncode(payload);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data(), &length);
    return input + "." + Base64UrlEncode(std::string(reinterpret_cast<const char*>(digest.data()), length));
}

// Found with fuzz_jwt (UBSan, signed-integer-overflow): iat/exp were turned into a
// nanosecond time_point without a range check, so 99999999999 overflowed int64.
TEST(JwtSigner, RefusesClaimTimesTheClockCannotRepresent) {
    JwtSigner signer(kKey);
    const auto claims = [](const std::string& iat, const std::string& exp) {
        return R"({"sub":"u1","name":"jane","role":"admin","iat":)" + iat + R"(,"exp":)" + exp + "}";
    };
    EXPECT_TRUE(signer.Verify(SignedToken(kKey, claims("1800000000", "1800000900")), kNow).claims);
    for (const auto& [iat, exp] : {std::pair{"99999999999", "1800000900"},
                                   std::pair{"1800000000", "99999999999"},
                                   std::pair{"-99999999999", "1800000900"},
                                   std::pair{"1800000000", "9223372036854775807"}}) {
        EXPECT_EQ(signer.Verify(SignedToken(kKey, claims(iat, exp)), kNow).error,
                  TokenError::kMalformed)
            << iat << " " << exp;
    }
}

TEST(JwtSigner, FingerprintIsSha256Hex) {
    JwtSigner signer(kKey);
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
