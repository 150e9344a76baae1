#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/config_render.hpp"
#include "domain/store.hpp"
#include "domain/workflow.hpp"

namespace store::app::ports {

struct HardwareModel {
    std::string id;
    std::string kind;  // a domain::HardwareKind name
    std::string vendor;
    std::string model;
    domain::TimePoint created_at;
    bool operator==(const HardwareModel&) const = default;
};

struct StockItem {
    std::string id;
    std::string serial;  // unique
    std::string model_id;
    std::string kind;                     // copied from the model, for allocation by kind
    std::string status;                   // a domain::ItemStatus name
    std::optional<std::string> store_id;  // set while allocated or installed
    domain::TimePoint created_at;
    domain::TimePoint updated_at;
    bool operator==(const StockItem&) const = default;
};

struct ItemQuery {
    std::optional<std::string> status;
    std::optional<std::string> kind;
    std::optional<std::string> model_id;
    std::optional<std::string> store_id;
    std::optional<std::string> q;  // substring of the serial, case-insensitive
    std::int64_t page = 1;
    std::int64_t page_size = 100;
};

struct AddressPool {
    std::string id;
    std::string cidr;         // e.g. 10.0.0.0/16
    std::string purpose;      // a domain::SegmentPurpose name
    int segment_prefix = 24;  // size of each store's segment carved from it
    domain::TimePoint created_at;
    bool operator==(const AddressPool&) const = default;
};

struct NetworkSegment {
    std::string id;
    std::string store_id;
    std::string pool_id;  // empty for a manual range outside every pool
    std::string purpose;
    std::int64_t vlan_id = 0;
    std::string cidr;
    std::string gateway;
    std::string dhcp_start;
    std::string dhcp_end;
    domain::TimePoint created_at;
    bool operator==(const NetworkSegment&) const = default;
};

/// One version of a store's configuration bundle: immutable, named by the SHA-256 (hex) of
/// its archive.
struct ConfigBundle {
    std::string store_id;
    std::string file_name;  // e.g. NYC-0042-config.tar.gz
    std::string content;    // the archive bytes
    std::string sha256;     // of `content`; set by the repository when stored
    domain::TimePoint created_at;
    /// The rendered files, for diffs; absent for bundles rendered before versions were kept.
    std::optional<std::vector<domain::BundleFile>> files;
};

/// One render of a store's bundle (every render is kept; several may share a version).
struct BundleRender {
    std::int64_t id = 0;  // ascending in render order
    std::string sha256;
    std::string file_name;
    std::int64_t size = 0;  // bytes of the archive
    std::optional<std::string> run_id;
    domain::TimePoint created_at;
    bool has_files = false;  // false: rendered before versions were kept, not diffable
};

struct RunCounts {
    std::int64_t succeeded = 0;
    std::int64_t failed = 0;
    std::int64_t active = 0;  // queued or running
};

}  // namespace store::app::ports
