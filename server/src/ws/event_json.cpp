#include "ws/event_json.hpp"

#include <boost/json.hpp>

#include "domain/time_text.hpp"

namespace store::ws {
namespace {

namespace json = boost::json;
using namespace app::ports;

json::object DataToJson(const StoreChanged& e) {
    return {{"id", e.id},
            {"code", e.code},
            {"name", e.name},
            {"type", e.type},
            {"status", domain::ToString(e.status)},
            {"version", e.version},
            {"actor", e.actor}};
}

json::object DataToJson(const TemplateChanged& e) {
    return {{"id", e.id}, {"name", e.name}, {"version", e.version}, {"actor", e.actor}};
}

json::object DataToJson(const StepChanged& e) {
    return {{"runId", e.run_id},
            {"storeId", e.store_id},
            {"kind", domain::ToString(e.kind)},
            {"runStatus", domain::ToString(e.run_status)},
            {"step", e.step},
            {"status", domain::ToString(e.status)},
            {"attempts", e.attempts},
            {"message", e.message}};
}

json::object DataToJson(const RunFinished& e) {
    return {{"runId", e.run_id},
            {"storeId", e.store_id},
            {"kind", domain::ToString(e.kind)},
            {"status", domain::ToString(e.status)},
            {"error", e.error}};
}

json::object DataToJson(const RolloutChanged& e) {
    return {{"id", e.id},
            {"name", e.name},
            {"action", domain::ToString(e.action)},
            {"status", domain::ToString(e.status)},
            {"currentWave", e.current_wave},
            {"waves", e.waves},
            {"counts",
             {{"pending", e.counts.pending},
              {"running", e.counts.running},
              {"succeeded", e.counts.succeeded},
              {"failed", e.counts.failed},
              {"cancelled", e.counts.cancelled}}},
            {"actor", e.actor}};
}

json::object DataToJson(const CapacityChanged& e) {
    return {{"resource", e.resource}, {"name", e.name}, {"actor", e.actor}};
}

json::object DataToJson(const BreakerChanged& e) {
    return {{"dependency", e.dependency}, {"from", e.from}, {"to", e.to}, {"reason", e.reason}};
}

json::object DataToJson(const AlertRaised& e) {
    return {{"id", e.id},
            {"severity", e.severity},
            {"source", e.source},
            {"title", e.title},
            {"message", e.message}};
}

json::object DataToJson(const AccessRevoked& e) {
    return {{"subject", e.subject}, {"epoch", e.epoch}};
}

json::object DataToJson(const Event& event) {
    return std::visit([](const auto& data) { return DataToJson(data); }, event.data);
}

// Reads the members of one event's data; any member missing or of the wrong type (or an enum
// value this version does not know) makes the whole event unreadable.
class Reader {
public:
    explicit Reader(const json::object& object, bool ok = true) : object_(object), ok_(ok) {}
    std::string String(std::string_view key) {
        const auto* value = object_.if_contains(key);
        if (value == nullptr || !value->is_string()) {
            ok_ = false;
            return {};
        }
        return std::string(value->get_string());
    }
    std::int64_t Int(std::string_view key) {
        const auto* value = object_.if_contains(key);
        if (value == nullptr || !value->is_int64()) {
            ok_ = false;
            return 0;
        }
        return value->get_int64();
    }
    template <typename Enum>
    Enum Parsed(std::string_view key, std::optional<Enum> (*parse)(std::string_view)) {
        const auto parsed = parse(String(key));
        ok_ = ok_ && parsed.has_value();
        return parsed.value_or(Enum{});
    }
    /// The members of an object member (an empty object when missing: its reads then fail).
    Reader Object(std::string_view key) {
        static const json::object kEmpty;
        const auto* value = object_.if_contains(key);
        if (value == nullptr || !value->is_object()) {
            ok_ = false;
            return Reader(kEmpty, false);
        }
        return Reader(value->get_object(), true);
    }
    bool ok() const { return ok_; }

private:
    const json::object& object_;
    bool ok_ = true;
};

std::optional<StoreChange> ParseStoreChange(std::string_view type) {
    for (const auto change : {StoreChange::kCreated, StoreChange::kUpdated, StoreChange::kDeleted,
                              StoreChange::kStatusChanged}) {
        StoreChanged probe;
        probe.change = change;
        if (TypeOf(Event{{}, std::move(probe)}) == type) {
            return change;
        }
    }
    return std::nullopt;
}

std::optional<TemplateChange> ParseTemplateChange(std::string_view type) {
    for (const auto change :
         {TemplateChange::kCreated, TemplateChange::kUpdated, TemplateChange::kDeleted}) {
        TemplateChanged probe;
        probe.change = change;
        if (TypeOf(Event{{}, std::move(probe)}) == type) {
            return change;
        }
    }
    return std::nullopt;
}

std::optional<EventData> DataFromJson(std::string_view type, const json::object& o) {
    Reader r(o);
    std::optional<EventData> data;
    if (const auto change = ParseStoreChange(type)) {
        data = StoreChanged{*change,          r.String("id"),
                            r.String("code"), r.String("name"),
                            r.String("type"), r.Parsed("status", &domain::ParseStoreStatus),
                            r.Int("version"), r.String("actor")};
    } else if (const auto template_change = ParseTemplateChange(type)) {
        data = TemplateChanged{*template_change, r.String("id"), r.String("name"), r.Int("version"),
                               r.String("actor")};
    } else if (type == "run.step_changed") {
        data = StepChanged{r.String("runId"),
                           r.String("storeId"),
                           r.Parsed("kind", &domain::ParseRunKind),
                           r.Parsed("runStatus", &domain::ParseRunStatus),
                           r.String("step"),
                           r.Parsed("status", &domain::ParseStepStatus),
                           r.Int("attempts"),
                           r.String("message")};
    } else if (type == "run.finished") {
        data = RunFinished{r.String("runId"), r.String("storeId"),
                           r.Parsed("kind", &domain::ParseRunKind),
                           r.Parsed("status", &domain::ParseRunStatus), r.String("error")};
    } else if (type == "rollout.updated") {
        auto counts = r.Object("counts");
        RolloutChanged e{r.String("id"),
                         r.String("name"),
                         r.Parsed("action", &domain::ParseRolloutAction),
                         r.Parsed("status", &domain::ParseRolloutStatus),
                         r.Int("currentWave"),
                         r.Int("waves"),
                         {counts.Int("pending"), counts.Int("running"), counts.Int("succeeded"),
                          counts.Int("failed"), counts.Int("cancelled")},
                         r.String("actor")};
        data = counts.ok() ? std::optional<EventData>(std::move(e)) : std::nullopt;
    } else if (type == "capacity.changed") {
        data = CapacityChanged{r.String("resource"), r.String("name"), r.String("actor")};
    } else if (type == "system.breaker_changed") {
        data = BreakerChanged{r.String("dependency"), r.String("from"), r.String("to"),
                              r.String("reason")};
    } else if (type == "alert.raised") {
        data = AlertRaised{r.String("id"), r.String("severity"), r.String("source"),
                           r.String("title"), r.String("message")};
    } else if (type == "access.revoked") {
        data = AccessRevoked{r.String("subject"), r.Int("epoch")};
    }
    return data && r.ok() ? data : std::nullopt;
}

}  // namespace

std::string SerializeEvent(const Event& event) {
    return json::serialize(json::object{{"type", TypeOf(event)},
                                        {"time", domain::FormatUtcMillis(event.time)},
                                        {"data", DataToJson(event)}});
}

std::string JsonEventCodec::EncodeData(const Event& event) const {
    return json::serialize(DataToJson(event));
}

std::optional<Event> JsonEventCodec::Decode(std::string_view type, domain::TimePoint time,
                                            std::string_view data_json) const {
    boost::system::error_code ec;
    const json::value value = json::parse(data_json, ec);
    if (ec || !value.is_object()) {
        return std::nullopt;
    }
    auto data = DataFromJson(type, value.get_object());
    if (!data) {
        return std::nullopt;
    }
    return Event{time, std::move(*data)};
}

}  // namespace store::ws
