#include "domain/store.hpp"

#include <array>
#include <utility>

namespace store::domain {
namespace {

template <typename E, std::size_t N>
std::string_view Lookup(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [e, name] : table) {
        if (e == value) {
            return name;
        }
    }
    return "unknown";
}

template <typename E, std::size_t N>
std::optional<E> Reverse(const std::array<std::pair<E, std::string_view>, N>& table,
                         std::string_view text) {
    for (const auto& [e, name] : table) {
        if (name == text) {
            return e;
        }
    }
    return std::nullopt;
}

template <typename E, std::size_t N>
std::vector<E> Values(const std::array<std::pair<E, std::string_view>, N>& table) {
    std::vector<E> out;
    for (const auto& entry : table) {
        out.push_back(entry.first);
    }
    return out;
}

constexpr std::array<std::pair<StoreType, std::string_view>, 5> kTypes{{
    {StoreType::kFlagship, "flagship"},
    {StoreType::kStandard, "standard"},
    {StoreType::kExpress, "express"},
    {StoreType::kOutlet, "outlet"},
    {StoreType::kWarehouse, "warehouse"},
}};
constexpr std::array<std::pair<StoreStatus, std::string_view>, 6> kStatuses{{
    {StoreStatus::kDraft, "draft"},
    {StoreStatus::kProvisioning, "provisioning"},
    {StoreStatus::kActive, "active"},
    {StoreStatus::kFailed, "failed"},
    {StoreStatus::kDecommissioning, "decommissioning"},
    {StoreStatus::kDecommissioned, "decommissioned"},
}};
constexpr std::array<std::pair<HardwareKind, std::string_view>, 5> kKinds{{
    {HardwareKind::kPosTerminal, "pos_terminal"},
    {HardwareKind::kRouter, "router"},
    {HardwareKind::kSwitch, "switch"},
    {HardwareKind::kAccessPoint, "access_point"},
    {HardwareKind::kPrinter, "printer"},
}};
constexpr std::array<std::pair<SegmentPurpose, std::string_view>, 5> kPurposes{{
    {SegmentPurpose::kPos, "pos"},
    {SegmentPurpose::kCorporate, "corporate"},
    {SegmentPurpose::kGuest, "guest"},
    {SegmentPurpose::kIot, "iot"},
    {SegmentPurpose::kManagement, "management"},
}};

}  // namespace

std::string_view ToString(StoreType type) { return Lookup(kTypes, type); }
std::string_view ToString(StoreStatus status) { return Lookup(kStatuses, status); }
std::string_view ToString(HardwareKind kind) { return Lookup(kKinds, kind); }
std::string_view ToString(SegmentPurpose purpose) { return Lookup(kPurposes, purpose); }

std::optional<StoreType> ParseStoreType(std::string_view text) { return Reverse(kTypes, text); }
std::optional<StoreStatus> ParseStoreStatus(std::string_view text) {
    return Reverse(kStatuses, text);
}
std::optional<HardwareKind> ParseHardwareKind(std::string_view text) {
    return Reverse(kKinds, text);
}
std::optional<SegmentPurpose> ParseSegmentPurpose(std::string_view text) {
    return Reverse(kPurposes, text);
}

const std::vector<StoreType>& AllStoreTypes() {
    static const auto kAll = Values(kTypes);
    return kAll;
}
const std::vector<StoreStatus>& AllStoreStatuses() {
    static const auto kAll = Values(kStatuses);
    return kAll;
}
const std::vector<HardwareKind>& AllHardwareKinds() {
    static const auto kAll = Values(kKinds);
    return kAll;
}
const std::vector<SegmentPurpose>& AllSegmentPurposes() {
    static const auto kAll = Values(kPurposes);
    return kAll;
}

}  // namespace store::domain
