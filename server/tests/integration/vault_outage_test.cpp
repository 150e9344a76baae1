// Vault outages against the Vault-API test server: 503 (sealed), refused connections and a
// stalled server open the "vault" breaker; cached reads keep working, writes fail with
// kDependencyUnavailable (the provisioning step retries them); when Vault is back the breaker
// closes and writes work again.
#include <gtest/gtest.h>

#include "app/errors.hpp"
#include "harness/vault_server.hpp"
#include "infra/vault/vault_client.hpp"
#include "infra/vault/vault_secret_store.hpp"
#include "integration/vault_test_support.hpp"

namespace store {
namespace {

using infra::resilience::BreakerRegistry;
using infra::resilience::BreakerState;
using testing::VaultServer;

app::ErrorCode CodeOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const app::AppError& error) {
        return error.code();
    }
    return app::ErrorCode::kInternal;  // "did not throw" never equals the expected code
}

class VaultOutage : public ::testing::TestWithParam<std::string> {
protected:
    VaultOutage() {
        auto settings = testing::SettingsFor(vault_.Addr());
        settings.token = VaultServer::kRootToken;  // no TTL: no background calls in the counts
        settings.timeout = std::chrono::milliseconds(500);
        client_ = std::make_unique<infra::vault::VaultClient>(settings, breaker_);
        client_->Start();
        store_ = std::make_unique<infra::vault::VaultSecretStore>(*client_);
    }

    VaultServer vault_;
    testing::SettableClock clock_;
    BreakerRegistry breakers_{clock_};
    infra::resilience::CircuitBreaker& breaker_ = breakers_.Add("vault", testing::QuickBreaker());
    std::unique_ptr<infra::vault::VaultClient> client_;
    std::unique_ptr<infra::vault::VaultSecretStore> store_;
};

TEST_P(VaultOutage, BreakerOpensCachedGetsServeWritesFailThenRecovers) {
    const app::ports::Secret held{{"device_admin_password", "held-in-memory"}};
    store_->Put("stores/held/credentials", held);
    store_->Put("stores/read/credentials", {{"device_admin_password", "read-before"}});
    // A fresh store has nothing cached: it learns "read" by reading it.
    infra::vault::VaultSecretStore reader(*client_);
    ASSERT_EQ(reader.Get("stores/read/credentials")->at("device_admin_password"), "read-before");

    vault_.SetMode(GetParam());
    EXPECT_EQ(CodeOf([&] { store_->Put("stores/new/credentials", held); }),
              app::ErrorCode::kDependencyUnavailable);
    EXPECT_EQ(CodeOf([&] { store_->Delete("stores/held/credentials"); }),
              app::ErrorCode::kDependencyUnavailable);
    EXPECT_EQ(breaker_.State(), BreakerState::kOpen);
    const auto status = breakers_.Dependencies().front();
    EXPECT_EQ(status.name, "vault");
    EXPECT_EQ(status.state, "open");
    EXPECT_FALSE(status.last_error.empty());

    // Open: calls are refused at once, and reads come from memory.
    EXPECT_EQ(store_->Get("stores/held/credentials"), held);
    EXPECT_EQ(reader.Get("stores/read/credentials")->at("device_admin_password"), "read-before");
    EXPECT_GE(store_->CacheHits(), 1);
    EXPECT_EQ(CodeOf([&] { store_->Get("stores/never-seen/credentials"); }),
              app::ErrorCode::kDependencyUnavailable);
    EXPECT_EQ(CodeOf([&] { store_->Put("stores/new/credentials", held); }),
              app::ErrorCode::kDependencyUnavailable);
    EXPECT_GE(breakers_.Dependencies().front().rejected, 1);

    // Back: after the open wait one probe succeeds and the breaker closes.
    vault_.SetMode("normal");
    clock_.Advance(std::chrono::milliseconds(5001));
    store_->Put("stores/new/credentials", held);
    EXPECT_EQ(breaker_.State(), BreakerState::kClosed);
    EXPECT_EQ(vault_.Kv("stores/new/credentials"), R"({"device_admin_password":"held-in-memory"})");
    store_->Delete("stores/held/credentials");
    EXPECT_FALSE(store_->Get("stores/held/credentials").has_value());
}

// sealed: 503 from every endpoint; down: connection refused; hang: accepted, never answered
// (each call ends at the client's timeout).
INSTANTIATE_TEST_SUITE_P(VaultFaults, VaultOutage, ::testing::Values("sealed", "down", "hang"));

TEST(VaultOutageSlow, SlowAnswersWithinTheTimeoutStillSucceed) {
    VaultServer vault;
    testing::SettableClock clock;
    BreakerRegistry breakers{clock};
    auto& breaker = breakers.Add("vault", testing::QuickBreaker());
    auto settings = testing::SettingsFor(vault.Addr());
    settings.token = VaultServer::kRootToken;
    settings.timeout = std::chrono::milliseconds(1000);
    infra::vault::VaultClient client(settings, breaker);
    client.Start();
    vault.SetMode("slow", 100);
    client.Write("stores/slow/credentials", {{"k", "v"}});
    EXPECT_EQ(client.Read("stores/slow/credentials")->at("k"), "v");
    vault.SetMode("slow", 3000);  // beyond the timeout: a dependency failure
    EXPECT_EQ(CodeOf([&] {
                  client.Write("stores/slow/credentials", {{"k", "w"}});
              }),
              app::ErrorCode::kDependencyUnavailable);
}

}  // namespace
}  // namespace store
