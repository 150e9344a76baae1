#include "infra/sql/columns.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sql {
namespace {

using app::ports::ApiToken;

constexpr const char* kApiTokenColumns =
    "id, name, role, token_hash, created_by, created_at, expires_at, last_used_at, revoked_at";

ApiToken ReadApiToken(const Query& row) {
    ApiToken token;
    token.id = row.Text(0);
    token.name = row.Text(1);
    token.role = ReadRole(row, 2, "api token role");
    token.token_hash = row.Text(3);
    token.created_by = row.Text(4);
    token.created_at = ReadTime(row, 5);
    token.expires_at = ReadOptionalTime(row, 6);
    token.last_used_at = ReadOptionalTime(row, 7);
    token.revoked_at = ReadOptionalTime(row, 8);
    return token;
}

std::optional<ApiToken> FindOne(Session& session, const char* column, const std::string& value) {
    return FindOneBy(session, kApiTokenColumns, "api_tokens", column, value, ReadApiToken);
}

}  // namespace

void ApiTokenRepository::Insert(const ApiToken& token) {
    Query query = session_.Prepare(std::string("INSERT INTO api_tokens (") + kApiTokenColumns +
                                   ") VALUES (" + Params(1, 9) + ")");
    query.OnConflict("the token exists already");
    query.Bind(token.id)
        .Bind(token.name)
        .Bind(domain::ToString(token.role))
        .Bind(token.token_hash)
        .Bind(token.created_by)
        .Bind(FormatTime(token.created_at))
        .Bind(OptionalTimeText(token.expires_at))
        .Bind(OptionalTimeText(token.last_used_at))
        .Bind(OptionalTimeText(token.revoked_at));
    query.Run();
}

std::optional<ApiToken> ApiTokenRepository::FindById(const std::string& id) {
    return FindOne(session_, "id", id);
}

std::optional<ApiToken> ApiTokenRepository::FindByHash(const std::string& token_hash) {
    return FindOne(session_, "token_hash", token_hash);
}

std::vector<ApiToken> ApiTokenRepository::ListActive() {
    Query query = session_.Prepare(std::string("SELECT ") + kApiTokenColumns +
                                   " FROM api_tokens WHERE revoked_at IS NULL "
                                   "ORDER BY created_at DESC, id");
    return AllRows(query, ReadApiToken);
}

bool ApiTokenRepository::Revoke(const std::string& id, domain::TimePoint at) {
    return session_
               .Prepare("UPDATE api_tokens SET revoked_at = " + session_.dialect().TimeParam("$2") +
                        " WHERE id = $1 AND revoked_at IS NULL")
               .Bind(id)
               .Bind(FormatTime(at))
               .Run() == 1;
}

void ApiTokenRepository::Touch(const std::string& id, domain::TimePoint at) {
    const std::string when = session_.dialect().TimeParam("$2");
    session_
        .Prepare("UPDATE api_tokens SET last_used_at = " + when +
                 " WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < " + when + ")")
        .Bind(id)
        .Bind(FormatTime(at))
        .Run();
}

}  // namespace store::infra::sql
