#include "infra/vault/service_secrets.hpp"

namespace store::infra::vault {

ServiceSecrets ReadServiceSecrets(VaultClient& client, const std::string& path) {
    ServiceSecrets out;
    if (path.empty()) {
        return out;
    }
    const auto secret = client.Read(path);
    if (!secret) {
        return out;
    }
    if (const auto it = secret->find("database_url"); it != secret->end() && !it->second.empty()) {
        out.database_url = it->second;
    }
    if (const auto it = secret->find("jwt_key"); it != secret->end() && !it->second.empty()) {
        out.jwt_key = it->second;
    }
    return out;
}

}  // namespace store::infra::vault
