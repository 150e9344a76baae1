#pragma once

#include "app/ports/compressor.hpp"

namespace store::infra::local {

class ZlibCompressor final : public app::ports::Compressor {
public:
    std::string Gzip(const std::string& data) override;
};

}  // namespace store::infra::local
