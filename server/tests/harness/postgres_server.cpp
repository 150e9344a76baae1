#include "harness/postgres_server.hpp"
#include "harness/process.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace store::testing {
namespace {

std::string PsqlBinary() {
    const char* bin = std::getenv("PG_BIN");
    return std::string(bin != nullptr ? bin : "/usr/lib/postgresql/15/bin") + "/psql";
}

/// Single-quotes `text` for the shell.
std::string ShellQuote(const std::string& text) {
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

std::mutex shared_mutex;
std::unique_ptr<PostgresServer> shared_server;

/// Stops the shared server when the tests are done rather than in a static destructor.
class SharedServerEnvironment : public ::testing::Environment {
public:
    void TearDown() override {
        std::lock_guard lock(shared_mutex);
        shared_server.reset();
    }
};

[[maybe_unused]] const auto* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new SharedServerEnvironment);

}  // namespace

PostgresServer::PostgresServer() {
    char pattern[] = "/tmp/store-pg-XXXXXX";
    if (mkdtemp(pattern) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    dir_ = pattern;
    try {
        url_ = RunCommand(ScriptPath("start-postgres.sh") + " " + ShellQuote(dir_));
    } catch (...) {
        const int status =
            std::system((ScriptPath("stop-postgres.sh") + " " + ShellQuote(dir_)).c_str());
        static_cast<void>(status);
        throw;
    }
}

PostgresServer::~PostgresServer() {
    const int status = std::system(
        (ScriptPath("stop-postgres.sh") + " " + ShellQuote(dir_) + " >/dev/null 2>&1").c_str());
    static_cast<void>(status);  // nothing to do about a failed stop in a destructor
}

std::string PostgresServer::CreateDatabase(const std::string& name) const {
    for (const char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            throw std::invalid_argument("database names are [a-z0-9_]: " + name);
        }
    }
    Psql("store", "CREATE DATABASE " + name);
    return url_.substr(0, url_.rfind('/') + 1) + name;
}

void PostgresServer::Psql(const std::string& database, const std::string& sql) const {
    const std::string url = url_.substr(0, url_.rfind('/') + 1) + database;
    RunCommand(PsqlBinary() + " -q -v ON_ERROR_STOP=1 " + ShellQuote(url) + " -c " +
               ShellQuote(sql) + " 2>&1");
}

PostgresServer& PostgresServer::Shared() {
    std::lock_guard lock(shared_mutex);
    if (!shared_server) {
        shared_server = std::make_unique<PostgresServer>();
    }
    return *shared_server;
}

}  // namespace store::testing
