#include "app/errors.hpp"
#include "infra/sql/columns.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sql {
namespace {

using app::ports::AddressPool;
using app::ports::NetworkSegment;

constexpr const char* kPoolColumns = "id, cidr, purpose, segment_prefix, created_at";
constexpr const char* kSegmentColumns =
    "id, store_id, pool_id, purpose, vlan_id, cidr, gateway, dhcp_start, dhcp_end, created_at";

/// The network of a pool or segment, parsed strictly: input the app has not validated is
/// refused here in both databases (PostgreSQL's cidr type would accept "10.1/16").
domain::Ipv4Network Network(const std::string& cidr) {
    const auto parsed = domain::ParseCidr(cidr);
    if (!parsed.network) {
        throw app::AppError::Validation({{"cidr", "is not a valid IPv4 network (a.b.c.d/n)"}});
    }
    return *parsed.network;
}

AddressPool ReadPool(const Query& row) {
    return AddressPool{row.Text(0), row.Text(1), row.Text(2), static_cast<int>(row.Int(3)),
                       ReadTime(row, 4)};
}

NetworkSegment ReadSegment(const Query& row) {
    NetworkSegment segment;
    segment.id = row.Text(0);
    segment.store_id = row.Text(1);
    segment.pool_id = row.OptionalText(2).value_or("");
    segment.purpose = row.Text(3);
    segment.vlan_id = row.Int(4);
    segment.cidr = row.Text(5);
    segment.gateway = row.Text(6);
    segment.dhcp_start = row.Text(7);
    segment.dhcp_end = row.Text(8);
    segment.created_at = ReadTime(row, 9);
    return segment;
}

std::vector<NetworkSegment> ReadSegments(Query& query) {
    std::vector<NetworkSegment> segments;
    while (query.Next()) {
        segments.push_back(ReadSegment(query));
    }
    return segments;
}

/// The first row of `table` whose network overlaps `network` (columns: `columns`), lowest first.
Query FirstOverlap(Session& session, std::string_view table, std::string_view columns,
                   const domain::Ipv4Network& network) {
    const Dialect& dialect = session.dialect();
    Query query = session.Prepare("SELECT " + std::string(columns) + " FROM " + std::string(table) +
                                  " WHERE " + dialect.Overlaps(1) + " ORDER BY " +
                                  std::string(dialect.NetworkOrder()) + " LIMIT 1");
    dialect.BindNetwork(query, network);
    return query;
}

}  // namespace

void NetworkRepository::InsertPool(const AddressPool& pool) {
    const auto network = Network(pool.cidr);
    const std::string cidr = network.ToString();
    const Dialect& dialect = session_.dialect();
    dialect.SerializeInserts(session_, "address_pools");
    {
        // Names the pool in the way (serialized: this sees every committed pool).
        Query overlap = FirstOverlap(session_, "address_pools", "cidr", network);
        if (overlap.Next()) {
            throw app::AppError(app::ErrorCode::kConflict,
                                cidr + " overlaps the address pool " + overlap.Text(0));
        }
    }
    Query query = session_.Prepare(
        "INSERT INTO address_pools (id, purpose, segment_prefix, created_at, cidr" +
        std::string(dialect.RangeColumns()) + ") VALUES ($1, $2, $3, $4, " +
        Params(5, dialect.NetworkParams()) + ")");
    query.OnConflict("the address pool " + cidr + " already exists")
        .OnConstraint("address_pools_no_overlap", cidr + " overlaps another address pool");
    query.Bind(pool.id)
        .Bind(pool.purpose)
        .Bind(pool.segment_prefix)
        .Bind(FormatTime(pool.created_at));
    dialect.BindNetwork(query, network);
    query.Run();
}

std::optional<AddressPool> NetworkRepository::FindPool(const std::string& id) {
    return FirstRow(
        session_
            .Prepare(std::string("SELECT ") + kPoolColumns + " FROM address_pools WHERE id = $1")
            .Bind(id),
        ReadPool);
}

std::vector<AddressPool> NetworkRepository::ListPools() {
    Query query = session_.Prepare(std::string("SELECT ") + kPoolColumns +
                                   " FROM address_pools ORDER BY purpose, " +
                                   std::string(session_.dialect().NetworkOrder()));
    return AllRows(query, ReadPool);
}

bool NetworkRepository::DeletePool(const std::string& id) {
    std::int64_t in_use = 0;
    std::string cidr;
    {
        // Locked (PostgreSQL): a segment inserted concurrently waits for the deletion and then
        // fails its foreign key, rather than slip in between the count and the DELETE.
        Query query = session_.Prepare(
            "SELECT p.cidr, (SELECT COUNT(*) FROM network_segments s WHERE s.pool_id = p.id) "
            "FROM address_pools p WHERE p.id = $1" +
            std::string(session_.dialect().ForUpdate()));
        query.Bind(id);
        if (!query.Next()) {
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
    return session_.Prepare("DELETE FROM address_pools WHERE id = $1").Bind(id).Run() == 1;
}

std::vector<NetworkSegment> NetworkRepository::SegmentsInPool(const std::string& pool_id) {
    Query query = session_.Prepare(std::string("SELECT ") + kSegmentColumns +
                                   " FROM network_segments WHERE pool_id = $1 ORDER BY " +
                                   std::string(session_.dialect().NetworkOrder()));
    query.Bind(pool_id);
    return ReadSegments(query);
}

std::vector<NetworkSegment> NetworkRepository::SegmentsOverlapping(const std::string& cidr) {
    const Dialect& dialect = session_.dialect();
    Query query = session_.Prepare(std::string("SELECT ") + kSegmentColumns +
                                   " FROM network_segments WHERE " + dialect.Overlaps(1) +
                                   " ORDER BY " + std::string(dialect.NetworkOrder()));
    dialect.BindNetwork(query, Network(cidr));
    return ReadSegments(query);
}

void NetworkRepository::InsertSegment(const NetworkSegment& segment) {
    const auto network = Network(segment.cidr);
    const std::string cidr = network.ToString();
    const Dialect& dialect = session_.dialect();
    dialect.SerializeInserts(session_, "network_segments");
    {
        // Names the segment in the way (serialized: this sees every committed segment).
        Query overlap = FirstOverlap(session_, "network_segments", "store_id, cidr", network);
        if (overlap.Next()) {
            throw app::AppError(
                app::ErrorCode::kConflict,
                overlap.Text(0) == segment.store_id
                    ? cidr + " overlaps the segment " + overlap.Text(1) + " of this store"
                    : cidr + " overlaps a segment of another store");
        }
    }
    {
        Query taken = session_.Prepare(
            "SELECT vlan_id = $2 FROM network_segments WHERE store_id = $1 AND "
            "(vlan_id = $2 OR purpose = $3) ORDER BY 1 DESC LIMIT 1");
        taken.Bind(segment.store_id).Bind(segment.vlan_id).Bind(segment.purpose);
        if (taken.Next()) {
            throw app::AppError(
                app::ErrorCode::kConflict,
                taken.Bool(0)
                    ? "VLAN " + std::to_string(segment.vlan_id) + " is already used by this store"
                    : "the store already has a " + segment.purpose + " segment");
        }
    }
    // The constraints stay what guarantees the rules; their names give the detail.
    Query query = session_.Prepare(
        "INSERT INTO network_segments (id, store_id, pool_id, purpose, vlan_id, gateway, "
        "dhcp_start, dhcp_end, created_at, cidr" +
        std::string(dialect.RangeColumns()) + ") VALUES (" + Params(1, 9) + ", " +
        Params(10, dialect.NetworkParams()) + ")");
    query.OnConflict("the segment exists already")
        .OnConstraint("network_segments_no_overlap", cidr + " overlaps a segment of another store")
        .OnConstraint("network_segments_store_vlan_key",
                      "VLAN " + std::to_string(segment.vlan_id) + " is already used by this store")
        .OnConstraint("network_segments_store_purpose_key",
                      "the store already has a " + segment.purpose + " segment");
    query.Bind(segment.id)
        .Bind(segment.store_id)
        .Bind(segment.pool_id.empty() ? std::nullopt : std::optional(segment.pool_id))
        .Bind(segment.purpose)
        .Bind(segment.vlan_id)
        .Bind(segment.gateway)
        .Bind(segment.dhcp_start)
        .Bind(segment.dhcp_end)
        .Bind(FormatTime(segment.created_at));
    dialect.BindNetwork(query, network);
    query.Run();
}

std::vector<NetworkSegment> NetworkRepository::SegmentsForStore(const std::string& store_id) {
    Query query = session_.Prepare(std::string("SELECT ") + kSegmentColumns +
                                   " FROM network_segments WHERE store_id = $1 ORDER BY vlan_id");
    query.Bind(store_id);
    return ReadSegments(query);
}

std::int64_t NetworkRepository::ReleaseSegmentsForStore(const std::string& store_id) {
    return session_.Prepare("DELETE FROM network_segments WHERE store_id = $1")
        .Bind(store_id)
        .Run();
}

std::map<std::string, std::int64_t> NetworkRepository::UsageByPool() {
    // Every pool, with 0 when nothing is carved from it yet.
    Query query = session_.Prepare(
        "SELECT p.id, (SELECT COUNT(*) FROM network_segments s WHERE s.pool_id = p.id) "
        "FROM address_pools p");
    return Counts(query);
}

}  // namespace store::infra::sql
