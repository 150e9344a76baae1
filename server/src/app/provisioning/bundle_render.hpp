#pragma once

#include <optional>
#include <string>

#include "app/ports/compressor.hpp"
#include "app/ports/database.hpp"
#include "domain/audit_diff.hpp"
#include "domain/store.hpp"

namespace store::app::provisioning {

/// The store's configuration bundle as its allocations stand in `uow`: the segments, the
/// devices and where its current credentials are, rendered (domain/config_render) into one
/// reproducible .tar.gz (fixed file times, gzip without a time), so rendering the same files
/// again names the same version.
ports::ConfigBundle RenderStoreBundle(ports::UnitOfWork& uow, ports::Compressor& compressor,
                                      const domain::Store& store, domain::TimePoint now);

/// A render recorded as the store's latest (PutBundle): its version and the one before it.
struct RecordedRender {
    std::optional<std::string> previous;  // SHA-256 of the version in force before
    std::string sha256;
    /// The audit change of store.bundle_rendered: configBundle previous -> sha256.
    domain::FieldChange Change() const;
};
RecordedRender RecordRender(ports::UnitOfWork& uow, const ports::ConfigBundle& bundle,
                            const std::optional<std::string>& run_id);

}  // namespace store::app::provisioning
