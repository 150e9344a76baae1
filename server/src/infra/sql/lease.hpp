#pragma once

#include <memory>

#include "infra/sql/session.hpp"

namespace store::infra::sql {

/// A pooled connection, handed back to its pool (anything with Release(unique_ptr)) even when
/// the caller throws.
template <typename Pool, typename Connection>
class Lease {
public:
    Lease(Pool& pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    ~Lease() {
        if (connection_) {
            pool_.Release(std::move(connection_));
        }
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

private:
    Pool& pool_;
    std::unique_ptr<Connection> connection_;
};

/// A unit of work's leased connection and the session on it (SessionOn, found by argument-
/// dependent lookup in the driver's namespace). A first base class of the unit of work, so that
/// both exist before the repositories that use them and outlive them.
template <typename Pool, typename Connection>
struct LeasedSession {
    LeasedSession(Pool& pool, std::unique_ptr<Connection> connection)
        : lease(pool, std::move(connection)), session(SessionOn(*lease)) {}
    Lease<Pool, Connection> lease;
    std::unique_ptr<Session> session;
};

}  // namespace store::infra::sql
