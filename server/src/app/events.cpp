#include "app/events.hpp"

namespace store::app {

namespace ports {

std::string_view TypeOf(const Event& event) {
    struct Visitor {
        std::string_view operator()(const StoreChanged& e) const {
            switch (e.change) {
                case StoreChange::kCreated: return "store.created";
                case StoreChange::kUpdated: return "store.updated";
                case StoreChange::kDeleted: return "store.deleted";
                case StoreChange::kStatusChanged: return "store.status_changed";
            }
            return "store.updated";
        }
        std::string_view operator()(const TemplateChanged& e) const {
            switch (e.change) {
                case TemplateChange::kCreated: return "template.created";
                case TemplateChange::kUpdated: return "template.updated";
                case TemplateChange::kDeleted: return "template.deleted";
            }
            return "template.updated";
        }
        std::string_view operator()(const StepChanged&) const { return "run.step_changed"; }
        std::string_view operator()(const RunFinished&) const { return "run.finished"; }
        std::string_view operator()(const RolloutChanged&) const { return "rollout.updated"; }
        std::string_view operator()(const CapacityChanged&) const { return "capacity.changed"; }
        std::string_view operator()(const BreakerChanged&) const {
            return "system.breaker_changed";
        }
        std::string_view operator()(const AlertRaised&) const { return "alert.raised"; }
        std::string_view operator()(const AccessRevoked&) const { return "access.revoked"; }
    };
    return std::visit(Visitor{}, event.data);
}

}  // namespace ports

ports::Event StoreEvent(StoreChange change, const domain::Store& store, domain::TimePoint now,
                        const std::string& actor) {
    return {now, ports::StoreChanged{change, store.id, store.fields.code, store.fields.name,
                                     store.fields.type, store.status, store.version, actor}};
}

ports::Event TemplateEvent(ports::TemplateChange change, const domain::StoreTemplate& item,
                           domain::TimePoint now, const std::string& actor) {
    return {now, ports::TemplateChanged{change, item.id, item.fields.name, item.version, actor}};
}

ports::Event StepEvent(const domain::Run& run, const domain::RunStep& step, domain::TimePoint now) {
    return {now, ports::StepChanged{run.id, run.store_id, run.kind, run.status, step.name,
                                    step.status, step.attempts, step.message}};
}

ports::Event RunEvent(const domain::Run& run, domain::TimePoint now) {
    return {now, ports::RunFinished{run.id, run.store_id, run.kind, run.status, run.error}};
}

ports::Event RolloutEvent(const domain::Rollout& rollout, domain::TimePoint now,
                          const std::string& actor) {
    return {now, ports::RolloutChanged{rollout.id, rollout.name, rollout.action, rollout.status,
                                       rollout.current_wave, rollout.waves, rollout.counts, actor}};
}

}  // namespace store::app
