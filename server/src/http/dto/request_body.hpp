#pragma once

#include <boost/json/value.hpp>

#include "http/message.hpp"

namespace store::http::dto {

/// Parses a JSON request body: 415 unless Content-Type is application/json, 400 for syntax
/// errors or nesting deeper than 32 (each thrown as AppError).
boost::json::value ParseJsonBody(const Request& request);

/// Reads an optional member of the expected JSON type; records a field error otherwise.
class ObjectReader {
public:
    ObjectReader(const boost::json::value& value, std::string prefix, domain::FieldErrors& errors);
    bool Valid() const { return object_ != nullptr; }
    std::optional<std::string> String(std::string_view name);
    std::optional<std::int64_t> Integer(std::string_view name);
    std::optional<double> Number(std::string_view name);
    std::optional<bool> Bool(std::string_view name);
    const boost::json::value* Member(std::string_view name);  // any type, marks it as known
    std::string Path(std::string_view name) const { return prefix_ + std::string(name); }
    /// Reports every member that no accessor asked for.
    void RejectUnknown();
    void AddError(std::string field, std::string message);

private:
    const boost::json::object* object_ = nullptr;
    std::string prefix_;
    domain::FieldErrors& errors_;
    std::vector<std::string> known_;
};

}  // namespace store::http::dto
