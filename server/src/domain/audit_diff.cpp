#include "domain/audit_diff.hpp"

#include <map>

namespace store::domain {

namespace {

using Flat = std::vector<std::pair<std::string, AuditValue>>;

// Ordered by the position of each field in Flatten(), so diffs read like the form.
std::vector<FieldChange> DiffFlat(const Flat* before, const Flat* after) {
    std::vector<std::string> order;
    std::map<std::string, std::pair<std::optional<AuditValue>, std::optional<AuditValue>>> by_field;
    const auto take = [&](const Flat* side, bool is_after) {
        if (side == nullptr) {
            return;
        }
        for (const auto& [field, value] : *side) {
            auto [it, inserted] = by_field.try_emplace(field);
            if (inserted) {
                order.push_back(field);
            }
            (is_after ? it->second.second : it->second.first) = value;
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

template <typename Fields>
std::vector<FieldChange> DiffOf(const Fields* before, const Fields* after) {
    const std::optional<Flat> old_flat =
        before != nullptr ? std::optional<Flat>(Flatten(*before)) : std::nullopt;
    const std::optional<Flat> new_flat =
        after != nullptr ? std::optional<Flat>(Flatten(*after)) : std::nullopt;
    return DiffFlat(old_flat ? &*old_flat : nullptr, new_flat ? &*new_flat : nullptr);
}

AuditValue::List NetworkPlanValue(const std::vector<SegmentPlan>& plan, bool with_cidr) {
    const auto optional = [](const auto& value) -> AuditValue {
        return value ? AuditValue(*value) : AuditValue();
    };
    AuditValue::List network;
    for (const auto& segment : plan) {
        AuditValue::Record record{{"purpose", segment.purpose},
                                  {"vlanId", optional(segment.vlan_id)}};
        if (with_cidr) {
            record.emplace_back("cidr", optional(segment.cidr));
        }
        network.emplace_back(std::move(record));
    }
    return network;
}

}  // namespace

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
    out.emplace_back("networkPlan", NetworkPlanValue(fields.network_plan, /*with_cidr=*/true));
    return out;
}

std::vector<FieldChange> Diff(const StoreFields* before, const StoreFields* after) {
    return DiffOf(before, after);
}

std::vector<std::pair<std::string, AuditValue>> Flatten(const TemplateFields& fields) {
    std::vector<std::pair<std::string, AuditValue>> out;
    out.emplace_back("name", fields.name);
    out.emplace_back("description", fields.description);
    out.emplace_back("type", fields.type);
    out.emplace_back("tags", AuditValue::List(fields.tags.begin(), fields.tags.end()));
    out.emplace_back("notes", fields.notes);
    for (const auto& [kind, quantity] : fields.hardware_plan) {
        out.emplace_back("hardwarePlan." + kind, quantity);
    }
    out.emplace_back("networkPlan", NetworkPlanValue(fields.network_plan, /*with_cidr=*/false));
    return out;
}

std::vector<FieldChange> Diff(const TemplateFields* before, const TemplateFields* after) {
    return DiffOf(before, after);
}

}  // namespace store::domain
