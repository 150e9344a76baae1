#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/ports/secret_store.hpp"
#include "infra/resilience/circuit_breaker.hpp"
#include "infra/vault/http_transport.hpp"
#include "infra/vault/vault_answers.hpp"

namespace store::platform {
class Logger;
}  // namespace store::platform

namespace store::infra::vault {

struct VaultSettings {
    std::string addr;     // https://vault.example:8200 (no trailing /v1)
    std::string token;    // token auth
    std::string ca_file;  // PEM CA bundle for TLS; empty: system CAs
    std::string role_id;  // AppRole auth (wins over Kubernetes and token)
    std::string secret_id;
    std::string k8s_role;  // Kubernetes auth (wins over token)
    std::string k8s_token_path = "/var/run/secrets/kubernetes.io/serviceaccount/token";
    std::string kv_mount = "secret";
    std::chrono::milliseconds timeout{2000};  // per HTTP call
    /// Renew when this fraction of the token's TTL has passed.
    double renew_at = 2.0 / 3.0;
    /// After a failed renewal or login, try again after this long (or sooner if the token
    /// would expire first).
    std::chrono::milliseconds retry_delay{1000};
};

/// HashiCorp Vault over HTTP(S): login by token, AppRole or Kubernetes service-account JWT, a
/// background thread that renews the token at `renew_at` of its TTL and logs in again when
/// renewal fails or the token reaches its max TTL, and KV version 2 read/write/delete.
///
/// Every HTTP call goes through `breaker`: transport failures, 5xx and 429 count as failures
/// and throw AppError{kDependencyUnavailable}; a refused call (breaker open) throws the same.
/// A 403 on a KV call triggers one re-login (when the method allows it) and one retry.
class VaultClient {
public:
    VaultClient(VaultSettings settings, resilience::CircuitBreaker& breaker,
                const platform::Logger* logger = nullptr);
    ~VaultClient();
    VaultClient(const VaultClient&) = delete;
    VaultClient& operator=(const VaultClient&) = delete;

    /// Logs in (throws when Vault cannot be reached or refuses) and starts the renewal thread.
    void Start();
    /// Stops the renewal thread (also done by the destructor).
    void Stop();

    /// KV v2 read of the latest version; nullopt when the path has no (undeleted) version.
    std::optional<app::ports::Secret> Read(const std::string& path);
    /// KV v2 write: a new version of `path`.
    void Write(const std::string& path, const app::ports::Secret& secret);
    /// KV v2 delete of the path with all its versions and metadata; idempotent.
    void Delete(const std::string& path);

    AuthMethod Method() const { return method_; }
    /// Counters for tests and logs.
    std::int64_t Logins() const { return logins_.load(); }
    std::int64_t Renewals() const { return renewals_.load(); }
    /// Seconds of validity the current token had when last obtained or renewed (0: no expiry).
    std::int64_t TokenTtlSeconds() const;

private:
    struct Response {
        long status;
        std::string body;
    };
    /// One HTTP call through the breaker. `token` is sent as X-Vault-Token when non-empty.
    Response Call(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& token);
    /// A KV call with the current token; re-logs in once on 403 when possible.
    Response Authenticated(const std::string& method, const std::string& path,
                           const std::string& body = {});
    std::string KvUrl(const std::string& kind, const std::string& path) const;

    void Login();
    bool Renew();
    /// Renews or logs in again as the token's state requires; false when it did not work.
    bool Refresh();
    void Loop();
    void Schedule(std::chrono::steady_clock::time_point when);
    bool CanLogin() const { return method_ != AuthMethod::kToken; }
    std::string CurrentToken() const;

    VaultSettings settings_;
    AuthMethod method_;
    resilience::CircuitBreaker& breaker_;
    const platform::Logger* logger_;
    HttpTransport transport_;

    mutable std::mutex mutex_;  // guards the token state below
    std::mutex login_mutex_;    // one login at a time
    std::condition_variable wake_;
    std::string token_;
    std::int64_t ttl_seconds_ = 0;        // as last granted; 0 = never expires
    std::int64_t increment_seconds_ = 0;  // what renewals ask for (the login TTL)
    bool renewable_ = false;
    bool max_ttl_reached_ = false;  // the last renewal was capped by the max TTL
    std::chrono::steady_clock::time_point next_refresh_ =
        std::chrono::steady_clock::time_point::max();
    std::uint64_t generation_ = 0;  // bumped by every login (so a stale 403 re-logs once)
    bool stop_ = false;
    std::thread thread_;
    std::atomic<std::int64_t> logins_{0};
    std::atomic<std::int64_t> renewals_{0};
};

}  // namespace store::infra::vault
