// PostgreSQL-only behaviour of the adapter that the engine-neutral contract cannot express:
// the bounded pool, unreachable servers, broken connections, multi-host URLs, the append-only
// audit log and the constraints that hold even for writers that bypass the repositories.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>

#include "app/errors.hpp"
#include "harness/postgres_server.hpp"
#include "infra/postgres/connection.hpp"
#include "infra/postgres/postgres_database.hpp"
#include "infra/resilience/circuit_breaker.hpp"

namespace store {
namespace {

using app::AppError;
using app::ErrorCode;
using app::ports::TxKind;
using infra::postgres::PostgresDatabase;
using infra::postgres::PostgresOptions;

std::string FreshDatabase(std::string& name) {
    static std::atomic<int> counter{0};
    name = "adapter_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    return testing::PostgresServer::Shared().CreateDatabase(name);
}

TEST(PostgresAdapter, ExhaustedPoolIsDependencyUnavailableUntilAConnectionReturns) {
    std::string name;
    PostgresDatabase db(PostgresOptions{FreshDatabase(name), 2, 5000, 50, 10000});
    db.Migrate();
    auto first = db.Begin(TxKind::kRead);
    auto second = db.Begin(TxKind::kWrite);
    EXPECT_EQ(db.Stats().busy, 2);
    EXPECT_EQ(db.Stats().idle, 0);
    try {
        db.Begin(TxKind::kRead);
        FAIL() << "expected the pool to be exhausted";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::kDependencyUnavailable);
        EXPECT_EQ(error.detail(), "database connection pool exhausted");
    }
    first.reset();
    EXPECT_NO_THROW(db.Begin(TxKind::kRead));
    EXPECT_EQ(db.Stats().size, 2);
}

TEST(PostgresAdapter, UnreachableServerIsDependencyUnavailableWithoutDriverText) {
    // Port 1 on loopback refuses at once.
    PostgresDatabase db(
        PostgresOptions{"postgresql://postgres@127.0.0.1:1/store", 2, 1000, 100, 1000});
    try {
        db.Ping();
        FAIL() << "expected the ping to fail";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::kDependencyUnavailable);
        EXPECT_EQ(error.detail(), "the database is not available");
        EXPECT_NE(error.internal().find("127.0.0.1"), std::string::npos)
            << "the driver's reason belongs in internal(): " << error.internal();
    }
    EXPECT_EQ(db.Stats().busy, 0) << "a failed connect must not leak a pool slot";
    EXPECT_THROW(db.Begin(TxKind::kRead), AppError);
    EXPECT_EQ(db.Stats().busy, 0);
}

TEST(PostgresAdapter, ConnectionsKilledByTheServerAreReplaced) {
    std::string name;
    PostgresDatabase db(PostgresOptions{FreshDatabase(name), 4, 5000, 1000, 10000});
    db.Migrate();
    {
        // Every slot of the pool holds an idle connection, all of which the server kills.
        auto a = db.Begin(TxKind::kRead);
        auto b = db.Begin(TxKind::kRead);
        auto c = db.Begin(TxKind::kRead);
        auto d = db.Begin(TxKind::kRead);
    }
    EXPECT_EQ(db.Stats().idle, 4);
    testing::PostgresServer::Shared().Psql(
        "postgres",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    auto uow = db.Begin(TxKind::kWrite);
    EXPECT_EQ(uow->Users().Count(), 0);
    uow->Commit();
    EXPECT_NO_THROW(db.Ping());
}

TEST(PostgresAdapter, MultiHostUrlFallsThroughToALiveHost) {
    std::string name;
    std::string url = FreshDatabase(name);
    url.insert(url.find('@') + 1, "127.0.0.1:1,");  // a dead host first
    PostgresDatabase db(PostgresOptions{url, 2, 2000, 1000, 10000});
    EXPECT_NO_THROW(db.Migrate());
    EXPECT_NO_THROW(db.Ping());
}

TEST(PostgresAdapter, AuditLogRefusesUpdateAndDelete) {
    std::string name;
    PostgresDatabase db(PostgresOptions{FreshDatabase(name), 2, 5000, 1000, 10000});
    db.Migrate();
    {
        auto uow = db.Begin(TxKind::kWrite);
        uow->Audit().Append({"00000000-0000-4000-8000-000000000001",
                             {},
                             "alice",
                             "user.created",
                             "user",
                             "u1",
                             std::nullopt,
                             "r1",
                             {},
                             ""});
        uow->Commit();
    }
    const auto& server = testing::PostgresServer::Shared();
    EXPECT_THROW(server.Psql(name, "UPDATE audit_log SET actor = 'mallory'"), std::runtime_error);
    EXPECT_THROW(server.Psql(name, "DELETE FROM audit_log"), std::runtime_error);
    EXPECT_THROW(server.Psql(name, "TRUNCATE audit_log"), std::runtime_error);
    EXPECT_EQ(db.Begin(TxKind::kRead)->Audit().ListAll(1, 10).total, 1);
}

TEST(PostgresAdapter, ExclusionConstraintsRefuseOverlapsWrittenBehindTheRepositories) {
    // The repositories serialize their inserts and check first; the schema must still refuse
    // an overlap from any other writer.
    std::string name;
    PostgresDatabase db(PostgresOptions{FreshDatabase(name), 2, 5000, 1000, 10000});
    db.Migrate();
    const auto& server = testing::PostgresServer::Shared();
    server.Psql(
        name,
        "INSERT INTO stores (id, code, name, type, status, version, created_at, updated_at) "
        "VALUES ('s1', 'S-1', 'One', 'standard', 'draft', 1, now(), now()), "
        "('s2', 'S-2', 'Two', 'standard', 'draft', 1, now(), now()); "
        "INSERT INTO address_pools (id, cidr, purpose, segment_prefix, created_at) "
        "VALUES ('p1', '10.0.0.0/16', 'pos', 24, now()); "
        "INSERT INTO network_segments (id, store_id, purpose, vlan_id, cidr, gateway, "
        "dhcp_start, dhcp_end, created_at) VALUES ('g1', 's1', 'pos', 10, "
        "'10.1.0.0/24', '10.1.0.1', '10.1.0.20', '10.1.0.254', now())");
    EXPECT_THROW(server.Psql(name,
                             "INSERT INTO address_pools (id, cidr, purpose, segment_prefix, "
                             "created_at) VALUES ('p2', '10.0.128.0/17', 'guest', 24, now())"),
                 std::runtime_error);
    EXPECT_THROW(server.Psql(name,
                             "INSERT INTO network_segments (id, store_id, purpose, vlan_id, cidr, "
                             "gateway, dhcp_start, dhcp_end, created_at) VALUES ('g2', 's2', "
                             "'pos', 10, '10.1.0.128/25', '', '', '', now())"),
                 std::runtime_error);
    EXPECT_NO_THROW(server.Psql(name,
                                "INSERT INTO network_segments (id, store_id, purpose, vlan_id, "
                                "cidr, gateway, dhcp_start, dhcp_end, created_at) VALUES ('g3', "
                                "'s2', 'pos', 10, '10.1.1.0/24', '', '', '', now())"));
}

TEST(PostgresAdapter, ConstraintViolationsGetTheDetailOfTheViolatedConstraint) {
    std::string name;
    infra::postgres::Connection connection(FreshDatabase(name), 5000, 10000);
    connection.Exec(
        "CREATE TABLE nets (id int PRIMARY KEY, tag text CONSTRAINT nets_tag_key UNIQUE, "
        "net cidr NOT NULL, CONSTRAINT nets_no_overlap EXCLUDE USING gist (net inet_ops WITH &&)); "
        "INSERT INTO nets VALUES (1, 'a', '10.0.0.0/24')");
    const infra::postgres::ConflictDetails conflicts{
        {{"nets_no_overlap", "overlaps"}, {"nets_tag_key", "tag taken"}}, "exists"};
    const auto detail_of = [&](const std::string& values) -> std::string {
        try {
            connection.Execute("INSERT INTO nets VALUES " + values, infra::postgres::Params(),
                               conflicts);
        } catch (const AppError& error) {
            EXPECT_EQ(error.code(), ErrorCode::kConflict);
            EXPECT_NE(error.internal().find("postgres 23"), std::string::npos) << error.internal();
            return error.detail();
        }
        ADD_FAILURE() << "expected a conflict for " << values;
        return {};
    };
    EXPECT_EQ(detail_of("(2, 'b', '10.0.0.128/25')"), "overlaps");  // 23P01
    EXPECT_EQ(detail_of("(3, 'a', '10.0.1.0/24')"), "tag taken");   // 23505, named
    EXPECT_EQ(detail_of("(1, 'c', '10.0.2.0/24')"), "exists");      // 23505, other constraint
}

// ---------------------------------------------------------------------------------------
// Pool health, recycling, breakers, session-free mode.

class StoppedClock final : public app::ports::Clock {
public:
    domain::TimePoint Now() const override { return domain::TimePoint{}; }
};

std::int64_t BackendsOf(const std::string& database) {
    infra::postgres::Connection admin(testing::PostgresServer::Shared().Url(), 5000, 10000);
    return admin
        .Execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            infra::postgres::Params().Add(database))
        .Int(0, 0);
}

TEST(PostgresAdapter, ADeadPrimaryOpensTheDatabaseBreakerAndLaterCallsFailAtOnce) {
    StoppedClock clock;
    infra::resilience::BreakerRegistry breakers(clock);
    PostgresOptions options{"postgresql://postgres@127.0.0.1:1/store", 2, 1000, 100, 1000};
    options.breakers = &breakers;
    options.breaker_settings.minimum_calls = 3;
    PostgresDatabase db(options);
    for (int i = 0; i < 3; ++i) {
        EXPECT_THROW(db.Begin(TxKind::kWrite), AppError);
    }
    const auto status = breakers.Dependencies().at(0);
    EXPECT_EQ(status.name, "database");
    EXPECT_TRUE(status.required);
    EXPECT_EQ(status.state, "open");
    try {
        db.Begin(TxKind::kRead);
        FAIL() << "expected the open breaker to refuse";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::kDependencyUnavailable);
        EXPECT_EQ(error.detail(), "the database is not available");
        EXPECT_NE(error.internal().find("circuit breaker database is open"), std::string::npos);
    }
    EXPECT_EQ(breakers.Dependencies().at(0).rejected, 1);
}

TEST(PostgresAdapter, BusinessErrorsAndDeadIdleConnectionsDoNotCountAsDatabaseFailures) {
    StoppedClock clock;
    infra::resilience::BreakerRegistry breakers(clock);
    std::string name;
    PostgresOptions options{FreshDatabase(name), 3, 5000, 1000, 10000};
    options.breakers = &breakers;
    options.idle_check_ms = 0;  // ping every idle connection before use
    PostgresDatabase db(options);
    db.Migrate();
    const app::ports::HardwareModel model{"m1", "router", "V", "R1", {}};
    {
        auto unit = db.Begin(TxKind::kWrite);
        unit->Inventory().InsertModel(model);
        unit->Commit();
    }
    {
        auto unit = db.Begin(TxKind::kWrite);
        EXPECT_THROW(unit->Inventory().InsertModel(model), AppError);  // kConflict
    }
    testing::PostgresServer::Shared().Psql(
        name, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name +
                  "' AND pid <> pg_backend_pid()");
    EXPECT_TRUE(db.Begin(TxKind::kRead)->Inventory().FindModel("m1").has_value());
    const auto status = breakers.Dependencies().at(0);
    EXPECT_EQ(status.failures, 0) << status.last_error;
    EXPECT_EQ(status.successes, 3);
}

TEST(PostgresAdapter, ConnectionsPastTheirLifetimeAreClosedWhenReturned) {
    std::string name;
    PostgresOptions options{FreshDatabase(name), 2, 5000, 1000, 10000};
    options.max_lifetime_ms = 0;
    PostgresDatabase db(options);
    db.Migrate();
    db.Begin(TxKind::kRead).reset();
    EXPECT_EQ(db.Stats().idle, 0);
    EXPECT_EQ(BackendsOf(name), 0);

    std::string kept;
    PostgresDatabase keeping(PostgresOptions{FreshDatabase(kept), 2, 5000, 1000, 10000});
    keeping.Migrate();
    keeping.Begin(TxKind::kRead).reset();
    EXPECT_EQ(keeping.Stats().idle, 1);
    EXPECT_EQ(BackendsOf(kept), 1);
}

TEST(PostgresAdapter, TransactionPoolingModeKeepsNoSessionStateAndWorks) {
    std::string name;
    PostgresOptions options{FreshDatabase(name), 2, 5000, 1000, 10000};
    options.transaction_pooling = true;
    PostgresDatabase db(options);
    db.Migrate();
    {
        auto unit = db.Begin(TxKind::kWrite);
        unit->Inventory().InsertModel({"m1", "router", "V", "R1", {}});
        unit->Commit();
    }
    auto unit = db.Begin(TxKind::kRead);
    EXPECT_TRUE(unit->Inventory().FindModel("m1").has_value());
    unit.reset();
    EXPECT_EQ(BackendsOf(name), 1);  // behind PgBouncer: postgres_pgbouncer_test.cpp
}

}  // namespace
}  // namespace store
