#include "infra/sql/columns.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sql {

using app::ports::RefreshToken;

void TokenRepository::Insert(const RefreshToken& token) {
    Query query = session_.Prepare(
        "INSERT INTO refresh_tokens (token_hash, user_id, created_at, expires_at, remember, "
        "revoked) VALUES ($1, $2, $3, $4, $5, $6)");
    query.OnConflict("the refresh token exists already");
    query.Bind(token.token_hash)
        .Bind(token.user_id)
        .Bind(FormatTime(token.created_at))
        .Bind(FormatTime(token.expires_at))
        .Bind(token.remember)
        .Bind(token.revoked);
    query.Run();
}

std::optional<RefreshToken> TokenRepository::FindByHash(const std::string& token_hash) {
    Query query = session_.Prepare(
        "SELECT token_hash, user_id, created_at, expires_at, remember, revoked "
        "FROM refresh_tokens WHERE token_hash = $1");
    query.Bind(token_hash);
    if (!query.Next()) {
        return std::nullopt;
    }
    return RefreshToken{query.Text(0),      query.Text(1), ReadTime(query, 2),
                        ReadTime(query, 3), query.Bool(4), query.Bool(5)};
}

bool TokenRepository::Revoke(const std::string& token_hash) {
    // PostgreSQL's row lock serializes two concurrent revokes (SQLite's write lock all
    // writers); the loser re-checks `revoked = FALSE` and changes nothing.
    return session_
               .Prepare(
                   "UPDATE refresh_tokens SET revoked = TRUE WHERE token_hash = $1 AND revoked = "
                   "FALSE")
               .Bind(token_hash)
               .Run() == 1;
}

void TokenRepository::RevokeAllForUser(const std::string& user_id) {
    session_
        .Prepare("UPDATE refresh_tokens SET revoked = TRUE WHERE user_id = $1 AND revoked = FALSE")
        .Bind(user_id)
        .Run();
}

}  // namespace store::infra::sql
