#include "infra/postgres/postgres_database.hpp"

#include <chrono>
#include <utility>

#include "app/errors.hpp"
#include "infra/postgres/connection.hpp"
#include "infra/postgres/connection_pool.hpp"
#include "infra/postgres/conninfo.hpp"
#include "infra/sql/lease.hpp"
#include "infra/sql/migrations.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/sql/sessions.hpp"
#include "platform/files.hpp"
#include "platform/logging.hpp"

namespace store::infra::postgres {
namespace {

// pg_advisory_xact_lock key of the migration runner ("STORE" in ASCII).
constexpr const char* kMigrationLockKey = "358486872645";
constexpr int kMaxAttempts = 3;

// Sent after "BEGIN READ ONLY" in the same round trip: may this replica serve the read?
// (replay position; a WAL receiver exists, i.e. it still streams from a primary; replay lag
// in ms, 0 when everything received is replayed). NULL position: not a standby at all.
constexpr const char* kReplicaState =
    "SELECT pg_last_wal_replay_lsn()::text, EXISTS (SELECT 1 FROM pg_stat_wal_receiver), "
    "CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 ELSE "
    "COALESCE((EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)"
    "::bigint, 0) END";

using Lease = sql::Lease<ConnectionPool, Connection>;

/// One call through a circuit breaker, recorded exactly once: a failure when the database
/// did not answer (kDependencyUnavailable), else a success (business errors included).
class BreakerCall {
public:
    explicit BreakerCall(resilience::CircuitBreaker* breaker)
        : breaker_(breaker), start_(std::chrono::steady_clock::now()) {}
    BreakerCall(BreakerCall&& other) noexcept
        : breaker_(std::exchange(other.breaker_, nullptr)), start_(other.start_) {}
    BreakerCall& operator=(BreakerCall&&) = delete;
    BreakerCall(const BreakerCall&) = delete;
    BreakerCall& operator=(const BreakerCall&) = delete;
    ~BreakerCall() { Succeed(); }

    void Succeed() {
        if (breaker_ != nullptr) {
            std::exchange(breaker_, nullptr)
                ->RecordSuccess(std::chrono::steady_clock::now() - start_);
        }
    }
    void Fail(const std::string& error) {
        if (breaker_ != nullptr) {
            std::exchange(breaker_, nullptr)
                ->RecordFailure(std::chrono::steady_clock::now() - start_, error);
        }
    }

private:
    resilience::CircuitBreaker* breaker_;
    std::chrono::steady_clock::time_point start_;
};

using LeasedSession = sql::LeasedSession<ConnectionPool, Connection>;

class PostgresUnitOfWork final : private LeasedSession, public sql::RepositoryUnit {
public:
    PostgresUnitOfWork(ConnectionPool& pool, std::unique_ptr<Connection> connection,
                       BreakerCall call, PostgresDatabase* record_writes)
        : LeasedSession(pool, std::move(connection)),
          sql::RepositoryUnit(*session),
          call_(std::move(call)),
          record_writes_(record_writes) {}

    ~PostgresUnitOfWork() override {
        if (lease->Healthy() && !lease->Idle()) {
            try {
                lease->Exec("ROLLBACK");
            } catch (const app::AppError&) {
                // The pool closes a connection that is not idle when it comes back.
            }
        }
        if (const auto failure = lease->TakeFailure()) {
            call_.Fail(*failure);
        } else {
            call_.Succeed();
        }
    }

    void Commit() override {
        // COMMIT of an aborted transaction "succeeds" as a ROLLBACK: refuse it explicitly.
        if (lease->InFailedTransaction()) {
            throw app::AppError(app::ErrorCode::kInternal, "the change could not be saved",
                                "postgres: commit after a failed statement; rolled back");
        }
        lease->Exec("COMMIT");
        if (record_writes_ != nullptr) {
            record_writes_->RecordWrite(*lease);
        }
    }

private:
    BreakerCall call_;
    PostgresDatabase* record_writes_;  // set for writes when replicas serve reads
};

}  // namespace

struct PostgresDatabase::Server {
    std::string name;
    std::unique_ptr<ConnectionPool> pool;
    resilience::CircuitBreaker* breaker = nullptr;
    std::atomic<std::int64_t> lag_ms{-1};  // last replay lag seen (replicas); -1 unknown

    /// Refuses at once (503) while the breaker is open.
    BreakerCall Admit() const {
        if (breaker != nullptr && !breaker->Allow()) {
            throw app::AppError(app::ErrorCode::kDependencyUnavailable,
                                "the database is not available",
                                "circuit breaker " + breaker->Name() + " is open");
        }
        return BreakerCall(breaker);
    }
};

ConnectionOptions PostgresDatabase::ConnectionFor(const std::string& url, ConnParams extra) const {
    return ConnectionOptions{url, std::move(extra), options_.connect_timeout_ms,
                             options_.statement_timeout_ms, options_.transaction_pooling};
}

PostgresDatabase::PostgresDatabase(PostgresOptions options) : options_(std::move(options)) {
    if (options_.pool_size < 1) {
        options_.pool_size = 1;
    }
    const auto make_server = [&](const std::string& name, const std::string& url, ConnParams extra,
                                 bool required) {
        PoolOptions pool;
        pool.connection = ConnectionFor(url, std::move(extra));
        pool.size = options_.pool_size;
        pool.acquire_timeout_ms = options_.acquire_timeout_ms;
        pool.max_lifetime_ms = options_.max_lifetime_ms;
        pool.idle_check_ms = options_.idle_check_ms;
        if (!options_.url_file.empty()) {
            // A refused connection may mean the password changed just now: look at the file.
            pool.recheck_credentials = [this] {
                if (url_watcher_) {
                    url_watcher_->CheckNow();
                }
            };
        }
        auto server = std::make_unique<Server>();
        server->name = name;
        server->pool = std::make_unique<ConnectionPool>(std::move(pool));
        if (options_.breakers != nullptr) {
            auto settings = options_.breaker_settings;
            settings.required = required;
            server->breaker = &options_.breakers->Add(name, settings);
        }
        return server;
    };
    primary_ = make_server("database", options_.url, {}, true);
    for (std::size_t i = 0; i < options_.replica_urls.size(); ++i) {
        const auto& url = options_.replica_urls[i];
        replicas_.push_back(make_server("database-replica-" + std::to_string(i + 1), url,
                                        InheritedFromPrimary(options_.url, url), false));
    }
    if (!options_.url_file.empty()) {
        url_watcher_ = std::make_unique<platform::FileWatcher>(
            options_.url_file, options_.url_file_interval,
            [this](const std::string& url) { ReplaceUrl(url); });
        // Rewritten between the caller's read and the watcher's first look: taken now.
        if (const auto text = platform::ReadFile(options_.url_file)) {
            ReplaceUrl(platform::TrimEnd(*text));
        }
    }
}

bool PostgresDatabase::ReplaceUrl(const std::string& url) {
    std::lock_guard lock(url_mutex_);
    if (url.empty() || url == options_.url || !ValidConnInfo(url)) {
        if (options_.logger != nullptr && url != options_.url) {
            options_.logger->Warn("database URL file ignored: not a PostgreSQL URL",
                                  {{"file", options_.url_file}});
        }
        return false;
    }
    options_.url = url;
    primary_->pool->Reconfigure(ConnectionFor(url, {}));
    for (std::size_t i = 0; i < replicas_.size(); ++i) {
        const auto& replica_url = options_.replica_urls[i];
        replicas_[i]->pool->Reconfigure(
            ConnectionFor(replica_url, InheritedFromPrimary(url, replica_url)));
    }
    url_reloads_.fetch_add(1);
    if (options_.logger != nullptr) {
        options_.logger->Info(
            "database credentials reloaded; connections opened with the old ones are drained",
            {{"file", options_.url_file}, {"user", ConnInfoValue(url, "user").value_or("")}});
    }
    return true;
}

std::string PostgresDatabase::Url() const {
    std::lock_guard lock(url_mutex_);
    return options_.url;
}

PostgresDatabase::~PostgresDatabase() = default;

void PostgresDatabase::Migrate() {
    for (const auto& migration : EmbeddedMigrations()) {
        for (int attempt = 1;; ++attempt) {
            Lease connection(*primary_->pool, primary_->pool->Acquire());
            try {
                // The advisory lock makes a second process wait here; it then finds the
                // version recorded and skips it. It is released by COMMIT/ROLLBACK.
                connection->Exec("BEGIN" + connection->SessionSettings() +
                                 "; SELECT pg_advisory_xact_lock(" + kMigrationLockKey +
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
    if (kind == app::ports::TxKind::kRead) {
        if (auto unit = BeginOnReplica()) {
            return unit;
        }
        ++primary_reads_;
    }
    return BeginOnPrimary(kind);
}

std::unique_ptr<app::ports::UnitOfWork> PostgresDatabase::BeginOnPrimary(app::ports::TxKind kind) {
    const bool write = kind == app::ports::TxKind::kWrite;
    BreakerCall call = primary_->Admit();
    // After a server restart or a failover every idle connection is dead: allow one try per
    // pool slot (most are caught without a round trip by ConnectionPool::Acquire).
    const int max_attempts = options_.pool_size + 1;
    for (int attempt = 1;; ++attempt) {
        std::unique_ptr<Connection> connection;
        try {
            connection = primary_->pool->Acquire();
        } catch (const app::AppError& error) {
            call.Fail(error.internal());
            throw;
        }
        static_cast<void>(connection->TakeFailure());
        try {
            connection->Exec((write ? "BEGIN" : "BEGIN READ ONLY") + connection->SessionSettings());
            return std::make_unique<PostgresUnitOfWork>(
                *primary_->pool, std::move(connection), std::move(call),
                write && !replicas_.empty() ? this : nullptr);
        } catch (const app::AppError&) {
            const bool broken = !connection->Healthy();
            const auto failure = connection->TakeFailure();
            primary_->pool->Release(std::move(connection));
            if (!broken || attempt >= max_attempts) {
                if (failure) {
                    call.Fail(*failure);
                }
                throw;
            }
        }
    }
}

std::unique_ptr<app::ports::UnitOfWork> PostgresDatabase::BeginOnReplica() {
    if (replicas_.empty() || lsn_unknown_.load()) {
        return nullptr;
    }
    const std::uint64_t needed = last_write_lsn_.load();
    const std::size_t first = next_replica_.fetch_add(1);
    for (std::size_t i = 0; i < replicas_.size(); ++i) {
        Server& server = *replicas_[(first + i) % replicas_.size()];
        if (server.breaker != nullptr && !server.breaker->Allow()) {
            continue;
        }
        BreakerCall call(server.breaker);
        std::unique_ptr<Connection> connection;
        try {
            connection = server.pool->Acquire();
        } catch (const app::AppError& error) {
            call.Fail(error.internal());
            continue;
        }
        static_cast<void>(connection->TakeFailure());
        try {
            const Result state = connection->Query(
                "BEGIN READ ONLY" + connection->SessionSettings() + "; " + kReplicaState);
            bool usable = false;
            if (!state.IsNull(0, 0)) {
                server.lag_ms.store(state.Int(0, 2));
                const auto replayed = ParseLsn(state.Text(0, 0));
                usable = replayed && *replayed >= needed && state.Bool(0, 1) &&
                         state.Int(0, 2) <= options_.replica_lag_tolerance_ms;
            }
            if (usable) {
                ++replica_reads_;
                return std::make_unique<PostgresUnitOfWork>(*server.pool, std::move(connection),
                                                            std::move(call), nullptr);
            }
            connection->Exec("ROLLBACK");  // behind, or not a standby: the primary reads
            server.pool->Release(std::move(connection));
        } catch (const app::AppError&) {
            const auto failure = connection->TakeFailure();
            server.pool->Release(std::move(connection));
            if (failure) {
                call.Fail(*failure);
            }
        }
    }
    return nullptr;
}

void PostgresDatabase::RecordWrite(Connection& connection) {
    std::uint64_t ticket = 0;
    {
        std::lock_guard lock(lsn_mutex_);
        ticket = ++lsn_tickets_;
    }
    try {
        const Result result = connection.Query("SELECT pg_current_wal_lsn()::text");
        const auto lsn = ParseLsn(result.Text(0, 0));
        if (!lsn) {
            throw app::AppError(app::ErrorCode::kInternal, "database error",
                                "pg_current_wal_lsn() unreadable: " + result.Text(0, 0));
        }
        auto current = last_write_lsn_.load();
        while (current < *lsn && !last_write_lsn_.compare_exchange_weak(current, *lsn)) {
        }
        std::lock_guard lock(lsn_mutex_);
        if (ticket > lsn_unknown_after_) {
            lsn_unknown_ = false;  // read after the unknown commit: at least as far
        }
    } catch (const app::AppError&) {
        // The commit stands; its position is unknown. Reads go to the primary until a later
        // position is known (never a stale replica read after an acknowledged write).
        std::lock_guard lock(lsn_mutex_);
        lsn_unknown_after_ = lsn_tickets_;
        lsn_unknown_ = true;
    }
}

void PostgresDatabase::Ping() {
    BreakerCall call = primary_->Admit();
    const int max_attempts = options_.pool_size + 1;
    for (int attempt = 1;; ++attempt) {
        std::unique_ptr<Connection> connection;
        try {
            connection = primary_->pool->Acquire();
        } catch (const app::AppError& error) {
            call.Fail(error.internal());
            throw;
        }
        static_cast<void>(connection->TakeFailure());
        try {
            connection->Exec("SELECT 1");
            primary_->pool->Release(std::move(connection));
            return;
        } catch (const app::AppError&) {
            const bool broken = !connection->Healthy();
            const auto failure = connection->TakeFailure();
            primary_->pool->Release(std::move(connection));
            if (!broken || attempt >= max_attempts) {
                if (failure) {
                    call.Fail(*failure);
                }
                throw;
            }
        }
    }
}

std::vector<std::pair<std::string, double>> PostgresDatabase::ReplicaLagSeconds() const {
    std::vector<std::pair<std::string, double>> out;
    for (const auto& replica : replicas_) {
        const auto lag = replica->lag_ms.load();
        if (lag >= 0) {
            out.emplace_back(replica->name, static_cast<double>(lag) / 1000.0);
        }
    }
    return out;
}

app::ports::PoolStats PostgresDatabase::Stats() const {
    app::ports::PoolStats stats = primary_->pool->Stats();
    for (const auto& replica : replicas_) {
        const auto more = replica->pool->Stats();
        stats.size += more.size;
        stats.busy += more.busy;
        stats.idle += more.idle;
        stats.waiting += more.waiting;
        stats.waits.Add(more.waits);
    }
    return stats;
}

}  // namespace store::infra::postgres
