#include "infra/sql/columns.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sql {
namespace {

using app::ports::User;

constexpr const char* kUserColumns =
    "id, username, role, password_hash, disabled, created_at, updated_at, session_epoch";
constexpr const char* kUsernameTaken = "username taken";

User ReadUser(const Query& row) {
    User user;
    user.id = row.Text(0);
    user.username = row.Text(1);
    user.role = ReadRole(row, 2, "user role");
    user.password_hash = row.Text(3);
    user.disabled = row.Bool(4);
    user.created_at = ReadTime(row, 5);
    user.updated_at = ReadTime(row, 6);
    user.session_epoch = row.Int(7);
    return user;
}

void BindUser(Query& query, const User& user) {
    query.Bind(user.id)
        .Bind(user.username)
        .Bind(domain::ToString(user.role))
        .Bind(user.password_hash)
        .Bind(user.disabled)
        .Bind(FormatTime(user.created_at))
        .Bind(FormatTime(user.updated_at));
}

std::optional<User> FindOne(Session& session, const char* column, const std::string& value) {
    return FindOneBy(session, kUserColumns, "users", column, value, ReadUser);
}

}  // namespace

void UserRepository::Insert(const User& user) {
    Query query = session_.Prepare(std::string("INSERT INTO users (") + kUserColumns +
                                   ") VALUES (" + Params(1, 8) + ")");
    query.OnConflict(kUsernameTaken);
    BindUser(query, user);
    query.Bind(user.session_epoch);
    query.Run();
}

std::optional<User> UserRepository::FindById(const std::string& id) {
    return FindOne(session_, "id", id);
}

std::optional<User> UserRepository::FindByUsername(const std::string& username) {
    return FindOne(session_, "username", username);
}

std::vector<User> UserRepository::List() {
    Query query =
        session_.Prepare(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username");
    return AllRows(query, ReadUser);
}

bool UserRepository::Update(const User& user) {
    Query query = session_.Prepare(
        "UPDATE users SET username = $2, role = $3, password_hash = $4, disabled = $5, "
        "created_at = $6, updated_at = $7 WHERE id = $1");
    query.OnConflict(kUsernameTaken);
    BindUser(query, user);
    return query.Run() == 1;
}

bool UserRepository::Delete(const std::string& id) {
    return session_.Prepare("DELETE FROM users WHERE id = $1").Bind(id).Run() == 1;
}

std::optional<std::int64_t> UserRepository::BumpSessionEpoch(const std::string& id) {
    Query query = session_.Prepare(
        "UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1 RETURNING session_epoch");
    query.Bind(id);
    return FirstRow(query, [](const Query& row) { return row.Int(0); });
}

std::vector<std::pair<std::string, std::int64_t>> UserRepository::SessionEpochs() {
    Query query = session_.Prepare("SELECT id, session_epoch FROM users");
    return AllRows(query, [](const Query& row) { return std::make_pair(row.Text(0), row.Int(1)); });
}

std::int64_t UserRepository::Count() {
    Query query = session_.Prepare("SELECT COUNT(*) FROM users");
    query.Next();
    return query.Int(0);
}

}  // namespace store::infra::sql
