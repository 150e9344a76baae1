#pragma once

#include <string>
#include <string_view>

namespace store::infra::crypto {

/// SHA-256 of `data` as 64 lower-case hex digits (OpenSSL).
std::string Sha256Hex(std::string_view data);

}  // namespace store::infra::crypto
