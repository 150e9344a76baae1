#pragma once

#include <boost/json/fwd.hpp>
#include <vector>

#include "app/inventory_service.hpp"
#include "app/provisioning/provisioning_service.hpp"
#include "domain/workflow.hpp"

namespace store::http::dto {

boost::json::value RunToJson(const domain::Run& run);
boost::json::value SegmentToJson(const app::ports::NetworkSegment& segment);
boost::json::value ItemToJson(const app::ports::StockItem& item);
boost::json::value ModelToJson(const app::ports::HardwareModel& model);
boost::json::value PoolToJson(const app::PoolUsage& pool);
boost::json::value BundleRenderToJson(const app::ports::BundleRender& render);
boost::json::value ImportResultsToJson(const std::vector<app::ImportRowResult>& results);
/// Per file: {path, change, diff}.
boost::json::array FileDiffsToJson(const std::vector<domain::FileDiff>& files);
/// POST /api/stores/{id}/plan's body (docs/openapi.json ProvisionPlan).
boost::json::object PlanToJson(const app::PlanView& view);

}  // namespace store::http::dto
