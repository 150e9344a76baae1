#pragma once

// What every contract suite shares: the engines (SQLite in a temp file, PostgreSQL in a fresh
// database on the harness server), a fixture that opens a migrated, empty database of the
// engine named by the test parameter, fixed instants and deterministic ids.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/errors.hpp"
#include "app/ports/database.hpp"
#include "domain/store.hpp"

namespace store::contract {

inline constexpr int kPoolSize = 8;

/// A fixed instant (tests never read the clock), with microseconds: the precision kept.
domain::TimePoint At(int minutes);

/// Deterministic UUID-shaped ids (36 characters, lower-case hex); thread-safe.
std::string NextId();

/// A draft store with every required field set.
domain::Store MakeStore(const std::string& code);

struct Backend {
    std::string name;
    /// A new, empty database; `location` receives what opens it again (path or URL).
    std::function<std::unique_ptr<app::ports::Database>(std::string& location)> create;
    std::function<std::unique_ptr<app::ports::Database>(const std::string& location)> open;
};

/// "Sqlite" and "Postgres".
const std::vector<Backend>& Backends();

/// The code of the AppError `action` throws (a failure when it throws none); its detail goes
/// to `detail` when given.
app::ErrorCode CodeOf(const std::function<void()>& action, std::string* detail = nullptr);

/// A migrated, empty database of the engine named by the parameter.
class EngineFixture : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override;
    void TearDown() override;

    const Backend* backend_ = nullptr;
    std::string location_;
    std::unique_ptr<app::ports::Database> db_;
};

/// The parameters of INSTANTIATE_TEST_SUITE_P for both engines.
inline auto Engines() { return ::testing::Values(std::string("Sqlite"), std::string("Postgres")); }
inline std::string EngineName(const ::testing::TestParamInfo<std::string>& info) {
    return info.param;
}

}  // namespace store::contract
