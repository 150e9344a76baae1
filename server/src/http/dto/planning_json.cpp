#include "http/dto/planning_json.hpp"

#include <boost/json.hpp>

#include "http/dto/store_json.hpp"

namespace store::http::dto {
namespace {

namespace json = boost::json;

json::value DateOrNull(const std::optional<std::string>& date) {
    return date ? json::value(*date) : json::value(nullptr);
}

json::object ResourceToJson(const domain::ResourceForecast& resource) {
    json::array timeline;
    for (const auto& day : resource.timeline) {
        timeline.push_back(
            json::object{{"date", day.date}, {"take", day.take}, {"left", day.left}});
    }
    return json::object{{"kind", domain::ToString(resource.key.kind)},
                        {"name", resource.key.name},
                        {"free", resource.free},
                        {"demand", resource.demand},
                        {"left", resource.free - resource.demand},
                        {"runsOutOn", DateOrNull(resource.runs_out_on)},
                        {"timeline", std::move(timeline)}};
}

json::object WarningToJson(const domain::ForecastWarning& warning) {
    json::array shortages;
    for (const auto& shortage : warning.shortages) {
        shortages.push_back(json::object{{"kind", domain::ToString(shortage.key.kind)},
                                         {"name", shortage.key.name},
                                         {"missing", shortage.missing}});
    }
    const auto& opening = warning.opening;
    return json::object{{"storeId", opening.store_id},
                        {"code", opening.code},
                        {"name", opening.name},
                        {"status", domain::ToString(opening.status)},
                        {"openingDate", opening.opening_date},
                        {"overdue", warning.overdue},
                        {"shortages", std::move(shortages)}};
}

}  // namespace

std::string CalendarToJson(const app::Calendar& calendar) {
    json::array items;
    items.reserve(calendar.items.size());
    for (const auto& store : calendar.items) {
        const auto& f = store.fields;
        items.push_back(json::object{{"id", store.id},
                                     {"code", f.code},
                                     {"name", f.name},
                                     {"city", f.location.city},
                                     {"country", f.location.country},
                                     {"type", f.type},
                                     {"status", domain::ToString(store.status)},
                                     {"openingDate", f.opening_date.value_or("")},
                                     {"template", TemplateRefToJson(store.template_ref)}});
    }
    return json::serialize(json::object{{"from", calendar.from},
                                        {"to", calendar.to},
                                        {"items", std::move(items)},
                                        {"truncated", calendar.truncated}});
}

std::string ForecastToJson(const domain::Forecast& forecast, std::int64_t horizon_days) {
    json::array resources;
    for (const auto& resource : forecast.resources) {
        resources.push_back(ResourceToJson(resource));
    }
    json::array warnings;
    for (const auto& warning : forecast.warnings) {
        warnings.push_back(WarningToJson(warning));
    }
    return json::serialize(json::object{{"asOf", forecast.as_of},
                                        {"until", forecast.until},
                                        {"horizon", horizon_days},
                                        {"openings", forecast.openings},
                                        {"resources", std::move(resources)},
                                        {"warnings", std::move(warnings)}});
}

}  // namespace store::http::dto
