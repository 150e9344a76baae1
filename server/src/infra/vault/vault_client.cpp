#include "infra/vault/vault_client.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "app/errors.hpp"
#include "platform/logging.hpp"

namespace store::infra::vault {
namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

AuthMethod ChooseMethod(const VaultSettings& settings) {
    if (!settings.role_id.empty()) {
        return AuthMethod::kAppRole;
    }
    if (!settings.k8s_role.empty()) {
        return AuthMethod::kKubernetes;
    }
    return AuthMethod::kToken;
}

std::string_view MethodName(AuthMethod method) {
    switch (method) {
        case AuthMethod::kAppRole: return "approle";
        case AuthMethod::kKubernetes: return "kubernetes";
        case AuthMethod::kToken: return "token";
    }
    return "token";
}

// Percent-encodes a KV path, keeping its '/' separators.
std::string EncodePath(const std::string& path) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : path) {
        if (std::isalnum(c) != 0 || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw app::AppError(app::ErrorCode::kDependencyUnavailable,
                            "the Kubernetes service-account token cannot be read", path);
    }
    std::stringstream content;
    content << in.rdbuf();
    std::string text = content.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

}  // namespace

VaultClient::VaultClient(VaultSettings settings, resilience::CircuitBreaker& breaker,
                         const platform::Logger* logger)
    : settings_(std::move(settings)),
      method_(ChooseMethod(settings_)),
      breaker_(breaker),
      logger_(logger),
      transport_(TransportOptions{settings_.ca_file, settings_.timeout}) {
    while (!settings_.addr.empty() && settings_.addr.back() == '/') {
        settings_.addr.pop_back();
    }
}

VaultClient::~VaultClient() { Stop(); }

void VaultClient::Start() {
    Login();
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) {
        stop_ = false;
        thread_ = std::thread([this] { Loop(); });
    }
}

void VaultClient::Stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

std::string VaultClient::CurrentToken() const {
    std::lock_guard lock(mutex_);
    return token_;
}

std::int64_t VaultClient::TokenTtlSeconds() const {
    std::lock_guard lock(mutex_);
    return ttl_seconds_;
}

VaultClient::Response VaultClient::Call(const std::string& method, const std::string& path,
                                        const std::string& body, const std::string& token) {
    return breaker_.Call([&] {
        std::vector<std::pair<std::string, std::string>> headers{{"X-Vault-Request", "true"}};
        if (!token.empty()) {
            headers.emplace_back("X-Vault-Token", token);
        }
        auto response = transport_.Send(method, settings_.addr + "/v1/" + path, headers, body);
        // 5xx (sealed, no leader, internal) and 429 (standby, rate limited): Vault is not
        // serving us, which is the breaker's business. Anything else is an answer.
        if (response.status >= 500 || response.status == 429) {
            throw app::AppError(app::ErrorCode::kDependencyUnavailable, "vault is unavailable",
                                method + " /v1/" + path + ": HTTP " +
                                    std::to_string(response.status) + " " +
                                    ReadErrors(response.body));
        }
        return Response{response.status, std::move(response.body)};
    });
}

void VaultClient::Schedule(Clock::time_point when) {
    next_refresh_ = when;  // caller holds mutex_
    wake_.notify_all();
}

void VaultClient::Login() {
    std::lock_guard login_lock(login_mutex_);
    Response response{0, {}};
    std::string what;
    switch (method_) {
        case AuthMethod::kAppRole:
            what = "auth/approle/login";
            response = Call("POST", what,
                            json::serialize(json::object{{"role_id", settings_.role_id},
                                                         {"secret_id", settings_.secret_id}}),
                            {});
            break;
        case AuthMethod::kKubernetes:
            what = "auth/kubernetes/login";
            // Re-read on every login: the kubelet rotates projected service-account tokens.
            response =
                Call("POST", what,
                     json::serialize(json::object{{"role", settings_.k8s_role},
                                                  {"jwt", ReadFile(settings_.k8s_token_path)}}),
                     {});
            break;
        case AuthMethod::kToken:
            what = "auth/token/lookup-self";
            response = Call("GET", what, {}, settings_.token);
            break;
    }
    if (response.status != 200) {
        throw app::AppError(app::ErrorCode::kDependencyUnavailable, "vault refused the login",
                            std::string(MethodName(method_)) + " login: HTTP " +
                                std::to_string(response.status) + " " + ReadErrors(response.body));
    }
    auto answer = ReadLoginAnswer(method_, response.body, what, settings_.token);
    const std::int64_t ttl = answer.ttl_seconds;
    const bool renewable = answer.renewable;
    {
        std::lock_guard lock(mutex_);
        token_ = std::move(answer.token);
        ttl_seconds_ = ttl;
        increment_seconds_ = answer.increment_seconds;
        renewable_ = renewable;
        max_ttl_reached_ = false;
        ++generation_;
        const bool expires = ttl > 0 && (renewable || CanLogin());
        Schedule(expires ? Clock::now() + RefreshAfter(ttl, settings_.renew_at)
                         : Clock::time_point::max());
    }
    logins_.fetch_add(1);
    if (logger_ != nullptr) {
        logger_->Info("vault login", {{"method", std::string(MethodName(method_))},
                                      {"ttl_seconds", ttl},
                                      {"renewable", renewable}});
    }
}

bool VaultClient::Renew() {
    std::string token;
    std::int64_t increment = 0;
    {
        std::lock_guard lock(mutex_);
        token = token_;
        increment = increment_seconds_;
    }
    const auto response =
        Call("POST", "auth/token/renew-self",
             json::serialize(json::object{{"increment", std::to_string(increment) + "s"}}), token);
    if (response.status != 200) {
        if (logger_ != nullptr) {
            logger_->Warn("vault token renewal refused",
                          {{"status", response.status}, {"error", ReadErrors(response.body)}});
        }
        return false;
    }
    const std::int64_t ttl = ReadRenewAnswer(response.body);
    {
        std::lock_guard lock(mutex_);
        ttl_seconds_ = ttl;
        // Vault caps the TTL at the token's max TTL (and warns); from then on only a new login
        // gives a longer-lived token.
        max_ttl_reached_ = ttl < increment;
        // At least 100 ms apart: a token at its max TTL is renewed to a few seconds, then zero.
        Schedule(Clock::now() +
                 std::max(std::chrono::milliseconds(100), RefreshAfter(ttl, settings_.renew_at)));
    }
    renewals_.fetch_add(1);
    if (logger_ != nullptr) {
        logger_->Debug("vault token renewed", {{"ttl_seconds", ttl}});
    }
    return true;
}

bool VaultClient::Refresh() {
    bool login_now = false;
    {
        std::lock_guard lock(mutex_);
        login_now = max_ttl_reached_ || !renewable_;
    }
    try {
        if (login_now && CanLogin()) {
            Login();
            return true;
        }
        if (Renew()) {
            return true;
        }
        // Refused (expired, revoked, not renewable): a fresh login is the only way on.
        if (CanLogin()) {
            Login();
            return true;
        }
    } catch (const app::AppError& error) {
        if (logger_ != nullptr) {
            logger_->Warn(
                "vault token refresh failed; will retry",
                {{"error", error.internal().empty() ? error.detail() : error.internal()}});
        }
    }
    return false;
}

void VaultClient::Loop() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
        const auto due = next_refresh_;
        if (due == Clock::time_point::max()) {
            wake_.wait(lock, [&] { return stop_ || next_refresh_ != due; });
            continue;
        }
        if (Clock::now() < due) {
            wake_.wait_until(lock, due, [&] { return stop_ || next_refresh_ != due; });
            continue;
        }
        lock.unlock();
        const bool refreshed = Refresh();
        lock.lock();
        if (!refreshed) {
            next_refresh_ = Clock::now() + settings_.retry_delay;
        }
    }
}

VaultClient::Response VaultClient::Authenticated(const std::string& method, const std::string& path,
                                                 const std::string& body) {
    std::string token;
    std::uint64_t generation = 0;
    {
        std::lock_guard lock(mutex_);
        token = token_;
        generation = generation_;
    }
    auto response = Call(method, path, body, token);
    if (response.status == 403 && CanLogin()) {
        // The token expired or was revoked (e.g. Vault restarted): log in again, unless another
        // thread already did, and retry once.
        bool stale = false;
        {
            std::lock_guard lock(mutex_);
            stale = generation_ == generation;
        }
        if (stale) {
            Login();
        }
        response = Call(method, path, body, CurrentToken());
    }
    if (response.status == 403) {
        throw app::AppError(app::ErrorCode::kDependencyUnavailable, "vault denied access",
                            method + " /v1/" + path + ": HTTP 403 " + ReadErrors(response.body));
    }
    return response;
}

std::string VaultClient::KvUrl(const std::string& kind, const std::string& path) const {
    return EncodePath(settings_.kv_mount) + "/" + kind + "/" + EncodePath(path);
}

std::optional<app::ports::Secret> VaultClient::Read(const std::string& path) {
    const auto response = Authenticated("GET", KvUrl("data", path));
    if (response.status == 404) {
        return std::nullopt;  // never written, or its latest version deleted
    }
    if (response.status != 200) {
        throw app::AppError(app::ErrorCode::kInternal, "vault rejected the request",
                            "GET kv " + path + ": HTTP " + std::to_string(response.status) + " " +
                                ReadErrors(response.body));
    }
    return ReadKvAnswer(response.body);
}

void VaultClient::Write(const std::string& path, const app::ports::Secret& secret) {
    json::object data;
    for (const auto& [name, value] : secret) {
        data[name] = value;
    }
    const auto response = Authenticated("POST", KvUrl("data", path),
                                        json::serialize(json::object{{"data", std::move(data)}}));
    if (response.status != 200 && response.status != 204) {
        throw app::AppError(app::ErrorCode::kInternal, "vault rejected the request",
                            "POST kv " + path + ": HTTP " + std::to_string(response.status) + " " +
                                ReadErrors(response.body));
    }
}

void VaultClient::Delete(const std::string& path) {
    // metadata/ removes every version and the metadata: revoked credentials leave nothing behind.
    const auto response = Authenticated("DELETE", KvUrl("metadata", path));
    if (response.status != 204 && response.status != 200 && response.status != 404) {
        throw app::AppError(app::ErrorCode::kInternal, "vault rejected the request",
                            "DELETE kv " + path + ": HTTP " + std::to_string(response.status) +
                                " " + ReadErrors(response.body));
    }
}

}  // namespace store::infra::vault
