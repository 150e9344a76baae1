#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace store::domain {

using TimePoint = std::chrono::system_clock::time_point;

enum class StoreType { kFlagship, kStandard, kExpress, kOutlet, kWarehouse };
enum class StoreStatus {
    kDraft,
    kProvisioning,
    kActive,
    kFailed,
    kDecommissioning,
    kDecommissioned
};
enum class HardwareKind { kPosTerminal, kRouter, kSwitch, kAccessPoint, kPrinter };
enum class SegmentPurpose { kPos, kCorporate, kGuest, kIot, kManagement };

std::string_view ToString(StoreType type);
std::string_view ToString(StoreStatus status);
std::string_view ToString(HardwareKind kind);
std::string_view ToString(SegmentPurpose purpose);

std::optional<StoreType> ParseStoreType(std::string_view text);
std::optional<StoreStatus> ParseStoreStatus(std::string_view text);
std::optional<HardwareKind> ParseHardwareKind(std::string_view text);
std::optional<SegmentPurpose> ParseSegmentPurpose(std::string_view text);

/// All enumerators, in declaration order (for listings, stats and docs).
const std::vector<StoreType>& AllStoreTypes();
const std::vector<StoreStatus>& AllStoreStatuses();
const std::vector<HardwareKind>& AllHardwareKinds();
const std::vector<SegmentPurpose>& AllSegmentPurposes();

struct Location {
    std::string address;
    std::string city;
    std::string region;
    std::string country;
    std::string postal_code;
    std::string timezone;
    std::optional<double> latitude;
    std::optional<double> longitude;
    bool operator==(const Location&) const = default;
};

struct Contact {
    std::string manager;
    std::string email;
    std::string phone;
    bool operator==(const Contact&) const = default;
};

/// One planned network segment. The plan keeps the raw wish of the user; validation checks it.
struct SegmentPlan {
    std::string purpose;  // kept as text so that an unknown purpose can be reported, not lost
    std::optional<std::int64_t> vlan_id;
    std::optional<std::string> cidr;
    bool operator==(const SegmentPlan&) const = default;
};

/// The editable part of a store: what a create supplies and a patch changes.
struct StoreFields {
    std::string code;
    std::string name;
    std::string type;  // validated against StoreType
    Location location;
    std::optional<std::string> opening_date;  // YYYY-MM-DD
    Contact contact;
    std::vector<std::string> tags;
    std::string notes;
    std::map<std::string, std::int64_t> hardware_plan;  // kind -> quantity
    std::vector<SegmentPlan> network_plan;
    bool operator==(const StoreFields&) const = default;
};

/// The template a store was created from and the template version whose plans it has.
struct TemplateRef {
    std::string id;
    std::int64_t version = 1;
    bool operator==(const TemplateRef&) const = default;
};

struct Store {
    std::string id;
    StoreFields fields;
    std::optional<TemplateRef> template_ref;  // set by the template use cases only
    StoreStatus status = StoreStatus::kDraft;
    std::int64_t version = 1;
    TimePoint created_at;
    TimePoint updated_at;
    std::string created_by;
    std::string updated_by;
    bool operator==(const Store&) const = default;
};

}  // namespace store::domain
