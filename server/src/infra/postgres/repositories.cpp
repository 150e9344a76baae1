#include "infra/postgres/repositories.hpp"

#include <algorithm>

#include "app/errors.hpp"
#include "infra/json_columns.hpp"
#include "infra/time_format.hpp"

namespace store::infra::postgres {
namespace {

using app::ports::AuditEntry;
using app::ports::Page;
using app::ports::RefreshToken;
using app::ports::User;

// Column order shared by SELECT and the $1..$26 parameters of INSERT/UPDATE.
constexpr const char* kStoreColumns =
    "id, code, name, type, status, address, city, region, country, postal_code, timezone, "
    "latitude, longitude, opening_date, contact_manager, contact_email, contact_phone, tags, "
    "notes, hardware_plan, network_plan, version, created_at, updated_at, created_by, "
    "updated_by";

[[noreturn]] void Corrupt(std::string_view what) {
    throw app::AppError(app::ErrorCode::kInternal, "stored data could not be read",
                        "postgres: unreadable " + std::string(what));
}

domain::TimePoint ReadTime(const Result& result, int row, int column) {
    const auto time = ParseTime(result.Text(row, column));
    if (!time) {
        Corrupt("timestamp " + result.Text(row, column));
    }
    return *time;
}

std::string CodeConflict(const std::string& code) {
    return "a store with code " + code + " already exists";
}

Params StoreParams(const domain::Store& store) {
    const auto& f = store.fields;
    Params params;
    params.Add(store.id)
        .Add(f.code)
        .Add(f.name)
        .Add(f.type)
        .Add(domain::ToString(store.status))
        .Add(f.location.address)
        .Add(f.location.city)
        .Add(f.location.region)
        .Add(f.location.country)
        .Add(f.location.postal_code)
        .Add(f.location.timezone)
        .Add(f.location.latitude)
        .Add(f.location.longitude)
        .Add(f.opening_date)
        .Add(f.contact.manager)
        .Add(f.contact.email)
        .Add(f.contact.phone)
        .Add(EncodeTags(f.tags))
        .Add(f.notes)
        .Add(EncodeHardwarePlan(f.hardware_plan))
        .Add(EncodeNetworkPlan(f.network_plan))
        .Add(store.version)
        .Add(FormatTime(store.created_at))
        .Add(FormatTime(store.updated_at))
        .Add(store.created_by)
        .Add(store.updated_by);
    return params;
}

domain::Store ReadStore(const Result& r, int row) {
    domain::Store store;
    auto& f = store.fields;
    store.id = r.Text(row, 0);
    f.code = r.Text(row, 1);
    f.name = r.Text(row, 2);
    f.type = r.Text(row, 3);
    const auto status = domain::ParseStoreStatus(r.Text(row, 4));
    if (!status) {
        Corrupt("store status");
    }
    store.status = *status;
    f.location.address = r.Text(row, 5);
    f.location.city = r.Text(row, 6);
    f.location.region = r.Text(row, 7);
    f.location.country = r.Text(row, 8);
    f.location.postal_code = r.Text(row, 9);
    f.location.timezone = r.Text(row, 10);
    f.location.latitude = r.OptionalDouble(row, 11);
    f.location.longitude = r.OptionalDouble(row, 12);
    f.opening_date = r.OptionalText(row, 13);
    f.contact.manager = r.Text(row, 14);
    f.contact.email = r.Text(row, 15);
    f.contact.phone = r.Text(row, 16);
    f.tags = DecodeTags(r.Text(row, 17));
    f.notes = r.Text(row, 18);
    f.hardware_plan = DecodeHardwarePlan(r.Text(row, 19));
    f.network_plan = DecodeNetworkPlan(r.Text(row, 20));
    store.version = r.Int(row, 21);
    store.created_at = ReadTime(r, row, 22);
    store.updated_at = ReadTime(r, row, 23);
    store.created_by = r.Text(row, 24);
    store.updated_by = r.Text(row, 25);
    return store;
}

/// The SQL expression a list is sorted by (NULL opening dates sort as '').
std::string SortExpression(domain::SortField field) {
    switch (field) {
        case domain::SortField::kCode: return "code";
        case domain::SortField::kName: return "name";
        case domain::SortField::kCity: return "city";
        case domain::SortField::kStatus: return "status";
        case domain::SortField::kType: return "type";
        case domain::SortField::kCreatedAt: return "created_at";
        case domain::SortField::kUpdatedAt: return "updated_at";
        case domain::SortField::kOpeningDate: return "coalesce(opening_date, '')";
    }
    return "code";
}

bool IsTimeSort(domain::SortField field) {
    return field == domain::SortField::kCreatedAt || field == domain::SortField::kUpdatedAt;
}

/// The cursor text of a row's sort value.
std::string SortValue(const domain::Store& store, domain::SortField field) {
    switch (field) {
        case domain::SortField::kCode: return store.fields.code;
        case domain::SortField::kName: return store.fields.name;
        case domain::SortField::kCity: return store.fields.location.city;
        case domain::SortField::kStatus: return std::string(domain::ToString(store.status));
        case domain::SortField::kType: return store.fields.type;
        case domain::SortField::kCreatedAt: return FormatTime(store.created_at);
        case domain::SortField::kUpdatedAt: return FormatTime(store.updated_at);
        case domain::SortField::kOpeningDate: return store.fields.opening_date.value_or("");
    }
    return store.fields.code;
}

/// `%` and `_` match literally (`\` is ILIKE's default escape character).
std::string LikePattern(std::string_view text) {
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern += '\\';
        }
        pattern += c;
    }
    pattern += '%';
    return pattern;
}

}  // namespace

void StoreRepository::Insert(const domain::Store& store) {
    const std::string conflict = CodeConflict(store.fields.code);
    connection_.Execute(std::string("INSERT INTO stores (") + kStoreColumns +
                            ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                            "$14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)",
                        StoreParams(store), &conflict);
}

std::optional<domain::Store> StoreRepository::FindById(const std::string& id) {
    const Result result = connection_.Execute(
        std::string("SELECT ") + kStoreColumns + " FROM stores WHERE id = $1", Params().Add(id));
    if (result.Rows() == 0) {
        return std::nullopt;
    }
    return ReadStore(result, 0);
}

bool StoreRepository::Update(const domain::Store& store, std::int64_t expected_version) {
    const std::string conflict = CodeConflict(store.fields.code);
    Params params = StoreParams(store);
    params.Add(expected_version);
    const Result result = connection_.Execute(
        "UPDATE stores SET code = $2, name = $3, type = $4, status = $5, address = $6, "
        "city = $7, region = $8, country = $9, postal_code = $10, timezone = $11, "
        "latitude = $12, longitude = $13, opening_date = $14, contact_manager = $15, "
        "contact_email = $16, contact_phone = $17, tags = $18, notes = $19, "
        "hardware_plan = $20, network_plan = $21, version = $22, created_at = $23, "
        "updated_at = $24, created_by = $25, updated_by = $26 "
        "WHERE id = $1 AND version = $27",
        params, &conflict);
    return result.Affected() == 1;
}

bool StoreRepository::Delete(const std::string& id, std::int64_t expected_version) {
    const Result result = connection_.Execute("DELETE FROM stores WHERE id = $1 AND version = $2",
                                              Params().Add(id).Add(expected_version));
    return result.Affected() == 1;
}

Page<domain::Store> StoreRepository::List(const domain::StoreQuery& q, bool with_total) {
    std::string where;
    Params params;
    const auto add = [&](const std::string& condition) {
        where += where.empty() ? " WHERE " : " AND ";
        where += condition;
    };
    if (q.status) {
        params.Add(domain::ToString(*q.status));
        add("status = " + params.Last());
    }
    if (q.type) {
        params.Add(domain::ToString(*q.type));
        add("type = " + params.Last());
    }
    if (q.region) {
        params.Add(*q.region);
        add("region = " + params.Last());
    }
    if (q.country) {
        params.Add(*q.country);
        add("country = " + params.Last());
    }
    if (q.tag) {
        params.Add(*q.tag);
        add("tags @> jsonb_build_array(" + params.Last() + "::text)");  // GIN-indexed
    }
    if (q.q) {
        // Under COLLATE "C", ILIKE folds ASCII only, as SQLite's LIKE does.
        params.Add(LikePattern(*q.q));
        const std::string p = params.Last();
        add("(code ILIKE " + p + " OR name ILIKE " + p + " OR city ILIKE " + p + ")");
    }

    Page<domain::Store> page;
    if (with_total) {
        const Result count = connection_.Execute("SELECT COUNT(*) FROM stores" + where, params);
        page.total = count.Int(0, 0);
    }

    const std::string sort = SortExpression(q.sort);
    const char* direction = q.descending ? " DESC" : " ASC";
    std::string sql = std::string("SELECT ") + kStoreColumns + " FROM stores" + where;
    const std::int64_t page_size = std::max<std::int64_t>(q.page_size, 1);
    if (q.cursor) {
        if (IsTimeSort(q.sort) && !ParseTime(q.cursor->sort_value)) {
            throw app::AppError::BadRequest({{"cursor", "is not a valid cursor"}},
                                            "invalid cursor");
        }
        params.Add(q.cursor->sort_value);
        std::string value = params.Last();
        if (IsTimeSort(q.sort)) {
            value += "::timestamptz";
        }
        params.Add(q.cursor->id);
        sql += (where.empty() ? " WHERE (" : " AND (") + sort + ", id) " +
               (q.descending ? "<" : ">") + " (" + value + ", " + params.Last() + ")";
    }
    sql += " ORDER BY " + sort + direction + ", id" + direction;
    params.Add(page_size);
    sql += " LIMIT " + params.Last();
    if (!q.cursor) {
        params.Add((std::max<std::int64_t>(q.page, 1) - 1) * page_size);
        sql += " OFFSET " + params.Last();
    }
    const Result rows = connection_.Execute(sql, params);
    for (int row = 0; row < rows.Rows(); ++row) {
        page.items.push_back(ReadStore(rows, row));
    }
    if (static_cast<std::int64_t>(page.items.size()) == page_size) {
        const auto& last = page.items.back();
        page.next_cursor = domain::EncodeCursor({SortValue(last, q.sort), last.id});
    }
    return page;
}

std::map<std::string, std::int64_t> StoreRepository::CountBy(const std::string& column) {
    const Result result = connection_.Execute(
        "SELECT " + column + ", COUNT(*) FROM stores GROUP BY " + column, Params());
    std::map<std::string, std::int64_t> counts;
    for (int row = 0; row < result.Rows(); ++row) {
        counts[result.Text(row, 0)] = result.Int(row, 1);
    }
    return counts;
}

std::map<std::string, std::int64_t> StoreRepository::CountByStatus() { return CountBy("status"); }

std::map<std::string, std::int64_t> StoreRepository::CountByType() { return CountBy("type"); }

namespace {

constexpr const char* kUserColumns =
    "id, username, role, password_hash, disabled, created_at, updated_at";

User ReadUser(const Result& r, int row) {
    User user;
    user.id = r.Text(row, 0);
    user.username = r.Text(row, 1);
    const auto role = domain::ParseRole(r.Text(row, 2));
    if (!role) {
        Corrupt("user role");
    }
    user.role = *role;
    user.password_hash = r.Text(row, 3);
    user.disabled = r.Bool(row, 4);
    user.created_at = ReadTime(r, row, 5);
    user.updated_at = ReadTime(r, row, 6);
    return user;
}

Params UserParams(const User& user) {
    Params params;
    params.Add(user.id)
        .Add(user.username)
        .Add(domain::ToString(user.role))
        .Add(user.password_hash)
        .Add(user.disabled)
        .Add(FormatTime(user.created_at))
        .Add(FormatTime(user.updated_at));
    return params;
}

const std::string kUsernameTaken = "username taken";

}  // namespace

void UserRepository::Insert(const User& user) {
    connection_.Execute(
        std::string("INSERT INTO users (") + kUserColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7)",
        UserParams(user), &kUsernameTaken);
}

std::optional<User> UserRepository::FindById(const std::string& id) {
    const Result result = connection_.Execute(
        std::string("SELECT ") + kUserColumns + " FROM users WHERE id = $1", Params().Add(id));
    if (result.Rows() == 0) {
        return std::nullopt;
    }
    return ReadUser(result, 0);
}

std::optional<User> UserRepository::FindByUsername(const std::string& username) {
    const Result result = connection_.Execute(
        std::string("SELECT ") + kUserColumns + " FROM users WHERE username = $1",
        Params().Add(username));
    if (result.Rows() == 0) {
        return std::nullopt;
    }
    return ReadUser(result, 0);
}

std::vector<User> UserRepository::List() {
    const Result result = connection_.Execute(
        std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username", Params());
    std::vector<User> users;
    for (int row = 0; row < result.Rows(); ++row) {
        users.push_back(ReadUser(result, row));
    }
    return users;
}

bool UserRepository::Update(const User& user) {
    const Result result = connection_.Execute(
        "UPDATE users SET username = $2, role = $3, password_hash = $4, disabled = $5, "
        "created_at = $6, updated_at = $7 WHERE id = $1",
        UserParams(user), &kUsernameTaken);
    return result.Affected() == 1;
}

bool UserRepository::Delete(const std::string& id) {
    return connection_.Execute("DELETE FROM users WHERE id = $1", Params().Add(id)).Affected() == 1;
}

std::int64_t UserRepository::Count() {
    return connection_.Execute("SELECT COUNT(*) FROM users", Params()).Int(0, 0);
}

void TokenRepository::Insert(const RefreshToken& token) {
    static const std::string kExists = "the refresh token exists already";
    connection_.Execute(
        "INSERT INTO refresh_tokens (token_hash, user_id, created_at, expires_at, remember, "
        "revoked) VALUES ($1, $2, $3, $4, $5, $6)",
        Params()
            .Add(token.token_hash)
            .Add(token.user_id)
            .Add(FormatTime(token.created_at))
            .Add(FormatTime(token.expires_at))
            .Add(token.remember)
            .Add(token.revoked),
        &kExists);
}

std::optional<RefreshToken> TokenRepository::FindByHash(const std::string& token_hash) {
    const Result r = connection_.Execute(
        "SELECT token_hash, user_id, created_at, expires_at, remember, revoked "
        "FROM refresh_tokens WHERE token_hash = $1",
        Params().Add(token_hash));
    if (r.Rows() == 0) {
        return std::nullopt;
    }
    RefreshToken token;
    token.token_hash = r.Text(0, 0);
    token.user_id = r.Text(0, 1);
    token.created_at = ReadTime(r, 0, 2);
    token.expires_at = ReadTime(r, 0, 3);
    token.remember = r.Bool(0, 4);
    token.revoked = r.Bool(0, 5);
    return token;
}

bool TokenRepository::Revoke(const std::string& token_hash) {
    // The row lock serializes two concurrent revokes; the loser re-checks `NOT revoked`.
    return connection_
               .Execute(
                   "UPDATE refresh_tokens SET revoked = true "
                   "WHERE token_hash = $1 AND NOT revoked",
                   Params().Add(token_hash))
               .Affected() == 1;
}

void TokenRepository::RevokeAllForUser(const std::string& user_id) {
    connection_.Execute(
        "UPDATE refresh_tokens SET revoked = true WHERE user_id = $1 AND NOT revoked",
        Params().Add(user_id));
}

void AuditRepository::Append(const AuditEntry& entry) {
    static const std::string kExists = "the audit entry exists already";
    connection_.Execute(
        "INSERT INTO audit_log (id, time, actor, action, entity_type, entity_id, store_id, "
        "request_id, changes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        Params()
            .Add(entry.id)
            .Add(FormatTime(entry.time))
            .Add(entry.actor)
            .Add(entry.action)
            .Add(entry.entity_type)
            .Add(entry.entity_id)
            .Add(entry.store_id)
            .Add(entry.request_id)
            .Add(EncodeChanges(entry.changes)),
        &kExists);
}

Page<AuditEntry> AuditRepository::ListForStore(const std::string& store_id, std::int64_t page,
                                               std::int64_t page_size) {
    return ListWhere(store_id, page, page_size);
}

Page<AuditEntry> AuditRepository::ListAll(std::int64_t page, std::int64_t page_size) {
    return ListWhere(std::nullopt, page, page_size);
}

Page<AuditEntry> AuditRepository::ListWhere(const std::optional<std::string>& store_id,
                                            std::int64_t page, std::int64_t page_size) {
    page_size = std::max<std::int64_t>(page_size, 1);
    const std::int64_t offset = (std::max<std::int64_t>(page, 1) - 1) * page_size;
    Page<AuditEntry> result;
    Params count_params;
    if (store_id) {
        count_params.Add(*store_id);
    }
    result.total = connection_
                       .Execute(std::string("SELECT COUNT(*) FROM audit_log") +
                                    (store_id ? " WHERE store_id = $1" : ""),
                                count_params)
                       .Int(0, 0);
    Params params;
    params.Add(page_size).Add(offset);
    if (store_id) {
        params.Add(*store_id);
    }
    const Result r = connection_.Execute(
        std::string("SELECT id, time, actor, action, entity_type, entity_id, store_id, "
                    "request_id, changes FROM audit_log") +
            (store_id ? " WHERE store_id = $3" : "") +
            " ORDER BY time DESC, seq DESC LIMIT $1 OFFSET $2",
        params);
    for (int row = 0; row < r.Rows(); ++row) {
        AuditEntry entry;
        entry.id = r.Text(row, 0);
        entry.time = ReadTime(r, row, 1);
        entry.actor = r.Text(row, 2);
        entry.action = r.Text(row, 3);
        entry.entity_type = r.Text(row, 4);
        entry.entity_id = r.Text(row, 5);
        entry.store_id = r.OptionalText(row, 6);
        entry.request_id = r.Text(row, 7);
        entry.changes = DecodeChanges(r.Text(row, 8));
        result.items.push_back(std::move(entry));
    }
    return result;
}

}  // namespace store::infra::postgres
