#include "infra/postgres/provisioning_repositories.hpp"

#include <algorithm>

#include "app/errors.hpp"
#include "domain/inventory.hpp"
#include "domain/ipam.hpp"
#include "infra/json_columns.hpp"
#include "infra/time_format.hpp"

namespace store::infra::postgres {
namespace {

using app::ports::AddressPool;
using app::ports::ConfigBundle;
using app::ports::HardwareModel;
using app::ports::ItemQuery;
using app::ports::NetworkSegment;
using app::ports::Page;
using app::ports::RunCounts;
using app::ports::StockItem;

[[noreturn]] void Corrupt(std::string_view what) {
    throw app::AppError(app::ErrorCode::kInternal, "stored data could not be read",
                        "postgres: unreadable " + std::string(what));
}

domain::TimePoint ReadTime(const Result& result, int row, int column) {
    const auto time = ParseTime(result.Text(row, column));
    if (!time) {
        Corrupt("timestamp " + result.Text(row, column));
    }
    return *time;
}

std::optional<domain::TimePoint> ReadOptionalTime(const Result& result, int row, int column) {
    if (result.IsNull(row, column)) {
        return std::nullopt;
    }
    return ReadTime(result, row, column);
}

std::optional<std::string> OptionalTimeText(const std::optional<domain::TimePoint>& time) {
    if (!time) {
        return std::nullopt;
    }
    return FormatTime(*time);
}

/// The network of a pool or segment, parsed as strictly as SQLite's adapter does (the cidr
/// type would accept shorthand such as "10.1/16").
domain::Ipv4Network Network(const std::string& cidr) {
    const auto parsed = domain::ParseCidr(cidr);
    if (!parsed.network) {
        throw app::AppError::Validation({{"cidr", "is not a valid IPv4 network (a.b.c.d/n)"}});
    }
    return *parsed.network;
}

/// `%` and `_` match literally (`\` is ILIKE's default escape character).
std::string LikePattern(std::string_view text) {
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    pattern += '%';
    return pattern;
}

// pg_advisory_xact_lock keys next to the migration runner's ("STORE" in ASCII, +1, +2).
constexpr std::int64_t kPoolInsertLock = 358486872646;
constexpr std::int64_t kSegmentInsertLock = 358486872647;

/// Serializes the inserts of one table until the transaction ends. Without it, writers racing
/// for the same subnet each wait inside the exclusion check for the other's transaction: the
/// cycles are only broken by the deadlock detector (a second each) and chains of them run into
/// statement_timeout. Queued on the lock instead, the loser checks against the winner's
/// committed row and fails at once. The constraint stays what guarantees no overlap.
void LockInserts(Connection& connection, std::int64_t key) {
    connection.Execute("SELECT pg_advisory_xact_lock($1)", Params().Add(key));
}

std::string Hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        hex += kDigits[byte >> 4];
        hex += kDigits[byte & 0x0F];
    }
    return hex;
}

std::string Unhex(std::string_view hex) {
    const auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    };
    if (hex.size() % 2 != 0) {
        Corrupt("hex bytes");
    }
    std::string bytes;
    bytes.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = nibble(hex[i]);
        const int low = nibble(hex[i + 1]);
        if (high < 0 || low < 0) {
            Corrupt("hex bytes");
        }
        bytes += static_cast<char>((high << 4) | low);
    }
    return bytes;
}

// --- inventory --------------------------------------------------------------------------------

constexpr const char* kModelColumns = "id, kind, vendor, model, created_at";
constexpr const char* kItemColumns =
    "id, serial, model_id, kind, status, store_id, created_at, updated_at";

HardwareModel ReadModel(const Result& r, int row) {
    return HardwareModel{r.Text(row, 0), r.Text(row, 1), r.Text(row, 2), r.Text(row, 3),
                         ReadTime(r, row, 4)};
}

StockItem ReadItem(const Result& r, int row) {
    StockItem item;
    item.id = r.Text(row, 0);
    item.serial = r.Text(row, 1);
    item.model_id = r.Text(row, 2);
    item.kind = r.Text(row, 3);
    item.status = r.Text(row, 4);
    item.store_id = r.OptionalText(row, 5);
    item.created_at = ReadTime(r, row, 6);
    item.updated_at = ReadTime(r, row, 7);
    return item;
}

std::vector<StockItem> ReadItems(const Result& r) {
    std::vector<StockItem> items;
    for (int row = 0; row < r.Rows(); ++row) {
        items.push_back(ReadItem(r, row));
    }
    return items;
}

}  // namespace

void InventoryRepository::InsertModel(const HardwareModel& model) {
    const std::string conflict = "the hardware model " + model.vendor + " " + model.model + " (" +
                                 model.kind + ") already exists";
    connection_.Execute(std::string("INSERT INTO hardware_models (") + kModelColumns +
                            ") VALUES ($1, $2, $3, $4, $5)",
                        Params()
                            .Add(model.id)
                            .Add(model.kind)
                            .Add(model.vendor)
                            .Add(model.model)
                            .Add(FormatTime(model.created_at)),
                        &conflict);
}

std::optional<HardwareModel> InventoryRepository::FindModel(const std::string& id) {
    const Result r = connection_.Execute(
        std::string("SELECT ") + kModelColumns + " FROM hardware_models WHERE id = $1",
        Params().Add(id));
    if (r.Rows() == 0) {
        return std::nullopt;
    }
    return ReadModel(r, 0);
}

std::vector<HardwareModel> InventoryRepository::ListModels() {
    const Result r =
        connection_.Execute(std::string("SELECT ") + kModelColumns +
                                " FROM hardware_models ORDER BY kind, vendor, model, id",
                            Params());
    std::vector<HardwareModel> models;
    for (int row = 0; row < r.Rows(); ++row) {
        models.push_back(ReadModel(r, row));
    }
    return models;
}

void InventoryRepository::InsertItem(const StockItem& item) {
    const std::string conflict = "an item with serial " + item.serial + " already exists";
    connection_.Execute(std::string("INSERT INTO stock_items (") + kItemColumns +
                            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        Params()
                            .Add(item.id)
                            .Add(item.serial)
                            .Add(item.model_id)
                            .Add(item.kind)
                            .Add(item.status)
                            .Add(item.store_id)
                            .Add(FormatTime(item.created_at))
                            .Add(FormatTime(item.updated_at)),
                        &conflict);
}

std::optional<StockItem> InventoryRepository::FindItemBySerial(const std::string& serial) {
    const Result r = connection_.Execute(
        std::string("SELECT ") + kItemColumns + " FROM stock_items WHERE serial = $1",
        Params().Add(serial));
    if (r.Rows() == 0) {
        return std::nullopt;
    }
    return ReadItem(r, 0);
}

Page<StockItem> InventoryRepository::ListItems(const ItemQuery& q) {
    std::string where;
    Params params;
    const auto add = [&](const std::string& column, const std::optional<std::string>& value) {
        if (value) {
            params.Add(*value);
            where += where.empty() ? " WHERE " : " AND ";
            where += column + " = " + params.Last();
        }
    };
    add("status", q.status);
    add("kind", q.kind);
    add("model_id", q.model_id);
    add("store_id", q.store_id);
    if (q.q) {
        params.Add(LikePattern(*q.q));
        where += where.empty() ? " WHERE " : " AND ";
        where += "serial ILIKE " + params.Last();
    }
    Page<StockItem> page;
    page.total = connection_.Execute("SELECT COUNT(*) FROM stock_items" + where, params).Int(0, 0);
    const std::int64_t page_size = std::max<std::int64_t>(q.page_size, 1);
    params.Add(page_size);
    std::string sql = std::string("SELECT ") + kItemColumns + " FROM stock_items" + where +
                      " ORDER BY serial LIMIT " + params.Last();
    params.Add((std::max<std::int64_t>(q.page, 1) - 1) * page_size);
    sql += " OFFSET " + params.Last();
    page.items = ReadItems(connection_.Execute(sql, params));
    return page;
}

std::vector<StockItem> InventoryRepository::ReserveItems(const std::string& store_id,
                                                         const std::string& kind,
                                                         std::int64_t count,
                                                         domain::TimePoint now) {
    if (count <= 0) {
        return {};
    }
    // SKIP LOCKED: a concurrent reserver takes the next free items instead of waiting for (and
    // then losing) the ones this transaction holds.
    auto items = ReadItems(connection_.Execute(
        std::string("UPDATE stock_items SET status = 'allocated', store_id = $1, "
                    "updated_at = $4 WHERE id IN (SELECT id FROM stock_items WHERE kind = $2 "
                    "AND status = 'in_stock' ORDER BY serial LIMIT $3 FOR UPDATE SKIP LOCKED) "
                    "RETURNING ") +
            kItemColumns,
        Params().Add(store_id).Add(kind).Add(count).Add(FormatTime(now))));
    std::sort(items.begin(), items.end(),
              [](const StockItem& a, const StockItem& b) { return a.serial < b.serial; });
    return items;
}

std::vector<StockItem> InventoryRepository::ItemsForStore(const std::string& store_id) {
    return ReadItems(connection_.Execute(
        std::string("SELECT ") + kItemColumns +
            " FROM stock_items WHERE store_id = $1 AND status IN ('allocated', 'installed') "
            "ORDER BY kind, serial",
        Params().Add(store_id)));
}

std::int64_t InventoryRepository::ReleaseItemsForStore(const std::string& store_id,
                                                       domain::TimePoint now) {
    return connection_
        .Execute(
            "UPDATE stock_items SET status = 'in_stock', store_id = NULL, updated_at = $2 "
            "WHERE store_id = $1",
            Params().Add(store_id).Add(FormatTime(now)))
        .Affected();
}

std::map<std::string, std::int64_t> InventoryRepository::AvailableByKind() {
    const Result r = connection_.Execute(
        "SELECT kind, COUNT(*) FROM stock_items WHERE status = 'in_stock' GROUP BY kind", Params());
    std::map<std::string, std::int64_t> counts;
    for (int row = 0; row < r.Rows(); ++row) {
        counts[r.Text(row, 0)] = r.Int(row, 1);
    }
    return counts;
}

// --- network ----------------------------------------------------------------------------------

namespace {

constexpr const char* kPoolColumns = "id, cidr, purpose, segment_prefix, created_at";
constexpr const char* kSegmentColumns =
    "id, store_id, pool_id, purpose, vlan_id, cidr, gateway, dhcp_start, dhcp_end, created_at";

AddressPool ReadPool(const Result& r, int row) {
    return AddressPool{r.Text(row, 0), r.Text(row, 1), r.Text(row, 2),
                       static_cast<int>(r.Int(row, 3)), ReadTime(r, row, 4)};
}

NetworkSegment ReadSegment(const Result& r, int row) {
    NetworkSegment segment;
    segment.id = r.Text(row, 0);
    segment.store_id = r.Text(row, 1);
    segment.pool_id = r.OptionalText(row, 2).value_or("");
    segment.purpose = r.Text(row, 3);
    segment.vlan_id = r.Int(row, 4);
    segment.cidr = r.Text(row, 5);
    segment.gateway = r.Text(row, 6);
    segment.dhcp_start = r.Text(row, 7);
    segment.dhcp_end = r.Text(row, 8);
    segment.created_at = ReadTime(r, row, 9);
    return segment;
}

std::vector<NetworkSegment> ReadSegments(const Result& r) {
    std::vector<NetworkSegment> segments;
    for (int row = 0; row < r.Rows(); ++row) {
        segments.push_back(ReadSegment(r, row));
    }
    return segments;
}

}  // namespace

void NetworkRepository::InsertPool(const AddressPool& pool) {
    const std::string cidr = Network(pool.cidr).ToString();
    LockInserts(connection_, kPoolInsertLock);
    // Names the pool in the way (under the lock, this sees every committed pool).
    const Result overlap = connection_.Execute(
        "SELECT cidr FROM address_pools WHERE cidr && $1::cidr ORDER BY cidr LIMIT 1",
        Params().Add(cidr));
    if (overlap.Rows() > 0) {
        throw app::AppError(app::ErrorCode::kConflict,
                            cidr + " overlaps the address pool " + overlap.Text(0, 0));
    }
    const ConflictDetails conflicts{
        {{"address_pools_no_overlap", cidr + " overlaps another address pool"}},
        "the address pool " + cidr + " already exists"};
    connection_.Execute(
        "INSERT INTO address_pools (id, cidr, purpose, segment_prefix, created_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        Params()
            .Add(pool.id)
            .Add(cidr)
            .Add(pool.purpose)
            .Add(std::int64_t{pool.segment_prefix})
            .Add(FormatTime(pool.created_at)),
        conflicts);
}

std::optional<AddressPool> NetworkRepository::FindPool(const std::string& id) {
    const Result r = connection_.Execute(
        std::string("SELECT ") + kPoolColumns + " FROM address_pools WHERE id = $1",
        Params().Add(id));
    if (r.Rows() == 0) {
        return std::nullopt;
    }
    return ReadPool(r, 0);
}

std::vector<AddressPool> NetworkRepository::ListPools() {
    const Result r = connection_.Execute(
        std::string("SELECT ") + kPoolColumns + " FROM address_pools ORDER BY purpose, cidr",
        Params());
    std::vector<AddressPool> pools;
    for (int row = 0; row < r.Rows(); ++row) {
        pools.push_back(ReadPool(r, row));
    }
    return pools;
}

bool NetworkRepository::DeletePool(const std::string& id) {
    // FOR UPDATE: a segment inserted concurrently must wait for (and then fail its foreign key
    // on) the deletion, rather than slip in between the count and the DELETE.
    const Result pool = connection_.Execute(
        "SELECT cidr, (SELECT COUNT(*) FROM network_segments s WHERE s.pool_id = p.id) "
        "FROM address_pools p WHERE p.id = $1 FOR UPDATE",
        Params().Add(id));
    if (pool.Rows() == 0) {
        return false;
    }
    const std::int64_t in_use = pool.Int(0, 1);
    if (in_use > 0) {
        throw app::AppError(app::ErrorCode::kConflict,
                            "the address pool " + pool.Text(0, 0) + " is in use by " +
                                std::to_string(in_use) + (in_use == 1 ? " segment" : " segments"));
    }
    return connection_.Execute("DELETE FROM address_pools WHERE id = $1", Params().Add(id))
               .Affected() == 1;
}

std::vector<NetworkSegment> NetworkRepository::SegmentsInPool(const std::string& pool_id) {
    return ReadSegments(connection_.Execute(std::string("SELECT ") + kSegmentColumns +
                                                " FROM network_segments WHERE pool_id = $1 "
                                                "ORDER BY cidr",
                                            Params().Add(pool_id)));
}

std::vector<NetworkSegment> NetworkRepository::SegmentsOverlapping(const std::string& cidr) {
    return ReadSegments(connection_.Execute(std::string("SELECT ") + kSegmentColumns +
                                                " FROM network_segments WHERE cidr && $1::cidr "
                                                "ORDER BY cidr",
                                            Params().Add(Network(cidr).ToString())));
}

void NetworkRepository::InsertSegment(const NetworkSegment& segment) {
    const std::string cidr = Network(segment.cidr).ToString();
    LockInserts(connection_, kSegmentInsertLock);
    // Names the segment in the way (under the lock, this sees every committed segment).
    const Result overlap = connection_.Execute(
        "SELECT store_id, cidr FROM network_segments WHERE cidr && $1::cidr ORDER BY cidr LIMIT 1",
        Params().Add(cidr));
    if (overlap.Rows() > 0) {
        throw app::AppError(
            app::ErrorCode::kConflict,
            overlap.Text(0, 0) == segment.store_id
                ? cidr + " overlaps the segment " + overlap.Text(0, 1) + " of this store"
                : cidr + " overlaps a segment of another store");
    }
    const ConflictDetails conflicts{
        {{"network_segments_no_overlap", cidr + " overlaps a segment of another store"},
         {"network_segments_store_vlan_key",
          "VLAN " + std::to_string(segment.vlan_id) + " is already used by this store"},
         {"network_segments_store_purpose_key",
          "the store already has a " + segment.purpose + " segment"}},
        "the segment exists already"};
    connection_.Execute(
        "INSERT INTO network_segments (id, store_id, pool_id, purpose, vlan_id, cidr, gateway, "
        "dhcp_start, dhcp_end, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        Params()
            .Add(segment.id)
            .Add(segment.store_id)
            .Add(segment.pool_id.empty() ? std::nullopt : std::optional(segment.pool_id))
            .Add(segment.purpose)
            .Add(segment.vlan_id)
            .Add(cidr)
            .Add(segment.gateway)
            .Add(segment.dhcp_start)
            .Add(segment.dhcp_end)
            .Add(FormatTime(segment.created_at)),
        conflicts);
}

std::vector<NetworkSegment> NetworkRepository::SegmentsForStore(const std::string& store_id) {
    return ReadSegments(connection_.Execute(std::string("SELECT ") + kSegmentColumns +
                                                " FROM network_segments WHERE store_id = $1 "
                                                "ORDER BY vlan_id",
                                            Params().Add(store_id)));
}

std::int64_t NetworkRepository::ReleaseSegmentsForStore(const std::string& store_id) {
    return connection_
        .Execute("DELETE FROM network_segments WHERE store_id = $1", Params().Add(store_id))
        .Affected();
}

std::map<std::string, std::int64_t> NetworkRepository::UsageByPool() {
    // Every pool, with 0 when nothing is carved from it yet.
    const Result r = connection_.Execute(
        "SELECT p.id, COUNT(s.id) FROM address_pools p "
        "LEFT JOIN network_segments s ON s.pool_id = p.id GROUP BY p.id",
        Params());
    std::map<std::string, std::int64_t> usage;
    for (int row = 0; row < r.Rows(); ++row) {
        usage[r.Text(row, 0)] = r.Int(row, 1);
    }
    return usage;
}

// --- runs -------------------------------------------------------------------------------------

namespace {

constexpr const char* kRunColumns =
    "id, store_id, kind, status, steps, created_at, updated_at, finished_at, next_attempt_at, "
    "lease_owner, lease_expires_at, requested_by, request_id, error";

const ConflictDetails kRunConflicts{
    {{"provisioning_runs_one_active_idx", "the store already has a run in progress"}},
    "the run exists already"};

domain::Run ReadRun(const Result& r, int row) {
    domain::Run run;
    run.id = r.Text(row, 0);
    run.store_id = r.Text(row, 1);
    const auto kind = domain::ParseRunKind(r.Text(row, 2));
    const auto status = domain::ParseRunStatus(r.Text(row, 3));
    if (!kind || !status) {
        Corrupt("run kind or status");
    }
    run.kind = *kind;
    run.status = *status;
    run.steps = DecodeRunSteps(r.Text(row, 4));
    run.created_at = ReadTime(r, row, 5);
    run.updated_at = ReadTime(r, row, 6);
    run.finished_at = ReadOptionalTime(r, row, 7);
    run.next_attempt_at = ReadTime(r, row, 8);
    run.lease_owner = r.Text(row, 9);
    run.lease_expires_at = ReadOptionalTime(r, row, 10);
    run.requested_by = r.Text(row, 11);
    run.request_id = r.Text(row, 12);
    run.error = r.Text(row, 13);
    return run;
}

}  // namespace

void RunRepository::InsertRun(const domain::Run& run) {
    connection_.Execute(std::string("INSERT INTO provisioning_runs (") + kRunColumns +
                            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                            "$14)",
                        Params()
                            .Add(run.id)
                            .Add(run.store_id)
                            .Add(domain::ToString(run.kind))
                            .Add(domain::ToString(run.status))
                            .Add(EncodeRunSteps(run.steps))
                            .Add(FormatTime(run.created_at))
                            .Add(FormatTime(run.updated_at))
                            .Add(OptionalTimeText(run.finished_at))
                            .Add(FormatTime(run.next_attempt_at))
                            .Add(run.lease_owner)
                            .Add(OptionalTimeText(run.lease_expires_at))
                            .Add(run.requested_by)
                            .Add(run.request_id)
                            .Add(run.error),
                        kRunConflicts);
}

std::optional<domain::Run> RunRepository::FindRun(const std::string& id) {
    const Result r = connection_.Execute(
        std::string("SELECT ") + kRunColumns + " FROM provisioning_runs WHERE id = $1",
        Params().Add(id));
    if (r.Rows() == 0) {
        return std::nullopt;
    }
    return ReadRun(r, 0);
}

std::vector<domain::Run> RunRepository::RunsForStore(const std::string& store_id) {
    const Result r = connection_.Execute(std::string("SELECT ") + kRunColumns +
                                             " FROM provisioning_runs WHERE store_id = $1 "
                                             "ORDER BY created_at DESC, id DESC",
                                         Params().Add(store_id));
    std::vector<domain::Run> runs;
    for (int row = 0; row < r.Rows(); ++row) {
        runs.push_back(ReadRun(r, row));
    }
    return runs;
}

void RunRepository::UpdateRun(const domain::Run& run) {
    connection_.Execute(
        "UPDATE provisioning_runs SET status = $2, steps = $3, updated_at = $4, "
        "finished_at = $5, next_attempt_at = $6, lease_owner = $7, lease_expires_at = $8, "
        "error = $9 WHERE id = $1",
        Params()
            .Add(run.id)
            .Add(domain::ToString(run.status))
            .Add(EncodeRunSteps(run.steps))
            .Add(FormatTime(run.updated_at))
            .Add(OptionalTimeText(run.finished_at))
            .Add(FormatTime(run.next_attempt_at))
            .Add(run.lease_owner)
            .Add(OptionalTimeText(run.lease_expires_at))
            .Add(run.error),
        kRunConflicts);
}

std::optional<domain::Run> RunRepository::ClaimNext(const std::string& worker,
                                                    domain::TimePoint now,
                                                    domain::TimePoint lease_until) {
    // SKIP LOCKED: claimers in other transactions (threads or replicas) pass over the run this
    // one is taking instead of queueing behind it, so no run is handed out twice.
    const Result r = connection_.Execute(
        std::string("UPDATE provisioning_runs SET status = 'running', lease_owner = $1, "
                    "lease_expires_at = $3, updated_at = $2 WHERE id = ("
                    "SELECT id FROM provisioning_runs WHERE status IN ('queued', 'running') "
                    "AND next_attempt_at <= $2 AND (lease_expires_at IS NULL OR "
                    "lease_expires_at < $2) ORDER BY next_attempt_at, created_at LIMIT 1 "
                    "FOR UPDATE SKIP LOCKED) RETURNING ") +
            kRunColumns,
        Params().Add(worker).Add(FormatTime(now)).Add(FormatTime(lease_until)));
    if (r.Rows() == 0) {
        return std::nullopt;
    }
    return ReadRun(r, 0);
}

RunCounts RunRepository::CountSince(domain::TimePoint since) {
    RunCounts counts;
    const Result finished = connection_.Execute(
        "SELECT status, COUNT(*) FROM provisioning_runs WHERE finished_at >= $1 "
        "AND status IN ('succeeded', 'failed') GROUP BY status",
        Params().Add(FormatTime(since)));
    for (int row = 0; row < finished.Rows(); ++row) {
        (finished.Text(row, 0) == "succeeded" ? counts.succeeded : counts.failed) =
            finished.Int(row, 1);
    }
    counts.active =
        connection_
            .Execute("SELECT COUNT(*) FROM provisioning_runs WHERE status IN ('queued', 'running')",
                     Params())
            .Int(0, 0);
    return counts;
}

std::map<std::string, std::int64_t> RunRepository::ThroughputByHour(domain::TimePoint since) {
    // date_trunc works in the session time zone, which the connection sets to UTC.
    const Result r = connection_.Execute(
        "SELECT date_trunc('hour', finished_at), COUNT(*) FROM provisioning_runs "
        "WHERE finished_at >= $1 AND status = 'succeeded' AND kind = 'provision' GROUP BY 1",
        Params().Add(FormatTime(since)));
    std::map<std::string, std::int64_t> hours;
    for (int row = 0; row < r.Rows(); ++row) {
        hours[FormatTime(ReadTime(r, row, 0))] = r.Int(row, 1);
    }
    return hours;
}

// --- artifacts --------------------------------------------------------------------------------

void ArtifactRepository::PutCredentialRef(const std::string& store_id, const std::string& path,
                                          domain::TimePoint now) {
    connection_.Execute(
        "INSERT INTO store_credentials (store_id, path, created_at) VALUES ($1, $2, $3) "
        "ON CONFLICT (store_id) DO UPDATE SET path = excluded.path, "
        "created_at = excluded.created_at",
        Params().Add(store_id).Add(path).Add(FormatTime(now)));
}

std::optional<std::string> ArtifactRepository::GetCredentialRef(const std::string& store_id) {
    const Result r = connection_.Execute("SELECT path FROM store_credentials WHERE store_id = $1",
                                         Params().Add(store_id));
    if (r.Rows() == 0) {
        return std::nullopt;
    }
    return r.Text(0, 0);
}

void ArtifactRepository::DeleteCredentialRef(const std::string& store_id) {
    connection_.Execute("DELETE FROM store_credentials WHERE store_id = $1",
                        Params().Add(store_id));
}

void ArtifactRepository::PutBundle(const ConfigBundle& bundle) {
    // Bytes travel as hex text through encode/decode, whatever the server's bytea_output.
    connection_.Execute(
        "INSERT INTO config_bundles (store_id, file_name, content, sha256, created_at) "
        "VALUES ($1, $2, decode($3, 'hex'), $4, $5) ON CONFLICT (store_id) DO UPDATE SET "
        "file_name = excluded.file_name, content = excluded.content, "
        "sha256 = excluded.sha256, created_at = excluded.created_at",
        Params()
            .Add(bundle.store_id)
            .Add(bundle.file_name)
            .Add(Hex(bundle.content))
            .Add(bundle.sha256)
            .Add(FormatTime(bundle.created_at)));
}

std::optional<ConfigBundle> ArtifactRepository::GetBundle(const std::string& store_id) {
    const Result r = connection_.Execute(
        "SELECT store_id, file_name, encode(content, 'hex'), sha256, created_at "
        "FROM config_bundles WHERE store_id = $1",
        Params().Add(store_id));
    if (r.Rows() == 0) {
        return std::nullopt;
    }
    return ConfigBundle{r.Text(0, 0), r.Text(0, 1), Unhex(r.Text(0, 2)), r.Text(0, 3),
                        ReadTime(r, 0, 4)};
}

void ArtifactRepository::DeleteBundle(const std::string& store_id) {
    connection_.Execute("DELETE FROM config_bundles WHERE store_id = $1", Params().Add(store_id));
}

}  // namespace store::infra::postgres
