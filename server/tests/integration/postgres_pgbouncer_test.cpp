// PgBouncer in transaction pooling mode in front of PostgreSQL (scripts/start-pgbouncer.sh on
// loopback): with database.transaction_pooling the adapter keeps no session state (no named
// prepared statements, settings per transaction), so many more client connections than
// server connections run concurrent units of work without mixing up sessions.
#include <gtest/gtest.h>
#include <unistd.h>
#include "harness/process.hpp"

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/errors.hpp"
#include "harness/postgres_server.hpp"
#include "infra/postgres/postgres_database.hpp"

namespace store {
namespace {

using store::testing::RunCommand;
using store::testing::ScriptPath;

using app::ports::TxKind;
using infra::postgres::PostgresDatabase;
using infra::postgres::PostgresOptions;

class Bouncer {
public:
    explicit Bouncer(const std::string& server_url) {
        char pattern[] = "/tmp/store-bouncer-XXXXXX";
        if (mkdtemp(pattern) == nullptr) {
            throw std::runtime_error("mkdtemp failed");
        }
        dir_ = pattern;
        const auto colon = server_url.rfind(':');
        const std::string target = server_url.substr(colon + 1, server_url.rfind('/') - colon - 1);
        port_ = RunCommand(ScriptPath("start-pgbouncer.sh") + " " + dir_ + " " + target + " 2");
    }
    ~Bouncer() {
        const int status = std::system(
            ("kill $(cat " + dir_ + "/pgbouncer.pid) 2>/dev/null; rm -rf " + dir_).c_str());
        static_cast<void>(status);
    }
    Bouncer(const Bouncer&) = delete;
    Bouncer& operator=(const Bouncer&) = delete;
    std::string Url(const std::string& database) const {
        return "postgresql://postgres@127.0.0.1:" + port_ + "/" + database;
    }

private:
    std::string dir_;
    std::string port_;
};

TEST(PostgresBehindPgBouncer, TransactionPoolingModeRunsConcurrentUnitsOnTwoServerConnections) {
    auto& server = testing::PostgresServer::Shared();
    const std::string name = "bouncer_" + std::to_string(getpid());
    server.CreateDatabase(name);
    Bouncer bouncer(server.Url());

    PostgresOptions options(bouncer.Url(name), 8, 5000, 5000, 10000);
    options.transaction_pooling = true;
    PostgresDatabase db(options);
    db.Migrate();

    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                try {
                    const std::string id = "m-" + std::to_string(t) + "-" + std::to_string(i);
                    {
                        auto unit = db.Begin(TxKind::kWrite);
                        unit->Inventory().InsertModel({id, "router", "V", id, {}});
                        unit->Commit();
                    }
                    auto unit = db.Begin(TxKind::kRead);
                    if (!unit->Inventory().FindModel(id)) {
                        ++failures;
                    }
                } catch (const app::AppError& error) {
                    ADD_FAILURE() << error.detail() << ": " << error.internal();
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(db.Begin(TxKind::kRead)->Inventory().ListModels().size(), 200U);
}

TEST(PostgresBehindPgBouncer, SessionModeSettingsAreRefusedByPgBouncerSoTheFlagIsNeeded) {
    auto& server = testing::PostgresServer::Shared();
    const std::string name = "bouncer_session_" + std::to_string(getpid());
    server.CreateDatabase(name);
    Bouncer bouncer(server.Url());
    // Without the flag the settings travel as the "options" startup parameter, which PgBouncer
    // refuses: a clear start-up failure rather than sessions silently mixed up.
    PostgresDatabase db(PostgresOptions(bouncer.Url(name), 2, 5000, 5000, 10000));
    EXPECT_THROW(db.Ping(), app::AppError);
}

}  // namespace
}  // namespace store
