#include "http/dto/request_body.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "app/errors.hpp"

namespace store::http::dto {

namespace json = boost::json;

json::value ParseJsonBody(const Request& request) {
    const std::string* type = request.Header("Content-Type");
    const std::string_view media =
        type == nullptr ? std::string_view{} : std::string_view(*type).substr(0, type->find(';'));
    std::string lowered(media);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    while (!lowered.empty() && lowered.back() == ' ') {
        lowered.pop_back();
    }
    if (lowered != "application/json" && lowered != "application/merge-patch+json") {
        throw app::AppError(app::ErrorCode::kUnsupportedMediaType,
                            "send the body as application/json");
    }
    json::parse_options options;
    options.max_depth = 32;
    boost::system::error_code ec;
    json::value value = json::parse(request.body, ec, {}, options);
    if (ec) {
        throw app::AppError(app::ErrorCode::kBadRequest,
                            "the body is not valid JSON: " + ec.message());
    }
    return value;
}

ObjectReader::ObjectReader(const json::value& value, std::string prefix,
                           domain::FieldErrors& errors)
    : prefix_(std::move(prefix)), errors_(errors) {
    if (value.is_object()) {
        object_ = &value.as_object();
    } else {
        const std::string field = prefix_.empty() ? "body" : prefix_.substr(0, prefix_.size() - 1);
        errors_.push_back({field, "must be a JSON object"});
    }
}

void ObjectReader::AddError(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
}

const json::value* ObjectReader::Member(std::string_view name) {
    known_.emplace_back(name);
    if (object_ == nullptr) {
        return nullptr;
    }
    const auto* value = object_->if_contains(name);
    return (value == nullptr || value->is_null()) ? nullptr : value;
}

std::optional<std::string> ObjectReader::String(std::string_view name) {
    const auto* value = Member(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_string()) {
        AddError(Path(name), "must be a string");
        return std::nullopt;
    }
    return std::string(value->as_string());
}

std::optional<std::int64_t> ObjectReader::Integer(std::string_view name) {
    const auto* value = Member(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_int64()) {
        return value->as_int64();
    }
    if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(value->as_uint64());
    }
    // The range check comes first: casting a double outside int64's range is undefined (1e125).
    if (value->is_double() && std::abs(value->as_double()) < 1e15 &&
        value->as_double() == std::trunc(value->as_double())) {
        return static_cast<std::int64_t>(value->as_double());
    }
    AddError(Path(name), "must be a whole number");
    return std::nullopt;
}

std::optional<double> ObjectReader::Number(std::string_view name) {
    const auto* value = Member(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_number()) {
        return value->to_number<double>();
    }
    AddError(Path(name), "must be a number");
    return std::nullopt;
}

std::optional<bool> ObjectReader::Bool(std::string_view name) {
    const auto* value = Member(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (!value->is_bool()) {
        AddError(Path(name), "must be true or false");
        return std::nullopt;
    }
    return value->as_bool();
}

void ObjectReader::RejectUnknown() {
    if (object_ == nullptr) {
        return;
    }
    for (const auto& [key, value] : *object_) {
        if (std::find(known_.begin(), known_.end(), std::string_view(key)) == known_.end()) {
            AddError(Path(key), "unknown field");
        }
    }
}

}  // namespace store::http::dto
