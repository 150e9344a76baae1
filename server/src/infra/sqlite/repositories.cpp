#include "infra/sqlite/repositories.hpp"

#include <algorithm>
#include <variant>

#include "app/errors.hpp"
#include "infra/json_columns.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sqlite {
namespace {

using app::ports::AuditEntry;
using app::ports::Page;
using app::ports::RefreshToken;
using app::ports::User;

// Column order shared by SELECT and the ?1..?26 parameters of INSERT/UPDATE.
constexpr const char* kStoreColumns =
    "id, code, name, type, status, address, city, region, country, postal_code, timezone, "
    "latitude, longitude, opening_date, contact_manager, contact_email, contact_phone, tags, "
    "notes, hardware_plan, network_plan, version, created_at, updated_at, created_by, "
    "updated_by";

[[noreturn]] void Corrupt(std::string_view what) {
    throw app::AppError(app::ErrorCode::kInternal, "stored data could not be read",
                        "sqlite: corrupt " + std::string(what));
}

domain::TimePoint ReadTime(const Query& query, int column) {
    const auto time = ParseTime(query.Text(column));
    if (!time) {
        Corrupt("timestamp");
    }
    return *time;
}

std::string CodeConflict(const std::string& code) {
    return "a store with code " + code + " already exists";
}

void BindStore(Query& query, const domain::Store& store) {
    const auto& f = store.fields;
    query.Bind(1, store.id)
        .Bind(2, f.code)
        .Bind(3, f.name)
        .Bind(4, f.type)
        .Bind(5, domain::ToString(store.status))
        .Bind(6, f.location.address)
        .Bind(7, f.location.city)
        .Bind(8, f.location.region)
        .Bind(9, f.location.country)
        .Bind(10, f.location.postal_code)
        .Bind(11, f.location.timezone)
        .Bind(12, f.location.latitude)
        .Bind(13, f.location.longitude)
        .Bind(14, f.opening_date)
        .Bind(15, f.contact.manager)
        .Bind(16, f.contact.email)
        .Bind(17, f.contact.phone)
        .Bind(18, EncodeTags(f.tags))
        .Bind(19, f.notes)
        .Bind(20, EncodeHardwarePlan(f.hardware_plan))
        .Bind(21, EncodeNetworkPlan(f.network_plan))
        .Bind(22, store.version)
        .Bind(23, FormatTime(store.created_at))
        .Bind(24, FormatTime(store.updated_at))
        .Bind(25, store.created_by)
        .Bind(26, store.updated_by);
}

domain::Store ReadStore(const Query& query) {
    domain::Store store;
    auto& f = store.fields;
    store.id = query.Text(0);
    f.code = query.Text(1);
    f.name = query.Text(2);
    f.type = query.Text(3);
    const auto status = domain::ParseStoreStatus(query.Text(4));
    if (!status) {
        Corrupt("store status");
    }
    store.status = *status;
    f.location.address = query.Text(5);
    f.location.city = query.Text(6);
    f.location.region = query.Text(7);
    f.location.country = query.Text(8);
    f.location.postal_code = query.Text(9);
    f.location.timezone = query.Text(10);
    f.location.latitude = query.OptionalDouble(11);
    f.location.longitude = query.OptionalDouble(12);
    f.opening_date = query.OptionalText(13);
    f.contact.manager = query.Text(14);
    f.contact.email = query.Text(15);
    f.contact.phone = query.Text(16);
    f.tags = DecodeTags(query.Text(17));
    f.notes = query.Text(18);
    f.hardware_plan = DecodeHardwarePlan(query.Text(19));
    f.network_plan = DecodeNetworkPlan(query.Text(20));
    store.version = query.Int(21);
    store.created_at = ReadTime(query, 22);
    store.updated_at = ReadTime(query, 23);
    store.created_by = query.Text(24);
    store.updated_by = query.Text(25);
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

/// The cursor text of a row's sort value: the same text the column compares as.
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

/// `%` and `_` match literally; `\` is the escape character.
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

using Param = std::variant<std::string, std::int64_t>;

void BindAll(Query& query, const std::vector<Param>& params) {
    int index = 1;
    for (const auto& param : params) {
        std::visit([&](const auto& value) { query.Bind(index, value); }, param);
        ++index;
    }
}

}  // namespace

void StoreRepository::Insert(const domain::Store& store) {
    Query query(connection_, std::string("INSERT INTO stores (") + kStoreColumns +
                                 ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                                 "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
                                 "?25, ?26)");
    query.OnConflict(CodeConflict(store.fields.code));
    BindStore(query, store);
    query.Run();
}

std::optional<domain::Store> StoreRepository::FindById(const std::string& id) {
    Query query(connection_, std::string("SELECT ") + kStoreColumns + " FROM stores WHERE id = ?1");
    query.Bind(1, id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadStore(query);
}

bool StoreRepository::Update(const domain::Store& store, std::int64_t expected_version) {
    Query query(connection_,
                "UPDATE stores SET code = ?2, name = ?3, type = ?4, status = ?5, address = ?6, "
                "city = ?7, region = ?8, country = ?9, postal_code = ?10, timezone = ?11, "
                "latitude = ?12, longitude = ?13, opening_date = ?14, contact_manager = ?15, "
                "contact_email = ?16, contact_phone = ?17, tags = ?18, notes = ?19, "
                "hardware_plan = ?20, network_plan = ?21, version = ?22, created_at = ?23, "
                "updated_at = ?24, created_by = ?25, updated_by = ?26 "
                "WHERE id = ?1 AND version = ?27");
    query.OnConflict(CodeConflict(store.fields.code));
    BindStore(query, store);
    query.Bind(27, expected_version);
    query.Run();
    return connection_.Changes() == 1;
}

bool StoreRepository::Delete(const std::string& id, std::int64_t expected_version) {
    Query query(connection_, "DELETE FROM stores WHERE id = ?1 AND version = ?2");
    query.Bind(1, id).Bind(2, expected_version);
    query.Run();
    return connection_.Changes() == 1;
}

Page<domain::Store> StoreRepository::List(const domain::StoreQuery& q, bool with_total) {
    std::string where;
    std::vector<Param> params;
    const auto add = [&](const std::string& condition) {
        where += where.empty() ? " WHERE " : " AND ";
        where += condition;
    };
    if (q.status) {
        params.emplace_back(std::string(domain::ToString(*q.status)));
        add("status = ?" + std::to_string(params.size()));
    }
    if (q.type) {
        params.emplace_back(std::string(domain::ToString(*q.type)));
        add("type = ?" + std::to_string(params.size()));
    }
    if (q.region) {
        params.emplace_back(*q.region);
        add("region = ?" + std::to_string(params.size()));
    }
    if (q.country) {
        params.emplace_back(*q.country);
        add("country = ?" + std::to_string(params.size()));
    }
    if (q.tag) {
        params.emplace_back(*q.tag);
        add("EXISTS (SELECT 1 FROM json_each(stores.tags) WHERE json_each.value = ?" +
            std::to_string(params.size()) + ")");
    }
    if (q.q) {
        // SQLite's LIKE ignores ASCII case, as PostgreSQL's ILIKE does under COLLATE "C".
        params.emplace_back(LikePattern(*q.q));
        const std::string p = "?" + std::to_string(params.size());
        add("(code LIKE " + p + " ESCAPE '\\' OR name LIKE " + p + " ESCAPE '\\' OR city LIKE " +
            p + " ESCAPE '\\')");
    }

    Page<domain::Store> page;
    if (with_total) {
        Query count(connection_, "SELECT COUNT(*) FROM stores" + where);
        BindAll(count, params);
        count.Step();
        page.total = count.Int(0);
    }

    const std::string sort = SortExpression(q.sort);
    const char* direction = q.descending ? " DESC" : " ASC";
    std::string sql = std::string("SELECT ") + kStoreColumns + " FROM stores" + where;
    const std::int64_t page_size = std::max<std::int64_t>(q.page_size, 1);
    if (q.cursor) {
        const bool time_sort =
            q.sort == domain::SortField::kCreatedAt || q.sort == domain::SortField::kUpdatedAt;
        if (time_sort && !ParseTime(q.cursor->sort_value)) {
            throw app::AppError::BadRequest({{"cursor", "is not a valid cursor"}},
                                            "invalid cursor");
        }
        params.emplace_back(q.cursor->sort_value);
        params.emplace_back(q.cursor->id);
        const auto n = params.size();
        sql += (where.empty() ? " WHERE (" : " AND (") + sort + ", id) " +
               (q.descending ? "<" : ">") + " (?" + std::to_string(n - 1) + ", ?" +
               std::to_string(n) + ")";
    }
    sql += " ORDER BY " + sort + direction + ", id" + direction;
    params.emplace_back(page_size);
    sql += " LIMIT ?" + std::to_string(params.size());
    if (!q.cursor) {
        params.emplace_back((std::max<std::int64_t>(q.page, 1) - 1) * page_size);
        sql += " OFFSET ?" + std::to_string(params.size());
    }
    Query rows(connection_, sql);
    BindAll(rows, params);
    while (rows.Step()) {
        page.items.push_back(ReadStore(rows));
    }
    if (static_cast<std::int64_t>(page.items.size()) == page_size) {
        const auto& last = page.items.back();
        page.next_cursor = domain::EncodeCursor({SortValue(last, q.sort), last.id});
    }
    return page;
}

std::map<std::string, std::int64_t> StoreRepository::CountBy(const std::string& column) {
    Query query(connection_, "SELECT " + column + ", COUNT(*) FROM stores GROUP BY " + column);
    std::map<std::string, std::int64_t> counts;
    while (query.Step()) {
        counts[query.Text(0)] = query.Int(1);
    }
    return counts;
}

std::map<std::string, std::int64_t> StoreRepository::CountByStatus() { return CountBy("status"); }

std::map<std::string, std::int64_t> StoreRepository::CountByType() { return CountBy("type"); }

namespace {

constexpr const char* kUserColumns =
    "id, username, role, password_hash, disabled, created_at, updated_at";

User ReadUser(const Query& query) {
    User user;
    user.id = query.Text(0);
    user.username = query.Text(1);
    const auto role = domain::ParseRole(query.Text(2));
    if (!role) {
        Corrupt("user role");
    }
    user.role = *role;
    user.password_hash = query.Text(3);
    user.disabled = query.Int(4) != 0;
    user.created_at = ReadTime(query, 5);
    user.updated_at = ReadTime(query, 6);
    return user;
}

}  // namespace

void UserRepository::Insert(const User& user) {
    Query query(connection_, std::string("INSERT INTO users (") + kUserColumns +
                                 ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    query.OnConflict("username taken");
    query.Bind(1, user.id)
        .Bind(2, user.username)
        .Bind(3, domain::ToString(user.role))
        .Bind(4, user.password_hash)
        .Bind(5, user.disabled)
        .Bind(6, FormatTime(user.created_at))
        .Bind(7, FormatTime(user.updated_at));
    query.Run();
}

std::optional<User> UserRepository::FindById(const std::string& id) {
    Query query(connection_, std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?1");
    query.Bind(1, id);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadUser(query);
}

std::optional<User> UserRepository::FindByUsername(const std::string& username) {
    Query query(connection_,
                std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?1");
    query.Bind(1, username);
    if (!query.Step()) {
        return std::nullopt;
    }
    return ReadUser(query);
}

std::vector<User> UserRepository::List() {
    Query query(connection_,
                std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username");
    std::vector<User> users;
    while (query.Step()) {
        users.push_back(ReadUser(query));
    }
    return users;
}

bool UserRepository::Update(const User& user) {
    Query query(connection_,
                "UPDATE users SET username = ?2, role = ?3, password_hash = ?4, disabled = ?5, "
                "created_at = ?6, updated_at = ?7 WHERE id = ?1");
    query.OnConflict("username taken");
    query.Bind(1, user.id)
        .Bind(2, user.username)
        .Bind(3, domain::ToString(user.role))
        .Bind(4, user.password_hash)
        .Bind(5, user.disabled)
        .Bind(6, FormatTime(user.created_at))
        .Bind(7, FormatTime(user.updated_at));
    query.Run();
    return connection_.Changes() == 1;
}

bool UserRepository::Delete(const std::string& id) {
    Query query(connection_, "DELETE FROM users WHERE id = ?1");
    query.Bind(1, id);
    query.Run();
    return connection_.Changes() == 1;
}

std::int64_t UserRepository::Count() {
    Query query(connection_, "SELECT COUNT(*) FROM users");
    query.Step();
    return query.Int(0);
}

void TokenRepository::Insert(const RefreshToken& token) {
    Query query(connection_,
                "INSERT INTO refresh_tokens (token_hash, user_id, created_at, expires_at, "
                "remember, revoked) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    query.OnConflict("the refresh token exists already");
    query.Bind(1, token.token_hash)
        .Bind(2, token.user_id)
        .Bind(3, FormatTime(token.created_at))
        .Bind(4, FormatTime(token.expires_at))
        .Bind(5, token.remember)
        .Bind(6, token.revoked);
    query.Run();
}

std::optional<RefreshToken> TokenRepository::FindByHash(const std::string& token_hash) {
    Query query(connection_,
                "SELECT token_hash, user_id, created_at, expires_at, remember, revoked "
                "FROM refresh_tokens WHERE token_hash = ?1");
    query.Bind(1, token_hash);
    if (!query.Step()) {
        return std::nullopt;
    }
    RefreshToken token;
    token.token_hash = query.Text(0);
    token.user_id = query.Text(1);
    token.created_at = ReadTime(query, 2);
    token.expires_at = ReadTime(query, 3);
    token.remember = query.Int(4) != 0;
    token.revoked = query.Int(5) != 0;
    return token;
}

bool TokenRepository::Revoke(const std::string& token_hash) {
    Query query(connection_,
                "UPDATE refresh_tokens SET revoked = 1 WHERE token_hash = ?1 AND revoked = 0");
    query.Bind(1, token_hash);
    query.Run();
    return connection_.Changes() == 1;
}

void TokenRepository::RevokeAllForUser(const std::string& user_id) {
    Query query(connection_,
                "UPDATE refresh_tokens SET revoked = 1 WHERE user_id = ?1 AND revoked = 0");
    query.Bind(1, user_id);
    query.Run();
}

void AuditRepository::Append(const AuditEntry& entry) {
    Query query(connection_,
                "INSERT INTO audit_log (id, time, actor, action, entity_type, entity_id, "
                "store_id, request_id, changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    query.OnConflict("the audit entry exists already");
    query.Bind(1, entry.id)
        .Bind(2, FormatTime(entry.time))
        .Bind(3, entry.actor)
        .Bind(4, entry.action)
        .Bind(5, entry.entity_type)
        .Bind(6, entry.entity_id)
        .Bind(7, entry.store_id)
        .Bind(8, entry.request_id)
        .Bind(9, EncodeChanges(entry.changes));
    query.Run();
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
    const std::string where = store_id ? " WHERE store_id = ?3" : "";
    Page<AuditEntry> result;
    {
        Query count(connection_, "SELECT COUNT(*) FROM audit_log" +
                                     (store_id ? std::string(" WHERE store_id = ?1") : ""));
        if (store_id) {
            count.Bind(1, *store_id);
        }
        count.Step();
        result.total = count.Int(0);
    }
    Query query(connection_,
                "SELECT id, time, actor, action, entity_type, entity_id, store_id, request_id, "
                "changes FROM audit_log" +
                    where + " ORDER BY time DESC, seq DESC LIMIT ?1 OFFSET ?2");
    query.Bind(1, page_size).Bind(2, offset);
    if (store_id) {
        query.Bind(3, *store_id);
    }
    while (query.Step()) {
        AuditEntry entry;
        entry.id = query.Text(0);
        entry.time = ReadTime(query, 1);
        entry.actor = query.Text(2);
        entry.action = query.Text(3);
        entry.entity_type = query.Text(4);
        entry.entity_id = query.Text(5);
        entry.store_id = query.OptionalText(6);
        entry.request_id = query.Text(7);
        entry.changes = DecodeChanges(query.Text(8));
        result.items.push_back(std::move(entry));
    }
    return result;
}

}  // namespace store::infra::sqlite
