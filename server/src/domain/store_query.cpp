#include "domain/store_query.hpp"

#include <array>
#include <charconv>

#include "domain/validation.hpp"

namespace store::domain {
namespace {

constexpr std::array<std::pair<SortField, std::string_view>, 8> kSortFields{{
    {SortField::kCode, "code"},
    {SortField::kName, "name"},
    {SortField::kCity, "city"},
    {SortField::kStatus, "status"},
    {SortField::kType, "type"},
    {SortField::kCreatedAt, "createdAt"},
    {SortField::kUpdatedAt, "updatedAt"},
    {SortField::kOpeningDate, "openingDate"},
}};

std::optional<std::int64_t> ParsePositive(std::string_view text) {
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || value < 1) {
        return std::nullopt;
    }
    return value;
}

constexpr char kHex[] = "0123456789abcdef";

std::string Hex(std::string_view raw) {
    std::string out;
    for (const char c : raw) {
        const auto u = static_cast<unsigned char>(c);
        out += kHex[u >> 4];
        out += kHex[u & 0xF];
    }
    return out;
}

std::optional<std::string> Unhex(std::string_view text) {
    if (text.size() % 2 != 0) {
        return std::nullopt;
    }
    const auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += 2) {
        const int hi = nibble(text[i]);
        const int lo = nibble(text[i + 1]);
        if (hi < 0 || lo < 0) {
            return std::nullopt;
        }
        out += static_cast<char>((hi << 4) | lo);
    }
    return out;
}

}  // namespace

std::string_view ToString(SortField field) {
    for (const auto& [f, name] : kSortFields) {
        if (f == field) {
            return name;
        }
    }
    return "code";
}

std::string StoreQuery::FilterKey() const {
    std::string key;
    key += "s=" + std::string(status ? ToString(*status) : "");
    key += "|t=" + std::string(type ? ToString(*type) : "");
    key += "|r=" + region.value_or("") + "|c=" + country.value_or("") + "|g=" + tag.value_or("");
    key += "|q=" + q.value_or("");
    for (const auto& id : ids) {
        key += "|i=" + id;
    }
    return key;
}

std::string EncodeCursor(const StoreQuery::Cursor& cursor) {
    // Length-prefixed so that any byte may appear in the sort value.
    return Hex(std::to_string(cursor.sort_value.size()) + ":" + cursor.sort_value + cursor.id);
}

std::optional<StoreQuery::Cursor> DecodeCursor(std::string_view text) {
    if (text.size() > kMaxCursorLength) {
        return std::nullopt;
    }
    const auto raw = Unhex(text);
    if (!raw) {
        return std::nullopt;
    }
    const auto colon = raw->find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    const auto length = ParsePositive(std::string_view(*raw).substr(0, colon));
    const bool empty_value = raw->substr(0, colon) == "0";
    const std::size_t value_length = empty_value ? 0 : static_cast<std::size_t>(length.value_or(0));
    if ((!length && !empty_value) || colon + 1 + value_length > raw->size()) {
        return std::nullopt;
    }
    StoreQuery::Cursor cursor{raw->substr(colon + 1, value_length),
                              raw->substr(colon + 1 + value_length)};
    if (cursor.id.size() != 36) {
        return std::nullopt;
    }
    return cursor;
}

StoreQueryParse ParseStoreQuery(const std::map<std::string, std::string>& params) {
    StoreQueryParse result;
    auto& query = result.query;
    auto& errors = result.errors;
    for (const auto& [name, value] : params) {
        if (name == "status") {
            query.status = ParseStoreStatus(value);
            if (!query.status) {
                errors.push_back({name, "unknown status"});
            }
        } else if (name == "type") {
            query.type = ParseStoreType(value);
            if (!query.type) {
                errors.push_back({name, "unknown store type"});
            }
        } else if (name == "region" || name == "country" || name == "tag" || name == "q") {
            if (Utf8Length(value) > kMaxFilterLength) {
                errors.push_back({name, "must be at most 200 characters"});
            } else if (!value.empty()) {
                auto& target = name == "region"    ? query.region
                               : name == "country" ? query.country
                               : name == "tag"     ? query.tag
                                                   : query.q;
                target = value;
            }
        } else if (name == "sort") {
            std::string_view field = value;
            query.descending = !field.empty() && field[0] == '-';
            if (query.descending) {
                field.remove_prefix(1);
            }
            bool found = false;
            for (const auto& [f, text] : kSortFields) {
                if (text == field) {
                    query.sort = f;
                    found = true;
                }
            }
            if (!found) {
                errors.push_back({name,
                                  "must be one of code, name, city, status, type, createdAt, "
                                  "updatedAt, openingDate, optionally prefixed with -"});
            }
        } else if (name == "page") {
            const auto page = ParsePositive(value);
            if (!page || *page > 1'000'000) {
                errors.push_back({name, "must be a whole number from 1"});
            } else {
                query.page = *page;
            }
        } else if (name == "pageSize") {
            const auto size = ParsePositive(value);
            if (!size || *size > kMaxPageSize) {
                errors.push_back({name, "must be a whole number from 1 to 500"});
            } else {
                query.page_size = *size;
            }
        } else if (name == "cursor") {
            if (!value.empty()) {
                query.cursor = DecodeCursor(value);
                if (!query.cursor) {
                    errors.push_back({name, "is not a cursor returned by this API"});
                }
            }
        } else {
            errors.push_back({name, "unknown parameter"});
        }
    }
    if (query.cursor && params.contains("page")) {
        errors.push_back({"cursor", "use either page or cursor, not both"});
    }
    return result;
}

std::variant<std::string, TimePoint> SortValue(const Store& store, SortField field) {
    switch (field) {
        case SortField::kCode: return store.fields.code;
        case SortField::kName: return store.fields.name;
        case SortField::kCity: return store.fields.location.city;
        case SortField::kStatus: return std::string(ToString(store.status));
        case SortField::kType: return store.fields.type;
        case SortField::kCreatedAt: return store.created_at;
        case SortField::kUpdatedAt: return store.updated_at;
        case SortField::kOpeningDate: return store.fields.opening_date.value_or("");
    }
    return store.fields.code;
}

}  // namespace store::domain
