#include <boost/json.hpp>
#include <chrono>

#include "app/errors.hpp"
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
        {"lastTransition", d.last_transition ? boost::json::value(dto::FormatTime(*d.last_transition))
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
            status = dependency.required && dependency.state == "open" ? "down" : (status == "down" ? status : "degraded");
        }
        dependencies.push_back(DependencyToJson(dependency));
    }
    return JsonResponse(200, boost::json::serialize(boost::json::object{
                                 {"status", status}, {"dependencies", std::move(dependencies)}}));
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
    return JsonResponse(200, boost::json::serialize(boost::json::object{{"items", std::move(items)}}));
}

Response Ready(Services& services, Request&) {
    const auto start = std::chrono::steady_clock::now();
    boost::json::object database{{"kind", services.database.Kind()}};
    bool up = true;
    try {
        services.database.Ping();
        database["status"] = "up";
    } catch (const app::AppError& error) {
        up = false;
        database["status"] = "down";
        database["detail"] = error.detail();
    }
    database["latencyMs"] =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const auto pool = services.database.Stats();
    database["pool"] = boost::json::object{
        {"size", pool.size}, {"busy", pool.busy}, {"idle", pool.idle}, {"waiting", pool.waiting}};
    // Ready while the primary database answers; other dependencies only degrade the service.
    boost::json::array degraded;
    for (const auto& dependency : services.health.Dependencies()) {
        if (dependency.state != "closed") {
            degraded.push_back(boost::json::object{{"name", dependency.name}, {"state", dependency.state}});
        }
    }
    boost::json::object body{{"status", up ? (degraded.empty() ? "ready" : "degraded") : "unavailable"},
                             {"checks", boost::json::object{{"database", std::move(database)}}},
                             {"degraded", std::move(degraded)}};
    auto response = JsonResponse(up ? 200 : 503, boost::json::serialize(body));
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
    body["provisioning"] = boost::json::object{
        {"succeededLast24h", summary.last_24h.succeeded},
        {"failedLast24h", summary.last_24h.failed},
        {"active", summary.last_24h.active},
        {"throughputByHour", std::move(throughput)}};
    return JsonResponse(200, boost::json::serialize(body));
}

}  // namespace store::http::handlers
