#include "infra/postgres/connection.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
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

Connection::Connection(const std::string& url, int connect_timeout_ms, int statement_timeout_ms)
    : Connection(ConnectionOptions{url, {}, connect_timeout_ms, statement_timeout_ms, false}) {}

Connection::Connection(const ConnectionOptions& options) : prepare_(!options.transaction_pooling) {
    // libpq counts whole seconds (and treats 1 as 2); round up so a short timeout is not 0
    // (which would mean "wait forever").
    const std::string connect_timeout =
        std::to_string((std::max(options.connect_timeout_ms, 1) + 999) / 1000);
    const std::string statement_timeout = std::to_string(std::max(options.statement_timeout_ms, 0));
    // dbname is expanded as a URL/conninfo (multi-host included); later keywords override it.
    // Keepalives let a connection to a vanished host fail instead of waiting forever.
    ConnParams params{{"dbname", options.url},
                      {"connect_timeout", connect_timeout},
                      {"fallback_application_name", "store-service"},
                      {"keepalives", "1"},
                      {"keepalives_idle", "10"},
                      {"keepalives_interval", "5"},
                      {"keepalives_count", "3"}};
    for (const auto& param : options.extra) {
        params.push_back(param);
    }
    if (options.transaction_pooling) {
        // PgBouncer (transaction mode) refuses the "options" startup parameter and hands each
        // transaction to any server connection: the settings travel with every BEGIN.
        session_settings_ =
            "; SET LOCAL TIME ZONE 'UTC'; SET LOCAL statement_timeout = " + statement_timeout;
    } else {
        // Startup parameters: no round trip, and they hold for the whole session. Options the
        // URL sets itself are kept.
        std::string startup = ConnInfoValue(options.url, "options").value_or("");
        startup += (startup.empty() ? "" : " ");
        startup += "-c TimeZone=UTC -c statement_timeout=" + statement_timeout;
        params.emplace_back("options", std::move(startup));
    }
    std::vector<const char*> keywords;
    std::vector<const char*> values;
    for (const auto& [keyword, value] : params) {
        keywords.push_back(keyword.c_str());
        values.push_back(value.c_str());
    }
    keywords.push_back(nullptr);
    values.push_back(nullptr);
    conn_ = PQconnectdbParams(keywords.data(), values.data(), 1);
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
        std::string internal = "postgres connect: ";
        internal += conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
        while (!internal.empty() && (internal.back() == '\n' || internal.back() == ' ')) {
            internal.pop_back();
        }
        PQfinish(conn_);
        conn_ = nullptr;
        throw app::AppError(app::ErrorCode::kDependencyUnavailable, "the database is not available",
                            std::move(internal));
    }
    PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
}

Connection::~Connection() { PQfinish(conn_); }

bool Connection::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool Connection::Idle() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }

bool Connection::InFailedTransaction() const {
    return PQtransactionStatus(conn_) == PQTRANS_INERROR;
}

bool Connection::StillOpen() {
    if (PQstatus(conn_) != CONNECTION_OK) {
        return false;
    }
    pollfd socket{PQsocket(conn_), POLLIN, 0};
    if (socket.fd < 0) {
        return false;
    }
    const int ready = poll(&socket, 1, 0);
    if (ready <= 0) {
        return ready == 0 || errno == EINTR;  // nothing arrived: as good as when it was left
    }
    // An idle session receives nothing but a termination notice or end of file (pool
    // connections never LISTEN): read it so that libpq sees the state.
    return PQconsumeInput(conn_) == 1 && PQstatus(conn_) == CONNECTION_OK &&
           (socket.revents & (POLLHUP | POLLERR)) == 0;
}

std::optional<std::string> Connection::TakeFailure() {
    auto failure = std::move(failure_);
    failure_.reset();
    return failure;
}

void Connection::Fail(const pg_result* result, std::string_view context,
                      const ConflictDetails* conflicts) {
    try {
        ThrowError(conn_, result, context, conflicts);
    } catch (const app::AppError& error) {
        if (error.code() == app::ErrorCode::kDependencyUnavailable) {
            failure_ = error.internal();
        }
        throw;
    }
}

void Connection::Exec(const std::string& sql) { static_cast<void>(Query(sql)); }

Result Connection::Query(const std::string& sql) {
    // With several statements PQexec stops at the first failure and returns its result.
    Result result(PQexec(conn_, sql.c_str()));
    if (result.get() == nullptr || !Succeeded(result.get())) {
        Fail(result.get(), sql.substr(0, 60));
    }
    return result;
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

Result Connection::RunUnprepared(const std::string& sql, const std::vector<const char*>& values,
                                 const ConflictDetails* conflicts) {
    // The unnamed statement lives only as long as this message: safe behind PgBouncer.
    PGresult* raw = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                 values.data(), nullptr, nullptr, 0);
    Result result(raw);
    if (raw == nullptr || !Succeeded(raw)) {
        Fail(raw, sql.substr(0, 60), conflicts);
    }
    return result;
}

Result Connection::Run(const std::string& sql, const Params& params,
                       const ConflictDetails* conflicts) {
    if (!prepare_) {
        std::vector<const char*> values;
        values.reserve(params.size());
        for (const auto& value : params.values()) {
            values.push_back(value ? value->c_str() : nullptr);
        }
        return RunUnprepared(sql, values, conflicts);
    }
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
            Fail(prepared.get(), "prepare " + sql.substr(0, 60));
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
        Fail(raw, sql.substr(0, 60), conflicts);
    }
    return result;
}

}  // namespace store::infra::postgres
