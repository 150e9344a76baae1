#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/ipam.hpp"

namespace store::infra::sql {

/// One statement executed on the connection of a unit of work: parameters are bound in order
/// ($1, $2, … in the SQL text, PostgreSQL's spelling; SQLite's adapter rewrites them to ?N
/// when it prepares), then rows are stepped through and read by column (0-based).
/// Implemented once per database, in infra/sqlite/sqlite_dialect.cpp and
/// infra/postgres/postgres_dialect.cpp; driver errors leave as AppError (unique or exclusion
/// violation -> kConflict with the detail set below, connection failure ->
/// kDependencyUnavailable), the driver's text only in AppError::internal().
class Statement {
public:
    virtual ~Statement() = default;

    /// The client-safe detail of the kConflict thrown when a unique constraint is violated.
    virtual void OnConflict(std::string detail) = 0;
    /// A more precise detail when the violated constraint has this name (PostgreSQL names
    /// them; SQLite does not, and uses the OnConflict detail).
    virtual void OnConstraint(std::string name, std::string detail) = 0;

    virtual void BindText(std::string_view text) = 0;
    virtual void BindInt(std::int64_t value) = 0;
    virtual void BindDouble(double value) = 0;
    virtual void BindBool(bool value) = 0;
    virtual void BindNull() = 0;
    /// Any bytes (NUL included): SQLite BLOB, PostgreSQL bytea.
    virtual void BindBytes(std::string_view bytes) = 0;

    /// Runs the statement (first call) or advances: true while there is a current row.
    virtual bool Next() = 0;
    /// Runs a statement without results to completion; returns the rows it changed.
    virtual std::int64_t Run() = 0;

    virtual bool IsNull(int column) const = 0;
    virtual std::string Text(int column) const = 0;
    virtual std::int64_t Int(int column) const = 0;
    virtual double Double(int column) const = 0;
    virtual bool Bool(int column) const = 0;
    virtual std::string Bytes(int column) const = 0;
};

/// A value-type handle on a Statement with typed, chainable binds.
class Query {
public:
    explicit Query(std::unique_ptr<Statement> statement) : statement_(std::move(statement)) {}

    Query& OnConflict(std::string detail) {
        statement_->OnConflict(std::move(detail));
        return *this;
    }
    Query& OnConstraint(std::string name, std::string detail) {
        statement_->OnConstraint(std::move(name), std::move(detail));
        return *this;
    }

    Query& Bind(std::string_view text) {
        statement_->BindText(text);
        return *this;
    }
    Query& Bind(const std::string& text) { return Bind(std::string_view(text)); }
    Query& Bind(const char* text) { return Bind(std::string_view(text)); }
    Query& Bind(std::int64_t value) {
        statement_->BindInt(value);
        return *this;
    }
    Query& Bind(int value) { return Bind(std::int64_t{value}); }
    Query& Bind(double value) {
        statement_->BindDouble(value);
        return *this;
    }
    Query& Bind(bool value) {
        statement_->BindBool(value);
        return *this;
    }
    template <typename T>
    Query& Bind(const std::optional<T>& value) {
        if (value) {
            return Bind(*value);
        }
        statement_->BindNull();
        return *this;
    }
    Query& BindBytes(std::string_view bytes) {
        statement_->BindBytes(bytes);
        return *this;
    }

    bool Next() { return statement_->Next(); }
    std::int64_t Run() { return statement_->Run(); }

    bool IsNull(int column) const { return statement_->IsNull(column); }
    std::string Text(int column) const { return statement_->Text(column); }
    std::int64_t Int(int column) const { return statement_->Int(column); }
    double Double(int column) const { return statement_->Double(column); }
    bool Bool(int column) const { return statement_->Bool(column); }
    std::string Bytes(int column) const { return statement_->Bytes(column); }
    std::optional<std::string> OptionalText(int column) const {
        return IsNull(column) ? std::nullopt : std::optional(Text(column));
    }
    std::optional<double> OptionalDouble(int column) const {
        return IsNull(column) ? std::nullopt : std::optional(Double(column));
    }

private:
    std::unique_ptr<Statement> statement_;
};

class Session;

/// What the SQL of the two databases spells differently. One implementation per database
/// (sqlite/sqlite_dialect.cpp, postgres/postgres_dialect.cpp); the repositories in infra/sql/
/// are written once against it.
class Dialect {
public:
    virtual ~Dialect() = default;
    /// `column` contains the LIKE pattern `param` (`\` escapes), ignoring ASCII case.
    virtual std::string ContainsNoCase(std::string_view column, std::string_view param) const = 0;
    /// The JSON array in `column` holds the string `param`.
    virtual std::string JsonArrayHas(std::string_view column, std::string_view param) const = 0;
    /// A time parameter compared with a time column.
    virtual std::string TimeParam(std::string_view param) const = 0;
    /// The hour a time column falls in, read back as a time.
    virtual std::string HourOf(std::string_view column) const = 0;
    /// Appended to a SELECT of rows about to be updated: concurrent transactions skip them
    /// (PostgreSQL). SQLite's write lock already admits one writer: "".
    virtual std::string_view SkipLocked() const = 0;
    /// Appended to a SELECT whose rows must not change before the transaction ends.
    virtual std::string_view ForUpdate() const = 0;
    /// Put before a SELECT, makes it answer the planner's plan, whose first line carries the
    /// estimated row count as "rows=N" (PostgreSQL: "EXPLAIN "). "": no estimates (SQLite),
    /// lists count their rows exactly.
    virtual std::string_view EstimatePrefix() const = 0;

    // Networks: PostgreSQL keeps them in cidr columns (exclusion constraints refuse overlaps);
    // SQLite as text plus the integers of the first and last address.

    /// The column list after "cidr" in an INSERT ("" or ", first_address, last_address").
    virtual std::string_view RangeColumns() const = 0;
    /// How many parameters BindNetwork binds.
    virtual int NetworkParams() const = 0;
    /// Binds `network` as the cidr column and the range columns (in RangeColumns' order).
    virtual void BindNetwork(Query& query, const domain::Ipv4Network& network) const = 0;
    /// The condition "the network of this row overlaps the one bound by BindNetwork from
    /// parameter $first on".
    virtual std::string Overlaps(int first) const = 0;
    /// ORDER BY expression of networks, lowest address first, wider before narrower.
    virtual std::string_view NetworkOrder() const = 0;
    /// Called before an overlap check and the INSERT of `table`: serializes them across
    /// transactions (PostgreSQL: an advisory lock; SQLite: the write lock holds already).
    virtual void SerializeInserts(Session& session, std::string_view table) const = 0;
};

/// The connection of one unit of work.
class Session {
public:
    virtual ~Session() = default;
    /// A statement of `sql` (prepared once per connection and cached when the driver can).
    virtual Query Prepare(const std::string& sql) = 0;
    virtual const Dialect& dialect() const = 0;
};

/// The Session of a driver: `StatementT` statements (constructed from the connection and the
/// SQL) on a `ConnectionT`, spelled by `DialectT`.
template <typename ConnectionT, typename StatementT, typename DialectT>
class DriverSession final : public Session {
public:
    explicit DriverSession(ConnectionT& connection) : connection_(connection) {}
    Query Prepare(const std::string& sql) override {
        return Query(std::make_unique<StatementT>(connection_, sql));
    }
    const Dialect& dialect() const override { return dialect_; }

private:
    ConnectionT& connection_;
    DialectT dialect_;
};

}  // namespace store::infra::sql
