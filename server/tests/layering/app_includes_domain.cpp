// Must compile: the control for the layering_* tests (app sees domain and itself), so that a
// failing probe is known to fail for its include, not because the probe build is broken.
#include "app/errors.hpp"
#include "domain/store.hpp"

int AppSeesDomainProbe() { return static_cast<int>(store::app::ErrorCode::kInternal); }
