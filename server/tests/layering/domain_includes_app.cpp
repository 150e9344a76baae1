// Must NOT compile: domain may not see the app layer (see tests/CMakeLists.txt, layering_*).
#include "app/errors.hpp"

int DomainProbe() { return static_cast<int>(store::app::ErrorCode::kInternal); }
