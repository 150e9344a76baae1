// Authorization: Bearer <token> -> JwtSigner::Verify (base64url, the JSON header and claims, the
// HMAC), and base64url itself. The first byte chooses what the rest is:
//   even: a token exactly as a client sends it;
//   odd:  a header and a payload, split at the first NUL, which this target signs with the key,
//         so that the fuzzer also reaches the claim checks behind the signature; "$KID" in the
//         header becomes the key's id, so that signed inputs also get past the key lookup.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "infra/crypto/jwt_signer.hpp"
#include "infra/crypto/sodium_crypto.hpp"

namespace {

using store::infra::crypto::Base64UrlDecode;
using store::infra::crypto::Base64UrlEncode;

constexpr std::string_view kKey = "fuzz-signing-key-0123456789abcdef";

std::string Hmac(std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), kKey.data(), static_cast<int>(kKey.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data(), &length);
    return std::string(reinterpret_cast<const char*>(digest.data()), length);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const bool sign = (data[0] & 1) != 0;
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);

    // base64url: whatever decodes encodes back to the same bytes' encoding, and encoding
    // round-trips any bytes.
    if (const auto decoded = Base64UrlDecode(input)) {
        const auto again = Base64UrlDecode(Base64UrlEncode(*decoded));
        if (!again || *again != *decoded) {
            std::abort();
        }
    }
    const auto round_trip = Base64UrlDecode(Base64UrlEncode(input));
    if (!round_trip || *round_trip != input) {
        std::abort();
    }

    store::infra::crypto::JwtSigner signer{std::string(kKey), std::chrono::seconds(900)};
    std::string token;
    if (sign) {
        const auto nul = input.find('\0');
        std::string header(input.substr(0, nul));
        const std::string_view payload =
            nul == std::string_view::npos ? std::string_view{} : input.substr(nul + 1);
        const std::string kid = signer.CurrentKeyId();
        for (auto at = header.find("$KID"); at != std::string::npos;
             at = header.find("$KID", at + kid.size())) {
            header.replace(at, 4, kid);
        }
        token = Base64UrlEncode(header) + "." + Base64UrlEncode(payload);
        token += "." + Base64UrlEncode(Hmac(token));
    } else {
        token = std::string(input);
    }
    const auto now = store::domain::TimePoint(std::chrono::seconds(1'800'000'000));
    const auto check = signer.Verify(token, now);
    if (check.claims.has_value() == check.error.has_value()) {
        std::abort();  // exactly one of the two
    }
    if (check.claims) {
        // Verified once: the cached answer must be the same.
        const auto cached = signer.Verify(token, now);
        if (!cached.claims || cached.claims->user_id != check.claims->user_id) {
            std::abort();
        }
    }
    (void)signer.Fingerprint(input);
    return 0;
}
