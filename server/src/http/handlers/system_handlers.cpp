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
    boost::json::object body{{"status", up ? "ready" : "unavailable"},
                             {"checks", boost::json::object{{"database", std::move(database)}}}};
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
        throughput[hour] = count;
    }
    body["provisioning"] = boost::json::object{
        {"succeededLast24h", summary.last_24h.succeeded},
        {"failedLast24h", summary.last_24h.failed},
        {"active", summary.last_24h.active},
        {"throughputByHour", std::move(throughput)}};
    return JsonResponse(200, boost::json::serialize(body));
}

}  // namespace store::http::handlers
