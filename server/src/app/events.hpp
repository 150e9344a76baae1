#pragma once

#include "app/ports/event_bus.hpp"
#include "domain/rollout.hpp"
#include "domain/store.hpp"
#include "domain/store_template.hpp"
#include "domain/workflow.hpp"

namespace store::app {

using ports::StoreChange;

/// The event of a store change, by `actor`.
ports::Event StoreEvent(StoreChange change, const domain::Store& store, domain::TimePoint now,
                        const std::string& actor);

/// The event of a template change, by `actor`.
ports::Event TemplateEvent(ports::TemplateChange change, const domain::StoreTemplate& item,
                           domain::TimePoint now, const std::string& actor);

/// run.step_changed: the run's status and one step.
ports::Event StepEvent(const domain::Run& run, const domain::RunStep& step, domain::TimePoint now);

/// run.finished: the run's final status (and error).
ports::Event RunEvent(const domain::Run& run, domain::TimePoint now);

/// rollout.updated, by `actor` (the rollout itself acts for its creator).
ports::Event RolloutEvent(const domain::Rollout& rollout, domain::TimePoint now,
                          const std::string& actor);

}  // namespace store::app
