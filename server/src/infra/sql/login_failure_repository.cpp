#include "infra/sql/repositories.hpp"

namespace store::infra::sql {
namespace {

// Stored as milliseconds since the epoch: the same integer arithmetic in both databases.
std::int64_t EpochMs(domain::TimePoint time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

domain::TimePoint FromEpochMs(std::int64_t ms) {
    return domain::TimePoint(
        std::chrono::duration_cast<domain::TimePoint::duration>(std::chrono::milliseconds(ms)));
}

}  // namespace

std::vector<domain::FailureCount> LoginFailureRepository::Find(
    const std::vector<std::string>& keys) {
    std::vector<domain::FailureCount> counts;
    counts.reserve(keys.size());
    for (const auto& key : keys) {
        Query query =
            session_.Prepare("SELECT failures, window_start_ms FROM login_failures WHERE key = $1");
        query.Bind(key);
        counts.push_back(query.Next() ? domain::FailureCount{static_cast<int>(query.Int(0)),
                                                             FromEpochMs(query.Int(1))}
                                      : domain::FailureCount{});
    }
    return counts;
}

domain::FailureCount LoginFailureRepository::Add(const std::string& key, domain::TimePoint now,
                                                 std::chrono::seconds window) {
    // One statement: the row lock (PostgreSQL) or the write lock (SQLite) makes concurrent
    // increments from several replicas add up instead of overwriting each other.
    Query query = session_.Prepare(
        "INSERT INTO login_failures (key, failures, window_start_ms) VALUES ($1, 1, $2) "
        "ON CONFLICT (key) DO UPDATE SET "
        "failures = CASE WHEN login_failures.window_start_ms <= $3 THEN 1 "
        "ELSE login_failures.failures + 1 END, "
        "window_start_ms = CASE WHEN login_failures.window_start_ms <= $3 THEN $2 "
        "ELSE login_failures.window_start_ms END "
        "RETURNING failures, window_start_ms");
    query.Bind(key).Bind(EpochMs(now)).Bind(EpochMs(now - window));
    if (!query.Next()) {
        return {};
    }
    return {static_cast<int>(query.Int(0)), FromEpochMs(query.Int(1))};
}

void LoginFailureRepository::Subtract(const std::string& key, domain::TimePoint window_start) {
    session_
        .Prepare(
            "UPDATE login_failures SET failures = failures - 1 "
            "WHERE key = $1 AND window_start_ms = $2 AND failures > 0")
        .Bind(key)
        .Bind(EpochMs(window_start))
        .Run();
}

void LoginFailureRepository::Forget(const std::string& key) {
    session_.Prepare("DELETE FROM login_failures WHERE key = $1").Bind(key).Run();
}

void LoginFailureRepository::Prune(domain::TimePoint before) {
    session_.Prepare("DELETE FROM login_failures WHERE window_start_ms < $1")
        .Bind(EpochMs(before))
        .Run();
}

}  // namespace store::infra::sql
