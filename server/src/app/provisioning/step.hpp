#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "app/ports/cache.hpp"
#include "app/ports/clock.hpp"
#include "app/ports/compressor.hpp"
#include "app/ports/database.hpp"
#include "app/ports/event_bus.hpp"
#include "app/ports/random_source.hpp"
#include "app/ports/secret_store.hpp"
#include "domain/audit_diff.hpp"
#include "domain/workflow.hpp"

namespace store::app::provisioning {

/// What a step reports when it succeeds (shown on the run's step).
struct StepOutcome {
    std::string message;
};

/// A failure that retrying cannot fix (pool full, out of stock, invalid plan): the run fails.
/// Transient failures are `AppError`s instead (kDependencyUnavailable, kConflict): retried.
class PermanentFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What the steps (and the worker that records their results) work with: the ports, and the
/// settings that shape a step's work. Built once by the composition root; outlives the steps.
struct StepContext {
    ports::Database& database;
    ports::StoreCache& cache;
    ports::SecretStore& secrets;
    ports::Compressor& compressor;
    const ports::Clock& clock;
    ports::RandomSource& random;
    ports::EventBus& events;
    /// purpose -> VLAN of a network segment whose plan names none.
    std::map<std::string, std::int64_t> default_vlans{
        {"pos", 10}, {"corporate", 20}, {"guest", 30}, {"iot", 40}, {"management", 99}};

    /// The run's store; a PermanentFailure when it no longer exists.
    domain::Store LoadStore(const std::string& store_id) const;
    /// Appends the run's audit entry to the unit of work (same transaction as the change).
    void Audit(ports::UnitOfWork& uow, const domain::Run& run, std::string action,
               std::vector<domain::FieldChange> changes) const;
};

/// One step of a run, registered by name in a `StepTable`. Every step is idempotent: it first
/// looks at what an earlier attempt already did, so a run resumed after a crash neither
/// allocates twice nor fails.
class Step {
public:
    virtual ~Step() = default;
    /// Does the step's work for `run`. Throws PermanentFailure for what retrying cannot fix and
    /// `AppError` for transient failures.
    virtual StepOutcome Execute(const domain::Run& run) = 0;
};

/// A new set of a store's device and Wi-Fi secrets (random).
ports::Secret NewStoreSecret(ports::RandomSource& random);
/// An audit value: the JSON text of a string.
inline domain::AuditValue Quoted(std::string_view text) { return domain::AuditValue(text); }

}  // namespace store::app::provisioning
