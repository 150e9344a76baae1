#pragma once

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/ports/records.hpp"
#include "app/store_service.hpp"
#include "domain/store.hpp"

namespace store::http::dto {

/// 2026-11-25T12:00:00.123Z (UTC, milliseconds).
std::string FormatTime(domain::TimePoint time);
/// FormatTime's text, or JSON null when there is no time.
boost::json::value FormatOptionalTime(const std::optional<domain::TimePoint>& time);
/// Shortest text that reads back as the same double.
std::string FormatNumber(double value);

boost::json::value StoreToJson(const domain::Store& store);
/// {id, version} of the template a store follows, or null.
boost::json::value TemplateRefToJson(const std::optional<domain::TemplateRef>& ref);
/// The editable fields only, as a PATCH body would carry them.
boost::json::object FieldsToJson(const domain::StoreFields& fields);
/// JSON -> fields. Wrong JSON types, unknown and read-only members become field errors and
/// are thrown together as AppError{kValidation}; value rules are checked later by the domain.
domain::StoreFields ParseStoreFields(const boost::json::value& json);
/// The members a store and a template share (tags, notes, hardwarePlan, networkPlan).
struct PlanMembers {
    std::vector<std::string> tags;
    std::string notes;
    std::map<std::string, std::int64_t> hardware_plan;
    std::vector<domain::SegmentPlan> network_plan;
};
/// Writes those members into `out` (a template's segments have no cidr: `with_cidr` false).
void PlanMembersToJson(const std::vector<std::string>& tags, const std::string& notes,
                       const std::map<std::string, std::int64_t>& hardware_plan,
                       const std::vector<domain::SegmentPlan>& network_plan, bool with_cidr,
                       boost::json::object& out);
class ObjectReader;
/// Reads those members of `body` (wrong JSON types become field errors).
void ParsePlanMembers(ObjectReader& body, PlanMembers& out, domain::FieldErrors& errors);
/// A location / contact object; field errors under `prefix` ("location.").
domain::Location ParseLocation(const boost::json::value& value, const std::string& prefix,
                               domain::FieldErrors& errors);
domain::Contact ParseContact(const boost::json::value& value, const std::string& prefix,
                             domain::FieldErrors& errors);
/// RFC 7396 JSON merge patch.
void ApplyMergePatch(boost::json::value& target, const boost::json::value& patch);

std::string StorePageToJson(const app::ports::Page<domain::Store>& page,
                            const domain::StoreQuery& query);
boost::json::value AuditEntryToJson(const app::ports::AuditEntry& entry);
boost::json::value UserToJson(const app::ports::User& user);
/// An automation token without its secret (GET /api/tokens; POST adds "token").
boost::json::object ApiTokenToJson(const app::ports::ApiToken& token);
std::string StatsToJson(const app::StoreStats& stats);

}  // namespace store::http::dto
