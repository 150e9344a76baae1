#pragma once

#include <string_view>
#include <vector>

namespace store::infra::sql {

/// One file of server/migrations/<database>, compiled in by cmake/EmbedMigrations.cmake.
/// Migrations stay per database: the schemas differ (types, constraints, triggers).
struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

}  // namespace store::infra::sql

namespace store::infra::sqlite {
/// Every migration of server/migrations/sqlite in version order.
const std::vector<sql::Migration>& EmbeddedMigrations();
}  // namespace store::infra::sqlite

namespace store::infra::postgres {
/// Every migration of server/migrations/postgres in version order.
const std::vector<sql::Migration>& EmbeddedMigrations();
}  // namespace store::infra::postgres
