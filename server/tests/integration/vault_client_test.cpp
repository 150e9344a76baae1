// VaultClient against the Vault-API test server (server/tests/vault/fake-vault.mjs): the three
// login methods, KV v2 round trips, token renewal before expiry, re-login after the max TTL or
// a revoked token, TLS with a configured CA, and the service's own secrets.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/errors.hpp"
#include "harness/vault_server.hpp"
#include "infra/vault/service_secrets.hpp"
#include "infra/vault/vault_client.hpp"
#include "integration/vault_test_support.hpp"

namespace store {
namespace {

using infra::resilience::BreakerRegistry;
using infra::vault::AuthMethod;
using infra::vault::VaultClient;
using testing::SettingsFor;
using testing::VaultServer;
using testing::WaitUntil;

struct Fixture {
    testing::SettableClock clock;
    BreakerRegistry breakers{clock};
    infra::resilience::CircuitBreaker& breaker = breakers.Add("vault", testing::QuickBreaker());
};

app::ports::Secret Credentials(const std::string& password) {
    return {{"device_admin_password", password}, {"wifi_psk", "psk-" + password}};
}

TEST(VaultClient, TokenAuthRoundTripsKvV2) {
    VaultServer vault;
    Fixture f;
    auto settings = SettingsFor(vault.Addr());
    settings.token = VaultServer::kRootToken;
    VaultClient client(settings, f.breaker);
    client.Start();
    EXPECT_EQ(client.Method(), AuthMethod::kToken);
    EXPECT_EQ(client.TokenTtlSeconds(), 0) << "the root token never expires";

    EXPECT_FALSE(client.Read("stores/s1/credentials").has_value());
    client.Write("stores/s1/credentials", Credentials("one"));
    EXPECT_EQ(vault.Kv("stores/s1/credentials"),
              R"({"device_admin_password":"one","wifi_psk":"psk-one"})");
    client.Write("stores/s1/credentials", Credentials("two"));  // a new version
    EXPECT_EQ(client.Read("stores/s1/credentials"), Credentials("two"));
    client.Delete("stores/s1/credentials");
    EXPECT_FALSE(client.Read("stores/s1/credentials").has_value());
    EXPECT_EQ(vault.Kv("stores/s1/credentials"), "null");
    client.Delete("stores/s1/credentials");  // idempotent
}

TEST(VaultClient, UnknownTokenIsRefusedAtStart) {
    VaultServer vault;
    Fixture f;
    auto settings = SettingsFor(vault.Addr());
    settings.token = "hvs.not-a-token";
    VaultClient client(settings, f.breaker);
    try {
        client.Start();
        FAIL() << "an unknown token must not log in";
    } catch (const app::AppError& error) {
        EXPECT_EQ(error.code(), app::ErrorCode::kDependencyUnavailable);
        EXPECT_NE(error.internal().find("403"), std::string::npos) << error.internal();
    }
}

TEST(VaultClient, AppRoleLogsInAndWrongSecretIdIsRefused) {
    VaultServer::Options options;
    options.approles = {"store-role:store-secret"};
    VaultServer vault(options);
    Fixture f;
    auto settings = SettingsFor(vault.Addr());
    settings.role_id = "store-role";
    settings.secret_id = "wrong";
    {
        VaultClient refused(settings, f.breaker);
        EXPECT_THROW(refused.Start(), app::AppError);
    }
    settings.secret_id = "store-secret";
    VaultClient client(settings, f.breaker);
    client.Start();
    EXPECT_EQ(client.Method(), AuthMethod::kAppRole);
    EXPECT_EQ(client.Logins(), 1);
    EXPECT_EQ(client.TokenTtlSeconds(), 2);
    client.Write("stores/a/credentials", Credentials("approle"));
    EXPECT_EQ(client.Read("stores/a/credentials"), Credentials("approle"));
    EXPECT_EQ(vault.Counter("approleLogins"), 2);
}

TEST(VaultClient, KubernetesLogsInWithTheServiceAccountJwt) {
    VaultServer::Options options;
    options.k8s_roles = {"store-service:eyJhbGciOiJSUzI1NiJ9.service-account.signature"};
    VaultServer vault(options);
    const auto jwt_file =
        std::filesystem::temp_directory_path() / ("store-k8s-token-" + std::to_string(::getpid()));
    std::ofstream(jwt_file) << "eyJhbGciOiJSUzI1NiJ9.service-account.signature\n";
    Fixture f;
    auto settings = SettingsFor(vault.Addr());
    settings.k8s_role = "store-service";
    settings.k8s_token_path = jwt_file.string();
    VaultClient client(settings, f.breaker);
    client.Start();
    EXPECT_EQ(client.Method(), AuthMethod::kKubernetes);
    client.Write("stores/k/credentials", Credentials("k8s"));
    EXPECT_EQ(client.Read("stores/k/credentials"), Credentials("k8s"));
    EXPECT_EQ(vault.Counter("k8sLogins"), 1);

    // A JWT the cluster did not issue is refused.
    std::ofstream(jwt_file, std::ios::trunc) << "forged\n";
    VaultClient forged(settings, f.breaker);
    EXPECT_THROW(forged.Start(), app::AppError);
    std::filesystem::remove(jwt_file);
}

TEST(VaultClient, RenewsTheTokenBeforeItExpires) {
    VaultServer::Options options;
    options.approles = {"r:s"};
    options.ttl_seconds = 2;
    options.max_ttl_seconds = 60;  // far away: only renewal is at work here
    VaultServer vault(options);
    Fixture f;
    auto settings = SettingsFor(vault.Addr());
    settings.role_id = "r";
    settings.secret_id = "s";
    VaultClient client(settings, f.breaker);
    client.Start();
    // Renewals at 2/3 of the 2 s TTL: after three of them the token has outlived its first
    // TTL twice over, and it is still the one login.
    ASSERT_TRUE(WaitUntil([&] { return client.Renewals() >= 3; }));
    client.Write("stores/r/credentials", Credentials("renewed"));
    EXPECT_EQ(client.Read("stores/r/credentials"), Credentials("renewed"));
    EXPECT_EQ(client.Logins(), 1);
    EXPECT_EQ(vault.Counter("logins"), 1);
    EXPECT_GE(vault.Counter("renewals"), 3);
    EXPECT_EQ(vault.Counter("denied"), 0) << "no request ever carried an expired token";
}

TEST(VaultClient, RenewsARenewableConfiguredToken) {
    VaultServer vault;
    const std::string token = vault.CreateToken(2, 60);
    Fixture f;
    auto settings = SettingsFor(vault.Addr());
    settings.token = token;
    VaultClient client(settings, f.breaker);
    client.Start();
    ASSERT_TRUE(WaitUntil([&] { return client.Renewals() >= 3; }));
    client.Write("stores/t/credentials", Credentials("token"));
    EXPECT_EQ(client.Read("stores/t/credentials"), Credentials("token"));
    EXPECT_EQ(vault.Counter("denied"), 0);
}

TEST(VaultClient, LogsInAgainWhenTheMaxTtlIsReached) {
    VaultServer::Options options;
    options.approles = {"r:s"};
    options.ttl_seconds = 2;
    options.max_ttl_seconds = 3;  // the first renewal is capped; then a new login is needed
    VaultServer vault(options);
    Fixture f;
    auto settings = SettingsFor(vault.Addr());
    settings.role_id = "r";
    settings.secret_id = "s";
    VaultClient client(settings, f.breaker);
    client.Start();
    ASSERT_TRUE(WaitUntil([&] { return client.Logins() >= 3; }))
        << "logins " << client.Logins() << ", renewals " << client.Renewals();
    EXPECT_GE(client.Renewals(), 1);
    client.Write("stores/m/credentials", Credentials("max-ttl"));
    EXPECT_EQ(client.Read("stores/m/credentials"), Credentials("max-ttl"));
    EXPECT_EQ(vault.Counter("denied"), 0) << "the client logged in before its token expired";
}

TEST(VaultClient, LogsInAgainWhenTheTokenIsRevoked) {
    VaultServer::Options options;
    options.approles = {"r:s"};
    options.ttl_seconds = 60;
    options.max_ttl_seconds = 120;
    VaultServer vault(options);
    Fixture f;
    auto settings = SettingsFor(vault.Addr());
    settings.role_id = "r";
    settings.secret_id = "s";
    VaultClient client(settings, f.breaker);
    client.Start();
    client.Write("stores/v/credentials", Credentials("before"));
    vault.RevokeAll();
    EXPECT_EQ(client.Read("stores/v/credentials"), Credentials("before"));
    EXPECT_EQ(client.Logins(), 2);
    EXPECT_EQ(vault.Counter("denied"), 1);
}

TEST(VaultClient, VerifiesTlsAgainstTheConfiguredCa) {
    testing::TestCertificates certificates;
    VaultServer::Options options;
    options.tls_cert = certificates.cert_file;
    options.tls_key = certificates.key_file;
    VaultServer vault(options);
    ASSERT_EQ(vault.Addr().rfind("https://", 0), 0U);
    Fixture f;
    auto settings = SettingsFor(vault.Addr());
    settings.token = VaultServer::kRootToken;
    settings.ca_file = certificates.other_ca_file;
    {
        VaultClient untrusted(settings, f.breaker);
        try {
            untrusted.Start();
            FAIL() << "a certificate from another CA must be refused";
        } catch (const app::AppError& error) {
            EXPECT_EQ(error.code(), app::ErrorCode::kDependencyUnavailable);
        }
    }
    settings.ca_file = certificates.ca_file;
    // A fresh breaker: with the refused handshake above, one more call would make the 50 %
    // failure rate that opens QuickBreaker.
    Fixture fresh;
    VaultClient client(settings, fresh.breaker);
    try {
        client.Start();
    } catch (const app::AppError& error) {
        FAIL() << error.internal();
    }
    client.Write("stores/tls/credentials", Credentials("tls"));
    EXPECT_EQ(client.Read("stores/tls/credentials"), Credentials("tls"));
}

TEST(VaultClient, ReadsTheServiceSecrets) {
    VaultServer vault;
    Fixture f;
    auto settings = SettingsFor(vault.Addr());
    settings.token = VaultServer::kRootToken;
    VaultClient client(settings, f.breaker);
    client.Start();
    auto none = infra::vault::ReadServiceSecrets(client, "store-service");
    EXPECT_FALSE(none.database_url.has_value());
    EXPECT_FALSE(none.jwt_key.has_value());
    client.Write("store-service", {{"database_url", "postgresql://app@db/store"},
                                   {"jwt_key", std::string(40, 'k')}});
    const auto secrets = infra::vault::ReadServiceSecrets(client, "store-service");
    EXPECT_EQ(secrets.database_url, "postgresql://app@db/store");
    EXPECT_EQ(secrets.jwt_key, std::string(40, 'k'));
}

}  // namespace
}  // namespace store
