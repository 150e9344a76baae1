// Keeps the documents a newcomer reads true to the code: configuration keys and the OpenAPI
// document are checked against the tables the service really uses.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "app/auth_service.hpp"
#include "app/credential_service.hpp"
#include "app/inventory_service.hpp"
#include "app/provisioning/provisioning_service.hpp"
#include "app/store_service.hpp"
#include "app/user_service.hpp"
#include "domain/store_code.hpp"
#include "http/routes.hpp"
#include "infra/crypto/jwt_signer.hpp"
#include "infra/crypto/sodium_crypto.hpp"
#include "infra/local/file_secret_store.hpp"
#include "infra/local/zlib_compressor.hpp"
#include "infra/memory/memory_cache.hpp"
#include "infra/memory/memory_event_bus.hpp"
#include "infra/resilience/circuit_breaker.hpp"
#include "infra/sqlite/sqlite_database.hpp"
#include "infra/system_clock.hpp"
#include "platform/config.hpp"

namespace store {
std::string ReadRepoFile(const std::string& relative) {
    std::ifstream in(std::string(STORE_SOURCE_DIR) + "/" + relative);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}
}  // namespace store

namespace store::http {
std::string_view OpenApiDocument();
}  // namespace store::http

namespace store {
namespace {

TEST(ConfigurationDocs, DefaultsFileLoadsToTheEmbeddedDefaults) {
    const auto yaml = ReadRepoFile("config/defaults.yaml");
    ASSERT_FALSE(yaml.empty());
    const auto from_file = platform::LoadConfig(yaml, {}, {});
    ASSERT_TRUE(from_file.errors.empty()) << from_file.errors.front();
    // Every key must be present in the file, with the code's default.
    const auto defaults = platform::DefaultValues();
    for (const auto& key : platform::ConfigKeys()) {
        const std::string path(key.path);
        const auto dot = path.find('.');
        const std::string line =
            dot == std::string::npos ? "\n" + path + ":" : "\n  " + path.substr(dot + 1) + ":";
        EXPECT_NE(yaml.find(line), std::string::npos) << path;
        EXPECT_NE(yaml.find("(" + std::string(key.env) + ")"), std::string::npos) << key.env;
    }
    const platform::Config embedded;
    EXPECT_EQ(from_file.config.server.port, embedded.server.port);
    EXPECT_EQ(from_file.config.database.pool_size, embedded.database.pool_size);
    EXPECT_EQ(from_file.config.rate_limit.burst, embedded.rate_limit.burst);
    EXPECT_EQ(from_file.config.log.level, embedded.log.level);
    // The domain's default rule (used where no configuration is passed) is the configured one.
    EXPECT_EQ(embedded.stores.code_pattern, domain::kDefaultStoreCodePattern);
    EXPECT_EQ(embedded.stores.code_hint, domain::kDefaultStoreCodeHint);
}

TEST(ConfigurationDocs, EveryKeyIsDocumentedWithItsDefault) {
    const auto doc = ReadRepoFile("docs/configuration.md");
    const auto defaults = platform::DefaultValues();
    for (const auto& key : platform::ConfigKeys()) {
        const std::string path(key.path);
        const std::string value = defaults.at(path);
        const std::string row = "| `" + path + "` | `" + std::string(key.env) + "` | " +
                                (value.empty() ? "(empty)" : "`" + value + "`") + " |";
        EXPECT_NE(doc.find(row), std::string::npos) << "missing or outdated row: " << row;
    }
}

TEST(OpenApi, EveryRoutedPathAndMethodIsDocumented) {
    infra::sqlite::SqliteDatabase database(":memory:", 1);
    infra::memory::MemoryStoreCache cache(1, 1);
    infra::SystemClock clock;
    infra::crypto::SodiumRandom random;
    infra::crypto::Argon2idHasher hasher;
    infra::crypto::JwtSigner signer(std::string(40, 'k'), std::chrono::seconds(900));
    platform::Metrics metrics;
    infra::memory::MemoryEventBus events;
    const auto dir = std::filesystem::temp_directory_path() / ("store-docs-" + random.NewUuid());
    std::filesystem::create_directories(dir);
    infra::local::FileSecretStore secrets(dir.string());
    app::StoreService stores(database, cache, clock, random, events);
    app::TemplateService templates(database, stores, clock, random, events);
    app::AuthService auth({}, database, hasher, signer, clock, random);
    app::UserService users(database, hasher, clock, random);
    app::InventoryService inventory(database, clock, random, events);
    app::PlanningService planning(database, clock);
    app::ProvisioningService provisioning(database, cache, clock, random, events);
    app::RolloutService rollouts(database, provisioning, clock, random, events);
    http::RenderCaches renders;
    infra::resilience::BreakerRegistry breakers(clock);
    app::AlertHistory alerts(10, clock, random, events);
    app::AccessService access({}, database, signer, events, clock, random);
    infra::local::ZlibCompressor compressor;
    app::CredentialService credentials(database, secrets, compressor, clock, random, events, {});
    http::Services services{stores,    templates, auth,     users,    provisioning, credentials,
                            inventory, planning,  rollouts, database, metrics,      renders,
                            breakers,  alerts,    access,   nullptr};
    const auto router = http::BuildRouter(services);

    boost::system::error_code ec;
    const auto document = boost::json::parse(http::OpenApiDocument(), ec);
    ASSERT_FALSE(ec) << "docs/openapi.json is not valid JSON";
    EXPECT_EQ(document.at("openapi").as_string().subview().substr(0, 3), "3.1");
    const auto& paths = document.at("paths").as_object();
    std::set<std::string> routed;
    for (const auto& route : router.Routes()) {
        std::string method = route.method;
        std::transform(method.begin(), method.end(), method.begin(), ::tolower);
        routed.insert(route.pattern + " " + method);
        const auto* path = paths.if_contains(route.pattern);
        ASSERT_NE(path, nullptr) << route.pattern << " is not in docs/openapi.json";
        EXPECT_NE(path->as_object().if_contains(method), nullptr)
            << route.method << " " << route.pattern << " is not in docs/openapi.json";
    }
    // And nothing documented that the service does not serve.
    for (const auto& [path, item] : paths) {
        for (const auto& [method, operation] : item.as_object()) {
            if (method == "parameters" || method == "summary" || method == "description") {
                continue;
            }
            EXPECT_TRUE(routed.contains(std::string(path) + " " + std::string(method)))
                << method << " " << path << " is documented but not routed";
        }
    }
}

}  // namespace
}  // namespace store
