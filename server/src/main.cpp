// Composition root: the only file that names concrete classes. It reads the configuration,
// builds the adapters, wires the use cases and the HTTP server, and runs until SIGTERM.

#include <CLI/CLI.hpp>
#include <atomic>
#include <filesystem>
#include <iostream>

#include "app/access_service.hpp"
#include "app/alert_history.hpp"
#include "app/auth_service.hpp"
#include "app/credential_service.hpp"
#include "app/errors.hpp"
#include "app/inventory_service.hpp"
#include "app/provisioning/provisioning_service.hpp"
#include "app/rollout_service.hpp"
#include "app/store_service.hpp"
#include "app/user_service.hpp"
#include "composition/settings.hpp"
#include "composition/wiring.hpp"
#include "http/handlers/handlers.hpp"
#include "http/pipeline.hpp"
#include "http/routes.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "infra/crypto/jwt_key.hpp"
#include "infra/crypto/jwt_signer.hpp"
#include "infra/crypto/sodium_crypto.hpp"
#include "infra/gauges.hpp"
#include "infra/local/zlib_compressor.hpp"
#include "infra/memory/memory_cache.hpp"
#include "infra/memory/memory_event_bus.hpp"
#include "infra/system_clock.hpp"
#include "infra/vault/service_secrets.hpp"
#include "jobs/rollout_driver.hpp"
#include "jobs/run_worker.hpp"
#include "jobs/worker_pool.hpp"
#include "platform/config.hpp"
#include "platform/files.hpp"
#include "platform/logging.hpp"
#include "platform/metrics.hpp"
#include "platform/periodic.hpp"
#include "ws/event_json.hpp"
#include "ws/hub.hpp"

namespace {

namespace fs = std::filesystem;
using namespace store;
using namespace store::composition;

using platform::ReadFile;

int Serve(const platform::Config& loaded_config, bool migrate_only) {
    platform::Logger logger(loaded_config.log.level);
    platform::Metrics metrics;
    infra::SystemClock clock;
    // Before the database: its pools register the "database" breakers here.
    infra::resilience::BreakerRegistry breakers(clock);
    // Vault first, when configured: it may hold the database URL and the JWT key, which then
    // stand in for the configured ones everywhere below.
    auto vault = MakeVault(loaded_config, breakers, logger);
    const platform::Config config = WithServiceSecrets(loaded_config, vault.get(), logger);
    std::error_code ec;
    fs::create_directories(config.data_dir, ec);
    if (ec) {
        logger.Error("cannot create data_dir",
                     {{"path", config.data_dir}, {"error", ec.message()}});
        return 1;
    }
    auto database = MakeDatabase(config, breakers, metrics, logger);
    database->Migrate();
    logger.Info("schema migrated", {{"database", database->Kind()}});
    if (migrate_only) {
        return 0;
    }

    // Adapters.
    infra::crypto::SodiumRandom random;
    infra::crypto::Argon2idHasher hasher;
    // Access tokens name their key (kid); a retired key verifies for one access-token lifetime.
    infra::crypto::JwtSigner signer(infra::crypto::LoadJwtKey(config, random),
                                    std::chrono::seconds(config.auth.access_ttl_seconds));
    // The key file is re-read when it changes (Vault Agent rewrites it).
    const std::string key_file = config.auth.jwt_secret.empty() ? config.auth.jwt_secret_file : "";
    platform::FileWatcher key_watcher(
        key_file, std::chrono::seconds(5),
        [&signer, &logger, &clock, key_file](const std::string& key) {
            if (key.size() >= 32) {
                signer.Rotate(key, clock.Now());
                logger.Info("jwt signing key rotated",
                            {{"file", key_file}, {"kid", signer.CurrentKeyId()}});
            }
        });
    // List pages together hold at most as many stores as the store cache itself.
    infra::memory::MemoryStoreCache memory_cache(static_cast<std::size_t>(config.cache.max_stores),
                                                 static_cast<std::size_t>(config.cache.max_pages),
                                                 static_cast<std::size_t>(config.cache.max_stores));
    // With REDIS_URL the replicas share one cache (the network-thread fast path is then off).
    RedisWiring redis = MakeRedis(config, breakers, logger);
    app::ports::StoreCache& cache =
        redis.cache ? static_cast<app::ports::StoreCache&>(*redis.cache) : memory_cache;
    infra::memory::MemoryEventBus local_events(&logger);
    const ws::JsonEventCodec event_codec;
    const auto relay =
        MakeEventRelay(config, redis, *database, breakers, random.NewUuid(), event_codec, logger);
    app::ports::EventBus& events =
        relay ? static_cast<app::ports::EventBus&>(*relay) : local_events;
    const auto secret_store = MakeSecretStore(config, vault.get());
    infra::local::ZlibCompressor compressor;

    // Use cases.
    app::AlertHistory alerts(500, clock, random, events);
    // Every remote dependency has a breaker; transitions are logged, published and alerted.
    // The driver's own words go to the log only; events and alerts carry the shown reason.
    breakers.SetListener([&](const std::string& name, infra::resilience::BreakerState from,
                             infra::resilience::BreakerState to, const std::string& reason,
                             const std::string& log_detail) {
        const std::string from_text(infra::resilience::ToString(from));
        const std::string to_text(infra::resilience::ToString(to));
        logger.Warn("circuit breaker changed", {{"dependency", name},
                                                {"from", from_text},
                                                {"to", to_text},
                                                {"reason", reason},
                                                {"lastError", log_detail}});
        alerts.DependencyChanged(name, from_text, to_text, reason);
    });
    app::AuthService auth(AuthSettingsOf(config), *database, hasher, signer, clock, random);
    app::StoreService stores(*database, cache, clock, random, events, StoreCodeRuleOf(config));
    app::TemplateService templates(*database, stores, clock, random, events);
    app::UserService users(*database, hasher, clock, random);
    // Who may use the API, from memory; ends access on every replica (docs/security.md).
    app::AccessService access({}, *database, signer, events, clock, random);
    auth.SetAccess(access);
    users.SetAccess(access);
    app::InventoryService inventory(*database, clock, random, events);
    app::PlanningService planning(*database, clock);
    app::ProvisioningService provisioning(*database, cache, clock, random, events);
    provisioning.SetTransitionRoles(TransitionRolesOf(config));
    provisioning.SetDefaultVlans(config.provisioning.default_vlans);
    app::CredentialService credentials(*database, *secret_store, compressor, clock, random, events,
                                       CredentialSettingsOf(config));
    const app::provisioning::StepContext step_context{
        *database, cache,  *secret_store, compressor,
        clock,     random, events,        config.provisioning.default_vlans};
    const auto steps = MakeSteps(config, step_context, logger);
    jobs::RunWorker run_worker(WorkerSettingsOf(config), steps, step_context);
    // Set once the rollout driver exists; a run that ends here wakes it.
    std::atomic<jobs::RolloutDriver*> rollout_driver{nullptr};
    // Counters' series from 0, so that rate() and increase() see a replica's first failed run or
    // login after a start (a series that appears at 1 has no increase).
    http::handlers::StartLoginCounters(metrics);
    for (const auto kind : {domain::RunKind::kProvision, domain::RunKind::kDecommission,
                            domain::RunKind::kRollback}) {
        for (const auto result : {domain::RunStatus::kSucceeded, domain::RunStatus::kFailed}) {
            metrics.Increment("store_provisioning_runs_total",
                              {{"kind", std::string(domain::ToString(kind))},
                               {"result", std::string(domain::ToString(result))}},
                              0.0);
        }
    }
    run_worker.SetRunFinished([&metrics, &rollout_driver](const domain::Run& run) {
        metrics.Increment("store_provisioning_runs_total",
                          {{"kind", std::string(domain::ToString(run.kind))},
                           {"result", std::string(domain::ToString(run.status))}});
        if (auto* driver = rollout_driver.load()) {
            driver->WakeUp();
        }
    });
    // A generated admin password goes to a file only the service's user can read; the log
    // (collected, shipped, kept) names the file, never the password. Written before the user is
    // committed: if it cannot be written, no admin exists with a password nobody knows.
    const auto& bootstrap = config.auth.bootstrap_admin_password;
    const std::string password_file = (fs::path(config.data_dir) / "admin-password").string();
    if (auth.EnsureBootstrapAdmin(bootstrap.empty() ? std::nullopt : std::optional(bootstrap),
                                  [&](const std::string& password) {
                                      std::error_code ignored;
                                      fs::remove(password_file,
                                                 ignored);  // a leftover of an earlier database
                                      platform::WritePrivateFile(password_file, password + "\n");
                                  })) {
        logger.Warn(
            "created user 'admin' with a generated password, in a file only this "
            "service's user can read; log in, change the password, delete the file",
            {{"username", "admin"}, {"passwordFile", password_file}});
    }

    // Workers start once everything they use exists; they stop before any of it goes away.
    jobs::WorkerPool workers(run_worker, logger, config.provisioning.workers,
                             std::chrono::milliseconds(config.provisioning.poll_interval_ms),
                             random.NewUuid().substr(0, 8));
    provisioning.SetWakeUp([&workers] { workers.WakeUp(); });
    app::RolloutService rollouts(*database, provisioning, clock, random, events);
    jobs::RolloutDriver driver(rollouts, logger,
                               std::chrono::milliseconds(config.provisioning.poll_interval_ms));
    rollouts.SetWakeUp([&driver] { driver.WakeUp(); });
    rollout_driver.store(&driver);

    // HTTP and live events.
    std::unique_ptr<http::StaticFiles> static_files;
    if (!config.server.static_dir.empty()) {
        try {
            static_files = std::make_unique<http::StaticFiles>(config.server.static_dir);
        } catch (const std::exception& e) {
            logger.Warn("dashboard not served", {{"reason", e.what()}});
        }
    }
    http::RenderCaches renders;
    http::Services services{stores,       templates,   auth,      users,
                            provisioning, credentials, inventory, planning,
                            rollouts,     *database,   metrics,   renders,
                            breakers,     alerts,      access,    static_files.get()};
    const http::Router router = http::BuildRouter(services);
    http::RateLimiter limiter(config.rate_limit.requests_per_second, config.rate_limit.burst);
    http::Pipeline pipeline({config.server.cors_origins, config.log.access_log,
                             static_cast<std::size_t>(config.server.compression_min_bytes)},
                            router, services, logger, metrics, limiter);
    ws::Hub hub(events);  // GET /api/events, fed from the event bus
    access.SetAccessEnded(
        [&hub](const std::string& subject, std::int64_t epoch) { hub.EndAccess(subject, epoch); });
    // Epochs and tokens read once before serving, then re-read periodically: what bounds the
    // staleness when an access.revoked event between replicas is lost.
    const auto maintain_access = [&access, &logger] {
        try {
            access.Maintain();
        } catch (const std::exception& e) {
            logger.Warn("access re-read failed; retried next interval", {{"error", e.what()}});
        }
    };
    maintain_access();
    platform::Periodic access_maintenance(std::chrono::seconds(config.auth.access_resync_seconds),
                                          maintain_access);

    // Gauges, read at every scrape.
    infra::RegisterDatabaseGauges(metrics, *database);
    infra::RegisterBreakerGauges(metrics, breakers);
    infra::RegisterCacheGauges(metrics, memory_cache, redis.cache.get());
    if (relay) {
        infra::RegisterRelayGauges(metrics, *relay);
    }
    RegisterServiceGauges(metrics, stores, hub);

    http::HttpServer server(ServerSettingsOf(config), pipeline, logger,
                            MakeLiveEvents(hub, access));
    const unsigned short port = server.Listen();
    logger.Always("listening", {{"port", port},
                                {"bind", config.server.bind},
                                {"database", database->Kind()},
                                {"dashboard", static_files != nullptr}});
    server.Run();
    rollout_driver.store(nullptr);
    driver.Stop();
    workers.Stop();
    if (relay) {
        relay->Stop();  // no remote event may reach the hub while it goes away
    }
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
            "--bind", [&](const std::string& v) { overrides["server.bind"] = v; },
            "listen address");
        command->add_option_function<std::string>(
            "--data-dir", [&](const std::string& v) { overrides["data_dir"] = v; },
            "data directory");
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
    auto* config_cmd = cli.add_subcommand("config", "inspect the configuration");
    config_cmd->require_subcommand(1);
    auto* config_keys =
        config_cmd->add_subcommand("keys", "print every key and its environment variable");
    CLI11_PARSE(cli, argc, argv);
    if (config_keys->parsed()) {
        std::cout << platform::ConfigKeysText();
        return 0;
    }

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
