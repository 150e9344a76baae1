// JSON body -> store fields -> validation, and merge patches; the same for a store template, the
// stores created from one (POST /api/templates/{id}/stores) and bringing a store up to a
// template's plans: any bytes, never a crash.
#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/errors.hpp"
#include "domain/audit_diff.hpp"
#include "domain/store_template.hpp"
#include "domain/validation.hpp"
#include "http/dto/store_json.hpp"
#include "http/dto/template_json.hpp"

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
    try {
        const auto fields =
            store::domain::NormalizeTemplate(store::http::dto::ParseTemplateFields(value));
        (void)store::domain::ValidateTemplateFields(fields);
        (void)store::domain::Diff(&fields, nullptr);
        boost::json::value document = store::http::dto::TemplateFieldsToJson(fields);
        store::http::dto::ApplyMergePatch(document, value);
        const auto patched = store::http::dto::ParseTemplateFields(document);
        store::domain::StoreFields store;
        store.network_plan = {{"pos", 10, "10.0.0.0/24"}, {"guest", std::nullopt, std::nullopt}};
        (void)store::domain::ValidateStoreFields(store::domain::WithTemplatePlans(store, patched));
    } catch (const store::app::AppError&) {
    }
    try {
        store::domain::TemplateFields profile;
        profile.type = "standard";
        profile.tags = {"mall"};
        for (auto& seed : store::http::dto::ParseStoreSeeds(value)) {
            (void)store::domain::ValidateStoreFields(
                store::domain::StoreFieldsFrom(profile, std::move(seed)));
        }
    } catch (const store::app::AppError&) {
    }
    return 0;
}
