#pragma once

#include <string>

#include "app/ports/random_source.hpp"
#include "platform/config.hpp"

namespace store::infra::crypto {

/// The JWT signing key: auth.jwt_secret, else auth.jwt_secret_file (at least 32 characters;
/// main.cpp re-reads it when it changes), else a key generated once into data_dir/jwt.key
/// (mode 0600) and read from there on later starts.
std::string LoadJwtKey(const platform::Config& config, app::ports::RandomSource& random);

}  // namespace store::infra::crypto
