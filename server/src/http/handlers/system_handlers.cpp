#include <boost/json.hpp>

#include "app/errors.hpp"
#include "app/provisioning/provisioning_service.hpp"
#include "app/store_service.hpp"
#include "http/dto/store_json.hpp"
#include "http/handlers/common.hpp"
#include "http/handlers/handlers.hpp"

namespace store::http {
std::string_view OpenApiDocument();
}  // namespace store::http

namespace store::http::handlers {

Response Health(Services&, Request&) { return JsonResponse(200, R"({"status":"ok"})"); }

namespace {

boost::json::object DependencyToJson(const app::ports::DependencyStatus& d) {
    return boost::json::object{
        {"name", d.name},
        {"state", d.state},
        {"required", d.required},
        {"failureRate", d.failure_rate},
        {"slowRate", d.slow_rate},
        {"windowCalls", d.window_calls},
        {"successes", d.successes},
        {"failures", d.failures},
        {"rejected", d.rejected},
        {"latencyMs", d.latency_ms},
        {"lastTransition", d.last_transition
                               ? boost::json::value(dto::FormatTime(*d.last_transition))
                               : boost::json::value(nullptr)},
        {"lastError", d.last_error}};
}

}  // namespace

Response SystemHealth(Services& services, Request& request) {
    RejectQueryParameters(request, {});
    boost::json::array dependencies;
    std::string status = "ok";
    for (const auto& dependency : services.health.Dependencies()) {
        if (dependency.state != "closed") {
            status = dependency.required && dependency.state == "open"
                         ? "down"
                         : (status == "down" ? status : "degraded");
        }
        dependencies.push_back(DependencyToJson(dependency));
    }
    return JsonResponse(200, boost::json::serialize(boost::json::object{
                                 {"status", status}, {"dependencies", std::move(dependencies)}}));
}

// What the dashboard's forms must know of the configuration (never a secret).
Response SystemSettings(Services& services, Request& request) {
    RejectQueryParameters(request, {});
    const auto& code = services.stores.CodeRule();
    boost::json::object transitions;
    for (const auto transition :
         {domain::Transition::kProvision, domain::Transition::kRetry, domain::Transition::kRollback,
          domain::Transition::kDecommission, domain::Transition::kRotate}) {
        transitions[domain::ToString(transition)] =
            domain::ToString(services.provisioning.TransitionRoles().For(transition));
    }
    return JsonResponse(
        200,
        boost::json::serialize(boost::json::object{
            {"storeCode", boost::json::object{{"pattern", code.Pattern()}, {"hint", code.Hint()}}},
            {"transitions", std::move(transitions)}}));
}

Response SystemAlerts(Services& services, Request& request) {
    RejectQueryParameters(request, {"limit"});
    std::size_t limit = 100;
    if (const auto it = request.query.find("limit"); it != request.query.end()) {
        try {
            const auto value = std::stoul(it->second);
            if (value < 1 || value > 500 || std::to_string(value) != it->second) {
                throw std::invalid_argument(it->second);
            }
            limit = value;
        } catch (const std::exception&) {
            throw app::AppError::BadRequest({{"limit", "must be a whole number from 1 to 500"}},
                                            "invalid query parameters");
        }
    }
    boost::json::array items;
    for (const auto& alert : services.alerts.Recent(limit)) {
        items.push_back(boost::json::object{{"id", alert.id},
                                            {"time", dto::FormatTime(alert.time)},
                                            {"severity", alert.severity},
                                            {"source", alert.source},
                                            {"title", alert.title},
                                            {"message", alert.message}});
    }
    return JsonResponse(200,
                        boost::json::serialize(boost::json::object{{"items", std::move(items)}}));
}

// Readiness answers whether this process should receive traffic, from the circuit breakers
// alone: no connection from the shared pool, no remote call (it runs on the network thread).
// A failing dependency — the primary database, a replica, Redis, Vault — or a saturated pool
// hits every pod alike; taking them all out of rotation would throw away the degraded mode
// (cached reads, reads from replicas), so it is reported as "degraded" with 200. The pod is
// unready only when the process itself cannot answer: starting, shutting down (listener closed)
// or its event loop stuck past the probe timeout. docs/reliability.md "Readiness".
Response Ready(Services& services, Request&) {
    boost::json::object database{{"kind", services.database.Kind()}, {"status", "up"}};
    boost::json::array degraded;
    for (const auto& dependency : services.health.Dependencies()) {
        if (dependency.state == "closed") {
            continue;
        }
        degraded.push_back(
            boost::json::object{{"name", dependency.name}, {"state", dependency.state}});
        if (dependency.name == "database" && dependency.state == "open") {
            database["status"] = "down";
            database["detail"] = "circuit breaker open: the primary database is not answering";
        }
    }
    const auto pool = services.database.Stats();
    database["pool"] = boost::json::object{
        {"size", pool.size}, {"busy", pool.busy}, {"idle", pool.idle}, {"waiting", pool.waiting}};
    boost::json::object body{{"status", degraded.empty() ? "ready" : "degraded"},
                             {"checks", boost::json::object{{"database", std::move(database)}}},
                             {"degraded", std::move(degraded)}};
    auto response = JsonResponse(200, boost::json::serialize(body));
    response.Set("Cache-Control", "no-store");
    return response;
}

Response Metrics(Services& services, Request&) {
    Response response;
    response.headers.emplace_back("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    response.body = services.metrics.Render();
    return response;
}

Response OpenApi(Services&, Request&) {
    auto response = JsonResponse(200, std::string(OpenApiDocument()));
    response.Set("Cache-Control", "no-cache");
    return response;
}

Response Stats(Services& services, Request& request) {
    RejectQueryParameters(request, {});
    auto body = boost::json::parse(dto::StatsToJson(services.stores.Stats())).as_object();
    const auto summary = services.provisioning.Summary();
    boost::json::object throughput;
    for (const auto& [hour, count] : summary.throughput_by_hour) {
        // "2026-11-25T13:00:00.000000Z" -> "2026-11-25T13:00:00Z"
        throughput[hour.size() > 19 ? hour.substr(0, 19) + "Z" : hour] = count;
    }
    body["provisioning"] = boost::json::object{{"succeededLast24h", summary.last_24h.succeeded},
                                               {"failedLast24h", summary.last_24h.failed},
                                               {"active", summary.last_24h.active},
                                               {"throughputByHour", std::move(throughput)}};
    return JsonResponse(200, boost::json::serialize(body));
}

}  // namespace store::http::handlers
