#include "app/events.hpp"

#include "domain/audit_diff.hpp"

namespace store::app {

using domain::JsonQuote;

ports::Event StoreEvent(std::string type, const domain::Store& store, domain::TimePoint now,
                        const std::string& actor) {
    std::string data = "{\"id\":" + JsonQuote(store.id) + ",\"code\":" + JsonQuote(store.fields.code) +
                       ",\"name\":" + JsonQuote(store.fields.name) +
                       ",\"type\":" + JsonQuote(store.fields.type) +
                       ",\"status\":" + JsonQuote(domain::ToString(store.status)) +
                       ",\"version\":" + std::to_string(store.version) +
                       ",\"actor\":" + JsonQuote(actor) + "}";
    return {std::move(type), now, std::move(data)};
}

ports::Event StepEvent(const domain::Run& run, const domain::RunStep& step, domain::TimePoint now) {
    std::string data = "{\"runId\":" + JsonQuote(run.id) + ",\"storeId\":" + JsonQuote(run.store_id) +
                       ",\"kind\":" + JsonQuote(domain::ToString(run.kind)) +
                       ",\"runStatus\":" + JsonQuote(domain::ToString(run.status)) +
                       ",\"step\":" + JsonQuote(step.name) +
                       ",\"status\":" + JsonQuote(domain::ToString(step.status)) +
                       ",\"attempts\":" + std::to_string(step.attempts) +
                       ",\"message\":" + JsonQuote(step.message) + "}";
    return {"run.step_changed", now, std::move(data)};
}

ports::Event RunEvent(const domain::Run& run, domain::TimePoint now) {
    std::string data = "{\"runId\":" + JsonQuote(run.id) + ",\"storeId\":" + JsonQuote(run.store_id) +
                       ",\"kind\":" + JsonQuote(domain::ToString(run.kind)) +
                       ",\"status\":" + JsonQuote(domain::ToString(run.status)) +
                       ",\"error\":" + JsonQuote(run.error) + "}";
    return {"run.finished", now, std::move(data)};
}

}  // namespace store::app
