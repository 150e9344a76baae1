#include "infra/crypto/jwt_key.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "platform/files.hpp"

namespace store::infra::crypto {

namespace fs = std::filesystem;

std::string LoadJwtKey(const platform::Config& config, app::ports::RandomSource& random) {
    if (!config.auth.jwt_secret.empty()) {
        return config.auth.jwt_secret;
    }
    if (!config.auth.jwt_secret_file.empty()) {
        const auto key = platform::ReadFile(config.auth.jwt_secret_file);
        if (!key || platform::TrimEnd(*key).size() < 32) {
            throw std::runtime_error("auth.jwt_secret_file " + config.auth.jwt_secret_file +
                                     " is missing or holds fewer than 32 characters");
        }
        return platform::TrimEnd(*key);
    }
    const std::string path = (fs::path(config.data_dir) / "jwt.key").string();
    if (const auto key = platform::ReadFile(path); key && platform::TrimEnd(*key).size() >= 32) {
        return platform::TrimEnd(*key);
    }
    std::string key = random.NewToken(48);
    const mode_t old_mask = umask(077);
    std::ofstream(path, std::ios::trunc) << key << "\n";
    umask(old_mask);
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    return key;
}

}  // namespace store::infra::crypto
