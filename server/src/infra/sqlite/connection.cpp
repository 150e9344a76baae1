#include "infra/sqlite/connection.hpp"

#include <sqlite3.h>

#include "app/errors.hpp"
#include "infra/crypto/sha256.hpp"

namespace store::infra::sqlite {
namespace {

// Enough for every list variant (filters x sort x direction x cursor) of a busy service;
// beyond it the cache starts over rather than grow without bound.
constexpr std::size_t kMaxCachedStatements = 512;

std::string Message(sqlite3* db, int rc) {
    std::string text = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return "sqlite error " + std::to_string(rc) + ": " + text;
}

/// The shared SQL numbers parameters PostgreSQL's way ($1); SQLite reads "$1" as a *named*
/// parameter numbered by first appearance, so they become ?1 (outside string literals).
std::string NumberedParameters(const std::string& sql) {
    std::string out = sql;
    bool quoted = false;
    for (std::size_t i = 0; i + 1 < out.size(); ++i) {
        if (out[i] == '\'') {
            quoted = !quoted;
        } else if (!quoted && out[i] == '$' && out[i + 1] >= '0' && out[i + 1] <= '9') {
            out[i] = '?';
        }
    }
    return out;
}

// sha256_hex(blob): the SHA-256 of a value as hex, for migrations that name content by it
// (0007, config bundle versions); PostgreSQL spells it encode(sha256(x), 'hex').
void Sha256HexFunction(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
    const auto* data = static_cast<const char*>(sqlite3_value_blob(argv[0]));
    const auto size = static_cast<std::size_t>(sqlite3_value_bytes(argv[0]));
    const auto hex = crypto::Sha256Hex(std::string_view(data == nullptr ? "" : data, size));
    sqlite3_result_text(context, hex.data(), static_cast<int>(hex.size()), SQLITE_TRANSIENT);
}

}  // namespace

void ThrowError(sqlite3* db, int rc, std::string_view context, const std::string* conflict_detail) {
    const int primary = rc & 0xFF;
    std::string internal = std::string(context) + ": " + Message(db, rc);
    if ((rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) &&
        conflict_detail != nullptr) {
        throw app::AppError(app::ErrorCode::kConflict, *conflict_detail, std::move(internal));
    }
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        throw app::AppError(app::ErrorCode::kConflict, "a referenced record does not exist",
                            std::move(internal));
    }
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        throw app::AppError(app::ErrorCode::kDependencyUnavailable,
                            "the database is busy; try again", std::move(internal));
    }
    if (primary == SQLITE_CANTOPEN || primary == SQLITE_FULL || primary == SQLITE_IOERR) {
        throw app::AppError(app::ErrorCode::kDependencyUnavailable, "the database is not available",
                            std::move(internal));
    }
    throw app::AppError(app::ErrorCode::kInternal, "database error", std::move(internal));
}

Connection::Connection(const std::string& path) {
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string internal = "sqlite open " + path + ": " + Message(db_, rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw app::AppError(app::ErrorCode::kDependencyUnavailable, "the database cannot be opened",
                            std::move(internal));
    }
    sqlite3_extended_result_codes(db_, 1);
    try {
        // busy_timeout first: switching to WAL needs a lock another process may hold.
        Exec("PRAGMA busy_timeout = 5000");
        Exec("PRAGMA journal_mode = WAL");
        Exec("PRAGMA synchronous = NORMAL");
        Exec("PRAGMA foreign_keys = ON");
        if (sqlite3_create_function(db_, "sha256_hex", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                    nullptr, Sha256HexFunction, nullptr, nullptr) != SQLITE_OK) {
            ThrowError(db_, sqlite3_errcode(db_), "sqlite create function sha256_hex", nullptr);
        }
    } catch (...) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw;
    }
}

Connection::~Connection() {
    for (auto& [sql, statement] : statements_) {
        sqlite3_finalize(statement);
    }
    sqlite3_close_v2(db_);
}

void Connection::Exec(const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    sqlite3_free(error);  // sqlite3_errmsg still has it
    if (rc != SQLITE_OK) {
        ThrowError(db_, rc, sql.substr(0, 60));
    }
}

sqlite3_stmt* Connection::Prepare(const std::string& sql) {
    if (const auto it = statements_.find(sql); it != statements_.end()) {
        return it->second;
    }
    if (statements_.size() >= kMaxCachedStatements) {
        for (auto& [text, statement] : statements_) {
            sqlite3_finalize(statement);
        }
        statements_.clear();
    }
    sqlite3_stmt* statement = nullptr;
    const std::string text = NumberedParameters(sql);
    const int rc = sqlite3_prepare_v3(db_, text.c_str(), static_cast<int>(text.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK) {
        ThrowError(db_, rc, "prepare " + sql.substr(0, 60));
    }
    statements_.emplace(sql, statement);
    return statement;
}

std::int64_t Connection::Changes() const { return sqlite3_changes64(db_); }

bool Connection::AutoCommit() const { return sqlite3_get_autocommit(db_) != 0; }

Query::Query(Connection& connection, const std::string& sql)
    : connection_(connection), statement_(connection.Prepare(sql)) {}

Query::~Query() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

Query& Query::OnConflict(std::string detail) {
    conflict_detail_ = std::move(detail);
    return *this;
}

Query& Query::Bind(int index, std::string_view text) {
    const int rc = sqlite3_bind_text64(statement_, index, text.data(), text.size(),
                                       SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) {
        ThrowError(connection_.handle(), rc, "bind");
    }
    return *this;
}

Query& Query::Bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(statement_, index, value);
    if (rc != SQLITE_OK) {
        ThrowError(connection_.handle(), rc, "bind");
    }
    return *this;
}

Query& Query::Bind(int index, double value) {
    const int rc = sqlite3_bind_double(statement_, index, value);
    if (rc != SQLITE_OK) {
        ThrowError(connection_.handle(), rc, "bind");
    }
    return *this;
}

Query& Query::Bind(int index, const std::optional<std::string>& text) {
    if (text) {
        return Bind(index, std::string_view(*text));
    }
    sqlite3_bind_null(statement_, index);
    return *this;
}

Query& Query::Bind(int index, const std::optional<double>& value) {
    if (value) {
        return Bind(index, *value);
    }
    sqlite3_bind_null(statement_, index);
    return *this;
}

Query& Query::BindBlob(int index, std::string_view bytes) {
    // A zero-length blob still needs a non-null pointer, or SQLite stores NULL.
    static constexpr char kEmpty = 0;
    const int rc = sqlite3_bind_blob64(statement_, index, bytes.empty() ? &kEmpty : bytes.data(),
                                       bytes.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        ThrowError(connection_.handle(), rc, "bind");
    }
    return *this;
}

bool Query::Step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    const std::string* detail = conflict_detail_ ? &*conflict_detail_ : nullptr;
    const char* sql = sqlite3_sql(statement_);
    ThrowError(connection_.handle(), rc, std::string(sql != nullptr ? sql : "").substr(0, 60),
               detail);
}

void Query::Run() {
    while (Step()) {
    }
}

bool Query::IsNull(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::string Query::Text(int column) const {
    const auto* text = sqlite3_column_text(statement_, column);
    const int size = sqlite3_column_bytes(statement_, column);
    if (text == nullptr) {
        return {};
    }
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::int64_t Query::Int(int column) const { return sqlite3_column_int64(statement_, column); }

double Query::Double(int column) const { return sqlite3_column_double(statement_, column); }

std::optional<std::string> Query::OptionalText(int column) const {
    if (IsNull(column)) {
        return std::nullopt;
    }
    return Text(column);
}

std::string Query::Blob(int column) const {
    const void* bytes = sqlite3_column_blob(statement_, column);
    const int size = sqlite3_column_bytes(statement_, column);
    if (bytes == nullptr) {
        return {};
    }
    return std::string(static_cast<const char*>(bytes), static_cast<std::size_t>(size));
}

std::optional<double> Query::OptionalDouble(int column) const {
    if (IsNull(column)) {
        return std::nullopt;
    }
    return Double(column);
}

}  // namespace store::infra::sqlite
