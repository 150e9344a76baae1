#include "composition/settings.hpp"

#include "platform/ip_network.hpp"

namespace store::composition {

// stores.code_pattern was checked when the configuration was loaded; this cannot fail then.
domain::StoreCodeRule StoreCodeRuleOf(const platform::Config& config) {
    std::string error;
    auto rule =
        domain::StoreCodeRule::Make(config.stores.code_pattern, config.stores.code_hint, error);
    if (!rule) {
        throw std::runtime_error("stores.code_pattern " + error);
    }
    return *rule;
}

// The breaker thresholds every dependency shares (breakers.* in the configuration).
infra::resilience::BreakerSettings BaseBreakerSettings(const platform::Config& config) {
    infra::resilience::BreakerSettings settings;
    settings.window_size = config.breakers.window_size;
    settings.minimum_calls = config.breakers.minimum_calls;
    settings.failure_rate_threshold = config.breakers.failure_rate_threshold;
    settings.slow_call_threshold = std::chrono::milliseconds(config.breakers.slow_call_ms);
    settings.slow_call_rate_threshold = config.breakers.slow_call_rate_threshold;
    settings.open_wait = std::chrono::milliseconds(config.breakers.open_wait_ms);
    settings.half_open_probes = config.breakers.half_open_probes;
    return settings;
}

app::AuthSettings AuthSettingsOf(const platform::Config& config) {
    app::AuthSettings settings;
    settings.access_ttl = std::chrono::seconds(config.auth.access_ttl_seconds);
    settings.refresh_ttl = std::chrono::seconds(config.auth.refresh_ttl_seconds);
    settings.refresh_ttl_remember = std::chrono::seconds(config.auth.remember_me_ttl_seconds);
    settings.max_failed_logins = config.auth.max_failed_logins;
    settings.failed_login_window = std::chrono::seconds(config.auth.failed_login_window_seconds);
    settings.max_login_delay = std::chrono::milliseconds(config.auth.max_login_delay_ms);
    return settings;
}

jobs::RunWorkerSettings WorkerSettingsOf(const platform::Config& config) {
    jobs::RunWorkerSettings settings;
    settings.lease = std::chrono::seconds(config.provisioning.lease_seconds);
    settings.max_attempts = config.provisioning.max_attempts;
    settings.dependency_retry = std::chrono::seconds(config.provisioning.dependency_retry_seconds);
    settings.backoff_base = std::chrono::milliseconds(config.provisioning.backoff_base_ms);
    settings.backoff_cap = std::chrono::milliseconds(config.provisioning.backoff_cap_ms);
    return settings;
}

http::ServerSettings ServerSettingsOf(const platform::Config& config) {
    http::ServerSettings settings;
    settings.bind = config.server.bind;
    settings.port = static_cast<unsigned short>(config.server.port);
    settings.http_threads = config.server.http_threads;
    settings.worker_threads = config.server.worker_threads;
    settings.body_limit_bytes = static_cast<std::size_t>(config.server.body_limit_bytes);
    settings.read_timeout_ms = config.server.read_timeout_ms;
    settings.shutdown_grace_ms = config.server.shutdown_grace_ms;
    settings.max_connections = config.server.max_connections;
    for (const auto& cidr : config.http.trusted_proxies) {
        settings.trusted_proxies.networks.push_back(*platform::ParseIpNetwork(cidr));  // validated
    }
    settings.trusted_proxies.header = config.http.forwarded_header == "forwarded"
                                          ? http::ForwardedHeader::kForwarded
                                          : http::ForwardedHeader::kXForwardedFor;
    return settings;
}

app::CredentialService::Settings CredentialSettingsOf(const platform::Config& config) {
    return {TransitionRolesOf(config).rotate,
            std::chrono::hours(24) * config.provisioning.credentials_max_age_days};
}

domain::TransitionRoles TransitionRolesOf(const platform::Config& config) {
    const auto role = [](const std::string& name) {
        return domain::ParseRole(name).value_or(domain::Role::kAdmin);
    };
    return {role(config.permissions.provision), role(config.permissions.retry),
            role(config.permissions.rollback), role(config.permissions.decommission),
            role(config.permissions.rotate)};
}

}  // namespace store::composition
