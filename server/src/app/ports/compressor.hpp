#pragma once

#include <string>

namespace store::app::ports {

/// gzip (RFC 1952) compression of bundles and exports.
class Compressor {
public:
    virtual ~Compressor() = default;
    virtual std::string Gzip(const std::string& data) = 0;
};

}  // namespace store::app::ports
