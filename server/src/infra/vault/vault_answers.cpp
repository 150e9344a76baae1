#include "infra/vault/vault_answers.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "app/errors.hpp"

namespace store::infra::vault {
namespace {

namespace json = boost::json;

app::AppError Unexpected(const std::string& internal) {
    return app::AppError(app::ErrorCode::kDependencyUnavailable, "vault sent an unexpected answer",
                         internal);
}

json::object ParseObject(std::string_view body, const std::string& what) {
    json::parse_options options;
    options.max_depth = 64;
    boost::system::error_code ec;
    json::value document = json::parse(body, ec, {}, options);
    if (ec || !document.is_object()) {
        throw Unexpected(what + ": response is not a JSON object");
    }
    return std::move(document.as_object());
}

// A whole number of seconds; absent is 0. A number outside int64 (or a fraction too large to
// convert) is refused rather than cast: that cast is undefined behaviour.
std::int64_t IntMember(const json::object& object, std::string_view name, const std::string& what) {
    const auto* value = object.if_contains(name);
    if (value == nullptr) {
        return 0;
    }
    if (value->is_int64()) {
        return value->as_int64();
    }
    if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(value->as_uint64());
    }
    // 2^63 is exactly representable; every double below it in magnitude converts.
    if (value->is_double() && std::abs(value->as_double()) < 9223372036854775808.0) {
        return static_cast<std::int64_t>(value->as_double());
    }
    if (!value->is_number()) {
        return 0;  // Vault never sends these as strings; treated like an absent member
    }
    throw Unexpected(what + ": '" + std::string(name) + "' is out of range");
}

bool BoolMember(const json::object& object, std::string_view name) {
    const auto* value = object.if_contains(name);
    return value != nullptr && value->is_bool() && value->as_bool();
}

const json::object& ObjectMember(const json::object& object, std::string_view name,
                                 const std::string& what) {
    const auto* value = object.if_contains(name);
    if (value == nullptr || !value->is_object()) {
        throw Unexpected(what + ": no '" + std::string(name) + "' object");
    }
    return value->as_object();
}

}  // namespace

LoginAnswer ReadLoginAnswer(AuthMethod method, std::string_view body, const std::string& what,
                            const std::string& configured_token) {
    const auto document = ParseObject(body, what);
    LoginAnswer answer;
    if (method == AuthMethod::kToken) {
        const auto& data = ObjectMember(document, "data", what);
        answer.token = configured_token;
        answer.ttl_seconds = IntMember(data, "ttl", what);
        answer.increment_seconds =
            std::max(IntMember(data, "creation_ttl", what), answer.ttl_seconds);
        answer.renewable = BoolMember(data, "renewable");
    } else {
        const auto& auth = ObjectMember(document, "auth", what);
        const auto* client_token = auth.if_contains("client_token");
        if (client_token == nullptr || !client_token->is_string()) {
            throw Unexpected(what + ": no client_token");
        }
        answer.token = std::string(client_token->as_string());
        answer.ttl_seconds = IntMember(auth, "lease_duration", what);
        answer.increment_seconds = answer.ttl_seconds;
        answer.renewable = BoolMember(auth, "renewable");
    }
    return answer;
}

std::int64_t ReadRenewAnswer(std::string_view body) {
    const std::string what = "auth/token/renew-self";
    const auto document = ParseObject(body, what);
    return IntMember(ObjectMember(document, "auth", what), "lease_duration", what);
}

app::ports::Secret ReadKvAnswer(std::string_view body) {
    const std::string what = "kv read";
    const auto document = ParseObject(body, what);
    const auto& data = ObjectMember(ObjectMember(document, "data", what), "data", what);
    app::ports::Secret secret;
    for (const auto& [name, value] : data) {
        secret[std::string(name)] =
            value.is_string() ? std::string(value.as_string()) : json::serialize(value);
    }
    return secret;
}

std::string ReadErrors(std::string_view body) {
    boost::system::error_code ec;
    const json::value document = json::parse(body, ec);
    if (ec || !document.is_object()) {
        return {};
    }
    std::string out;
    if (const auto* errors = document.as_object().if_contains("errors");
        errors && errors->is_array()) {
        for (const auto& error : errors->as_array()) {
            if (error.is_string()) {
                out += (out.empty() ? "" : "; ") + std::string(error.as_string());
            }
        }
    }
    return out;
}

std::chrono::milliseconds RefreshAfter(std::int64_t ttl_seconds, double renew_at) {
    constexpr double kYearMs = 365.0 * 24 * 3600 * 1000;
    const double ms = static_cast<double>(ttl_seconds) * 1000 * renew_at;
    // !(ms > 0) also catches NaN; the clamp keeps the cast and the time arithmetic in range.
    return std::chrono::milliseconds(
        static_cast<std::int64_t>(!(ms > 0) ? 0.0 : std::min(ms, kYearMs)));
}

}  // namespace store::infra::vault
