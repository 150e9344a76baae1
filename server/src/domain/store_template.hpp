#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/field_error.hpp"
#include "domain/store.hpp"

namespace store::domain {

// Store templates: a named, versioned profile (type, plans, tags, notes) that many stores are
// created from. A store remembers the template and the version whose plans it has; a store on
// an older version has drifted, and bringing it up to date gives it the template's plans.

/// The editable part of a template. Its network plan names purposes and VLAN ids only: each
/// store's subnets come from its pools, so a template never fixes a CIDR.
struct TemplateFields {
    std::string name;
    std::string description;
    std::string type;  // validated against StoreType
    std::vector<std::string> tags;
    std::string notes;
    std::map<std::string, std::int64_t> hardware_plan;
    std::vector<SegmentPlan> network_plan;
    bool operator==(const TemplateFields&) const = default;
};

struct StoreTemplate {
    std::string id;
    TemplateFields fields;
    std::int64_t version = 1;
    TimePoint created_at;
    TimePoint updated_at;
    std::string created_by;
    std::string updated_by;
    bool operator==(const StoreTemplate&) const = default;
};

/// How many stores follow a template, and how many of them are behind (IsBehind).
struct TemplateUsage {
    std::int64_t stores = 0;
    std::int64_t behind = 0;
    bool operator==(const TemplateUsage&) const = default;
};

inline constexpr std::size_t kMaxTemplateNameLength = 100;

/// Every problem of a template's fields at once (empty = valid): name 1-100 characters without
/// control characters or surrounding spaces, a store type, the tags, notes and plans as for a
/// store, and no CIDR in the network plan.
FieldErrors ValidateTemplateFields(const TemplateFields& fields);

/// Canonical form: zero quantities dropped (as for stores).
TemplateFields NormalizeTemplate(TemplateFields fields);

/// What differs per store when it is created from a template.
struct StoreSeed {
    std::string code;
    std::string name;
    Location location;
    std::optional<std::string> opening_date;
    Contact contact;
    std::vector<std::string> tags;  // added after the template's (each once)
    std::string notes;              // replaces the template's when not empty
    bool operator==(const StoreSeed&) const = default;
};

/// The fields of a new store from `seed` and the template's type, tags, notes and plans.
StoreFields StoreFieldsFrom(const TemplateFields& fields, StoreSeed seed);

/// `store` with the template's hardware plan and network plan. A segment keeps the CIDR the
/// store had for the same purpose; purposes the template no longer has are dropped.
StoreFields WithTemplatePlans(StoreFields store, const TemplateFields& fields);

/// Why a store cannot be brought up to a template version now (nullopt: it can): a store in a
/// run, or one that can no longer be edited.
std::optional<std::string> WhyNotSync(StoreStatus status);

/// A follower on an older template version that could still be brought up to date.
bool IsBehind(const TemplateRef& ref, std::int64_t template_version, StoreStatus status);

}  // namespace store::domain
