#pragma once

#include <boost/json/fwd.hpp>
#include <vector>

#include "app/template_service.hpp"
#include "domain/store_template.hpp"

namespace store::http::dto {

/// A template as GET /api/templates/{id} answers it (Template in docs/openapi.json).
boost::json::object TemplateToJson(const app::TemplateSummary& summary);
/// The editable members only, as a merge patch would carry them.
boost::json::object TemplateFieldsToJson(const domain::TemplateFields& fields);
/// JSON -> fields; wrong JSON types, unknown and read-only members are thrown together as
/// AppError{kValidation}; value rules are checked later by the domain.
domain::TemplateFields ParseTemplateFields(const boost::json::value& json);
/// {"stores": [{code, name, location, openingDate, contact}, …]} (1 to 1,000 items).
std::vector<domain::StoreSeed> ParseStoreSeeds(const boost::json::value& json);

boost::json::object FollowersToJson(const app::TemplateFollowerList& list);
boost::json::object SyncResultToJson(const app::SyncResult& result);

}  // namespace store::http::dto
