#include "infra/json_columns.hpp"
#include "infra/sql/columns.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sql {
namespace {

using app::ports::RunCounts;

constexpr const char* kRunColumns =
    "id, store_id, kind, status, steps, created_at, updated_at, finished_at, next_attempt_at, "
    "lease_owner, lease_expires_at, requested_by, request_id, error";

void OnRunConflict(Query& query) {
    query.OnConflict("the store already has a run in progress")
        .OnConstraint("provisioning_runs_pkey", "the run exists already");
}

domain::Run ReadRun(const Query& row) {
    domain::Run run;
    run.id = row.Text(0);
    run.store_id = row.Text(1);
    const auto kind = domain::ParseRunKind(row.Text(2));
    const auto status = domain::ParseRunStatus(row.Text(3));
    if (!kind || !status) {
        Corrupt("run kind or status");
    }
    run.kind = *kind;
    run.status = *status;
    run.steps = DecodeRunSteps(row.Text(4));
    run.created_at = ReadTime(row, 5);
    run.updated_at = ReadTime(row, 6);
    run.finished_at = ReadOptionalTime(row, 7);
    run.next_attempt_at = ReadTime(row, 8);
    run.lease_owner = row.Text(9);
    run.lease_expires_at = ReadOptionalTime(row, 10);
    run.requested_by = row.Text(11);
    run.request_id = row.Text(12);
    run.error = row.Text(13);
    return run;
}

}  // namespace

void RunRepository::InsertRun(const domain::Run& run) {
    Query query = session_.Prepare(std::string("INSERT INTO provisioning_runs (") + kRunColumns +
                                   ") VALUES (" + Params(1, 14) + ")");
    OnRunConflict(query);
    query.Bind(run.id)
        .Bind(run.store_id)
        .Bind(domain::ToString(run.kind))
        .Bind(domain::ToString(run.status))
        .Bind(EncodeRunSteps(run.steps))
        .Bind(FormatTime(run.created_at))
        .Bind(FormatTime(run.updated_at))
        .Bind(OptionalTimeText(run.finished_at))
        .Bind(FormatTime(run.next_attempt_at))
        .Bind(run.lease_owner)
        .Bind(OptionalTimeText(run.lease_expires_at))
        .Bind(run.requested_by)
        .Bind(run.request_id)
        .Bind(run.error);
    query.Run();
}

std::optional<domain::Run> RunRepository::FindRun(const std::string& id) {
    return FirstRow(
        session_
            .Prepare(std::string("SELECT ") + kRunColumns + " FROM provisioning_runs WHERE id = $1")
            .Bind(id),
        ReadRun);
}

std::vector<domain::Run> RunRepository::RunsForStore(const std::string& store_id) {
    Query query = session_.Prepare(std::string("SELECT ") + kRunColumns +
                                   " FROM provisioning_runs WHERE store_id = $1 "
                                   "ORDER BY created_at DESC, id DESC");
    query.Bind(store_id);
    return AllRows(query, ReadRun);
}

void RunRepository::UpdateRun(const domain::Run& run) {
    Query query = session_.Prepare(
        "UPDATE provisioning_runs SET status = $2, steps = $3, updated_at = $4, "
        "finished_at = $5, next_attempt_at = $6, lease_owner = $7, lease_expires_at = $8, "
        "error = $9 WHERE id = $1");
    OnRunConflict(query);
    query.Bind(run.id)
        .Bind(domain::ToString(run.status))
        .Bind(EncodeRunSteps(run.steps))
        .Bind(FormatTime(run.updated_at))
        .Bind(OptionalTimeText(run.finished_at))
        .Bind(FormatTime(run.next_attempt_at))
        .Bind(run.lease_owner)
        .Bind(OptionalTimeText(run.lease_expires_at))
        .Bind(run.error);
    query.Run();
}

std::optional<domain::Run> RunRepository::ClaimNext(const std::string& worker,
                                                    domain::TimePoint now,
                                                    domain::TimePoint lease_until) {
    // One statement: SQLite's write lock admits no other claimer between choosing and leasing;
    // in PostgreSQL, SKIP LOCKED lets claimers in other transactions (threads or replicas)
    // pass over the run this one is taking, so no run is handed out twice.
    Query query = session_.Prepare(
        std::string("UPDATE provisioning_runs SET status = 'running', lease_owner = $1, "
                    "lease_expires_at = $3, updated_at = $2 WHERE id = ("
                    "SELECT id FROM provisioning_runs WHERE status IN ('queued', 'running') "
                    "AND next_attempt_at <= $2 AND (lease_expires_at IS NULL OR "
                    "lease_expires_at < $2) ORDER BY next_attempt_at, created_at LIMIT 1") +
        std::string(session_.dialect().SkipLocked()) + ") RETURNING " + kRunColumns);
    query.Bind(worker).Bind(FormatTime(now)).Bind(FormatTime(lease_until));
    if (!query.Next()) {
        return std::nullopt;
    }
    auto run = ReadRun(query);
    query.Run();  // finish the statement
    return run;
}

RunCounts RunRepository::CountSince(domain::TimePoint since) {
    RunCounts counts;
    {
        Query query = session_.Prepare(
            "SELECT status, COUNT(*) FROM provisioning_runs WHERE finished_at >= $1 "
            "AND status IN ('succeeded', 'failed') GROUP BY status");
        query.Bind(FormatTime(since));
        while (query.Next()) {
            (query.Text(0) == "succeeded" ? counts.succeeded : counts.failed) = query.Int(1);
        }
    }
    Query active = session_.Prepare(
        "SELECT COUNT(*) FROM provisioning_runs WHERE status IN ('queued', 'running')");
    active.Next();
    counts.active = active.Int(0);
    return counts;
}

std::map<std::string, std::int64_t> RunRepository::ThroughputByHour(domain::TimePoint since) {
    Query query = session_.Prepare(
        "SELECT " + session_.dialect().HourOf("finished_at") +
        ", COUNT(*) FROM provisioning_runs WHERE finished_at >= $1 AND status = 'succeeded' "
        "AND kind = 'provision' GROUP BY 1");
    query.Bind(FormatTime(since));
    std::map<std::string, std::int64_t> hours;
    while (query.Next()) {
        hours[FormatTime(ReadTime(query, 0))] = query.Int(1);
    }
    return hours;
}

}  // namespace store::infra::sql
