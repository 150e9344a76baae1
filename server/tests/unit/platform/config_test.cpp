#include "platform/config.hpp"

#include <gtest/gtest.h>

#include "platform/metrics.hpp"

namespace store::platform {
namespace {

TEST(Config, EmbeddedDefaultsNeedNoSource) {
    const auto result = LoadConfig("", {}, {});
    EXPECT_TRUE(result.errors.empty());
    EXPECT_EQ(result.config.server.port, 8080);
    EXPECT_EQ(result.config.database.url, "");
    EXPECT_EQ(result.config.server.body_limit_bytes, 1024 * 1024);
}

TEST(Config, LaterSourcesWin) {
    const auto result =
        LoadConfig("server:\n  port: 9000\n  http_threads: 3\n",
                   {{"PORT", "9100"}, {"LOG_LEVEL", "debug"}}, {{"server.port", "9200"}});
    ASSERT_TRUE(result.errors.empty());
    EXPECT_EQ(result.config.server.port, 9200);
    EXPECT_EQ(result.config.server.http_threads, 3);
    EXPECT_EQ(result.config.log.level, "debug");
}

TEST(Config, ReportsEveryProblemAtOnceWithItsSource) {
    const auto result = LoadConfig("server:\n  port: many\n  colour: red\n",
                                   {{"DATABASE_URL", "mysql://x"}, {"LOG_LEVEL", "loud"}}, {});
    ASSERT_EQ(result.errors.size(), 4u);
    const auto all = [&] {
        std::string text;
        for (const auto& e : result.errors) text += e + "\n";
        return text;
    }();
    EXPECT_NE(all.find("config file: server.port"), std::string::npos);
    EXPECT_NE(all.find("unknown key 'server.colour'"), std::string::npos);
    EXPECT_NE(all.find("environment DATABASE_URL"), std::string::npos);
    EXPECT_NE(all.find("environment LOG_LEVEL"), std::string::npos);
}

TEST(Config, AStoreCodePatternThatIsNoRegexIsAnErrorNamingTheKey) {
    const auto ok = LoadConfig("stores:\n  code_pattern: \"^[0-9]{4}$\"\n", {}, {});
    ASSERT_TRUE(ok.errors.empty());
    EXPECT_EQ(ok.config.stores.code_pattern, "^[0-9]{4}$");
    const auto bad = LoadConfig("", {{"STORES_CODE_PATTERN", "[A-Z"}}, {});
    ASSERT_EQ(bad.errors.size(), 1u);
    EXPECT_NE(bad.errors.front().find("environment STORES_CODE_PATTERN"), std::string::npos)
        << bad.errors.front();
    EXPECT_NE(bad.errors.front().find("not a valid ECMAScript regular expression"),
              std::string::npos)
        << bad.errors.front();
    EXPECT_EQ(LoadConfig("", {{"STORES_CODE_PATTERN", ""}}, {}).errors.size(), 1u);
}

TEST(Config, ListsAreCommaSeparatedOrYamlSequences) {
    EXPECT_EQ(LoadConfig("", {{"CORS_ORIGINS", "https://a.example, https://b.example"}}, {})
                  .config.server.cors_origins.size(),
              2u);
    EXPECT_EQ(LoadConfig("server:\n  cors_origins: [https://a.example]\n", {}, {})
                  .config.server.cors_origins.at(0),
              "https://a.example");
}

TEST(Config, BrokenYamlIsAnErrorNotACrash) {
    EXPECT_FALSE(LoadConfig("server: [unclosed", {}, {}).errors.empty());
}

TEST(Config, EveryKeyHasADefaultAndAnEnvironmentVariable) {
    const auto defaults = DefaultValues();
    for (const auto& key : ConfigKeys()) {
        EXPECT_TRUE(defaults.contains(std::string(key.path))) << key.path;
        EXPECT_FALSE(key.env.empty()) << key.path;
    }
    EXPECT_EQ(defaults.size(), ConfigKeys().size());
}

TEST(Metrics, RendersRequestCountersAndHistograms) {
    Metrics metrics;
    metrics.ObserveRequest("GET", "/api/stores/{id}", 200, 0.003);
    metrics.ObserveRequest("GET", "/api/stores/{id}", 200, 0.2);
    metrics.Increment("store_auth_logins_total", {{"result", "failure"}});
    const auto text = metrics.Render();
    EXPECT_NE(
        text.find(
            "http_requests_total{method=\"GET\",route=\"/api/stores/{id}\",status=\"200\"} 2"),
        std::string::npos);
    EXPECT_NE(text.find("http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/stores/"
                        "{id}\",le=\"0.005\"} 1"),
              std::string::npos);
    EXPECT_NE(text.find("le=\"+Inf\"} 2"), std::string::npos);
    EXPECT_NE(text.find("store_auth_logins_total{result=\"failure\"} 1"), std::string::npos);
    EXPECT_NE(text.find("process_resident_memory_bytes "), std::string::npos);
}

// Found while seeding fuzz_config with YAML anchors (&a / *a): aliases let a small file name an
// exponential number of values (this one 2^14; 26 lines make 2^26: minutes of CPU and GBs), and
// flattening visited every one. The file is now refused once it holds more nodes than any
// configuration needs.
TEST(Config, RefusesAFileWhoseAliasesExpandToTooManyValues) {
    std::string yaml = "a0: &a0 {x: 1, y: 2}\n";
    for (int i = 1; i <= 14; ++i) {
        yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " {p: *a" +
                std::to_string(i - 1) + ", q: *a" + std::to_string(i - 1) + "}\n";
    }
    const auto result = LoadConfig(yaml, {}, {});
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_NE(result.errors[0].find("more than 1000 values"), std::string::npos)
        << result.errors[0];
}

// Found by fuzz_config after 6,485 executions (ASan stack-overflow): an alias inside the value
// it names (&a2 {p: *a2}) made flattening recurse for ever; before the fix this test crashed.
TEST(Config, RefusesAFileWhoseAliasContainsItself) {
    const auto result = LoadConfig("server: &s {port: 1, again: *s}\n", {}, {});
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_NE(result.errors[0].find("nested deeper than 32 levels"), std::string::npos)
        << result.errors[0];
}

// Found by fuzz_config (sixth session: 405 executions/s, 1 GB resident): aliases repeating a long
// key under each other stay under the node limit yet name thousands of dotted paths of many
// kilobytes each, and every unknown one came back as an error quoting it. This 14 KB file stays
// under the node limit (500 nodes) but names 255 paths of up to 7 KB (about 1 MB, and as much
// again in errors); it is now refused by size.
TEST(Config, RefusesAFileWhoseAliasesNameTooManyBytesOfKeys) {
    const std::string long_key(1000, 'k');  // YAML allows implicit keys up to 1024
    std::string yaml = "a0: &a0 {x: 1}\n";
    for (int i = 1; i <= 7; ++i) {
        yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " {" + long_key +
                std::to_string(i) + "p: *a" + std::to_string(i - 1) + ", " + long_key +
                std::to_string(i) + "q: *a" + std::to_string(i - 1) + "}\n";
    }
    ASSERT_LT(yaml.size(), 15'000u);
    const auto result = LoadConfig(yaml, {}, {});
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_NE(result.errors[0].find("more than 64 KiB of keys and values"), std::string::npos)
        << result.errors[0].substr(0, 200);
}

}  // namespace
}  // namespace store::platform
