// Composition root: the only file that names concrete classes. It reads the configuration,
// builds the adapters, wires the use cases and the HTTP server, and runs until SIGTERM.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/alert_history.hpp"
#include "app/auth_service.hpp"
#include "app/inventory_service.hpp"
#include "app/provisioning_service.hpp"
#include "app/errors.hpp"
#include "app/store_service.hpp"
#include "app/user_service.hpp"
#include "http/pipeline.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "infra/crypto/jwt_signer.hpp"
#include "infra/crypto/sodium_crypto.hpp"
#include "infra/local/file_secret_store.hpp"
#include "infra/local/zlib_compressor.hpp"
#include "infra/memory/memory_cache.hpp"
#include "infra/memory/memory_event_bus.hpp"
#include "jobs/worker_pool.hpp"
#include "infra/postgres/postgres_database.hpp"
#include "infra/resilience/circuit_breaker.hpp"
#include "infra/sqlite/sqlite_database.hpp"
#include "infra/system_clock.hpp"
#include "domain/audit_diff.hpp"
#include "platform/config.hpp"
#include "platform/logging.hpp"
#include "platform/metrics.hpp"
#include "ws/hub.hpp"

namespace {

namespace fs = std::filesystem;
using namespace store;

std::optional<std::string> ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

std::string Trim(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

// The JWT key: configured secret, else a key file (re-read on change), else a key generated
// once in the data directory (mode 0600).
std::string LoadJwtKey(const platform::Config& config, app::ports::RandomSource& random) {
    if (!config.auth.jwt_secret.empty()) {
        return config.auth.jwt_secret;
    }
    if (!config.auth.jwt_secret_file.empty()) {
        const auto key = ReadFile(config.auth.jwt_secret_file);
        if (!key || Trim(*key).size() < 32) {
            throw std::runtime_error("auth.jwt_secret_file " + config.auth.jwt_secret_file +
                                     " is missing or holds fewer than 32 characters");
        }
        return Trim(*key);
    }
    const std::string path = (fs::path(config.data_dir) / "jwt.key").string();
    if (const auto key = ReadFile(path); key && Trim(*key).size() >= 32) {
        return Trim(*key);
    }
    const std::string key = random.NewToken(48);
    const mode_t old_mask = umask(077);
    std::ofstream(path, std::ios::trunc) << key << "\n";
    umask(old_mask);
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    return key;
}

// Watches the key file and rotates the signer when it changes (Vault Agent rewrites it).
class KeyFileWatcher {
public:
    KeyFileWatcher(std::string path, infra::crypto::JwtSigner& signer, const platform::Logger& logger)
        : path_(std::move(path)), signer_(signer), logger_(logger) {
        if (!path_.empty()) {
            thread_ = std::thread([this] { Loop(); });
        }
    }
    ~KeyFileWatcher() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) {
            thread_.join();
        }
    }

private:
    void Loop() {
        std::error_code ec;
        auto last = fs::last_write_time(path_, ec);
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, std::chrono::seconds(5), [this] { return stop_; })) {
            const auto now = fs::last_write_time(path_, ec);
            if (ec || now == last) {
                continue;
            }
            last = now;
            if (const auto key = ReadFile(path_); key && Trim(*key).size() >= 32) {
                signer_.Rotate(Trim(*key));
                logger_.Info("jwt signing key rotated", {{"file", path_}});
            }
        }
    }

    std::string path_;
    infra::crypto::JwtSigner& signer_;
    const platform::Logger& logger_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

std::unique_ptr<app::ports::Database> MakeDatabase(const platform::Config& config) {
    std::string url = config.database.url;
    if (!config.database.url_file.empty()) {
        const auto text = ReadFile(config.database.url_file);
        if (!text) {
            throw std::runtime_error("database.url_file " + config.database.url_file +
                                     " cannot be read");
        }
        url = Trim(*text);
    }
    if (url.empty()) {
        return std::make_unique<infra::sqlite::SqliteDatabase>(
            (fs::path(config.data_dir) / "store.db").string(), std::max(2, config.database.pool_size));
    }
    infra::postgres::PostgresOptions options;
    options.url = url;
    options.pool_size = config.database.pool_size;
    options.connect_timeout_ms = config.database.connect_timeout_ms;
    options.acquire_timeout_ms = config.database.acquire_timeout_ms;
    options.statement_timeout_ms = config.database.statement_timeout_ms;
    return std::make_unique<infra::postgres::PostgresDatabase>(options);
}

int Serve(const platform::Config& config, bool migrate_only) {
    platform::Logger logger(config.log.level);
    std::error_code ec;
    fs::create_directories(config.data_dir, ec);
    if (ec) {
        logger.Error("cannot create data_dir", {{"path", config.data_dir}, {"error", ec.message()}});
        return 1;
    }
    auto database = MakeDatabase(config);
    database->Migrate();
    logger.Info("schema migrated", {{"database", database->Kind()}});
    if (migrate_only) {
        return 0;
    }

    infra::SystemClock clock;
    infra::crypto::SodiumRandom random;
    infra::crypto::Argon2idHasher hasher;
    infra::crypto::JwtSigner signer(LoadJwtKey(config, random));
    KeyFileWatcher key_watcher(config.auth.jwt_secret.empty() ? config.auth.jwt_secret_file : "",
                               signer, logger);
    // List pages together hold at most as many stores as the store cache itself.
    infra::memory::MemoryStoreCache cache(static_cast<std::size_t>(config.cache.max_stores),
                                          static_cast<std::size_t>(config.cache.max_pages),
                                          static_cast<std::size_t>(config.cache.max_stores));
    platform::Metrics metrics;
    infra::memory::MemoryEventBus events(&logger);
    app::AlertHistory alerts(500, clock, random, events);
    // Every remote dependency gets a breaker here; transitions are logged, published as
    // system.breaker_changed events and recorded as alerts.
    infra::resilience::BreakerRegistry breakers(clock);
    breakers.SetListener([&](const std::string& name, infra::resilience::BreakerState from,
                             infra::resilience::BreakerState to, const std::string& reason) {
        const std::string from_text(infra::resilience::ToString(from));
        const std::string to_text(infra::resilience::ToString(to));
        logger.Warn("circuit breaker changed",
                    {{"dependency", name}, {"from", from_text}, {"to", to_text}, {"reason", reason}});
        events.Publish({"system.breaker_changed", clock.Now(),
                        "{\"dependency\":" + domain::JsonQuote(name) + ",\"from\":\"" + from_text +
                            "\",\"to\":\"" + to_text + "\",\"reason\":" + domain::JsonQuote(reason) + "}"});
        if (to == infra::resilience::BreakerState::kOpen) {
            alerts.Raise("critical", name, name + " is unavailable", reason);
        } else if (to == infra::resilience::BreakerState::kClosed) {
            alerts.Raise("info", name, name + " recovered", reason);
        }
    });
    infra::local::FileSecretStore secrets(config.data_dir);
    infra::local::ZlibCompressor compressor;

    app::AuthSettings auth_settings;
    auth_settings.access_ttl = std::chrono::seconds(config.auth.access_ttl_seconds);
    auth_settings.refresh_ttl = std::chrono::seconds(config.auth.refresh_ttl_seconds);
    auth_settings.refresh_ttl_remember = std::chrono::seconds(config.auth.remember_me_ttl_seconds);
    auth_settings.max_failed_logins = config.auth.max_failed_logins;
    auth_settings.failed_login_window = std::chrono::seconds(config.auth.failed_login_window_seconds);
    app::AuthService auth(auth_settings, *database, hasher, signer, clock, random);
    app::StoreService stores(*database, cache, clock, random, events);
    app::UserService users(*database, hasher, clock, random);
    app::InventoryService inventory(*database, clock, random);
    app::ProvisioningSettings provisioning_settings;
    provisioning_settings.lease = std::chrono::seconds(config.provisioning.lease_seconds);
    provisioning_settings.max_attempts = config.provisioning.max_attempts;
    provisioning_settings.backoff_base = std::chrono::milliseconds(config.provisioning.backoff_base_ms);
    provisioning_settings.backoff_cap = std::chrono::milliseconds(config.provisioning.backoff_cap_ms);
    provisioning_settings.default_vlans = config.provisioning.default_vlans;
    provisioning_settings.inject_transient_failures = config.provisioning.inject_failures;
    if (!config.provisioning.inject_failures.empty()) {
        logger.Warn("fault injection is configured: provisioning steps will fail on purpose",
                    {{"provisioning.inject_failures", true}});
    }
    app::ProvisioningService provisioning(provisioning_settings, *database, cache, secrets,
                                          compressor, clock, random, events);

    const auto& bootstrap = config.auth.bootstrap_admin_password;
    if (auto generated = auth.EnsureBootstrapAdmin(bootstrap.empty() ? std::nullopt
                                                                     : std::optional(bootstrap))) {
        logger.Warn("created user 'admin' with a generated password; it is shown only this once",
                    {{"username", "admin"}, {"password", *generated}});
    }

    std::unique_ptr<http::StaticFiles> static_files;
    if (!config.server.static_dir.empty()) {
        try {
            static_files = std::make_unique<http::StaticFiles>(config.server.static_dir);
        } catch (const std::exception& e) {
            logger.Warn("dashboard not served", {{"reason", e.what()}});
        }
    }

    metrics.RegisterGauge("store_db_pool_connections", "Database connections by state.",
                          [&database] {
                              const auto stats = database->Stats();
                              return std::vector<platform::Metrics::Sample>{
                                  {{{"state", "busy"}}, static_cast<double>(stats.busy)},
                                  {{{"state", "idle"}}, static_cast<double>(stats.idle)},
                                  {{{"state", "waiting"}}, static_cast<double>(stats.waiting)}};
                          });
    metrics.RegisterGauge("store_circuit_breaker_state",
                          "Breaker state per dependency: 0 closed, 1 half-open, 2 open.", [&breakers] {
                              std::vector<platform::Metrics::Sample> samples;
                              for (const auto& d : breakers.Dependencies()) {
                                  const double value = d.state == "open" ? 2 : d.state == "half_open" ? 1 : 0;
                                  samples.push_back({{{"dependency", d.name}}, value});
                              }
                              return samples;
                          });
    metrics.RegisterGauge("store_circuit_breaker_calls_total",
                          "Calls through each breaker since start, by result.", [&breakers] {
                              std::vector<platform::Metrics::Sample> samples;
                              for (const auto& d : breakers.Dependencies()) {
                                  samples.push_back({{{"dependency", d.name}, {"result", "success"}}, static_cast<double>(d.successes)});
                                  samples.push_back({{{"dependency", d.name}, {"result", "failure"}}, static_cast<double>(d.failures)});
                                  samples.push_back({{{"dependency", d.name}, {"result", "rejected"}}, static_cast<double>(d.rejected)});
                              }
                              return samples;
                          }, "counter");
    metrics.RegisterGauge("store_stores_total", "Stores by lifecycle status.", [&stores] {
        std::vector<platform::Metrics::Sample> samples;
        try {
            for (const auto& [status, count] : stores.Stats().by_status) {
                samples.push_back({{{"status", status}}, static_cast<double>(count)});
            }
        } catch (const app::AppError&) {
            // Database down: the scrape still answers; readiness reports the outage.
        }
        return samples;
    });
    metrics.RegisterGauge("store_cache_hits", "Store cache lookups that hit since start.", [&cache] {
        return std::vector<platform::Metrics::Sample>{
            {{{"result", "hit"}}, static_cast<double>(cache.Stats().hits)},
            {{{"result", "miss"}}, static_cast<double>(cache.Stats().misses)}};
    });

    // Workers start once everything they use exists; they stop before any of it goes away.
    jobs::WorkerPool workers(provisioning, logger, config.provisioning.workers,
                             std::chrono::milliseconds(config.provisioning.poll_interval_ms),
                             random.NewUuid().substr(0, 8));
    provisioning.SetWakeUp([&workers] { workers.WakeUp(); });

    http::RenderCaches renders;
    http::Services services{stores,  auth,    users,  provisioning, inventory, *database,
                            metrics, renders, breakers, alerts, static_files.get()};
    const http::Router router = http::BuildRouter(services);
    http::RateLimiter limiter(config.rate_limit.requests_per_second, config.rate_limit.burst);
    http::Pipeline pipeline({config.server.cors_origins, config.log.access_log}, router, services,
                            logger, metrics, limiter);

    http::ServerSettings settings;
    settings.bind = config.server.bind;
    settings.port = static_cast<unsigned short>(config.server.port);
    settings.http_threads = config.server.http_threads;
    settings.worker_threads = config.server.worker_threads;
    settings.body_limit_bytes = static_cast<std::size_t>(config.server.body_limit_bytes);
    settings.read_timeout_ms = config.server.read_timeout_ms;
    settings.shutdown_grace_ms = config.server.shutdown_grace_ms;
    settings.max_connections = config.server.max_connections;
    // Live events: GET /api/events upgraded to a WebSocket, fed from the event bus. Tokens are
    // checked like bearer tokens; a session is closed (1008) when its token expires.
    ws::Hub hub(events);
    metrics.RegisterGauge("store_ws_connections", "Open live-event WebSocket connections.", [&hub] {
        return std::vector<platform::Metrics::Sample>{{{}, static_cast<double>(hub.Size())}};
    });
    http::LiveEvents live_events{
        hub,
        [&auth, &signer, &clock](std::string_view token) -> std::optional<ws::Principal> {
            try {
                const app::Actor actor = auth.Authenticate(token);
                const auto claims = signer.Verify(token, clock.Now()).claims;
                if (!claims) {
                    return std::nullopt;
                }
                return ws::Principal{actor.username, claims->expires_at};
            } catch (const app::AppError&) {
                return std::nullopt;
            }
        },
        ws::SessionSettings{}};
    http::HttpServer server(settings, pipeline, logger, std::move(live_events));
    const unsigned short port = server.Listen();
    logger.Info("listening", {{"port", port},
                              {"bind", config.server.bind},
                              {"database", database->Kind()},
                              {"dashboard", static_files != nullptr}});
    server.Run();
    workers.Stop();
    logger.Info("stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"store-service: the Store Provisioning Platform"};
    cli.require_subcommand(1);
    std::string config_file;
    std::map<std::string, std::string> overrides;
    const auto add_options = [&](CLI::App* command) {
        command->add_option("--config", config_file, "YAML configuration file");
        command->add_option_function<std::string>(
            "--port", [&](const std::string& v) { overrides["server.port"] = v; }, "TCP port");
        command->add_option_function<std::string>(
            "--bind", [&](const std::string& v) { overrides["server.bind"] = v; }, "listen address");
        command->add_option_function<std::string>(
            "--data-dir", [&](const std::string& v) { overrides["data_dir"] = v; }, "data directory");
        command->add_option_function<std::string>(
            "--static-dir", [&](const std::string& v) { overrides["server.static_dir"] = v; },
            "built dashboard directory");
        command->add_option_function<std::string>(
            "--database-url", [&](const std::string& v) { overrides["database.url"] = v; },
            "PostgreSQL URL");
    };
    auto* serve = cli.add_subcommand("serve", "run the HTTP service");
    auto* migrate = cli.add_subcommand("migrate", "apply schema migrations and exit");
    add_options(serve);
    add_options(migrate);
    CLI11_PARSE(cli, argc, argv);

    std::string yaml;
    if (!config_file.empty()) {
        const auto text = ReadFile(config_file);
        if (!text) {
            std::cerr << "store-service: cannot read config file " << config_file << "\n";
            return 2;
        }
        yaml = *text;
    }
    const auto loaded = platform::LoadConfig(yaml, platform::ProcessEnvironment(), overrides);
    if (!loaded.errors.empty()) {
        std::cerr << "store-service: invalid configuration:\n";
        for (const auto& error : loaded.errors) {
            std::cerr << "  - " << error << "\n";
        }
        return 2;
    }
    try {
        return Serve(loaded.config, migrate->parsed());
    } catch (const app::AppError& e) {
        std::cerr << "store-service: " << e.detail() << " (" << e.internal() << ")\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "store-service: " << e.what() << "\n";
        return 1;
    }
}
