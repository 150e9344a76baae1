#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "app/ports/database.hpp"
#include "infra/postgres/conninfo.hpp"
#include "infra/resilience/circuit_breaker.hpp"

namespace store::platform {
class FileWatcher;
class Logger;
}  // namespace store::platform

namespace store::infra::postgres {

class Connection;
class ConnectionPool;
struct ConnectionOptions;

struct PostgresOptions {
    PostgresOptions() = default;
    /// The common case, positional (tests, tools); the rest keeps its defaults.
    PostgresOptions(std::string url_, int pool_size_, int connect_timeout_ms_,
                    int acquire_timeout_ms_, int statement_timeout_ms_)
        : url(std::move(url_)),
          pool_size(pool_size_),
          connect_timeout_ms(connect_timeout_ms_),
          acquire_timeout_ms(acquire_timeout_ms_),
          statement_timeout_ms(statement_timeout_ms_) {}

    /// libpq URL or conninfo; may name several hosts ("postgresql://a:5432,b:5432/store
    /// ?target_session_attrs=read-write"): new connections then find the current primary.
    std::string url;
    /// Connections per pool (the primary's, and each replica's).
    int pool_size = 10;
    int connect_timeout_ms = 5000;
    /// How long Begin() waits for a free connection before kDependencyUnavailable.
    int acquire_timeout_ms = 2000;
    /// Server-side limit per statement; 0 = none.
    int statement_timeout_ms = 10000;
    /// Streaming replicas for TxKind::kRead; user, password and dbname default to url's.
    std::vector<std::string> replica_urls;
    /// A replica whose replay is further behind than this, or that streams from no primary,
    /// is not used.
    int replica_lag_tolerance_ms = 2000;
    int max_lifetime_ms = 30 * 60 * 1000;
    int idle_check_ms = 30 * 1000;
    /// PgBouncer in transaction mode in front: no session state.
    bool transaction_pooling = false;
    /// DATABASE_URL_FILE: when set, the file `url` was read from. It is watched (a stat every
    /// `url_file_interval`, and at once when a connection cannot be opened); a new URL in it
    /// (rotated credentials) replaces `url` without a restart (ReplaceUrl).
    std::string url_file;
    std::chrono::milliseconds url_file_interval{1000};
    /// Logs credential reloads (never the URL itself); may be null.
    const platform::Logger* logger = nullptr;
    /// Where the breakers "database" (required) and "database-replica-N" live; none = no
    /// breakers (tools, tests of the adapter alone).
    resilience::BreakerRegistry* breakers = nullptr;
    resilience::BreakerSettings breaker_settings{};
};

/// PostgreSQL through libpq.
///
/// Pools: one for the primary, one per replica (ConnectionPool: bounded, acquisition timeout,
/// idle checks, max lifetime). Every unit of work is one call through the circuit breaker of
/// the server it runs on, so a dead primary opens "database" after a few failures and further
/// requests fail at once with kDependencyUnavailable (503) instead of waiting on connects.
///
/// Replicas and read-your-writes: a TxKind::kRead unit runs on the next replica (round robin)
/// whose breaker lets it through and whose replay position has reached the last write this
/// process committed (pg_current_wal_lsn() read after each commit), checked in the same round
/// trip as BEGIN; else on the primary. So whatever this process acknowledged is visible to
/// every later read it serves. docs/reliability.md explains the rule across processes.
///
/// Rotated credentials: ReplaceUrl (called when `url_file` changes) points every pool at the
/// new URL — the replicas' inherited user, password and database name follow it — and drains
/// the connections opened with the old one: idle ones are closed at once, busy ones when
/// their unit of work ends. No request fails for it.
class PostgresDatabase final : public app::ports::Database {
public:
    explicit PostgresDatabase(PostgresOptions options);
    ~PostgresDatabase() override;

    std::string Kind() const override { return "postgresql"; }
    void Migrate() override;
    std::unique_ptr<app::ports::UnitOfWork> Begin(app::ports::TxKind kind) override;
    void Ping() override;
    app::ports::PoolStats Stats() const override;

    /// Units of work begun on a replica / on the primary since start (for tests and metrics).
    std::int64_t ReplicaReads() const { return replica_reads_.load(); }
    /// Replay lag per replica as last seen by a read check (replicas not yet checked are absent).
    std::vector<std::pair<std::string, double>> ReplicaLagSeconds() const;
    std::int64_t PrimaryReads() const { return primary_reads_.load(); }
    /// The WAL position of the last commit this process made (0 before the first).
    std::uint64_t LastWriteLsn() const { return last_write_lsn_.load(); }

    /// New connections (primary and replicas) use `url` from now on; the open ones are drained.
    /// False (nothing done) when `url` is empty, unchanged or not a libpq URL/conninfo.
    bool ReplaceUrl(const std::string& url);
    /// The primary URL in use (the notify relay reconnects with it).
    std::string Url() const;
    /// How often ReplaceUrl took a new URL since start.
    std::int64_t UrlReloads() const { return url_reloads_.load(); }

    /// Called by a write unit of work after its COMMIT succeeded on the primary.
    void RecordWrite(Connection& connection);

private:
    struct Server;
    std::unique_ptr<app::ports::UnitOfWork> BeginOnPrimary(app::ports::TxKind kind);
    std::unique_ptr<app::ports::UnitOfWork> BeginOnReplica();
    ConnectionOptions ConnectionFor(const std::string& url, ConnParams extra) const;

    PostgresOptions options_;  // options_.url is guarded by url_mutex_
    mutable std::mutex url_mutex_;
    std::atomic<std::int64_t> url_reloads_{0};
    std::unique_ptr<Server> primary_;
    std::vector<std::unique_ptr<Server>> replicas_;
    std::atomic<std::size_t> next_replica_{0};
    std::atomic<std::int64_t> replica_reads_{0};
    std::atomic<std::int64_t> primary_reads_{0};

    // Read-your-writes bookkeeping (only used with replicas).
    std::atomic<std::uint64_t> last_write_lsn_{0};
    // Set when a commit succeeded but its LSN could not be read: reads stay on the primary
    // until an LSN read that started after that moment succeeds (it is at least as high).
    std::atomic<bool> lsn_unknown_{false};
    std::mutex lsn_mutex_;
    std::uint64_t lsn_tickets_ = 0;
    std::uint64_t lsn_unknown_after_ = 0;

    // Last member: its thread stops before anything it calls goes away.
    std::unique_ptr<platform::FileWatcher> url_watcher_;
};

}  // namespace store::infra::postgres
