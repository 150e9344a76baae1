// The provisioning workflow (use cases, the step table, the worker) against the real embedded
// database, with a secret store that can be switched off (the one fake of SecretStore in the
// tests) and a clock the test moves.
#include "app/provisioning/provisioning_service.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/errors.hpp"
#include "app/inventory_service.hpp"
#include "app/store_service.hpp"
#include "infra/crypto/sodium_crypto.hpp"
#include "infra/local/zlib_compressor.hpp"
#include "infra/memory/memory_cache.hpp"
#include "infra/memory/memory_event_bus.hpp"
#include "infra/sqlite/sqlite_database.hpp"
#include "jobs/fault_injection.hpp"
#include "jobs/run_worker.hpp"

namespace store::app {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

class FakeClock final : public ports::Clock {
public:
    domain::TimePoint Now() const override { return now; }
    domain::TimePoint now{seconds(1'800'000'000)};
};

/// An in-memory secret store that refuses every call while `down`.
class SwitchableSecretStore final : public ports::SecretStore {
public:
    void Put(const std::string& path, const ports::Secret& secret) override {
        Check();
        secrets[path] = secret;
    }
    std::optional<ports::Secret> Get(const std::string& path) override {
        Check();
        const auto it = secrets.find(path);
        return it == secrets.end() ? std::nullopt : std::optional(it->second);
    }
    void Delete(const std::string& path) override {
        Check();
        secrets.erase(path);
    }
    bool down = false;
    std::map<std::string, ports::Secret> secrets;

private:
    void Check() const {
        if (down) {
            throw AppError(ErrorCode::kDependencyUnavailable,
                           "vault is unavailable (circuit open)");
        }
    }
};

class ProvisioningServiceTest : public ::testing::Test {
protected:
    ProvisioningServiceTest()
        : dir_(fs::temp_directory_path() / ("store-prov-" + random_.NewUuid())),
          database_((fs::create_directories(dir_), (dir_ / "store.db").string()), 4),
          cache_(100, 100),
          stores_(database_, cache_, clock_, random_, events_),
          inventory_(database_, clock_, random_, events_),
          provisioning_(database_, cache_, clock_, random_, events_),
          context_{database_, cache_, secrets_, compressor_, clock_, random_, events_},
          steps_(provisioning::StandardSteps(context_)),
          worker_(Settings(), steps_, context_) {
        database_.Migrate();
    }
    ~ProvisioningServiceTest() override { fs::remove_all(dir_); }

    static jobs::RunWorkerSettings Settings() {
        jobs::RunWorkerSettings settings;
        settings.max_attempts = 2;
        settings.dependency_retry = seconds(600);
        return settings;
    }

    RequestMeta Meta() { return {{"u1", "jane", domain::Role::kAdmin}, "req-1", ""}; }

    domain::Store Draft() {
        inventory_.CreatePool("10.10.0.0/16", "pos", 24, Meta());
        domain::StoreFields f;
        f.code = "BER-001";
        f.name = "Berlin";
        f.type = "standard";
        f.location = {"Main St 1", "Berlin",        "BE",         "DE",
                      "10115",     "Europe/Berlin", std::nullopt, std::nullopt};
        f.network_plan = {{"pos", std::nullopt, std::nullopt}};
        return stores_.Create(f, Meta());
    }

    // Runs due work, moving the clock past every backoff, until nothing is left or `limit`.
    void Drain(int limit = 100) {
        for (int i = 0; i < limit; ++i) {
            if (!worker_.Work("test-worker")) {
                clock_.now += seconds(31);  // past the longest backoff
                if (!worker_.Work("test-worker")) {
                    return;
                }
            }
        }
    }

    infra::crypto::SodiumRandom random_;
    fs::path dir_;
    infra::sqlite::SqliteDatabase database_;
    infra::memory::MemoryStoreCache cache_;
    FakeClock clock_;
    infra::memory::MemoryEventBus events_;
    SwitchableSecretStore secrets_;
    infra::local::ZlibCompressor compressor_;
    StoreService stores_;
    InventoryService inventory_;
    ProvisioningService provisioning_;
    provisioning::StepContext context_;
    provisioning::StepTable steps_;
    jobs::RunWorker worker_;
};

TEST_F(ProvisioningServiceTest, ProvisioningReachesActiveWithEveryStepSucceeded) {
    std::vector<std::string> finished;  // what store_provisioning_runs_total counts
    worker_.SetRunFinished([&](const domain::Run& r) {
        finished.push_back(std::string(domain::ToString(r.kind)) + ":" +
                           std::string(domain::ToString(r.status)));
    });
    const auto store = Draft();
    const auto run = provisioning_.Start(store.id, 1, domain::RunKind::kProvision, Meta()).run;
    Drain();
    const auto done = provisioning_.GetRun(store.id, run.id);
    EXPECT_EQ(done.status, domain::RunStatus::kSucceeded);
    EXPECT_EQ(stores_.Get(store.id)->status, domain::StoreStatus::kActive);
    EXPECT_EQ(provisioning_.Network(store.id).size(), 1u);
    EXPECT_EQ(secrets_.secrets.size(), 1u);
    EXPECT_EQ(finished, std::vector<std::string>{"provision:succeeded"});
}

// Regression: a secret store outage longer than max_attempts × backoff failed the run
// ("gave up after 5 attempts"); unavailability is now waited out for a time window.
TEST_F(ProvisioningServiceTest, ASecretStoreOutageIsWaitedOutBeyondMaxAttempts) {
    const auto store = Draft();
    secrets_.down = true;
    const auto run = provisioning_.Start(store.id, 1, domain::RunKind::kProvision, Meta()).run;
    for (int i = 0; i < 6; ++i) {  // three times max_attempts
        worker_.Work("test-worker");
        clock_.now += seconds(31);
    }
    auto waiting = provisioning_.GetRun(store.id, run.id);
    ASSERT_NE(waiting.status, domain::RunStatus::kFailed) << waiting.error;
    const auto& step = waiting.steps.at(3);
    EXPECT_EQ(step.name, "issue_credentials");
    EXPECT_GT(step.attempts, 2);
    EXPECT_NE(step.message.find("retrying"), std::string::npos);
    secrets_.down = false;
    Drain();
    EXPECT_EQ(provisioning_.GetRun(store.id, run.id).status, domain::RunStatus::kSucceeded);
    EXPECT_EQ(stores_.Get(store.id)->status, domain::StoreStatus::kActive);
}

TEST_F(ProvisioningServiceTest, AnOutageLongerThanTheWindowFailsTheRunWithTheReason) {
    const auto store = Draft();
    secrets_.down = true;
    const auto run = provisioning_.Start(store.id, 1, domain::RunKind::kProvision, Meta()).run;
    for (int i = 0; i < 40; ++i) {
        worker_.Work("test-worker");
        clock_.now += seconds(31);
    }
    const auto failed = provisioning_.GetRun(store.id, run.id);
    EXPECT_EQ(failed.status, domain::RunStatus::kFailed);
    EXPECT_NE(failed.error.find("issue_credentials"), std::string::npos);
    EXPECT_EQ(stores_.Get(store.id)->status, domain::StoreStatus::kFailed);
}

TEST_F(ProvisioningServiceTest, DecommissionReturnsTheSubnetAndRevokesTheSecrets) {
    const auto store = Draft();
    provisioning_.Start(store.id, 1, domain::RunKind::kProvision, Meta());
    Drain();
    const auto active = stores_.Get(store.id);
    provisioning_.Start(store.id, active->version, domain::RunKind::kDecommission, Meta());
    Drain();
    EXPECT_EQ(stores_.Get(store.id)->status, domain::StoreStatus::kDecommissioned);
    EXPECT_TRUE(provisioning_.Network(store.id).empty());
    EXPECT_TRUE(secrets_.secrets.empty());
    EXPECT_EQ(inventory_.Pools().at(0).used, 0);
}

// Every step name a run can hold has a step registered under it: the table is complete.
TEST_F(ProvisioningServiceTest, EveryStepOfEveryRunKindIsRegistered) {
    for (const auto kind : {domain::RunKind::kProvision, domain::RunKind::kDecommission,
                            domain::RunKind::kRollback}) {
        for (const auto& name : domain::StepsOf(kind)) {
            EXPECT_NE(steps_.Find(name), nullptr) << name;
        }
    }
    EXPECT_EQ(steps_.Find("no_such_step"), nullptr);
}

// The test seam the API tests use (provisioning.inject_failures): the wrapped step fails
// transiently the given number of times, then the run goes on; the worker has no branch for it.
TEST_F(ProvisioningServiceTest, InjectedTransientFailuresAreRetriedThenTheRunSucceeds) {
    jobs::InjectTransientFailures(steps_, {{"allocate_network", 1}});
    const auto store = Draft();
    const auto run = provisioning_.Start(store.id, 1, domain::RunKind::kProvision, Meta()).run;
    Drain();
    const auto done = provisioning_.GetRun(store.id, run.id);
    EXPECT_EQ(done.status, domain::RunStatus::kSucceeded) << done.error;
    EXPECT_EQ(done.steps.at(1).name, "allocate_network");
    EXPECT_EQ(done.steps.at(1).attempts, 2);
}

TEST_F(ProvisioningServiceTest, InjectedFailuresBeyondMaxAttemptsFailTheRun) {
    jobs::InjectTransientFailures(steps_, {{"render_configs", 1000}});
    const auto store = Draft();
    const auto run = provisioning_.Start(store.id, 1, domain::RunKind::kProvision, Meta()).run;
    Drain();
    const auto failed = provisioning_.GetRun(store.id, run.id);
    EXPECT_EQ(failed.status, domain::RunStatus::kFailed);
    EXPECT_NE(failed.error.find("render_configs: injected transient failure"), std::string::npos)
        << failed.error;
    EXPECT_EQ(stores_.Get(store.id)->status, domain::StoreStatus::kFailed);
}

TEST_F(ProvisioningServiceTest, InjectingIntoAnUnknownStepIsRefused) {
    EXPECT_THROW(jobs::InjectTransientFailures(steps_, {{"allocate_netwrok", 1}}),
                 std::invalid_argument);
}

}  // namespace
}  // namespace store::app
