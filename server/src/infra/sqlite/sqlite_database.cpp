#include "infra/sqlite/sqlite_database.hpp"

#include <chrono>

#include "app/errors.hpp"
#include "infra/pool_wait.hpp"
#include "infra/sql/lease.hpp"
#include "infra/sql/migrations.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/sql/sessions.hpp"
#include "infra/sqlite/connection.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sqlite {
namespace {

// As long as SQLite's busy timeout: past it a caller would fail at BEGIN anyway.
constexpr auto kAcquireTimeout = std::chrono::milliseconds(5000);

using Lease = sql::Lease<SqliteDatabase, Connection>;
using LeasedSession = sql::LeasedSession<SqliteDatabase, Connection>;

class SqliteUnitOfWork final : private LeasedSession, public sql::RepositoryUnit {
public:
    SqliteUnitOfWork(SqliteDatabase& database, std::unique_ptr<Connection> connection,
                     app::ports::TxKind kind)
        : LeasedSession(database, std::move(connection)), sql::RepositoryUnit(*session) {
        lease->Exec(kind == app::ports::TxKind::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
    }

    ~SqliteUnitOfWork() override {
        if (!lease->AutoCommit()) {
            try {
                lease->Exec("ROLLBACK");
            } catch (const app::AppError&) {
                // Nothing more to do: SQLite rolls back by itself when ROLLBACK cannot run.
            }
        }
    }

    void Commit() override { lease->Exec("COMMIT"); }
};

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path, int pool_size)
    : path_(std::move(path)), pool_size_(pool_size < 1 ? 1 : pool_size) {
    if (path_ == ":memory:") {
        pool_size_ = 1;
    }
    // Open one connection now so that a bad path fails at start-up, not on the first request.
    Release(Acquire());
}

SqliteDatabase::~SqliteDatabase() = default;

std::unique_ptr<Connection> SqliteDatabase::Acquire() {
    std::unique_lock lock(mutex_);
    const bool ready = WaitForConnection(lock, released_, kAcquireTimeout, waiting_, waits_,
                                         [&] { return !idle_.empty() || open_ < pool_size_; });
    if (!ready) {
        throw app::AppError(app::ErrorCode::kDependencyUnavailable,
                            "database connection pool exhausted");
    }
    if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return connection;
    }
    ++open_;
    lock.unlock();
    try {
        return std::make_unique<Connection>(path_);
    } catch (...) {
        lock.lock();
        --open_;
        released_.notify_one();
        throw;
    }
}

void SqliteDatabase::Release(std::unique_ptr<Connection> connection) {
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(connection));
    }
    released_.notify_one();
}

void SqliteDatabase::Migrate() {
    Lease connection(*this, Acquire());
    connection->Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    for (const auto& migration : EmbeddedMigrations()) {
        // BEGIN IMMEDIATE: a second process starting at the same time waits here, then sees
        // the version recorded and skips it.
        connection->Exec("BEGIN IMMEDIATE");
        try {
            bool applied = false;
            {
                Query query(*connection, "SELECT 1 FROM schema_migrations WHERE version = ?1");
                query.Bind(1, std::int64_t{migration.version});
                applied = query.Step();
            }
            if (!applied) {
                connection->Exec(std::string(migration.sql));
                Query record(*connection,
                             "INSERT INTO schema_migrations (version, name, applied_at) "
                             "VALUES (?1, ?2, ?3)");
                record.Bind(1, std::int64_t{migration.version})
                    .Bind(2, migration.name)
                    .Bind(3, FormatTime(std::chrono::system_clock::now()));
                record.Run();
            }
            connection->Exec("COMMIT");
        } catch (const app::AppError& error) {
            if (!connection->AutoCommit()) {
                connection->Exec("ROLLBACK");
            }
            throw app::AppError(error.code(), "database migration failed",
                                "migration " + std::to_string(migration.version) + "_" +
                                    std::string(migration.name) + ": " + error.internal());
        }
    }
}

std::unique_ptr<app::ports::UnitOfWork> SqliteDatabase::Begin(app::ports::TxKind kind) {
    return std::make_unique<SqliteUnitOfWork>(*this, Acquire(), kind);
}

void SqliteDatabase::Ping() {
    Lease connection(*this, Acquire());
    Query query(*connection, "SELECT 1");
    query.Step();
}

app::ports::PoolStats SqliteDatabase::Stats() const {
    std::lock_guard lock(mutex_);
    app::ports::PoolStats stats;
    stats.size = pool_size_;
    stats.idle = static_cast<std::int64_t>(idle_.size());
    stats.busy = open_ - stats.idle;
    stats.waiting = waiting_;
    stats.waits = waits_;
    return stats;
}

}  // namespace store::infra::sqlite
