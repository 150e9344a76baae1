#pragma once

#include <string_view>
#include <vector>

namespace store::infra::postgres {

/// One file of server/migrations/postgres, compiled in by cmake/EmbedMigrations.cmake.
struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

/// Every migration in version order.
const std::vector<Migration>& EmbeddedMigrations();

}  // namespace store::infra::postgres
