#include "infra/vault/vault_answers.hpp"

#include <gtest/gtest.h>

#include "app/errors.hpp"

namespace store::infra::vault {
namespace {

using std::chrono::milliseconds;

TEST(VaultAnswers, ReadsAnAppRoleLogin) {
    const auto answer = ReadLoginAnswer(
        AuthMethod::kAppRole,
        R"({"auth":{"client_token":"hvs.x","lease_duration":3600,"renewable":true}})", "login", "");
    EXPECT_EQ(answer.token, "hvs.x");
    EXPECT_EQ(answer.ttl_seconds, 3600);
    EXPECT_EQ(answer.increment_seconds, 3600);
    EXPECT_TRUE(answer.renewable);
}

TEST(VaultAnswers, ReadsATokenLookupWithTheConfiguredToken) {
    const auto answer = ReadLoginAnswer(
        AuthMethod::kToken, R"({"data":{"ttl":60,"creation_ttl":3600,"renewable":false}})",
        "lookup", "configured");
    EXPECT_EQ(answer.token, "configured");
    EXPECT_EQ(answer.ttl_seconds, 60);
    EXPECT_EQ(answer.increment_seconds, 3600);
    EXPECT_FALSE(answer.renewable);
}

TEST(VaultAnswers, RefusesWhatIsNotAnAnswer) {
    for (const char* body : {"", "[1]", "{\"auth\":{}}", "{\"auth\":{\"client_token\":7}}"}) {
        try {
            ReadLoginAnswer(AuthMethod::kAppRole, body, "login", "");
            ADD_FAILURE() << body;
        } catch (const app::AppError& error) {
            EXPECT_EQ(error.code(), app::ErrorCode::kDependencyUnavailable) << body;
        }
    }
}

TEST(VaultAnswers, ReadsKvSecretsAndErrors) {
    const auto secret = ReadKvAnswer(R"({"data":{"data":{"jwt_key":"k","port":5432}}})");
    EXPECT_EQ(secret.at("jwt_key"), "k");
    EXPECT_EQ(secret.at("port"), "5432");
    EXPECT_EQ(ReadErrors(R"({"errors":["a",1,"b"]})"), "a; b");
    EXPECT_EQ(ReadErrors("not json"), "");
}

// Found by fuzz_vault (UBSan, float-cast-overflow): a TTL near int64's limit times 1000 (as a
// double) was cast back to int64 milliseconds, and a TTL sent as a huge double was cast to
// int64 seconds. Under the sanitizer build (fuzz/run.sh) the old code aborts here.
TEST(VaultAnswers, RefreshDelayStaysInRangeForAnyTtl) {
    EXPECT_EQ(RefreshAfter(3600, 0.5), milliseconds(1'800'000));
    EXPECT_EQ(RefreshAfter(0, 2.0 / 3.0), milliseconds(0));
    EXPECT_EQ(RefreshAfter(-5, 2.0 / 3.0), milliseconds(0));
    const auto year = milliseconds(365LL * 24 * 3600 * 1000);
    EXPECT_EQ(RefreshAfter(INT64_MAX, 2.0 / 3.0), year);
    EXPECT_EQ(RefreshAfter(INT64_MIN, 1.0), milliseconds(0));
}

TEST(VaultAnswers, RefusesTtlsOutsideTheInt64Range) {
    for (const char* body :
         {R"({"auth":{"client_token":"t","lease_duration":1e300}})",
          R"({"auth":{"client_token":"t","lease_duration":-1e19}})",
          R"({"auth":{"client_token":"t","lease_duration":18446744073709551615}})"}) {
        try {
            ReadLoginAnswer(AuthMethod::kAppRole, body, "login", "");
            ADD_FAILURE() << body;
        } catch (const app::AppError& error) {
            EXPECT_EQ(error.code(), app::ErrorCode::kDependencyUnavailable) << body;
        }
    }
    EXPECT_EQ(ReadRenewAnswer(R"({"auth":{"lease_duration":7200.9}})"), 7200);
}

}  // namespace
}  // namespace store::infra::vault
