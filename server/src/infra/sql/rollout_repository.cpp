#include "infra/sql/columns.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sql {
namespace {

using domain::Rollout;
using domain::RolloutItem;

constexpr const char* kRolloutColumns =
    "id, name, action, status, canary_size, batch_size, wait_seconds, pause_after_canary, "
    "max_failure_percent, waves, current_wave, next_wave_at, halted_reason, canary_passed, "
    "created_at, created_by, created_by_role, request_id, updated_at, version";
constexpr int kRolloutColumnCount = 20;

constexpr const char* kItemColumns =
    "store_id, code, name, position, wave, status, run_id, attempts, error, started_at, "
    "finished_at";

Rollout ReadRollout(const Query& row) {
    Rollout rollout;
    rollout.id = row.Text(0);
    rollout.name = row.Text(1);
    const auto action = domain::ParseRolloutAction(row.Text(2));
    const auto status = domain::ParseRolloutStatus(row.Text(3));
    if (!action || !status) {
        Corrupt("rollout action or status");
    }
    rollout.action = *action;
    rollout.status = *status;
    rollout.shape.canary_size = row.Int(4);
    rollout.shape.batch_size = row.Int(5);
    rollout.shape.wait_seconds = row.Int(6);
    rollout.shape.pause_after_canary = row.Bool(7);
    rollout.shape.max_failure_percent = row.Int(8);
    rollout.waves = row.Int(9);
    rollout.current_wave = row.Int(10);
    rollout.next_wave_at = ReadOptionalTime(row, 11);
    rollout.halted_reason = row.OptionalText(12);
    rollout.canary_passed = row.Bool(13);
    rollout.created_at = ReadTime(row, 14);
    rollout.created_by = row.Text(15);
    rollout.created_by_role = ReadRole(row, 16, "rollout");
    rollout.request_id = row.Text(17);
    rollout.updated_at = ReadTime(row, 18);
    rollout.version = row.Int(19);
    return rollout;
}

RolloutItem ReadItem(const Query& row) {
    RolloutItem item;
    item.store_id = row.Text(0);
    item.code = row.Text(1);
    item.name = row.Text(2);
    item.position = row.Int(3);
    item.wave = row.Int(4);
    const auto status = domain::ParseRolloutItemStatus(row.Text(5));
    if (!status) {
        Corrupt("rollout item status");
    }
    item.status = *status;
    item.run_id = row.OptionalText(6);
    item.attempts = row.Int(7);
    item.error = row.OptionalText(8);
    item.started_at = ReadOptionalTime(row, 9);
    item.finished_at = ReadOptionalTime(row, 10);
    return item;
}

/// Binds the columns of kRolloutColumns after `id` ($2 onwards), in order.
void BindRolloutState(Query& query, const Rollout& rollout) {
    query.Bind(rollout.name)
        .Bind(domain::ToString(rollout.action))
        .Bind(domain::ToString(rollout.status))
        .Bind(rollout.shape.canary_size)
        .Bind(rollout.shape.batch_size)
        .Bind(rollout.shape.wait_seconds)
        .Bind(rollout.shape.pause_after_canary)
        .Bind(rollout.shape.max_failure_percent)
        .Bind(rollout.waves)
        .Bind(rollout.current_wave)
        .Bind(OptionalTimeText(rollout.next_wave_at))
        .Bind(rollout.halted_reason)
        .Bind(rollout.canary_passed)
        .Bind(FormatTime(rollout.created_at))
        .Bind(rollout.created_by)
        .Bind(domain::ToString(rollout.created_by_role))
        .Bind(rollout.request_id)
        .Bind(FormatTime(rollout.updated_at))
        .Bind(rollout.version);
}

}  // namespace

void RolloutRepository::Insert(const Rollout& rollout) {
    Query query = session_.Prepare(std::string("INSERT INTO rollouts (") + kRolloutColumns +
                                   ") VALUES (" + Params(1, kRolloutColumnCount) + ")");
    query.OnConstraint("rollouts_pkey", "the rollout exists already");
    query.Bind(rollout.id);
    BindRolloutState(query, rollout);
    query.Run();
    for (const auto& item : rollout.items) {
        session_
            .Prepare(std::string("INSERT INTO rollout_items (rollout_id, ") + kItemColumns +
                     ") VALUES (" + Params(1, 12) + ")")
            .Bind(rollout.id)
            .Bind(item.store_id)
            .Bind(item.code)
            .Bind(item.name)
            .Bind(item.position)
            .Bind(item.wave)
            .Bind(domain::ToString(item.status))
            .Bind(item.run_id)
            .Bind(item.attempts)
            .Bind(item.error)
            .Bind(OptionalTimeText(item.started_at))
            .Bind(OptionalTimeText(item.finished_at))
            .Run();
    }
}

std::optional<Rollout> RolloutRepository::Find(const std::string& id, bool for_update) {
    Query query =
        session_.Prepare(std::string("SELECT ") + kRolloutColumns + " FROM rollouts WHERE id = $1" +
                         std::string(for_update ? session_.dialect().ForUpdate() : ""));
    query.Bind(id);
    auto rollout = FirstRow(query, ReadRollout);
    if (!rollout) {
        return std::nullopt;
    }
    Query items = session_.Prepare(std::string("SELECT ") + kItemColumns +
                                   " FROM rollout_items WHERE rollout_id = $1 ORDER BY position");
    items.Bind(id);
    rollout->items = AllRows(items, ReadItem);
    rollout->counts = domain::CountItems(rollout->items);
    return rollout;
}

void RolloutRepository::Update(const Rollout& rollout) {
    Query query = session_.Prepare(
        "UPDATE rollouts SET name = $2, action = $3, status = $4, canary_size = $5, "
        "batch_size = $6, wait_seconds = $7, pause_after_canary = $8, max_failure_percent = $9, "
        "waves = $10, current_wave = $11, next_wave_at = $12, halted_reason = $13, "
        "canary_passed = $14, created_at = $15, created_by = $16, created_by_role = $17, "
        "request_id = $18, updated_at = $19, version = $20 WHERE id = $1");
    query.Bind(rollout.id);
    BindRolloutState(query, rollout);
    query.Run();
}

void RolloutRepository::UpdateItems(const std::string& rollout_id,
                                    const std::vector<RolloutItem>& items) {
    for (const auto& item : items) {
        session_
            .Prepare(
                "UPDATE rollout_items SET status = $3, run_id = $4, attempts = $5, error = $6, "
                "started_at = $7, finished_at = $8 WHERE rollout_id = $1 AND store_id = $2")
            .Bind(rollout_id)
            .Bind(item.store_id)
            .Bind(domain::ToString(item.status))
            .Bind(item.run_id)
            .Bind(item.attempts)
            .Bind(item.error)
            .Bind(OptionalTimeText(item.started_at))
            .Bind(OptionalTimeText(item.finished_at))
            .Run();
    }
}

app::ports::Page<Rollout> RolloutRepository::List(std::optional<domain::RolloutStatus> status,
                                                  std::int64_t limit) {
    const std::string where = status ? " WHERE status = $1" : "";
    const std::string limit_param = status ? "$2" : "$1";
    const auto bind_filter = [&](Query& query) -> Query& {
        if (status) {
            query.Bind(domain::ToString(*status));
        }
        return query;
    };
    app::ports::Page<Rollout> page;
    {
        Query query =
            session_.Prepare(std::string("SELECT ") + kRolloutColumns + " FROM rollouts" + where +
                             " ORDER BY created_at DESC, id DESC LIMIT " + limit_param);
        bind_filter(query).Bind(limit);
        page.items = AllRows(query, ReadRollout);
    }
    {
        Query query = session_.Prepare("SELECT COUNT(*) FROM rollouts" + where);
        bind_filter(query);
        query.Next();
        page.total = query.Int(0);
    }
    Query counts = session_.Prepare(
        "SELECT rollout_id, status, COUNT(*) FROM rollout_items WHERE rollout_id IN (SELECT id "
        "FROM rollouts" +
        where + " ORDER BY created_at DESC, id DESC LIMIT " + limit_param +
        ") GROUP BY rollout_id, status");
    bind_filter(counts).Bind(limit);
    std::map<std::string, domain::RolloutCounts> by_rollout;
    while (counts.Next()) {
        const auto item_status = domain::ParseRolloutItemStatus(counts.Text(1));
        if (!item_status) {
            Corrupt("rollout item status");
        }
        by_rollout[counts.Text(0)].Add(*item_status, counts.Int(2));
    }
    for (auto& rollout : page.items) {
        rollout.counts = by_rollout[rollout.id];
    }
    return page;
}

std::vector<std::string> RolloutRepository::Due(domain::TimePoint now, std::int64_t limit) {
    Query query = session_.Prepare(
        "SELECT r.id FROM rollouts r WHERE (r.status = 'running' AND (r.next_wave_at IS NULL OR "
        "r.next_wave_at <= $1)) OR EXISTS (SELECT 1 FROM rollout_items i WHERE i.rollout_id = "
        "r.id AND i.status = 'running') ORDER BY r.created_at, r.id LIMIT $2");
    query.Bind(FormatTime(now)).Bind(limit);
    return AllRows(query, [](const Query& row) { return row.Text(0); });
}

}  // namespace store::infra::sql
