// Must NOT compile: platform knows no layer (see tests/CMakeLists.txt, layering_*).
#include "app/errors.hpp"

int PlatformProbe() { return 0; }
