// The YAML configuration file (--config) -> LoadConfig: yaml-cpp, flattening to dotted keys and
// every key's setter and range check. Whatever the file says, a Config or a list of errors.
#include <cstddef>
#include <cstdint>
#include <string>

#include "platform/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string yaml(reinterpret_cast<const char*>(data), size);
    const auto result = store::platform::LoadConfig(yaml, {}, {});
    (void)result;
    return 0;
}
