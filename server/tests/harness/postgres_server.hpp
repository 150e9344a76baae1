#pragma once

#include <string>

namespace store::testing {

/// A throw-away PostgreSQL 15 on a free loopback port in a temporary directory, started with
/// scripts/start-postgres.sh (ready when the constructor returns) and stopped, directory
/// removed, by the destructor. Throws std::runtime_error when the server cannot start.
class PostgresServer {
public:
    PostgresServer();
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    /// postgresql://postgres@127.0.0.1:PORT/store
    const std::string& Url() const { return url_; }
    /// Creates an empty database `name` ([a-z0-9_]) and returns its URL.
    std::string CreateDatabase(const std::string& name) const;
    /// Runs `sql` with psql as the superuser in database `database` (for tests that need to
    /// reach behind the adapter, e.g. to kill its connections).
    void Psql(const std::string& database, const std::string& sql) const;

    /// One server for the whole test binary, started on first use and stopped when the
    /// binary's gtest environment is torn down (or at exit).
    static PostgresServer& Shared();

private:
    std::string dir_;
    std::string url_;
};

}  // namespace store::testing
