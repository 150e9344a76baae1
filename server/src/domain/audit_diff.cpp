#include "domain/audit_diff.hpp"

#include <map>

namespace store::domain {

std::vector<std::pair<std::string, AuditValue>> Flatten(const StoreFields& fields) {
    std::vector<std::pair<std::string, AuditValue>> out;
    const auto optional = [](const auto& value) -> AuditValue {
        return value ? AuditValue(*value) : AuditValue();
    };
    out.emplace_back("code", fields.code);
    out.emplace_back("name", fields.name);
    out.emplace_back("type", fields.type);
    out.emplace_back("location.address", fields.location.address);
    out.emplace_back("location.city", fields.location.city);
    out.emplace_back("location.region", fields.location.region);
    out.emplace_back("location.country", fields.location.country);
    out.emplace_back("location.postalCode", fields.location.postal_code);
    out.emplace_back("location.timezone", fields.location.timezone);
    out.emplace_back("location.latitude", optional(fields.location.latitude));
    out.emplace_back("location.longitude", optional(fields.location.longitude));
    out.emplace_back("openingDate", optional(fields.opening_date));
    out.emplace_back("contact.manager", fields.contact.manager);
    out.emplace_back("contact.email", fields.contact.email);
    out.emplace_back("contact.phone", fields.contact.phone);
    AuditValue::List tags(fields.tags.begin(), fields.tags.end());
    out.emplace_back("tags", std::move(tags));
    out.emplace_back("notes", fields.notes);
    for (const auto& [kind, quantity] : fields.hardware_plan) {
        out.emplace_back("hardwarePlan." + kind, quantity);
    }
    AuditValue::List network;
    for (const auto& segment : fields.network_plan) {
        network.emplace_back(AuditValue::Record{{"purpose", segment.purpose},
                                                {"vlanId", optional(segment.vlan_id)},
                                                {"cidr", optional(segment.cidr)}});
    }
    out.emplace_back("networkPlan", std::move(network));
    return out;
}

std::vector<FieldChange> Diff(const StoreFields* before, const StoreFields* after) {
    // Ordered by the position of each field in Flatten(), so diffs read like the form.
    std::vector<std::string> order;
    std::map<std::string, std::pair<std::optional<AuditValue>, std::optional<AuditValue>>> by_field;
    const auto take = [&](const StoreFields* side, bool is_after) {
        if (side == nullptr) {
            return;
        }
        for (auto& [field, value] : Flatten(*side)) {
            auto [it, inserted] = by_field.try_emplace(field);
            if (inserted) {
                order.push_back(field);
            }
            (is_after ? it->second.second : it->second.first) = std::move(value);
        }
    };
    take(before, false);
    take(after, true);
    std::vector<FieldChange> changes;
    for (const auto& field : order) {
        const auto& [old_value, new_value] = by_field[field];
        if (old_value != new_value) {
            changes.push_back({field, old_value, new_value});
        }
    }
    return changes;
}

}  // namespace store::domain
