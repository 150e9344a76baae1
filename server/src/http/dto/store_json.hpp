#pragma once

#include <boost/json/fwd.hpp>
#include <string>

#include "app/ports/records.hpp"
#include "app/store_service.hpp"
#include "domain/store.hpp"

namespace store::http::dto {

/// 2026-11-25T12:00:00.123Z (UTC, milliseconds).
std::string FormatTime(domain::TimePoint time);
/// Shortest text that reads back as the same double.
std::string FormatNumber(double value);

boost::json::value StoreToJson(const domain::Store& store);
/// The editable fields only, as a PATCH body would carry them.
boost::json::object FieldsToJson(const domain::StoreFields& fields);
/// JSON -> fields. Wrong JSON types, unknown and read-only members become field errors and
/// are thrown together as AppError{kValidation}; value rules are checked later by the domain.
domain::StoreFields ParseStoreFields(const boost::json::value& json);
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
