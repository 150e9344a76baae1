#include "infra/sqlite/provisioning_repositories.hpp"

#include <algorithm>
#include <variant>

#include "app/errors.hpp"
#include "domain/inventory.hpp"
#include "domain/ipam.hpp"
#include "infra/json_columns.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sqlite {
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
                        "sqlite: corrupt " + std::string(what));
}

domain::TimePoint ReadTime(const Query& query, int column) {
    const auto time = ParseTime(query.Text(column));
    if (!time) {
        Corrupt("timestamp");
    }
    return *time;
}

std::optional<domain::TimePoint> ReadOptionalTime(const Query& query, int column) {
    if (query.IsNull(column)) {
        return std::nullopt;
    }
    return ReadTime(query, column);
}

std::optional<std::string> OptionalTimeText(const std::optional<domain::TimePoint>& time) {
    if (!time) {
        return std::nullopt;
    }
    return FormatTime(*time);
}

/// The network of a pool or segment; input the app has not validated is refused the same way
/// PostgreSQL's cidr type refuses it.
domain::Ipv4Network Network(const std::string& cidr) {
    const auto parsed = domain::ParseCidr(cidr);
    if (!parsed.network) {
        throw app::AppError::Validation({{"cidr", "is not a valid IPv4 network (a.b.c.d/n)"}});
    }
    return *parsed.network;
}

/// `%` and `_` match literally; `\` is the escape character.
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

using Param = std::variant<std::string, std::int64_t>;

void BindAll(Query& query, const std::vector<Param>& params) {
    int index = 1;
    for (const auto& param : params) {
        std::visit([&](const auto& value) { query.Bind(index, value); }, param);
        ++index;
    }
}

// --- inventory --------------------------------------------------------------------------------

constexpr const char* kModelColumns = "id, kind, vendor, model, created_at";
constexpr const char* kItemColumns =
    "id, serial, model_id, kind, status, store_id, created_at, updated_at";

HardwareModel ReadModel(const Query& query) {
    return HardwareModel{query.Text(0), query.Text(1), query.Text(2), query.Text(3),
                         ReadTime(query, 4)};
}

StockItem ReadItem(const Query& query) {
    StockItem item;
    item.id = query.Text(0);
    item.serial = query.Text(1);
    item.model_id = query.Text(2);
    item.kind = query.Text(3);
    item.status = query.Text(4);
    item.store_id = query.OptionalText(5);
    item.created_at = ReadTime(query, 6);
    item.updated_at = ReadTime(query, 7);
    return item;
}

std::vector<StockItem> ReadItems(Query& query) {
    std::vector<StockItem> items;
    while (query.Step()) {
        items.push_back(ReadItem(query));
    }
    return items;
}

}  // namespace

void InventoryRepository::InsertModel(const HardwareModel& model) {
    Query query(connection_, std::string("INSERT INTO hardware_models (") + kModelColumns +
                                 ") VALUES (?1, ?2, ?3, ?4, ?5)");
    query.OnConflict("the hardware model " + model.vendor + " " + model.model + " (" + model.kind +
                     ") already exists");
    query.Bind(1, model.id)
        .Bind(2, model.kind)
        .Bind(3, model.vendor)
        .Bind(4, model.model)
        .Bind(5, FormatTime(model.created_at));
    query.Run();
}

std::optional<HardwareModel> InventoryRepository::FindModel(const std::string& id) {
    Query query(connection_,
                std::string("SELECT ") + kModelColumns + " FROM hardware_models WHERE id = ?1");
    query.Bind(1, id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadModel(query);
}

std::vector<HardwareModel> InventoryRepository::ListModels() {
    Query query(connection_, std::string("SELECT ") + kModelColumns +
                                 " FROM hardware_models ORDER BY kind, vendor, model, id");
    std::vector<HardwareModel> models;
    while (query.Step()) {
        models.push_back(ReadModel(query));
    }
    return models;
}

void InventoryRepository::InsertItem(const StockItem& item) {
    Query query(connection_, std::string("INSERT INTO stock_items (") + kItemColumns +
                                 ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    query.OnConflict("an item with serial " + item.serial + " already exists");
    query.Bind(1, item.id)
        .Bind(2, item.serial)
        .Bind(3, item.model_id)
        .Bind(4, item.kind)
        .Bind(5, item.status)
        .Bind(6, item.store_id)
        .Bind(7, FormatTime(item.created_at))
        .Bind(8, FormatTime(item.updated_at));
    query.Run();
}

std::optional<StockItem> InventoryRepository::FindItemBySerial(const std::string& serial) {
    Query query(connection_,
                std::string("SELECT ") + kItemColumns + " FROM stock_items WHERE serial = ?1");
    query.Bind(1, serial);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadItem(query);
}

Page<StockItem> InventoryRepository::ListItems(const ItemQuery& q) {
    std::string where;
    std::vector<Param> params;
    const auto add = [&](const std::string& column, const std::optional<std::string>& value) {
        if (value) {
            params.emplace_back(*value);
            where += where.empty() ? " WHERE " : " AND ";
            where += column + " = ?" + std::to_string(params.size());
        }
    };
    add("status", q.status);
    add("kind", q.kind);
    add("model_id", q.model_id);
    add("store_id", q.store_id);
    if (q.q) {
        // SQLite's LIKE ignores ASCII case, as ILIKE does in PostgreSQL.
        params.emplace_back(LikePattern(*q.q));
        where += where.empty() ? " WHERE " : " AND ";
        where += "serial LIKE ?" + std::to_string(params.size()) + " ESCAPE '\\'";
    }
    Page<StockItem> page;
    {
        Query count(connection_, "SELECT COUNT(*) FROM stock_items" + where);
        BindAll(count, params);
        count.Step();
        page.total = count.Int(0);
    }
    const std::int64_t page_size = std::max<std::int64_t>(q.page_size, 1);
    params.emplace_back(page_size);
    std::string sql = std::string("SELECT ") + kItemColumns + " FROM stock_items" + where +
                      " ORDER BY serial LIMIT ?" + std::to_string(params.size());
    params.emplace_back((std::max<std::int64_t>(q.page, 1) - 1) * page_size);
    sql += " OFFSET ?" + std::to_string(params.size());
    Query rows(connection_, sql);
    BindAll(rows, params);
    page.items = ReadItems(rows);
    return page;
}

std::vector<StockItem> InventoryRepository::ReserveItems(const std::string& store_id,
                                                         const std::string& kind,
                                                         std::int64_t count,
                                                         domain::TimePoint now) {
    if (count <= 0) {
        return {};
    }
    // The write transaction holds SQLite's only write lock, so no other reserver runs between
    // the inner SELECT and the UPDATE.
    Query query(connection_, std::string("UPDATE stock_items SET status = 'allocated', "
                                         "store_id = ?1, updated_at = ?4 WHERE id IN ("
                                         "SELECT id FROM stock_items WHERE kind = ?2 AND "
                                         "status = 'in_stock' ORDER BY serial LIMIT ?3) "
                                         "RETURNING ") +
                                 kItemColumns);
    query.Bind(1, store_id).Bind(2, kind).Bind(3, count).Bind(4, FormatTime(now));
    auto items = ReadItems(query);
    std::sort(items.begin(), items.end(),
              [](const StockItem& a, const StockItem& b) { return a.serial < b.serial; });
    return items;
}

std::vector<StockItem> InventoryRepository::ItemsForStore(const std::string& store_id) {
    Query query(connection_, std::string("SELECT ") + kItemColumns +
                                 " FROM stock_items WHERE store_id = ?1 AND status IN "
                                 "('allocated', 'installed') ORDER BY kind, serial");
    query.Bind(1, store_id);
    return ReadItems(query);
}

std::int64_t InventoryRepository::ReleaseItemsForStore(const std::string& store_id,
                                                       domain::TimePoint now) {
    Query query(connection_,
                "UPDATE stock_items SET status = 'in_stock', store_id = NULL, updated_at = ?2 "
                "WHERE store_id = ?1");
    query.Bind(1, store_id).Bind(2, FormatTime(now));
    query.Run();
    return connection_.Changes();
}

std::map<std::string, std::int64_t> InventoryRepository::AvailableByKind() {
    Query query(connection_,
                "SELECT kind, COUNT(*) FROM stock_items WHERE status = 'in_stock' GROUP BY kind");
    std::map<std::string, std::int64_t> counts;
    while (query.Step()) {
        counts[query.Text(0)] = query.Int(1);
    }
    return counts;
}

// --- network ----------------------------------------------------------------------------------

namespace {

constexpr const char* kPoolColumns = "id, cidr, purpose, segment_prefix, created_at";
constexpr const char* kSegmentColumns =
    "id, store_id, pool_id, purpose, vlan_id, cidr, gateway, dhcp_start, dhcp_end, created_at";

AddressPool ReadPool(const Query& query) {
    return AddressPool{query.Text(0), query.Text(1), query.Text(2), static_cast<int>(query.Int(3)),
                       ReadTime(query, 4)};
}

NetworkSegment ReadSegment(const Query& query) {
    NetworkSegment segment;
    segment.id = query.Text(0);
    segment.store_id = query.Text(1);
    segment.pool_id = query.OptionalText(2).value_or("");
    segment.purpose = query.Text(3);
    segment.vlan_id = query.Int(4);
    segment.cidr = query.Text(5);
    segment.gateway = query.Text(6);
    segment.dhcp_start = query.Text(7);
    segment.dhcp_end = query.Text(8);
    segment.created_at = ReadTime(query, 9);
    return segment;
}

std::vector<NetworkSegment> ReadSegments(Query& query) {
    std::vector<NetworkSegment> segments;
    while (query.Step()) {
        segments.push_back(ReadSegment(query));
    }
    return segments;
}

/// Binds the first and last address of `network` to ?first_index and ?first_index+1.
void BindRange(Query& query, int first_index, const domain::Ipv4Network& network) {
    query.Bind(first_index, std::int64_t{network.First()})
        .Bind(first_index + 1, std::int64_t{network.Last()});
}

}  // namespace

void NetworkRepository::InsertPool(const AddressPool& pool) {
    const auto network = Network(pool.cidr);
    {
        // Serialized by the write transaction: no pool can appear between check and insert.
        Query overlap(connection_,
                      "SELECT cidr FROM address_pools WHERE first_address <= ?2 AND "
                      "last_address >= ?1 ORDER BY first_address LIMIT 1");
        BindRange(overlap, 1, network);
        if (overlap.Step()) {
            throw app::AppError(
                app::ErrorCode::kConflict,
                network.ToString() + " overlaps the address pool " + overlap.Text(0));
        }
    }
    Query query(connection_,
                "INSERT INTO address_pools (id, cidr, first_address, last_address, purpose, "
                "segment_prefix, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    query.OnConflict("the address pool " + network.ToString() + " already exists");
    query.Bind(1, pool.id).Bind(2, network.ToString());
    BindRange(query, 3, network);
    query.Bind(5, pool.purpose)
        .Bind(6, std::int64_t{pool.segment_prefix})
        .Bind(7, FormatTime(pool.created_at));
    query.Run();
}

std::optional<AddressPool> NetworkRepository::FindPool(const std::string& id) {
    Query query(connection_,
                std::string("SELECT ") + kPoolColumns + " FROM address_pools WHERE id = ?1");
    query.Bind(1, id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadPool(query);
}

std::vector<AddressPool> NetworkRepository::ListPools() {
    Query query(connection_, std::string("SELECT ") + kPoolColumns +
                                 " FROM address_pools ORDER BY purpose, first_address, "
                                 "last_address DESC");
    std::vector<AddressPool> pools;
    while (query.Step()) {
        pools.push_back(ReadPool(query));
    }
    return pools;
}

bool NetworkRepository::DeletePool(const std::string& id) {
    std::int64_t in_use = 0;
    std::string cidr;
    {
        Query query(connection_,
                    "SELECT p.cidr, (SELECT COUNT(*) FROM network_segments s "
                    "WHERE s.pool_id = p.id) FROM address_pools p WHERE p.id = ?1");
        query.Bind(1, id);
        if (!query.Step()) {
            return false;
        }
        cidr = query.Text(0);
        in_use = query.Int(1);
    }
    if (in_use > 0) {
        throw app::AppError(app::ErrorCode::kConflict,
                            "the address pool " + cidr + " is in use by " + std::to_string(in_use) +
                                (in_use == 1 ? " segment" : " segments"));
    }
    Query query(connection_, "DELETE FROM address_pools WHERE id = ?1");
    query.Bind(1, id);
    query.Run();
    return connection_.Changes() == 1;
}

std::vector<NetworkSegment> NetworkRepository::SegmentsInPool(const std::string& pool_id) {
    Query query(connection_, std::string("SELECT ") + kSegmentColumns +
                                 " FROM network_segments WHERE pool_id = ?1 ORDER BY "
                                 "first_address");
    query.Bind(1, pool_id);
    return ReadSegments(query);
}

std::vector<NetworkSegment> NetworkRepository::SegmentsOverlapping(const std::string& cidr) {
    const auto network = Network(cidr);
    Query query(connection_, std::string("SELECT ") + kSegmentColumns +
                                 " FROM network_segments WHERE first_address <= ?2 AND "
                                 "last_address >= ?1 ORDER BY first_address");
    BindRange(query, 1, network);
    return ReadSegments(query);
}

void NetworkRepository::InsertSegment(const NetworkSegment& segment) {
    const auto network = Network(segment.cidr);
    // The checks and the insert run under the write transaction's lock, so they cannot
    // interleave with another allocation; the UNIQUE constraints back the VLAN/purpose rules.
    {
        Query overlap(connection_,
                      "SELECT store_id, cidr FROM network_segments WHERE first_address <= ?2 "
                      "AND last_address >= ?1 ORDER BY first_address LIMIT 1");
        BindRange(overlap, 1, network);
        if (overlap.Step()) {
            throw app::AppError(app::ErrorCode::kConflict,
                                overlap.Text(0) == segment.store_id
                                    ? network.ToString() + " overlaps the segment " +
                                          overlap.Text(1) + " of this store"
                                    : network.ToString() + " overlaps a segment of another store");
        }
    }
    {
        Query taken(connection_,
                    "SELECT vlan_id = ?2 FROM network_segments WHERE store_id = ?1 AND "
                    "(vlan_id = ?2 OR purpose = ?3) ORDER BY 1 DESC LIMIT 1");
        taken.Bind(1, segment.store_id).Bind(2, segment.vlan_id).Bind(3, segment.purpose);
        if (taken.Step()) {
            throw app::AppError(
                app::ErrorCode::kConflict,
                taken.Int(0) != 0
                    ? "VLAN " + std::to_string(segment.vlan_id) + " is already used by this store"
                    : "the store already has a " + segment.purpose + " segment");
        }
    }
    Query query(connection_,
                "INSERT INTO network_segments (id, store_id, pool_id, purpose, vlan_id, cidr, "
                "first_address, last_address, gateway, dhcp_start, dhcp_end, created_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    query.OnConflict("the segment exists already");
    query.Bind(1, segment.id)
        .Bind(2, segment.store_id)
        .Bind(3, segment.pool_id.empty() ? std::nullopt : std::optional(segment.pool_id))
        .Bind(4, segment.purpose)
        .Bind(5, segment.vlan_id)
        .Bind(6, network.ToString());
    BindRange(query, 7, network);
    query.Bind(9, segment.gateway)
        .Bind(10, segment.dhcp_start)
        .Bind(11, segment.dhcp_end)
        .Bind(12, FormatTime(segment.created_at));
    query.Run();
}

std::vector<NetworkSegment> NetworkRepository::SegmentsForStore(const std::string& store_id) {
    Query query(connection_, std::string("SELECT ") + kSegmentColumns +
                                 " FROM network_segments WHERE store_id = ?1 ORDER BY vlan_id");
    query.Bind(1, store_id);
    return ReadSegments(query);
}

std::int64_t NetworkRepository::ReleaseSegmentsForStore(const std::string& store_id) {
    Query query(connection_, "DELETE FROM network_segments WHERE store_id = ?1");
    query.Bind(1, store_id);
    query.Run();
    return connection_.Changes();
}

std::map<std::string, std::int64_t> NetworkRepository::UsageByPool() {
    // Every pool, with 0 when nothing is carved from it yet.
    Query query(connection_,
                "SELECT p.id, (SELECT COUNT(*) FROM network_segments s WHERE s.pool_id = p.id) "
                "FROM address_pools p");
    std::map<std::string, std::int64_t> usage;
    while (query.Step()) {
        usage[query.Text(0)] = query.Int(1);
    }
    return usage;
}

// --- runs -------------------------------------------------------------------------------------

namespace {

constexpr const char* kRunColumns =
    "id, store_id, kind, status, steps, created_at, updated_at, finished_at, next_attempt_at, "
    "lease_owner, lease_expires_at, requested_by, request_id, error";

const std::string kRunInProgress = "the store already has a run in progress";

domain::Run ReadRun(const Query& query) {
    domain::Run run;
    run.id = query.Text(0);
    run.store_id = query.Text(1);
    const auto kind = domain::ParseRunKind(query.Text(2));
    const auto status = domain::ParseRunStatus(query.Text(3));
    if (!kind || !status) {
        Corrupt("run kind or status");
    }
    run.kind = *kind;
    run.status = *status;
    run.steps = DecodeRunSteps(query.Text(4));
    run.created_at = ReadTime(query, 5);
    run.updated_at = ReadTime(query, 6);
    run.finished_at = ReadOptionalTime(query, 7);
    run.next_attempt_at = ReadTime(query, 8);
    run.lease_owner = query.Text(9);
    run.lease_expires_at = ReadOptionalTime(query, 10);
    run.requested_by = query.Text(11);
    run.request_id = query.Text(12);
    run.error = query.Text(13);
    return run;
}

}  // namespace

void RunRepository::InsertRun(const domain::Run& run) {
    Query query(connection_, std::string("INSERT INTO provisioning_runs (") + kRunColumns +
                                 ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                                 "?13, ?14)");
    query.OnConflict(kRunInProgress);
    query.Bind(1, run.id)
        .Bind(2, run.store_id)
        .Bind(3, domain::ToString(run.kind))
        .Bind(4, domain::ToString(run.status))
        .Bind(5, EncodeRunSteps(run.steps))
        .Bind(6, FormatTime(run.created_at))
        .Bind(7, FormatTime(run.updated_at))
        .Bind(8, OptionalTimeText(run.finished_at))
        .Bind(9, FormatTime(run.next_attempt_at))
        .Bind(10, run.lease_owner)
        .Bind(11, OptionalTimeText(run.lease_expires_at))
        .Bind(12, run.requested_by)
        .Bind(13, run.request_id)
        .Bind(14, run.error);
    query.Run();
}

std::optional<domain::Run> RunRepository::FindRun(const std::string& id) {
    Query query(connection_,
                std::string("SELECT ") + kRunColumns + " FROM provisioning_runs WHERE id = ?1");
    query.Bind(1, id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadRun(query);
}

std::vector<domain::Run> RunRepository::RunsForStore(const std::string& store_id) {
    Query query(connection_, std::string("SELECT ") + kRunColumns +
                                 " FROM provisioning_runs WHERE store_id = ?1 "
                                 "ORDER BY created_at DESC, id DESC");
    query.Bind(1, store_id);
    std::vector<domain::Run> runs;
    while (query.Step()) {
        runs.push_back(ReadRun(query));
    }
    return runs;
}

void RunRepository::UpdateRun(const domain::Run& run) {
    Query query(connection_,
                "UPDATE provisioning_runs SET status = ?2, steps = ?3, updated_at = ?4, "
                "finished_at = ?5, next_attempt_at = ?6, lease_owner = ?7, "
                "lease_expires_at = ?8, error = ?9 WHERE id = ?1");
    query.OnConflict(kRunInProgress);
    query.Bind(1, run.id)
        .Bind(2, domain::ToString(run.status))
        .Bind(3, EncodeRunSteps(run.steps))
        .Bind(4, FormatTime(run.updated_at))
        .Bind(5, OptionalTimeText(run.finished_at))
        .Bind(6, FormatTime(run.next_attempt_at))
        .Bind(7, run.lease_owner)
        .Bind(8, OptionalTimeText(run.lease_expires_at))
        .Bind(9, run.error);
    query.Run();
}

std::optional<domain::Run> RunRepository::ClaimNext(const std::string& worker,
                                                    domain::TimePoint now,
                                                    domain::TimePoint lease_until) {
    // One statement under the write lock: no other claimer runs between choosing and leasing.
    Query query(connection_,
                std::string("UPDATE provisioning_runs SET status = 'running', lease_owner = ?1, "
                            "lease_expires_at = ?3, updated_at = ?2 WHERE id = ("
                            "SELECT id FROM provisioning_runs WHERE status IN ('queued', "
                            "'running') AND next_attempt_at <= ?2 AND (lease_expires_at IS NULL "
                            "OR lease_expires_at < ?2) ORDER BY next_attempt_at, created_at "
                            "LIMIT 1) RETURNING ") +
                    kRunColumns);
    query.Bind(1, worker).Bind(2, FormatTime(now)).Bind(3, FormatTime(lease_until));
    if (!query.Step()) {
        return std::nullopt;
    }
    auto run = ReadRun(query);
    query.Run();  // finish the statement
    return run;
}

RunCounts RunRepository::CountSince(domain::TimePoint since) {
    RunCounts counts;
    {
        Query query(connection_,
                    "SELECT status, COUNT(*) FROM provisioning_runs WHERE finished_at >= ?1 "
                    "AND status IN ('succeeded', 'failed') GROUP BY status");
        query.Bind(1, FormatTime(since));
        while (query.Step()) {
            (query.Text(0) == "succeeded" ? counts.succeeded : counts.failed) = query.Int(1);
        }
    }
    Query active(connection_,
                 "SELECT COUNT(*) FROM provisioning_runs WHERE status IN ('queued', 'running')");
    active.Step();
    counts.active = active.Int(0);
    return counts;
}

std::map<std::string, std::int64_t> RunRepository::ThroughputByHour(domain::TimePoint since) {
    // FormatTime's fixed layout: the first 13 characters are "YYYY-MM-DDTHH".
    Query query(connection_,
                "SELECT substr(finished_at, 1, 13), COUNT(*) FROM provisioning_runs "
                "WHERE finished_at >= ?1 AND status = 'succeeded' AND kind = 'provision' "
                "GROUP BY 1");
    query.Bind(1, FormatTime(since));
    std::map<std::string, std::int64_t> hours;
    while (query.Step()) {
        hours[query.Text(0) + ":00:00.000000Z"] = query.Int(1);
    }
    return hours;
}

// --- artifacts --------------------------------------------------------------------------------

void ArtifactRepository::PutCredentialRef(const std::string& store_id, const std::string& path,
                                          domain::TimePoint now) {
    Query query(connection_,
                "INSERT INTO store_credentials (store_id, path, created_at) VALUES (?1, ?2, ?3) "
                "ON CONFLICT (store_id) DO UPDATE SET path = excluded.path, "
                "created_at = excluded.created_at");
    query.Bind(1, store_id).Bind(2, path).Bind(3, FormatTime(now));
    query.Run();
}

std::optional<std::string> ArtifactRepository::GetCredentialRef(const std::string& store_id) {
    Query query(connection_, "SELECT path FROM store_credentials WHERE store_id = ?1");
    query.Bind(1, store_id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return query.Text(0);
}

void ArtifactRepository::DeleteCredentialRef(const std::string& store_id) {
    Query query(connection_, "DELETE FROM store_credentials WHERE store_id = ?1");
    query.Bind(1, store_id);
    query.Run();
}

void ArtifactRepository::PutBundle(const ConfigBundle& bundle) {
    Query query(connection_,
                "INSERT INTO config_bundles (store_id, file_name, content, sha256, created_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (store_id) DO UPDATE SET "
                "file_name = excluded.file_name, content = excluded.content, "
                "sha256 = excluded.sha256, created_at = excluded.created_at");
    query.Bind(1, bundle.store_id)
        .Bind(2, bundle.file_name)
        .BindBlob(3, bundle.content)
        .Bind(4, bundle.sha256)
        .Bind(5, FormatTime(bundle.created_at));
    query.Run();
}

std::optional<ConfigBundle> ArtifactRepository::GetBundle(const std::string& store_id) {
    Query query(connection_,
                "SELECT store_id, file_name, content, sha256, created_at FROM config_bundles "
                "WHERE store_id = ?1");
    query.Bind(1, store_id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ConfigBundle{query.Text(0), query.Text(1), query.Blob(2), query.Text(3),
                        ReadTime(query, 4)};
}

void ArtifactRepository::DeleteBundle(const std::string& store_id) {
    Query query(connection_, "DELETE FROM config_bundles WHERE store_id = ?1");
    query.Bind(1, store_id);
    query.Run();
}

}  // namespace store::infra::sqlite
