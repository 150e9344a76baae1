#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace store::infra::sqlite {

/// One sqlite3 handle with its prepared statements. Used by one thread at a time (the pool
/// hands it out), so it is opened without SQLite's own mutex.
class Connection {
public:
    /// Opens (creating if needed) and sets the pragmas: WAL, foreign keys, busy timeout.
    /// Throws AppError{kDependencyUnavailable} when the file cannot be opened.
    explicit Connection(const std::string& path);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Runs one or more statements without results (BEGIN, COMMIT, a migration script).
    void Exec(const std::string& sql);
    /// The cached prepared statement for `sql` (prepared on first use). Parameters may be
    /// written $1, $2, … as in PostgreSQL (they mean ?1, ?2, …).
    sqlite3_stmt* Prepare(const std::string& sql);
    /// Rows changed by the last INSERT/UPDATE/DELETE.
    std::int64_t Changes() const;
    /// True when no transaction is open.
    bool AutoCommit() const;
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

/// Throws the AppError for a failed sqlite3 call. A unique/primary-key violation becomes
/// kConflict with `conflict_detail` when given; SQLITE_BUSY/LOCKED (after the busy timeout)
/// kDependencyUnavailable; everything else kInternal with the sqlite message in internal().
[[noreturn]] void ThrowError(sqlite3* db, int rc, std::string_view context,
                             const std::string* conflict_detail = nullptr);

/// A bound execution of a cached statement; resets the statement when it goes out of scope.
class Query {
public:
    Query(Connection& connection, const std::string& sql);
    ~Query();
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    /// The detail of the kConflict thrown when this statement violates a unique constraint.
    Query& OnConflict(std::string detail);

    // Parameters are 1-based like sqlite's.
    Query& Bind(int index, std::string_view text);
    Query& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
    Query& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
    Query& Bind(int index, std::int64_t value);
    Query& Bind(int index, double value);
    Query& Bind(int index, bool value) { return Bind(index, std::int64_t{value ? 1 : 0}); }
    Query& Bind(int index, const std::optional<std::string>& text);
    Query& Bind(int index, const std::optional<double>& value);
    /// Binds `bytes` as a BLOB (any byte values, NUL included).
    Query& BindBlob(int index, std::string_view bytes);

    /// Advances to the next row: true when there is one, false when done.
    bool Step();
    /// Steps until done (for statements without results).
    void Run();

    bool IsNull(int column) const;
    std::string Text(int column) const;
    std::int64_t Int(int column) const;
    double Double(int column) const;
    std::optional<std::string> OptionalText(int column) const;
    std::optional<double> OptionalDouble(int column) const;
    /// The bytes of a BLOB (or text) column.
    std::string Blob(int column) const;

private:
    Connection& connection_;
    sqlite3_stmt* statement_;
    std::optional<std::string> conflict_detail_;
};

}  // namespace store::infra::sqlite
