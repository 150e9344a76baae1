#include "harness/process.hpp"

#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>

namespace store::testing {

std::string RunCommand(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) {
        throw std::runtime_error("cannot run: " + command);
    }
    std::string output;
    std::array<char, 256> buffer{};
    while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr) {
        output += buffer.data();
    }
    const int status = pclose(pipe.release());
    if (status != 0) {
        throw std::runtime_error("command failed (" + std::to_string(status) + "): " + command +
                                 "\n" + output);
    }
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) {
        output.pop_back();
    }
    return output;
}

std::string ScriptPath(const std::string& name) {
    return std::string(STORE_SOURCE_DIR) + "/scripts/" + name;
}

}  // namespace store::testing
