#pragma once

#include "app/ports/database.hpp"
#include "infra/postgres/connection.hpp"

namespace store::infra::postgres {

// The repositories of one unit of work; each runs on the connection of its transaction.

class StoreRepository final : public app::ports::StoreRepository {
public:
    explicit StoreRepository(Connection& connection) : connection_(connection) {}
    void Insert(const domain::Store& store) override;
    std::optional<domain::Store> FindById(const std::string& id) override;
    bool Update(const domain::Store& store, std::int64_t expected_version) override;
    bool Delete(const std::string& id, std::int64_t expected_version) override;
    app::ports::Page<domain::Store> List(const domain::StoreQuery& query, bool with_total) override;
    std::map<std::string, std::int64_t> CountByStatus() override;
    std::map<std::string, std::int64_t> CountByType() override;

private:
    std::map<std::string, std::int64_t> CountBy(const std::string& column);
    Connection& connection_;
};

class UserRepository final : public app::ports::UserRepository {
public:
    explicit UserRepository(Connection& connection) : connection_(connection) {}
    void Insert(const app::ports::User& user) override;
    std::optional<app::ports::User> FindById(const std::string& id) override;
    std::optional<app::ports::User> FindByUsername(const std::string& username) override;
    std::vector<app::ports::User> List() override;
    bool Update(const app::ports::User& user) override;
    bool Delete(const std::string& id) override;
    std::int64_t Count() override;

private:
    Connection& connection_;
};

class TokenRepository final : public app::ports::TokenRepository {
public:
    explicit TokenRepository(Connection& connection) : connection_(connection) {}
    void Insert(const app::ports::RefreshToken& token) override;
    std::optional<app::ports::RefreshToken> FindByHash(const std::string& token_hash) override;
    bool Revoke(const std::string& token_hash) override;
    void RevokeAllForUser(const std::string& user_id) override;

private:
    Connection& connection_;
};

class AuditRepository final : public app::ports::AuditRepository {
public:
    explicit AuditRepository(Connection& connection) : connection_(connection) {}
    void Append(const app::ports::AuditEntry& entry) override;
    app::ports::Page<app::ports::AuditEntry> ListForStore(const std::string& store_id,
                                                          std::int64_t page,
                                                          std::int64_t page_size) override;
    app::ports::Page<app::ports::AuditEntry> ListAll(std::int64_t page,
                                                     std::int64_t page_size) override;

private:
    app::ports::Page<app::ports::AuditEntry> ListWhere(const std::optional<std::string>& store_id,
                                                       std::int64_t page, std::int64_t page_size);
    Connection& connection_;
};

}  // namespace store::infra::postgres
