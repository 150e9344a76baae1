#pragma once

#include <string>

namespace store::testing {

/// Runs a shell command and returns its stdout without the trailing newlines; throws
/// std::runtime_error (with the output) when it cannot start or exits non-zero.
std::string RunCommand(const std::string& command);

/// The absolute path of scripts/<name> in this repository.
std::string ScriptPath(const std::string& name);

}  // namespace store::testing
