#include "infra/sql/sessions.hpp"

#include "infra/sql/columns.hpp"
#include "infra/sqlite/connection.hpp"

namespace store::infra::sqlite {
namespace {

/// A statement of the cached sqlite3_stmt; binds count from ?1.
class SqliteStatement final : public sql::Statement {
public:
    SqliteStatement(Connection& connection, const std::string& sql)
        : connection_(connection), query_(connection, sql) {}

    void OnConflict(std::string detail) override { query_.OnConflict(std::move(detail)); }
    // SQLite's error does not name the constraint; the OnConflict detail applies.
    void OnConstraint(std::string /*name*/, std::string /*detail*/) override {}

    void BindText(std::string_view text) override { query_.Bind(++index_, text); }
    void BindInt(std::int64_t value) override { query_.Bind(++index_, value); }
    void BindDouble(double value) override { query_.Bind(++index_, value); }
    void BindBool(bool value) override { query_.Bind(++index_, value); }
    void BindNull() override { query_.Bind(++index_, std::optional<std::string>()); }
    void BindBytes(std::string_view bytes) override { query_.BindBlob(++index_, bytes); }

    bool Next() override { return query_.Step(); }
    std::int64_t Run() override {
        query_.Run();
        return connection_.Changes();
    }

    bool IsNull(int column) const override { return query_.IsNull(column); }
    std::string Text(int column) const override { return query_.Text(column); }
    std::int64_t Int(int column) const override { return query_.Int(column); }
    double Double(int column) const override { return query_.Double(column); }
    bool Bool(int column) const override { return query_.Int(column) != 0; }
    std::string Bytes(int column) const override { return query_.Blob(column); }

private:
    Connection& connection_;
    Query query_;
    int index_ = 0;
};

class SqliteDialect final : public sql::Dialect {
public:
    std::string ContainsNoCase(std::string_view column, std::string_view param) const override {
        // SQLite's LIKE ignores ASCII case, as PostgreSQL's ILIKE does under COLLATE "C".
        return std::string(column) + " LIKE " + std::string(param) + " ESCAPE '\\'";
    }
    std::string JsonArrayHas(std::string_view column, std::string_view param) const override {
        return "EXISTS (SELECT 1 FROM json_each(" + std::string(column) +
               ") WHERE json_each.value = " + std::string(param) + ")";
    }
    // Times are FormatTime's text, which sorts like the time.
    std::string TimeParam(std::string_view param) const override { return std::string(param); }
    std::string HourOf(std::string_view column) const override {
        // FormatTime's fixed layout: the first 13 characters are "YYYY-MM-DDTHH".
        return "substr(" + std::string(column) + ", 1, 13) || ':00:00.000000Z'";
    }
    // BEGIN IMMEDIATE: a write transaction holds the database's only write lock throughout.
    std::string_view SkipLocked() const override { return ""; }
    std::string_view EstimatePrefix() const override { return ""; }
    std::string_view ForUpdate() const override { return ""; }

    std::string_view RangeColumns() const override { return ", first_address, last_address"; }
    int NetworkParams() const override { return 3; }
    void BindNetwork(sql::Query& query, const domain::Ipv4Network& network) const override {
        query.Bind(network.ToString())
            .Bind(std::int64_t{network.First()})
            .Bind(std::int64_t{network.Last()});
    }
    std::string Overlaps(int first) const override {
        // $first is the text; the range follows.
        return "first_address <= " + sql::Param(static_cast<std::size_t>(first) + 2) +
               " AND last_address >= " + sql::Param(static_cast<std::size_t>(first) + 1);
    }
    std::string_view NetworkOrder() const override { return "first_address, last_address DESC"; }
    // The write transaction's lock already keeps every other writer out.
    void SerializeInserts(sql::Session& /*session*/, std::string_view /*table*/) const override {}
};

}  // namespace

std::unique_ptr<sql::Session> SessionOn(Connection& connection) {
    return std::make_unique<sql::DriverSession<Connection, SqliteStatement, SqliteDialect>>(
        connection);
}

}  // namespace store::infra::sqlite
