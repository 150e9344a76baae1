#include "domain/validation.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "domain/ipam.hpp"
#include "domain/reference_data.hpp"
#include "domain/store_code.hpp"
#include "domain/store_template.hpp"

namespace store::domain {
namespace {

constexpr std::size_t kMaxTags = 20;
constexpr std::size_t kMaxSegments = 5;
constexpr std::int64_t kMaxQuantity = 100;
constexpr int kMinPrefix = 16;
constexpr int kMaxPrefix = 30;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || IsDigit(c); }

bool IsBlank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

class Collector {
public:
    void Add(std::string field, std::string message) {
        errors_.push_back({std::move(field), std::move(message)});
    }

    // A required single-line text of [min, max] characters.
    void Text(const std::string& field, std::string_view value, std::size_t min, std::size_t max,
              bool allow_newlines = false) {
        const std::size_t length = Utf8Length(value);
        if (min > 0 && (value.empty() || IsBlank(value))) {
            Add(field, "is required");
        } else if (length < min || length > max) {
            Add(field, "must be " + std::to_string(min) + " to " + std::to_string(max) +
                           " characters long");
        } else if (HasControlChars(value, allow_newlines)) {
            Add(field, "must not contain control characters");
        }
    }

    FieldErrors Take() { return std::move(errors_); }

private:
    FieldErrors errors_;
};

bool IsValidPostalCode(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == ' ' || c == '-';
    });
}

bool IsValidPhone(std::string_view text) {
    if (text.size() < 5 || text.size() > 20) {
        return false;
    }
    const auto digits = std::count_if(text.begin(), text.end(), IsDigit);
    return digits >= 5 && std::all_of(text.begin(), text.end(), [](char c) {
               return IsDigit(c) || c == ' ' || c == '+' || c == '(' || c == ')' || c == '-';
           });
}

bool IsValidTag(std::string_view tag) {
    return !tag.empty() && tag.size() <= 32 && IsLowerAlnum(tag[0]) &&
           std::all_of(tag.begin(), tag.end(),
                       [](char c) { return IsLowerAlnum(c) || c == '_' || c == '-'; });
}

void ValidateLocation(const Location& location, Collector& errors) {
    errors.Text("location.address", location.address, 1, 200);
    errors.Text("location.city", location.city, 1, 100);
    errors.Text("location.region", location.region, 1, 100);
    if (!CountryCodes().contains(location.country)) {
        errors.Add("location.country", "must be an ISO 3166-1 alpha-2 code such as US or DE");
    }
    if (location.postal_code.empty() || location.postal_code.size() > 20 ||
        !IsValidPostalCode(location.postal_code)) {
        errors.Add("location.postalCode", "must be 1 to 20 letters, digits, spaces or hyphens");
    }
    if (!TimeZoneNames().contains(location.timezone)) {
        errors.Add("location.timezone", "must be an IANA time zone such as Europe/Berlin");
    }
    if (location.latitude.has_value() != location.longitude.has_value()) {
        errors.Add(location.latitude ? "location.longitude" : "location.latitude",
                   "latitude and longitude must be given together");
    }
    if (location.latitude && !(*location.latitude >= -90.0 && *location.latitude <= 90.0)) {
        errors.Add("location.latitude", "must be between -90 and 90");
    }
    if (location.longitude && !(*location.longitude >= -180.0 && *location.longitude <= 180.0)) {
        errors.Add("location.longitude", "must be between -180 and 180");
    }
}

void ValidateContact(const Contact& contact, Collector& errors) {
    errors.Text("contact.manager", contact.manager, 0, 120);
    if (!contact.email.empty() && !IsValidEmail(contact.email)) {
        errors.Add("contact.email", "must be a valid e-mail address");
    }
    if (!contact.phone.empty() && !IsValidPhone(contact.phone)) {
        errors.Add("contact.phone", "must be 5 to 20 digits, spaces, or + ( ) -");
    }
}

void ValidateTags(const std::vector<std::string>& tags, Collector& errors) {
    if (tags.size() > kMaxTags) {
        errors.Add("tags", "at most " + std::to_string(kMaxTags) + " tags");
    }
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        const std::string field = "tags[" + std::to_string(i) + "]";
        if (!IsValidTag(tags[i])) {
            errors.Add(field,
                       "must be 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit");
        } else if (!seen.insert(tags[i]).second) {
            errors.Add(field, "duplicate tag");
        }
    }
}

void ValidateHardwarePlan(const std::map<std::string, std::int64_t>& plan, Collector& errors) {
    for (const auto& [kind, quantity] : plan) {
        const std::string field = "hardwarePlan." + kind;
        if (!ParseHardwareKind(kind)) {
            errors.Add(field,
                       "unknown hardware kind (pos_terminal, router, switch, access_point, "
                       "printer)");
        } else if (quantity < 0 || quantity > kMaxQuantity) {
            errors.Add(field, "quantity must be between 0 and " + std::to_string(kMaxQuantity));
        }
    }
}

void ValidateNetworkPlan(const std::vector<SegmentPlan>& plan, Collector& errors) {
    if (plan.size() > kMaxSegments) {
        errors.Add("networkPlan", "at most " + std::to_string(kMaxSegments) + " segments");
    }
    std::set<std::string_view> purposes;
    std::set<std::int64_t> vlans;
    std::vector<Ipv4Network> networks;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const auto& segment = plan[i];
        const std::string prefix = "networkPlan[" + std::to_string(i) + "].";
        if (!ParseSegmentPurpose(segment.purpose)) {
            errors.Add(prefix + "purpose", "must be one of pos, corporate, guest, iot, management");
        } else if (!purposes.insert(segment.purpose).second) {
            errors.Add(prefix + "purpose", "each purpose may appear only once");
        }
        if (segment.vlan_id) {
            if (*segment.vlan_id < 1 || *segment.vlan_id > 4094) {
                errors.Add(prefix + "vlanId", "must be between 1 and 4094");
            } else if (!vlans.insert(*segment.vlan_id).second) {
                errors.Add(prefix + "vlanId", "VLAN id is already used by another segment");
            }
        }
        if (segment.cidr) {
            const auto parsed = ParseCidr(*segment.cidr);
            if (!parsed.network) {
                errors.Add(prefix + "cidr", parsed.error == CidrError::kHostBitsSet
                                                ? "host bits must be zero (use the network address)"
                                                : "must be an IPv4 network such as 10.20.0.0/24");
            } else if (parsed.network->prefix < kMinPrefix || parsed.network->prefix > kMaxPrefix) {
                errors.Add(prefix + "cidr", "prefix length must be between /16 and /30");
            } else {
                const bool overlaps =
                    std::any_of(networks.begin(), networks.end(),
                                [&](const Ipv4Network& n) { return n.Overlaps(*parsed.network); });
                if (overlaps) {
                    errors.Add(prefix + "cidr", "overlaps another segment of this store");
                }
                networks.push_back(*parsed.network);
            }
        }
    }
}

}  // namespace

std::size_t Utf8Length(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

bool HasControlChars(std::string_view text, bool allow_newlines) {
    return std::any_of(text.begin(), text.end(), [allow_newlines](char c) {
        const auto u = static_cast<unsigned char>(c);
        if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) {
            return false;
        }
        return u < 0x20 || u == 0x7F;
    });
}

bool IsValidDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!IsDigit(text[i])) {
            return false;
        }
    }
    const int year = std::stoi(std::string(text.substr(0, 4)));
    const int month = std::stoi(std::string(text.substr(5, 2)));
    const int day = std::stoi(std::string(text.substr(8, 2)));
    if (year < 1900 || month < 1 || month > 12 || day < 1) {
        return false;
    }
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int max_day = (month == 2 && leap) ? 29 : kDays[month - 1];
    return day <= max_day;
}

bool IsValidEmail(std::string_view text) {
    if (text.size() > 254) {
        return false;
    }
    const auto at = text.find('@');
    if (at == std::string_view::npos || at == 0 ||
        text.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    const auto local = text.substr(0, at);
    const auto domain = text.substr(at + 1);
    const auto dot = domain.rfind('.');
    if (local.size() > 64 || domain.empty() || dot == std::string_view::npos || dot == 0 ||
        dot + 2 > domain.size() || domain.find("..") != std::string_view::npos) {
        return false;
    }
    const auto ok_char = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' ||
               c == '_' || c == '+';
    };
    return std::all_of(local.begin(), local.end(), ok_char) &&
           std::all_of(domain.begin(), domain.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-';
           });
}

FieldErrors ValidateStoreFields(const StoreFields& fields) {
    Collector errors;
    // The configured pattern is checked by the use case when a code is set (StoreCodeRule).
    errors.Text("code", fields.code, 1, kMaxStoreCodeLength);
    errors.Text("name", fields.name, 1, 120);
    if (!ParseStoreType(fields.type)) {
        errors.Add("type", "must be one of flagship, standard, express, outlet, warehouse");
    }
    ValidateLocation(fields.location, errors);
    if (fields.opening_date && !IsValidDate(*fields.opening_date)) {
        errors.Add("openingDate", "must be a date written as YYYY-MM-DD");
    }
    ValidateContact(fields.contact, errors);
    ValidateTags(fields.tags, errors);
    errors.Text("notes", fields.notes, 0, 2000, /*allow_newlines=*/true);
    ValidateHardwarePlan(fields.hardware_plan, errors);
    ValidateNetworkPlan(fields.network_plan, errors);
    return errors.Take();
}

std::string_view ToString(Role role) {
    switch (role) {
        case Role::kViewer: return "viewer";
        case Role::kOperator: return "operator";
        case Role::kAdmin: return "admin";
    }
    return "viewer";
}

std::optional<Role> ParseRole(std::string_view text) {
    if (text == "viewer") {
        return Role::kViewer;
    }
    if (text == "operator") {
        return Role::kOperator;
    }
    if (text == "admin") {
        return Role::kAdmin;
    }
    return std::nullopt;
}

bool RoleAtLeast(Role actual, Role required) {
    return static_cast<int>(actual) >= static_cast<int>(required);
}

FieldErrors ValidateUsername(std::string_view username, std::string_view field) {
    const bool ok = username.size() >= 3 && username.size() <= 64 &&
                    std::all_of(username.begin(), username.end(), [](char c) {
                        return IsLowerAlnum(c) || c == '.' || c == '_' || c == '-';
                    });
    if (ok) {
        return {};
    }
    return {{std::string(field), "must be 3 to 64 of a-z, 0-9, '.', '_' and '-'"}};
}

FieldErrors ValidatePassword(std::string_view password, std::string_view field) {
    // Both bounds in code points, as the OpenAPI document's minLength/maxLength count them.
    if (Utf8Length(password) < 12 || Utf8Length(password) > kMaxPasswordLength) {
        return {{std::string(field), "must be 12 to 1024 characters long"}};
    }
    return {};
}

FieldErrors ValidateTemplateFields(const TemplateFields& fields) {
    Collector errors;
    for (auto& error : ValidateDisplayName(fields.name, "name", kMaxTemplateNameLength)) {
        errors.Add(std::move(error.field), std::move(error.message));
    }
    errors.Text("description", fields.description, 0, 2000, /*allow_newlines=*/true);
    if (!ParseStoreType(fields.type)) {
        errors.Add("type", "must be one of flagship, standard, express, outlet, warehouse");
    }
    ValidateTags(fields.tags, errors);
    errors.Text("notes", fields.notes, 0, 2000, /*allow_newlines=*/true);
    ValidateHardwarePlan(fields.hardware_plan, errors);
    ValidateNetworkPlan(fields.network_plan, errors);
    for (std::size_t i = 0; i < fields.network_plan.size(); ++i) {
        if (fields.network_plan[i].cidr) {
            errors.Add("networkPlan[" + std::to_string(i) + "].cidr",
                       "a template cannot fix a subnet: each store gets its own from its pool");
        }
    }
    return errors.Take();
}

FieldErrors ValidateDisplayName(std::string_view name, std::string_view field,
                                std::size_t max_length) {
    Collector errors;
    errors.Text(std::string(field), name, 1, max_length);
    if (!name.empty() &&
        (std::isspace(static_cast<unsigned char>(name.front())) != 0 ||
         std::isspace(static_cast<unsigned char>(name.back())) != 0) &&
        !IsBlank(name)) {
        errors.Add(std::string(field), "must not start or end with a space");
    }
    return errors.Take();
}

}  // namespace store::domain
