// JSON body -> store fields -> validation, and merge patches: any bytes, never a crash.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/errors.hpp"
#include "domain/audit_diff.hpp"
#include "domain/validation.hpp"
#include "http/dto/store_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    boost::json::parse_options options;
    options.max_depth = 32;
    boost::system::error_code ec;
    const auto value = boost::json::parse(input, ec, {}, options);
    if (ec) {
        return 0;
    }
    try {
        const auto fields = store::http::dto::ParseStoreFields(value);
        const auto errors = store::domain::ValidateStoreFields(fields);
        (void)store::domain::Diff(&fields, &fields);
        boost::json::value document = store::http::dto::FieldsToJson(fields);
        store::http::dto::ApplyMergePatch(document, value);
        (void)store::http::dto::ParseStoreFields(document);
        (void)errors;
    } catch (const store::app::AppError&) {
        // Refused input is the expected outcome for most inputs.
    }
    return 0;
}
