#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/ports/database.hpp"

namespace store::infra::sqlite {

class Connection;

/// The embedded database: one SQLite file in WAL mode, shared by a small pool of connections
/// so that reads run in parallel with the (single) writer. Writes take the write lock at
/// BEGIN (BEGIN IMMEDIATE), so a transaction never fails half-way for want of it.
class SqliteDatabase final : public app::ports::Database {
public:
    /// Opens `path` (created when missing). ":memory:" gets a single connection, since each
    /// connection would otherwise see its own empty database.
    SqliteDatabase(std::string path, int pool_size);
    ~SqliteDatabase() override;

    std::string Kind() const override { return "sqlite"; }
    void Migrate() override;
    std::unique_ptr<app::ports::UnitOfWork> Begin(app::ports::TxKind kind) override;
    void Ping() override;
    app::ports::PoolStats Stats() const override;

    /// Hands a connection back to the pool (called by the units of work).
    void Release(std::unique_ptr<Connection> connection);

private:
    std::unique_ptr<Connection> Acquire();

    std::string path_;
    int pool_size_;
    mutable std::mutex mutex_;
    std::condition_variable released_;
    std::vector<std::unique_ptr<Connection>> idle_;
    int open_ = 0;                     // connections that exist (idle or lent)
    int waiting_ = 0;                  // callers blocked in Acquire
    app::ports::WaitHistogram waits_;  // how long Acquire waited, since start
};

}  // namespace store::infra::sqlite
