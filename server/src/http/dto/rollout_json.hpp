#pragma once

#include <boost/json/value.hpp>

#include "app/rollout_service.hpp"
#include "domain/rollout.hpp"

namespace store::http::dto {

/// RolloutCreate → the request (422 naming every problem of types and values; the service
/// checks what needs the database).
app::RolloutRequest ParseRolloutRequest(const boost::json::value& body);

/// Rollout (with its items) or RolloutSummary (without).
boost::json::value RolloutToJson(const domain::Rollout& rollout, bool with_items);

}  // namespace store::http::dto
