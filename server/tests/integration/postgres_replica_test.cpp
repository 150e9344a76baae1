// Read replicas against a real streaming-replication cluster (scripts/start-pg-cluster.sh: a
// primary and two replicas on loopback): reads go to replicas, never before they have replayed
// this process's last write (read-your-writes), and fall back to the primary when the replicas
// lag or are gone, whose breakers then open.
#include <gtest/gtest.h>
#include "harness/process.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "app/errors.hpp"
#include "app/ports/clock.hpp"
#include "infra/postgres/connection.hpp"
#include "infra/postgres/postgres_database.hpp"
#include "infra/resilience/circuit_breaker.hpp"

namespace store {
namespace {

using store::testing::RunCommand;
using store::testing::ScriptPath;

using app::ports::TxKind;
using infra::postgres::Connection;
using infra::postgres::Params;
using infra::postgres::PostgresDatabase;
using infra::postgres::PostgresOptions;

/// The cluster of scripts/start-pg-cluster.sh, stopped and removed by the destructor.
class Cluster {
public:
    Cluster() {
        char pattern[] = "/tmp/store-cluster-XXXXXX";
        if (mkdtemp(pattern) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        dir_ = std::string(pattern) + "/c";
        std::string output = RunCommand(ScriptPath("start-pg-cluster.sh") + " " + dir_ + " 2");
        std::size_t start = 0;
        while (start < output.size()) {
            const auto end = output.find('\n', start);
            const std::string line = output.substr(start, end - start);
            if (const auto eq = line.find('='); eq != std::string::npos) {
                values_[line.substr(0, eq)] = line.substr(eq + 1);
            }
            start = end == std::string::npos ? output.size() : end + 1;
        }
        parent_ = pattern;
    }
    ~Cluster() {
        const int status = std::system(
            (ScriptPath("stop-pg-cluster.sh") + " " + dir_ + " >/dev/null 2>&1; rm -rf " + parent_)
                .c_str());
        static_cast<void>(status);
    }
    Cluster(const Cluster&) = delete;
    Cluster& operator=(const Cluster&) = delete;

    std::string Value(const std::string& key) const { return values_.at(key); }
    std::string ReplicaUrl(int n) const {
        const std::string ports = Value("REPLICA_PORTS");
        const std::string port =
            n == 1 ? ports.substr(0, ports.find(',')) : ports.substr(ports.find(',') + 1);
        return "postgresql://postgres@127.0.0.1:" + port + "/store";
    }
    void StopReplica(int n) const {
        const std::string as_pg = getuid() == 0 ? "runuser -u postgres -- " : "";
        RunCommand(as_pg + "/usr/lib/postgresql/15/bin/pg_ctl -D " + dir_ + "/replica" +
                   std::to_string(n) + " -m immediate -w stop >/dev/null 2>&1");
    }

private:
    std::string parent_;
    std::string dir_;
    std::map<std::string, std::string> values_;
};

class FixedClock final : public app::ports::Clock {
public:
    domain::TimePoint Now() const override { return domain::TimePoint{}; }
};

/// Superuser SQL on one server, outside the adapter.
void Sql(const std::string& url, const std::string& sql) {
    Connection connection(url, 5000, 10000);
    connection.Exec(sql);
}

app::ports::HardwareModel Model(int i) {
    return {"model-" + std::to_string(i), "router", "Vendor", "R" + std::to_string(i),
            domain::TimePoint{}};
}

class PostgresReplicas : public ::testing::Test {
protected:
    void SetUp() override {
        cluster_ = std::make_unique<Cluster>();
        PostgresOptions options(cluster_->Value("MULTI_URL"), 4, 2000, 2000, 10000);
        // Credentials are left out on purpose: they come from the primary URL.
        for (const char* key : {"REPLICA_URLS"}) {
            std::string urls = cluster_->Value(key);
            for (std::size_t at = 0; at < urls.size();) {
                const auto comma = urls.find(',', at);
                std::string url = urls.substr(at, comma - at);
                url.replace(url.find("postgres@"), 9, "");
                options.replica_urls.push_back(url);
                at = comma == std::string::npos ? urls.size() : comma + 1;
            }
        }
        options.breakers = &breakers_;
        options.breaker_settings.minimum_calls = 2;
        options.breaker_settings.window_size = 4;
        options.breaker_settings.open_wait = std::chrono::hours(1);  // the clock never moves
        db_ = std::make_unique<PostgresDatabase>(options);
        db_->Migrate();
    }

    std::string BreakerState(const std::string& name) const {
        for (const auto& dependency : breakers_.Dependencies()) {
            if (dependency.name == name) {
                return dependency.state;
            }
        }
        return "missing";
    }

    void Write(int i) {
        auto unit = db_->Begin(TxKind::kWrite);
        unit->Inventory().InsertModel(Model(i));
        unit->Commit();
    }
    bool ReadBack(int i) {
        auto unit = db_->Begin(TxKind::kRead);
        return unit->Inventory().FindModel(Model(i).id).has_value();
    }

    FixedClock clock_;
    infra::resilience::BreakerRegistry breakers_{clock_};
    std::unique_ptr<Cluster> cluster_;
    std::unique_ptr<PostgresDatabase> db_;
};

TEST_F(PostgresReplicas, EveryReadAfterAnAcknowledgedWriteSeesItAndReplicasServeReads) {
    for (int i = 0; i < 100; ++i) {
        Write(i);
        ASSERT_TRUE(ReadBack(i)) << "read-your-writes broken at write " << i;
    }
    EXPECT_GT(db_->LastWriteLsn(), 0U);
    // Synchronous commit keeps one standby close behind; the other catches up between reads.
    EXPECT_GT(db_->ReplicaReads(), 0);
    // The lag seen by those checks is exported (store_db_replication_lag_seconds).
    const auto lags = db_->ReplicaLagSeconds();
    ASSERT_FALSE(lags.empty());
    for (const auto& [replica, lag] : lags) {
        EXPECT_EQ(replica.rfind("database-replica-", 0), 0u) << replica;
        EXPECT_GE(lag, 0.0);
    }
    EXPECT_EQ(BreakerState("database-replica-1"), "closed");
    EXPECT_EQ(BreakerState("database-replica-2"), "closed");
}

TEST_F(PostgresReplicas, ReplicasThatHaveNotReplayedTheLastWriteAreSkipped) {
    Write(1);
    ASSERT_TRUE(ReadBack(1));
    // Freeze replay on both replicas: they stay connected and healthy, but behind.
    Sql(cluster_->ReplicaUrl(1), "SELECT pg_wal_replay_pause()");
    Sql(cluster_->ReplicaUrl(2), "SELECT pg_wal_replay_pause()");
    const auto primary_reads = db_->PrimaryReads();
    const auto replica_reads = db_->ReplicaReads();
    for (int i = 2; i < 12; ++i) {
        Write(i);
        ASSERT_TRUE(ReadBack(i)) << "a stale replica served the read of write " << i;
    }
    EXPECT_EQ(db_->ReplicaReads(), replica_reads);
    EXPECT_EQ(db_->PrimaryReads(), primary_reads + 10);
    // A lagging replica is not a failing one.
    EXPECT_EQ(BreakerState("database-replica-1"), "closed");
    Sql(cluster_->ReplicaUrl(1), "SELECT pg_wal_replay_resume()");
    Sql(cluster_->ReplicaUrl(2), "SELECT pg_wal_replay_resume()");
}

TEST_F(PostgresReplicas, DeadReplicasFallBackToThePrimaryAndOpenTheirBreakers) {
    Write(1);
    cluster_->StopReplica(1);
    cluster_->StopReplica(2);
    for (int i = 0; i < 10; ++i) {
        ASSERT_TRUE(ReadBack(1)) << "read " << i << " must fall back to the primary";
    }
    EXPECT_EQ(BreakerState("database-replica-1"), "open");
    EXPECT_EQ(BreakerState("database-replica-2"), "open");
    EXPECT_EQ(BreakerState("database"), "closed");
}

}  // namespace
}  // namespace store
