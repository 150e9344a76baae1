#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace store::platform {

/// gzip (RFC 1952) of `input` at zlib `level` (1 fastest … 9 smallest); nullopt when zlib
/// fails. Used by the config-bundle compressor and by HTTP response compression.
std::optional<std::string> Gzip(std::string_view input, int level);

}  // namespace store::platform
