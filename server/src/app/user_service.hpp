#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/access_service.hpp"
#include "app/context.hpp"
#include "app/ports/clock.hpp"
#include "app/ports/database.hpp"
#include "app/ports/password_hasher.hpp"
#include "app/ports/random_source.hpp"

namespace store::app {

struct NewUser {
    std::string username;
    std::string password;
    std::string role;
};

struct UserChange {
    std::optional<std::string> role;
    std::optional<std::string> password;
    std::optional<bool> disabled;
};

/// User administration (admins only; the router enforces the role).
class UserService {
public:
    UserService(ports::Database& database, ports::PasswordHasher& hasher, const ports::Clock& clock,
                ports::RandomSource& random);

    std::vector<ports::User> List();
    ports::User Create(const NewUser& input, const RequestMeta& meta);
    ports::User Update(const std::string& id, const UserChange& change, const RequestMeta& meta);
    void Delete(const std::string& id, const RequestMeta& meta);
    /// Where disabling, deleting, a new role or password end the user's access tokens and
    /// WebSockets (set once in main.cpp; without it only refresh tokens are revoked).
    void SetAccess(AccessService& access) { access_ = &access; }

private:
    ports::AuditEntry MakeAudit(const RequestMeta& meta, std::string action, const std::string& id,
                                std::vector<domain::FieldChange> changes);

    ports::Database& database_;
    ports::PasswordHasher& hasher_;
    const ports::Clock& clock_;
    ports::RandomSource& random_;
    AccessService* access_ = nullptr;
};

}  // namespace store::app
