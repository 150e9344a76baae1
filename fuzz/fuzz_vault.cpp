// An answer from Vault (a compromised or confused Vault may send anything) -> every reader of
// Vault's JSON answers: login (token lookup, AppRole/Kubernetes), renewal, KV read, error
// bodies, and the refresh delay computed from the TTL. Only AppError may come out.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/errors.hpp"
#include "infra/vault/vault_answers.hpp"

using namespace store::infra::vault;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    (void)ReadErrors(body);
    for (const auto method : {AuthMethod::kToken, AuthMethod::kAppRole}) {
        try {
            const auto answer = ReadLoginAnswer(method, body, "login", "configured-token");
            (void)RefreshAfter(answer.ttl_seconds, 2.0 / 3.0);
            (void)RefreshAfter(answer.increment_seconds, 1.0);
        } catch (const store::app::AppError&) {
        }
    }
    try {
        (void)RefreshAfter(ReadRenewAnswer(body), 2.0 / 3.0);
    } catch (const store::app::AppError&) {
    }
    try {
        (void)ReadKvAnswer(body);
    } catch (const store::app::AppError&) {
    }
    return 0;
}
