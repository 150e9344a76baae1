#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/errors.hpp"
#include "infra/postgres/conninfo.hpp"

struct pg_conn;
struct pg_result;

namespace store::infra::postgres {

/// 40001/40P01: the transaction lost a race and may succeed when run again. A kConflict for
/// whoever does not retry.
class SerializationFailure : public app::AppError {
public:
    explicit SerializationFailure(std::string internal)
        : app::AppError(app::ErrorCode::kConflict,
                        "a concurrent change conflicted with this one; try again",
                        std::move(internal)) {}
};

/// Text parameters of one statement ($1, $2, … in order); nullopt is SQL NULL.
class Params {
public:
    Params& Add(std::string text);
    Params& Add(std::string_view text) { return Add(std::string(text)); }
    Params& Add(const char* text) { return Add(std::string(text)); }
    Params& Add(std::int64_t value) { return Add(std::to_string(value)); }
    Params& Add(bool value) { return Add(std::string(value ? "true" : "false")); }
    Params& Add(double value);
    Params& Add(const std::optional<std::string>& text);
    Params& Add(const std::optional<double>& value);
    /// The placeholder of the last added parameter ("$3").
    std::string Last() const {
        // Appended rather than "$" + …: g++ 12 -O3 reports a false -Wrestrict for that form.
        std::string placeholder = "$";
        placeholder += std::to_string(values_.size());
        return placeholder;
    }
    std::size_t size() const { return values_.size(); }
    const std::vector<std::optional<std::string>>& values() const { return values_; }

private:
    std::vector<std::optional<std::string>> values_;
};

/// The client-safe details of the constraint violations one statement can cause (unique
/// 23505 and exclusion 23P01, both kConflict), chosen by the violated constraint's name.
struct ConflictDetails {
    std::vector<std::pair<std::string, std::string>> by_constraint;  // name -> detail
    std::string otherwise;  // any other unique/exclusion constraint
};

/// A query result (owned).
class Result {
public:
    explicit Result(pg_result* result) : result_(result) {}
    ~Result();
    Result(Result&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
    Result& operator=(Result&&) = delete;
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;

    pg_result* get() const { return result_; }
    int Rows() const;
    /// Rows changed by INSERT/UPDATE/DELETE.
    std::int64_t Affected() const;
    bool IsNull(int row, int column) const;
    std::string Text(int row, int column) const;
    std::int64_t Int(int row, int column) const;
    double Double(int row, int column) const;
    bool Bool(int row, int column) const;
    std::optional<std::string> OptionalText(int row, int column) const;
    std::optional<double> OptionalDouble(int row, int column) const;

private:
    pg_result* result_;
};

struct ConnectionOptions {
    /// libpq URL or conninfo; may name several hosts and target_session_attrs.
    std::string url;
    /// Keywords applied after the URL (they override it), e.g. a replica's inherited user.
    ConnParams extra;
    int connect_timeout_ms = 5000;
    /// Server-side limit per statement; 0 = none.
    int statement_timeout_ms = 10000;
    /// Behind PgBouncer in transaction mode no session state survives a transaction: no named
    /// prepared statements, and the settings go into every transaction (SessionSettings()).
    bool transaction_pooling = false;
};

/// One libpq connection with its prepared statements; used by one thread at a time.
class Connection {
public:
    using Clock = std::chrono::steady_clock;

    /// Connects (any host of a multi-host URL). UTC and the statement timeout are startup
    /// parameters (no round trip, nothing to reset); with transaction_pooling they are sent
    /// per transaction instead. Throws AppError{kDependencyUnavailable} when no server answers.
    explicit Connection(const ConnectionOptions& options);
    Connection(const std::string& url, int connect_timeout_ms, int statement_timeout_ms);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// False once libpq has seen the connection break; such a connection is replaced.
    bool Healthy() const;
    /// True when no transaction is open (the state a pooled connection must be returned in).
    bool Idle() const;
    /// True inside a transaction that a failed statement aborted.
    bool InFailedTransaction() const;
    /// A check without a round trip for a connection that sat idle: reads whatever the server
    /// sent meanwhile (a shutdown notice, end of file) and reports whether it is still usable.
    bool StillOpen();
    /// "SET LOCAL …" statements to run after BEGIN ("" unless transaction_pooling).
    const std::string& SessionSettings() const { return session_settings_; }

    Clock::time_point CreatedAt() const { return created_at_; }
    Clock::time_point LastUsed() const { return last_used_; }
    void MarkUsed() { last_used_ = Clock::now(); }
    /// Which configuration of its pool it was opened with (ConnectionPool::Reconfigure).
    std::uint64_t Generation() const { return generation_; }
    void SetGeneration(std::uint64_t generation) { generation_ = generation; }
    /// The internal message of the last kDependencyUnavailable a statement on this connection
    /// threw since the previous call (what the circuit breaker counts), then forgets it.
    std::optional<std::string> TakeFailure();

    /// Runs SQL without parameters (may hold several statements).
    void Exec(const std::string& sql);
    /// As Exec, returning the result of the last statement.
    Result Query(const std::string& sql);
    /// Runs `sql` as a prepared statement (prepared on first use on this connection).
    /// A unique violation throws kConflict with `conflict_detail` when given.
    Result Execute(const std::string& sql, const Params& params,
                   const std::string* conflict_detail = nullptr);
    /// As above, with a detail per violated constraint.
    Result Execute(const std::string& sql, const Params& params, const ConflictDetails& conflicts);

private:
    Result Run(const std::string& sql, const Params& params, const ConflictDetails* conflicts);
    Result RunUnprepared(const std::string& sql, const std::vector<const char*>& values,
                         const ConflictDetails* conflicts);
    /// Remembers a kDependencyUnavailable for TakeFailure and rethrows.
    [[noreturn]] void Fail(const pg_result* result, std::string_view context,
                           const ConflictDetails* conflicts = nullptr);

    pg_conn* conn_ = nullptr;
    bool prepare_ = true;
    std::string session_settings_;
    Clock::time_point created_at_ = Clock::now();
    Clock::time_point last_used_ = created_at_;
    std::uint64_t generation_ = 0;
    std::optional<std::string> failure_;
    std::unordered_map<std::string, std::string> statements_;  // SQL -> statement name
    std::int64_t next_statement_ = 0;
};

}  // namespace store::infra::postgres
