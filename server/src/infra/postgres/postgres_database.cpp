#include "infra/postgres/postgres_database.hpp"

#include <chrono>

#include "app/errors.hpp"
#include "infra/postgres/connection.hpp"
#include "infra/postgres/migrations.hpp"
#include "infra/postgres/provisioning_repositories.hpp"
#include "infra/postgres/repositories.hpp"

namespace store::infra::postgres {
namespace {

// pg_advisory_xact_lock key of the migration runner ("STORE" in ASCII).
constexpr const char* kMigrationLockKey = "358486872645";
constexpr int kMaxAttempts = 3;

/// Returns the connection to the pool even when the caller throws.
class Lease {
public:
    Lease(PostgresDatabase& database, std::unique_ptr<Connection> connection)
        : database_(database), connection_(std::move(connection)) {}
    ~Lease() {
        if (connection_) {
            database_.Release(std::move(connection_));
        }
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

private:
    PostgresDatabase& database_;
    std::unique_ptr<Connection> connection_;
};

class PostgresUnitOfWork final : public app::ports::UnitOfWork {
public:
    PostgresUnitOfWork(PostgresDatabase& database, std::unique_ptr<Connection> connection)
        : lease_(database, std::move(connection)),
          stores_(*lease_),
          users_(*lease_),
          tokens_(*lease_),
          audit_(*lease_),
          inventory_(*lease_),
          network_(*lease_),
          runs_(*lease_),
          artifacts_(*lease_) {}

    ~PostgresUnitOfWork() override {
        if (lease_->Healthy() && !lease_->Idle()) {
            try {
                lease_->Exec("ROLLBACK");
            } catch (const app::AppError&) {
                // The pool closes a connection that is not idle when it comes back.
            }
        }
    }

    app::ports::StoreRepository& Stores() override { return stores_; }
    app::ports::UserRepository& Users() override { return users_; }
    app::ports::TokenRepository& Tokens() override { return tokens_; }
    app::ports::AuditRepository& Audit() override { return audit_; }
    app::ports::InventoryRepository& Inventory() override { return inventory_; }
    app::ports::NetworkRepository& Network() override { return network_; }
    app::ports::RunRepository& Runs() override { return runs_; }
    app::ports::ArtifactRepository& Artifacts() override { return artifacts_; }

    void Commit() override {
        // COMMIT of an aborted transaction "succeeds" as a ROLLBACK: refuse it explicitly.
        if (lease_->InFailedTransaction()) {
            throw app::AppError(app::ErrorCode::kInternal, "the change could not be saved",
                                "postgres: commit after a failed statement; rolled back");
        }
        lease_->Exec("COMMIT");
    }

private:
    Lease lease_;
    StoreRepository stores_;
    UserRepository users_;
    TokenRepository tokens_;
    AuditRepository audit_;
    InventoryRepository inventory_;
    NetworkRepository network_;
    RunRepository runs_;
    ArtifactRepository artifacts_;
};

}  // namespace

PostgresDatabase::PostgresDatabase(PostgresOptions options) : options_(std::move(options)) {
    if (options_.pool_size < 1) {
        options_.pool_size = 1;
    }
}

PostgresDatabase::~PostgresDatabase() = default;

std::unique_ptr<Connection> PostgresDatabase::Acquire() {
    std::unique_lock lock(mutex_);
    ++waiting_;
    const bool ready =
        released_.wait_for(lock, std::chrono::milliseconds(options_.acquire_timeout_ms),
                           [&] { return !idle_.empty() || open_ < options_.pool_size; });
    --waiting_;
    if (!ready) {
        throw app::AppError(app::ErrorCode::kDependencyUnavailable,
                            "database connection pool exhausted");
    }
    if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        if (connection->Healthy()) {
            return connection;
        }
        lock.unlock();
        connection.reset();  // replaced below, in the same slot
    } else {
        ++open_;
        lock.unlock();
    }
    try {
        return std::make_unique<Connection>(options_.url, options_.connect_timeout_ms,
                                            options_.statement_timeout_ms);
    } catch (...) {
        lock.lock();
        --open_;
        lock.unlock();
        released_.notify_one();
        throw;
    }
}

void PostgresDatabase::Release(std::unique_ptr<Connection> connection) {
    if (!connection->Healthy() || !connection->Idle()) {
        Discard(std::move(connection));
        return;
    }
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(connection));
    }
    released_.notify_one();
}

void PostgresDatabase::Discard(std::unique_ptr<Connection> connection) {
    connection.reset();
    {
        std::lock_guard lock(mutex_);
        --open_;
    }
    released_.notify_one();
}

void PostgresDatabase::Migrate() {
    for (const auto& migration : EmbeddedMigrations()) {
        for (int attempt = 1;; ++attempt) {
            Lease connection(*this, Acquire());
            try {
                // The advisory lock makes a second process wait here; it then finds the
                // version recorded and skips it. It is released by COMMIT/ROLLBACK.
                connection->Exec(std::string("BEGIN; SELECT pg_advisory_xact_lock(") +
                                 kMigrationLockKey +
                                 "); CREATE TABLE IF NOT EXISTS schema_migrations ("
                                 "version integer PRIMARY KEY, name text NOT NULL, "
                                 "applied_at timestamptz NOT NULL DEFAULT now())");
                const bool applied =
                    connection
                        ->Execute("SELECT 1 FROM schema_migrations WHERE version = $1",
                                  Params().Add(std::int64_t{migration.version}))
                        .Rows() > 0;
                if (!applied) {
                    connection->Exec(std::string(migration.sql));
                    connection->Execute(
                        "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                        Params().Add(std::int64_t{migration.version}).Add(migration.name));
                }
                connection->Exec("COMMIT");
                break;
            } catch (const SerializationFailure&) {
                if (attempt >= kMaxAttempts) {
                    throw;
                }
            } catch (const app::AppError& error) {
                throw app::AppError(error.code(), "database migration failed",
                                    "migration " + std::to_string(migration.version) + "_" +
                                        std::string(migration.name) + ": " + error.internal());
            }
        }
    }
}

std::unique_ptr<app::ports::UnitOfWork> PostgresDatabase::Begin(app::ports::TxKind kind) {
    const char* begin = kind == app::ports::TxKind::kWrite ? "BEGIN" : "BEGIN READ ONLY";
    // After a server restart every idle connection is dead: allow one try per pool slot.
    const int max_attempts = options_.pool_size + 1;
    for (int attempt = 1;; ++attempt) {
        auto connection = Acquire();
        try {
            connection->Exec(begin);
            return std::make_unique<PostgresUnitOfWork>(*this, std::move(connection));
        } catch (const app::AppError&) {
            // An idle connection the server has since closed fails on first use: drop it
            // and try a fresh one.
            const bool broken = !connection->Healthy();
            Release(std::move(connection));
            if (!broken || attempt >= max_attempts) {
                throw;
            }
        }
    }
}

void PostgresDatabase::Ping() {
    const int max_attempts = options_.pool_size + 1;
    for (int attempt = 1;; ++attempt) {
        Lease connection(*this, Acquire());
        try {
            connection->Exec("SELECT 1");
            return;
        } catch (const app::AppError&) {
            if (connection->Healthy() || attempt >= max_attempts) {
                throw;
            }
        }
    }
}

app::ports::PoolStats PostgresDatabase::Stats() const {
    std::lock_guard lock(mutex_);
    app::ports::PoolStats stats;
    stats.size = options_.pool_size;
    stats.idle = static_cast<std::int64_t>(idle_.size());
    stats.busy = open_ - stats.idle;
    stats.waiting = waiting_;
    return stats;
}

}  // namespace store::infra::postgres
