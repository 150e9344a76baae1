#include "http/dto/provisioning_json.hpp"

#include <boost/json.hpp>

#include "http/dto/store_json.hpp"

namespace store::http::dto {

namespace json = boost::json;

json::value RunToJson(const domain::Run& run) {
    json::array steps;
    for (const auto& step : run.steps) {
        steps.push_back(json::object{{"name", step.name},
                                     {"status", std::string(domain::ToString(step.status))},
                                     {"attempts", step.attempts},
                                     {"startedAt", FormatOptionalTime(step.started_at)},
                                     {"finishedAt", FormatOptionalTime(step.finished_at)},
                                     {"message", step.message}});
    }
    return json::object{
        {"id", run.id},
        {"storeId", run.store_id},
        {"kind", std::string(domain::ToString(run.kind))},
        {"status", std::string(domain::ToString(run.status))},
        {"steps", std::move(steps)},
        {"createdAt", FormatTime(run.created_at)},
        {"updatedAt", FormatTime(run.updated_at)},
        {"finishedAt", FormatOptionalTime(run.finished_at)},
        {"nextAttemptAt", FormatTime(run.next_attempt_at)},
        {"requestedBy", run.requested_by},
        {"error", run.error.empty() ? json::value(nullptr) : json::value(run.error)}};
}

json::value SegmentToJson(const app::ports::NetworkSegment& segment) {
    return json::object{
        {"id", segment.id},
        {"purpose", segment.purpose},
        {"vlanId", segment.vlan_id},
        {"cidr", segment.cidr},
        {"gateway", segment.gateway},
        {"dhcpStart", segment.dhcp_start},
        {"dhcpEnd", segment.dhcp_end},
        {"poolId", segment.pool_id.empty() ? json::value(nullptr) : json::value(segment.pool_id)},
        {"createdAt", FormatTime(segment.created_at)}};
}

json::value ItemToJson(const app::ports::StockItem& item) {
    return json::object{
        {"id", item.id},
        {"serial", item.serial},
        {"modelId", item.model_id},
        {"kind", item.kind},
        {"status", item.status},
        {"storeId", item.store_id ? json::value(*item.store_id) : json::value(nullptr)},
        {"createdAt", FormatTime(item.created_at)},
        {"updatedAt", FormatTime(item.updated_at)}};
}

json::value ModelToJson(const app::ports::HardwareModel& model) {
    return json::object{{"id", model.id},
                        {"kind", model.kind},
                        {"vendor", model.vendor},
                        {"model", model.model},
                        {"createdAt", FormatTime(model.created_at)}};
}

json::value PoolToJson(const app::PoolUsage& usage) {
    return json::object{{"id", usage.pool.id},
                        {"cidr", usage.pool.cidr},
                        {"purpose", usage.pool.purpose},
                        {"segmentPrefix", usage.pool.segment_prefix},
                        {"usedSegments", usage.used},
                        {"freeSegments", static_cast<std::int64_t>(usage.capacity) - usage.used},
                        {"capacity", static_cast<std::int64_t>(usage.capacity)},
                        {"createdAt", FormatTime(usage.pool.created_at)}};
}

json::value BundleRenderToJson(const app::ports::BundleRender& render) {
    return json::object{
        {"id", render.id},
        {"sha256", render.sha256},
        {"fileName", render.file_name},
        {"size", render.size},
        {"runId", render.run_id ? json::value(*render.run_id) : json::value(nullptr)},
        {"createdAt", FormatTime(render.created_at)},
        {"diffable", render.has_files}};
}

json::value ImportResultsToJson(const std::vector<app::ImportRowResult>& results) {
    json::array rows;
    std::int64_t created = 0;
    for (const auto& result : results) {
        json::array errors;
        for (const auto& error : result.errors) {
            errors.push_back(json::object{{"field", error.field}, {"message", error.message}});
        }
        created += result.ok ? 1 : 0;
        rows.push_back(
            json::object{{"row", result.row},
                         {"key", result.key},
                         {"status", result.ok ? "created" : "rejected"},
                         {"id", result.ok ? json::value(result.id) : json::value(nullptr)},
                         {"errors", std::move(errors)}});
    }
    return json::object{{"created", created},
                        {"rejected", static_cast<std::int64_t>(results.size()) - created},
                        {"rows", std::move(rows)}};
}

json::array FileDiffsToJson(const std::vector<domain::FileDiff>& files) {
    json::array out;
    for (const auto& file : files) {
        out.push_back(json::object{{"path", file.path},
                                   {"change", domain::ToString(file.change)},
                                   {"diff", file.unified}});
    }
    return out;
}

json::object PlanToJson(const app::PlanView& view) {
    const auto& plan = view.plan;
    json::array segments;
    for (const auto& s : plan.segments) {
        segments.push_back(json::object{
            {"purpose", s.purpose},
            {"vlanId", s.vlan_id},
            {"cidr", s.cidr},
            {"gateway", s.gateway},
            {"dhcpStart", s.dhcp_start},
            {"dhcpEnd", s.dhcp_end},
            {"poolId", s.pool_id.empty() ? json::value(nullptr) : json::value(s.pool_id)},
            {"held", s.held}});
    }
    json::array devices;
    for (const auto& d : plan.devices) {
        devices.push_back(json::object{{"kind", d.kind},
                                       {"serial", d.serial},
                                       {"vendor", d.vendor},
                                       {"model", d.model},
                                       {"held", d.held}});
    }
    json::array problems;
    for (const auto& problem : plan.problems) {
        problems.emplace_back(problem);
    }
    return json::object{
        {"planId", plan.id},
        {"storeId", plan.store_id},
        {"storeVersion", plan.store_version},
        {"createdAt", FormatTime(plan.created_at)},
        {"expiresAt", FormatTime(plan.created_at + domain::kPlanLifetime)},
        {"canApply", plan.problems.empty()},
        {"problems", std::move(problems)},
        {"segments", std::move(segments)},
        {"devices", std::move(devices)},
        {"secretPath", plan.secret_path},
        {"bundle", json::object{{"from", view.current_bundle ? json::value(*view.current_bundle)
                                                             : json::value(nullptr)},
                                {"files", FileDiffsToJson(view.bundle)}}}};
}

}  // namespace store::http::dto
