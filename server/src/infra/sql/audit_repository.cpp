#include <algorithm>

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
    return ListWhere(store_id, page, page_size);
}

Page<AuditEntry> AuditRepository::ListAll(std::int64_t page, std::int64_t page_size) {
    return ListWhere(std::nullopt, page, page_size);
}

Page<AuditEntry> AuditRepository::ListWhere(const std::optional<std::string>& store_id,
                                            std::int64_t page, std::int64_t page_size) {
    page_size = std::max<std::int64_t>(page_size, 1);
    const std::int64_t offset = (std::max<std::int64_t>(page, 1) - 1) * page_size;
    Page<AuditEntry> result;
    {
        Query count = session_.Prepare(std::string("SELECT COUNT(*) FROM audit_log") +
                                       (store_id ? " WHERE store_id = $1" : ""));
        if (store_id) {
            count.Bind(*store_id);
        }
        count.Next();
        result.total = count.Int(0);
    }
    Query query = session_.Prepare(
        std::string("SELECT id, time, actor, action, entity_type, entity_id, store_id, "
                    "request_id, changes, client_address FROM audit_log") +
        (store_id ? " WHERE store_id = $3" : "") +
        " ORDER BY time DESC, seq DESC LIMIT $1 OFFSET $2");
    query.Bind(page_size).Bind(offset);
    if (store_id) {
        query.Bind(*store_id);
    }
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
