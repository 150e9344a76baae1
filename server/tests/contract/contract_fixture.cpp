#include "contract/contract_fixture.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <random>
#include <stdexcept>

#include "harness/postgres_server.hpp"
#include "infra/postgres/postgres_database.hpp"
#include "infra/sqlite/sqlite_database.hpp"

namespace store::contract {

using namespace std::chrono_literals;

domain::TimePoint At(int minutes) {
    return domain::TimePoint{std::chrono::sys_days{std::chrono::year{2026} / 11 / 25}} + 12h +
           std::chrono::minutes{minutes} + 123456us;
}

std::string NextId() {
    static std::mt19937_64 random{20261125};
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    const auto hex = [](std::uint64_t value, int digits) {
        std::string out(static_cast<std::size_t>(digits), '0');
        for (int i = digits - 1; i >= 0; --i) {
            out[static_cast<std::size_t>(i)] = "0123456789abcdef"[value & 0xF];
            value >>= 4;
        }
        return out;
    };
    const std::uint64_t a = random();
    const std::uint64_t b = random();
    return hex(a >> 32, 8) + "-" + hex((a >> 16) & 0xFFFF, 4) + "-4" + hex(a & 0xFFF, 3) + "-" +
           hex(0x8000 | (b >> 50), 4) + "-" + hex(b & 0xFFFFFFFFFFFF, 12);
}

domain::Store MakeStore(const std::string& code) {
    domain::Store store;
    store.id = NextId();
    store.fields.code = code;
    store.fields.name = "Store " + code;
    store.fields.type = "standard";
    store.fields.location = {"Main St 1", "Berlin",        "BE",         "DE",
                             "10115",     "Europe/Berlin", std::nullopt, std::nullopt};
    store.status = domain::StoreStatus::kDraft;
    store.version = 1;
    store.created_at = At(0);
    store.updated_at = At(0);
    store.created_by = "alice";
    store.updated_by = "alice";
    return store;
}

const std::vector<Backend>& Backends() {
    using app::ports::Database;
    static const std::vector<Backend> backends{
        {"Sqlite",
         [](std::string& location) -> std::unique_ptr<Database> {
             char pattern[] = "/tmp/store-contract-XXXXXX";
             if (mkdtemp(pattern) == nullptr) {
                 throw std::runtime_error("mkdtemp failed");
             }
             location = std::string(pattern) + "/store.db";
             return std::make_unique<infra::sqlite::SqliteDatabase>(location, kPoolSize);
         },
         [](const std::string& location) -> std::unique_ptr<Database> {
             return std::make_unique<infra::sqlite::SqliteDatabase>(location, kPoolSize);
         }},
        {"Postgres",
         [](std::string& location) -> std::unique_ptr<Database> {
             static std::atomic<int> counter{0};
             location = testing::PostgresServer::Shared().CreateDatabase(
                 "contract_" + std::to_string(getpid()) + "_" + std::to_string(++counter));
             return std::make_unique<infra::postgres::PostgresDatabase>(
                 infra::postgres::PostgresOptions{location, kPoolSize, 5000, 10000, 10000});
         },
         [](const std::string& location) -> std::unique_ptr<Database> {
             return std::make_unique<infra::postgres::PostgresDatabase>(
                 infra::postgres::PostgresOptions{location, kPoolSize, 5000, 10000, 10000});
         }},
    };
    return backends;
}

app::ErrorCode CodeOf(const std::function<void()>& action, std::string* detail) {
    try {
        action();
    } catch (const app::AppError& error) {
        if (detail != nullptr) {
            *detail = error.detail();
        }
        return error.code();
    }
    ADD_FAILURE() << "expected an AppError";
    return app::ErrorCode::kInternal;
}

void EngineFixture::SetUp() {
    for (const auto& backend : Backends()) {
        if (backend.name == GetParam()) {
            backend_ = &backend;
        }
    }
    ASSERT_NE(backend_, nullptr);
    db_ = backend_->create(location_);
    db_->Migrate();
}

void EngineFixture::TearDown() {
    db_.reset();
    if (GetParam() == "Sqlite" && !location_.empty()) {
        std::filesystem::remove_all(std::filesystem::path(location_).parent_path());
    }
}

}  // namespace store::contract
