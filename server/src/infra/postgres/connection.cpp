#include "infra/postgres/connection.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>

namespace store::infra::postgres {
namespace {

// Bounds the per-connection cache of list-query variants; past it the cache starts over.
constexpr std::size_t kMaxPreparedStatements = 512;

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

/// Maps a failed result (or a failed connection when `result` is null) to an AppError.
[[noreturn]] void ThrowError(PGconn* conn, const PGresult* result, std::string_view context,
                             const ConflictDetails* conflicts = nullptr) {
    const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string sqlstate = state != nullptr ? state : "";
    const char* message = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn);
    std::string internal = "postgres " +
                           (sqlstate.empty() ? std::string("(no sqlstate)") : sqlstate) + " in " +
                           std::string(context) + ": " + (message != nullptr ? message : "");
    while (!internal.empty() && (internal.back() == '\n' || internal.back() == ' ')) {
        internal.pop_back();
    }
    using app::AppError;
    using app::ErrorCode;
    if (sqlstate.empty() || PQstatus(conn) != CONNECTION_OK || StartsWith(sqlstate, "08") ||
        StartsWith(sqlstate, "57P") || StartsWith(sqlstate, "53")) {
        throw AppError(ErrorCode::kDependencyUnavailable, "the database is not available",
                       std::move(internal));
    }
    if (sqlstate == "23505" || sqlstate == "23P01") {  // unique, exclusion
        std::string detail = sqlstate == "23505" ? "the record exists already"
                                                 : "the record conflicts with an existing one";
        if (conflicts != nullptr) {
            const char* name = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME);
            detail = conflicts->otherwise;
            for (const auto& [constraint, text] : conflicts->by_constraint) {
                if (name != nullptr && constraint == name) {
                    detail = text;
                }
            }
        }
        throw AppError(ErrorCode::kConflict, std::move(detail), std::move(internal));
    }
    if (sqlstate == "23503") {
        throw AppError(ErrorCode::kConflict, "a referenced record does not exist",
                       std::move(internal));
    }
    if (sqlstate == "40001" || sqlstate == "40P01") {
        throw SerializationFailure(std::move(internal));
    }
    if (sqlstate == "57014") {  // statement_timeout
        throw AppError(ErrorCode::kDependencyUnavailable, "the database did not answer in time",
                       std::move(internal));
    }
    throw AppError(ErrorCode::kInternal, "database error", std::move(internal));
}

/// Server notices ("relation … already exists, skipping") are driver text: never printed.
void IgnoreNotice(void* /*arg*/, const char* /*message*/) {}

bool Succeeded(const PGresult* result) {
    const auto status = PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

}  // namespace

Params& Params::Add(std::string text) {
    values_.emplace_back(std::move(text));
    return *this;
}

Params& Params::Add(double value) {
    char buffer[64];
    // Shortest text that reads back as the same double.
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return Add(std::string(buffer, end));
}

Params& Params::Add(const std::optional<std::string>& text) {
    values_.push_back(text);
    return *this;
}

Params& Params::Add(const std::optional<double>& value) {
    if (value) {
        return Add(*value);
    }
    values_.emplace_back(std::nullopt);
    return *this;
}

Result::~Result() { PQclear(result_); }

int Result::Rows() const { return PQntuples(result_); }

std::int64_t Result::Affected() const {
    const char* text = PQcmdTuples(result_);
    return text != nullptr && *text != '\0' ? std::strtoll(text, nullptr, 10) : 0;
}

bool Result::IsNull(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

std::string Result::Text(int row, int column) const {
    return std::string(PQgetvalue(result_, row, column),
                       static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::int64_t Result::Int(int row, int column) const {
    return std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}

double Result::Double(int row, int column) const {
    const char* text = PQgetvalue(result_, row, column);
    double value = 0;
    std::from_chars(text, text + std::strlen(text), value);
    return value;
}

bool Result::Bool(int row, int column) const { return PQgetvalue(result_, row, column)[0] == 't'; }

std::optional<std::string> Result::OptionalText(int row, int column) const {
    if (IsNull(row, column)) {
        return std::nullopt;
    }
    return Text(row, column);
}

std::optional<double> Result::OptionalDouble(int row, int column) const {
    if (IsNull(row, column)) {
        return std::nullopt;
    }
    return Double(row, column);
}

Connection::Connection(const std::string& url, int connect_timeout_ms, int statement_timeout_ms) {
    // libpq counts whole seconds (and treats 1 as 2); round up so a short timeout is not 0
    // (which would mean "wait forever").
    const std::string connect_timeout =
        std::to_string((std::max(connect_timeout_ms, 1) + 999) / 1000);
    // dbname is expanded as a URL/conninfo (multi-host included); later keywords override it.
    const char* keywords[] = {"dbname", "connect_timeout", "fallback_application_name", nullptr};
    const char* values[] = {url.c_str(), connect_timeout.c_str(), "store-service", nullptr};
    conn_ = PQconnectdbParams(keywords, values, 1);
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
        std::string internal = "postgres connect: ";
        internal += conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
        PQfinish(conn_);
        conn_ = nullptr;
        throw app::AppError(app::ErrorCode::kDependencyUnavailable, "the database is not available",
                            std::move(internal));
    }
    PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
    try {
        Exec("SET TIME ZONE 'UTC'; SET statement_timeout = " +
             std::to_string(std::max(statement_timeout_ms, 0)));
    } catch (...) {
        PQfinish(conn_);
        conn_ = nullptr;
        throw;
    }
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool Connection::Idle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }

bool Connection::InFailedTransaction() const {
    return PQtransactionStatus(conn_) == PQTRANS_INERROR;
}

void Connection::Exec(const std::string& sql) {
    // With several statements PQexec stops at the first failure and returns its result.
    const Result result(PQexec(conn_, sql.c_str()));
    if (result.get() == nullptr || !Succeeded(result.get())) {
        ThrowError(conn_, result.get(), sql.substr(0, 60));
    }
}

Result Connection::Execute(const std::string& sql, const Params& params,
                           const std::string* conflict_detail) {
    if (conflict_detail == nullptr) {
        return Run(sql, params, nullptr);
    }
    const ConflictDetails conflicts{{}, *conflict_detail};
    return Run(sql, params, &conflicts);
}

Result Connection::Execute(const std::string& sql, const Params& params,
                           const ConflictDetails& conflicts) {
    return Run(sql, params, &conflicts);
}

Result Connection::Run(const std::string& sql, const Params& params,
                       const ConflictDetails* conflicts) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
        if (statements_.size() >= kMaxPreparedStatements) {
            Exec("DEALLOCATE ALL");
            statements_.clear();
        }
        std::string name = "s";  // appended: g++ 12 -O3 misreports "s" + … as -Wrestrict
        name += std::to_string(++next_statement_);
        const Result prepared(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr));
        if (prepared.get() == nullptr || !Succeeded(prepared.get())) {
            ThrowError(conn_, prepared.get(), "prepare " + sql.substr(0, 60));
        }
        it = statements_.emplace(sql, name).first;
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& value : params.values()) {
        values.push_back(value ? value->c_str() : nullptr);
    }
    PGresult* raw = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                                   values.data(), nullptr, nullptr, 0);
    Result result(raw);
    if (raw == nullptr || !Succeeded(raw)) {
        ThrowError(conn_, raw, sql.substr(0, 60), conflicts);
    }
    return result;
}

}  // namespace store::infra::postgres
