#pragma once

#include <sys/types.h>
#include <string>
#include <vector>

namespace store::testing {

/// The Vault-API test server (server/tests/vault/fake-vault.mjs, run with node) on free
/// loopback ports; ready when the constructor returns, killed by the destructor. HashiCorp
/// Vault itself cannot run here: see docs/vault.md for what this does and does not prove.
class VaultServer {
public:
    struct Options {
        int ttl_seconds = 2;                 // TTL of tokens issued by logins
        int max_ttl_seconds = 6;             // their max TTL
        std::vector<std::string> approles;   // "role_id:secret_id"
        std::vector<std::string> k8s_roles;  // "role:jwt"
        std::string tls_cert;                // PEM files: serve HTTPS
        std::string tls_key;
    };

    explicit VaultServer(Options options);
    VaultServer() : VaultServer(Options{}) {}
    ~VaultServer();
    VaultServer(const VaultServer&) = delete;
    VaultServer& operator=(const VaultServer&) = delete;

    /// http://127.0.0.1:PORT (https://localhost:PORT with TLS)
    const std::string& Addr() const { return addr_; }
    /// The root token (never expires).
    static constexpr const char* kRootToken = "root";

    /// Control API: POST /mode normal | sealed | hang | slow (delay_ms) | down.
    void SetMode(const std::string& mode, int delay_ms = 0);
    /// A new renewable token with `ttl` and `max_ttl` seconds, as `vault token create` would give.
    std::string CreateToken(int ttl_seconds, int max_ttl_seconds);
    /// Revokes every token but the root token (as a Vault restart with a lost token store would).
    void RevokeAll();
    /// GET /state: counters, live tokens, KV contents (JSON text).
    std::string State();
    /// One counter of /state ("logins", "renewals", "kvWrites", …).
    long Counter(const std::string& name);
    /// The current data of a KV path as JSON text ("null" when absent or deleted).
    std::string Kv(const std::string& path);

private:
    std::string Control(const std::string& method, const std::string& path,
                        const std::string& body);

    pid_t pid_ = -1;
    std::string addr_;
    std::string control_;
};

/// A throw-away CA and a server certificate for localhost/127.0.0.1, made with openssl in a
/// temporary directory (removed by the destructor).
class TestCertificates {
public:
    TestCertificates();
    ~TestCertificates();
    TestCertificates(const TestCertificates&) = delete;
    TestCertificates& operator=(const TestCertificates&) = delete;
    std::string ca_file;
    std::string cert_file;
    std::string key_file;
    std::string other_ca_file;  // a CA that did not sign the server certificate

private:
    std::string dir_;
};

}  // namespace store::testing
