#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/ports/database.hpp"

namespace store::infra::postgres {

class Connection;

struct PostgresOptions {
    /// libpq URL or conninfo; may name several hosts ("postgresql://a:5432,b:5432/store").
    std::string url;
    int pool_size = 10;
    int connect_timeout_ms = 5000;
    /// How long Begin() waits for a free connection before kDependencyUnavailable.
    int acquire_timeout_ms = 2000;
    /// Server-side limit per statement; 0 = none.
    int statement_timeout_ms = 10000;
};

/// PostgreSQL through libpq: a bounded pool of connections, opened on demand. A connection
/// that broke (server restart, network) is dropped when it comes back and replaced on the
/// next acquire; a unit of work that finds its idle connection dead retries on a fresh one.
class PostgresDatabase final : public app::ports::Database {
public:
    explicit PostgresDatabase(PostgresOptions options);
    ~PostgresDatabase() override;

    std::string Kind() const override { return "postgresql"; }
    void Migrate() override;
    std::unique_ptr<app::ports::UnitOfWork> Begin(app::ports::TxKind kind) override;
    void Ping() override;
    app::ports::PoolStats Stats() const override;

    /// Hands a connection back (called by the units of work); broken ones are closed.
    void Release(std::unique_ptr<Connection> connection);

private:
    std::unique_ptr<Connection> Acquire();
    void Discard(std::unique_ptr<Connection> connection);

    PostgresOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable released_;
    std::vector<std::unique_ptr<Connection>> idle_;
    int open_ = 0;     // connections that exist or are being opened
    int waiting_ = 0;  // callers blocked in Acquire
};

}  // namespace store::infra::postgres
