// Must NOT compile: app may not see the infra layer (see tests/CMakeLists.txt, layering_*).
#include "infra/system_clock.hpp"

int AppProbe() { return 0; }
