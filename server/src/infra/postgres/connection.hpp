#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/errors.hpp"

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

/// One libpq connection with its prepared statements; used by one thread at a time.
class Connection {
public:
    /// Connects (any host of a multi-host URL) and sets the session: UTC, statement timeout.
    /// Throws AppError{kDependencyUnavailable} when no server answers.
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

    /// Runs SQL without parameters (may hold several statements).
    void Exec(const std::string& sql);
    /// Runs `sql` as a prepared statement (prepared on first use on this connection).
    /// A unique violation throws kConflict with `conflict_detail` when given.
    Result Execute(const std::string& sql, const Params& params,
                   const std::string* conflict_detail = nullptr);
    /// As above, with a detail per violated constraint.
    Result Execute(const std::string& sql, const Params& params, const ConflictDetails& conflicts);

private:
    Result Run(const std::string& sql, const Params& params, const ConflictDetails* conflicts);

    pg_conn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> statements_;  // SQL -> statement name
    std::int64_t next_statement_ = 0;
};

}  // namespace store::infra::postgres
