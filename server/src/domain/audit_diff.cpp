#include "domain/audit_diff.hpp"

#include <cstdio>
#include <map>

namespace store::domain {
namespace {

std::string JsonNumber(double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    return buffer;
}

std::string JsonOptionalText(const std::optional<std::string>& text) {
    return text ? JsonQuote(*text) : "null";
}

}  // namespace

std::string JsonQuote(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
                    out += buffer;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

std::vector<std::pair<std::string, std::string>> Flatten(const StoreFields& fields) {
    std::vector<std::pair<std::string, std::string>> out;
    const auto text = [&](std::string name, std::string_view value) {
        out.emplace_back(std::move(name), JsonQuote(value));
    };
    text("code", fields.code);
    text("name", fields.name);
    text("type", fields.type);
    text("location.address", fields.location.address);
    text("location.city", fields.location.city);
    text("location.region", fields.location.region);
    text("location.country", fields.location.country);
    text("location.postalCode", fields.location.postal_code);
    text("location.timezone", fields.location.timezone);
    out.emplace_back("location.latitude",
                     fields.location.latitude ? JsonNumber(*fields.location.latitude) : "null");
    out.emplace_back("location.longitude",
                     fields.location.longitude ? JsonNumber(*fields.location.longitude) : "null");
    out.emplace_back("openingDate", JsonOptionalText(fields.opening_date));
    text("contact.manager", fields.contact.manager);
    text("contact.email", fields.contact.email);
    text("contact.phone", fields.contact.phone);
    std::string tags = "[";
    for (std::size_t i = 0; i < fields.tags.size(); ++i) {
        tags += (i ? "," : "") + JsonQuote(fields.tags[i]);
    }
    out.emplace_back("tags", tags + "]");
    text("notes", fields.notes);
    for (const auto& [kind, quantity] : fields.hardware_plan) {
        out.emplace_back("hardwarePlan." + kind, std::to_string(quantity));
    }
    std::string network = "[";
    for (std::size_t i = 0; i < fields.network_plan.size(); ++i) {
        const auto& segment = fields.network_plan[i];
        network += (i ? "," : "");
        network += "{\"purpose\":" + JsonQuote(segment.purpose) + ",\"vlanId\":" +
                   (segment.vlan_id ? std::to_string(*segment.vlan_id) : "null") +
                   ",\"cidr\":" + JsonOptionalText(segment.cidr) + "}";
    }
    out.emplace_back("networkPlan", network + "]");
    return out;
}

std::vector<FieldChange> Diff(const StoreFields* before, const StoreFields* after) {
    // Ordered by the position of each field in Flatten(), so diffs read like the form.
    std::vector<std::string> order;
    std::map<std::string, std::pair<std::optional<std::string>, std::optional<std::string>>> by_field;
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
