#include "infra/sql/sessions.hpp"

#include <libpq-fe.h>

#include <memory>

#include "infra/postgres/connection.hpp"
#include "infra/sql/columns.hpp"

namespace store::infra::postgres {
namespace {

/// Text parameters collected by the binds, sent when the statement runs (Next/Run).
class PostgresStatement final : public sql::Statement {
public:
    PostgresStatement(Connection& connection, std::string sql)
        : connection_(connection), sql_(std::move(sql)) {}

    void OnConflict(std::string detail) override { conflicts_.otherwise = std::move(detail); }
    void OnConstraint(std::string name, std::string detail) override {
        conflicts_.by_constraint.emplace_back(std::move(name), std::move(detail));
    }

    void BindText(std::string_view text) override { params_.Add(text); }
    void BindInt(std::int64_t value) override { params_.Add(value); }
    void BindDouble(double value) override { params_.Add(value); }
    void BindBool(bool value) override { params_.Add(value); }
    void BindNull() override { params_.Add(std::optional<std::string>()); }
    void BindBytes(std::string_view bytes) override {
        // bytea's hex input form, whatever the server's bytea_output.
        static constexpr char kDigits[] = "0123456789abcdef";
        std::string hex = "\\x";
        hex.reserve(2 + bytes.size() * 2);
        for (const char c : bytes) {
            const auto byte = static_cast<unsigned char>(c);
            hex += kDigits[byte >> 4];
            hex += kDigits[byte & 0x0F];
        }
        params_.Add(std::move(hex));
    }

    bool Next() override {
        if (!result_) {
            Execute();
            row_ = -1;
        }
        return ++row_ < result_->Rows();
    }
    std::int64_t Run() override {
        if (!result_) {
            Execute();
        }
        return result_->Affected();
    }

    bool IsNull(int column) const override { return result_->IsNull(row_, column); }
    std::string Text(int column) const override { return result_->Text(row_, column); }
    std::int64_t Int(int column) const override { return result_->Int(row_, column); }
    double Double(int column) const override { return result_->Double(row_, column); }
    bool Bool(int column) const override { return result_->Bool(row_, column); }
    std::string Bytes(int column) const override {
        // PQunescapeBytea reads both output forms (hex and escape).
        std::size_t size = 0;
        unsigned char* bytes = PQunescapeBytea(
            reinterpret_cast<const unsigned char*>(PQgetvalue(result_->get(), row_, column)),
            &size);
        if (bytes == nullptr) {
            sql::Corrupt("bytea");
        }
        std::string out(reinterpret_cast<const char*>(bytes), size);
        PQfreemem(bytes);
        return out;
    }

private:
    void Execute() {
        const bool detailed = !conflicts_.otherwise.empty() || !conflicts_.by_constraint.empty();
        if (detailed && conflicts_.otherwise.empty()) {
            conflicts_.otherwise = "the record exists already";
        }
        result_.emplace(detailed ? connection_.Execute(sql_, params_, conflicts_)
                                 : connection_.Execute(sql_, params_));
    }

    Connection& connection_;
    std::string sql_;
    Params params_;
    ConflictDetails conflicts_;
    std::optional<Result> result_;
    int row_ = -1;
};

// pg_advisory_xact_lock keys next to the migration runner's ("STORE" in ASCII, +1, +2).
constexpr std::int64_t kPoolInsertLock = 358486872646;
constexpr std::int64_t kSegmentInsertLock = 358486872647;

class PostgresDialect final : public sql::Dialect {
public:
    std::string ContainsNoCase(std::string_view column, std::string_view param) const override {
        // Under COLLATE "C", ILIKE folds ASCII only, as SQLite's LIKE does; `\` is its escape.
        return std::string(column) + " ILIKE " + std::string(param);
    }
    std::string JsonArrayHas(std::string_view column, std::string_view param) const override {
        return std::string(column) + " @> jsonb_build_array(" + std::string(param) +
               "::text)";  // GIN-indexed
    }
    std::string TimeParam(std::string_view param) const override {
        return std::string(param) + "::timestamptz";
    }
    std::string HourOf(std::string_view column) const override {
        // date_trunc works in the session time zone, which the connection sets to UTC.
        return "date_trunc('hour', " + std::string(column) + ")";
    }
    std::string_view SkipLocked() const override { return " FOR UPDATE SKIP LOCKED"; }
    std::string_view EstimatePrefix() const override { return "EXPLAIN "; }
    std::string_view ForUpdate() const override { return " FOR UPDATE"; }

    std::string_view RangeColumns() const override { return ""; }
    int NetworkParams() const override { return 1; }
    void BindNetwork(sql::Query& query, const domain::Ipv4Network& network) const override {
        query.Bind(network.ToString());
    }
    std::string Overlaps(int first) const override {
        return "cidr && " + sql::Param(static_cast<std::size_t>(first)) + "::cidr";
    }
    std::string_view NetworkOrder() const override { return "cidr"; }

    /// Without it, writers racing for the same subnet each wait inside the exclusion check
    /// for the other's transaction: the cycles are only broken by the deadlock detector (a
    /// second each) and chains of them run into statement_timeout. Queued on the lock
    /// instead, the loser checks against the winner's committed row and fails at once. The
    /// constraint stays what guarantees no overlap.
    void SerializeInserts(sql::Session& session, std::string_view table) const override {
        sql::Query lock = session.Prepare("SELECT pg_advisory_xact_lock($1)");
        lock.Bind(table == "address_pools" ? kPoolInsertLock : kSegmentInsertLock);
        lock.Next();
    }
};

}  // namespace

std::unique_ptr<sql::Session> SessionOn(Connection& connection) {
    return std::make_unique<sql::DriverSession<Connection, PostgresStatement, PostgresDialect>>(
        connection);
}

}  // namespace store::infra::postgres
