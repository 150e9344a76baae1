#include "infra/local/zlib_compressor.hpp"

#include <stdexcept>

#include "platform/gzip.hpp"

namespace store::infra::local {

std::string ZlibCompressor::Gzip(const std::string& data) {
    auto compressed = platform::Gzip(data, 6);
    if (!compressed) {
        throw std::runtime_error("zlib: gzip compression failed");
    }
    return std::move(*compressed);
}

}  // namespace store::infra::local
