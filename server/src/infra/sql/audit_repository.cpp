#include <algorithm>
#include <vector>

#include "infra/json_columns.hpp"
#include "infra/sql/columns.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sql {

using app::ports::AuditEntry;
using app::ports::Page;

void AuditRepository::Append(const AuditEntry& entry) {
    Query query = session_.Prepare(
        "INSERT INTO audit_log (id, time, actor, action, entity_type, entity_id, store_id, "
        "request_id, changes, client_address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
    query.OnConflict("the audit entry exists already");
    query.Bind(entry.id)
        .Bind(FormatTime(entry.time))
        .Bind(entry.actor)
        .Bind(entry.action)
        .Bind(entry.entity_type)
        .Bind(entry.entity_id)
        .Bind(entry.store_id)
        .Bind(entry.request_id)
        .Bind(EncodeChanges(entry.changes))
        .Bind(entry.client_address);
    query.Run();
}

Page<AuditEntry> AuditRepository::ListForStore(const std::string& store_id, std::int64_t page,
                                               std::int64_t page_size) {
    app::ports::AuditQuery query;
    query.store_id = store_id;
    query.page = page;
    query.page_size = page_size;
    return List(query);
}

Page<AuditEntry> AuditRepository::List(const app::ports::AuditQuery& q) {
    Where where;
    std::vector<std::string> params;
    const auto add = [&](const char* condition, const std::optional<std::string>& value) {
        if (value) {
            params.push_back(*value);
            where.Add(condition + Param(params.size()));
        }
    };
    const auto time = [](const std::optional<domain::TimePoint>& value) {
        return value ? std::optional<std::string>(FormatTime(*value)) : std::nullopt;
    };
    add("store_id = ", q.store_id);
    add("actor = ", q.actor);
    add("action = ", q.action);
    add("time >= ", time(q.from));
    add("time < ", time(q.to));
    const std::int64_t page_size = std::max<std::int64_t>(q.page_size, 1);
    const std::int64_t offset = (std::max<std::int64_t>(q.page, 1) - 1) * page_size;
    Page<AuditEntry> result;
    const Total total = CountRows(session_, " FROM audit_log" + where.text(), params);
    result.total = total.count;
    result.total_is_estimate = total.estimate;
    const auto n = params.size();
    // The page's seqs first, from the time index alone, then their rows: page 2,000 of
    // 10,000,000 entries 108 → 41 ms (docs/performance.md).
    Query query = PrepareBound(
        session_,
        PageSql("id, time, actor, action, entity_type, entity_id, store_id, request_id, changes, "
                "client_address",
                "audit_log", "seq", " FROM audit_log" + where.text(),
                " ORDER BY time DESC, seq DESC", n, true),
        params);
    query.Bind(page_size).Bind(offset);
    while (query.Next()) {
        AuditEntry entry;
        entry.id = query.Text(0);
        entry.time = ReadTime(query, 1);
        entry.actor = query.Text(2);
        entry.action = query.Text(3);
        entry.entity_type = query.Text(4);
        entry.entity_id = query.Text(5);
        entry.store_id = query.OptionalText(6);
        entry.request_id = query.Text(7);
        entry.changes = DecodeChanges(query.Text(8));
        entry.client_address = query.Text(9);
        result.items.push_back(std::move(entry));
    }
    return result;
}

}  // namespace store::infra::sql
