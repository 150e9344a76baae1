#include "domain/store_template.hpp"

#include <algorithm>

#include "domain/lifecycle.hpp"

namespace store::domain {

TemplateFields NormalizeTemplate(TemplateFields fields) {
    std::erase_if(fields.hardware_plan, [](const auto& item) { return item.second == 0; });
    return fields;
}

StoreFields StoreFieldsFrom(const TemplateFields& fields, StoreSeed seed) {
    StoreFields store;
    store.code = std::move(seed.code);
    store.name = std::move(seed.name);
    store.type = fields.type;
    store.location = std::move(seed.location);
    store.opening_date = std::move(seed.opening_date);
    store.contact = std::move(seed.contact);
    store.tags = fields.tags;
    for (auto& tag : seed.tags) {
        if (std::find(store.tags.begin(), store.tags.end(), tag) == store.tags.end()) {
            store.tags.push_back(std::move(tag));
        }
    }
    if (seed.notes.empty()) {
        store.notes = fields.notes;
    } else {
        store.notes = std::move(seed.notes);
    }
    return WithTemplatePlans(std::move(store), fields);
}

StoreFields WithTemplatePlans(StoreFields store, const TemplateFields& fields) {
    std::vector<SegmentPlan> network;
    network.reserve(fields.network_plan.size());
    for (const auto& wanted : fields.network_plan) {
        SegmentPlan segment{wanted.purpose, wanted.vlan_id, std::nullopt};
        const auto had = std::find_if(
            store.network_plan.begin(), store.network_plan.end(),
            [&](const SegmentPlan& existing) { return existing.purpose == wanted.purpose; });
        if (had != store.network_plan.end()) {
            segment.cidr = had->cidr;
        }
        network.push_back(std::move(segment));
    }
    store.hardware_plan = fields.hardware_plan;
    store.network_plan = std::move(network);
    return store;
}

std::optional<std::string> WhyNotSync(StoreStatus status) {
    if (!CanEdit(status)) {
        return "a decommissioned store can no longer be edited";
    }
    if (status == StoreStatus::kProvisioning || status == StoreStatus::kDecommissioning) {
        return "the store is " + std::string(ToString(status)) +
               ": bring it up to date when the run has finished";
    }
    return std::nullopt;
}

bool IsBehind(const TemplateRef& ref, std::int64_t template_version, StoreStatus status) {
    return ref.version < template_version && CanEdit(status);
}

}  // namespace store::domain
