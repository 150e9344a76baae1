#pragma once

#include <memory>

#include "infra/sql/session.hpp"

// The session of each driver, for its unit of work. The statements and the dialect behind them
// are in sqlite/sqlite_dialect.cpp and postgres/postgres_dialect.cpp.

namespace store::infra::sqlite {
class Connection;
std::unique_ptr<sql::Session> SessionOn(Connection& connection);
}  // namespace store::infra::sqlite

namespace store::infra::postgres {
class Connection;
std::unique_ptr<sql::Session> SessionOn(Connection& connection);
}  // namespace store::infra::postgres
