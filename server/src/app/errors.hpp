#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/field_error.hpp"
#include "domain/store.hpp"
#include "domain/store_template.hpp"

namespace store::app {

/// Protocol-neutral failure kinds. http/problem.cpp is the only place that maps them to HTTP.
enum class ErrorCode {
    kBadRequest,  // malformed input (syntax, types, unknown parameters)
    kValidation,  // well-formed input with invalid field values
    kUnauthorized,
    kForbidden,
    kNotFound,
    kMethodNotAllowed,
    kConflict,              // duplicate or illegal state
    kPreconditionFailed,    // stale If-Match
    kPreconditionRequired,  // missing If-Match
    kPayloadTooLarge,
    kUnsupportedMediaType,
    kRateLimited,
    kDependencyUnavailable,  // database, cache, secret store down or timed out
    kInternal,
};

/// The one exception type of the app and infra layers. `detail` is safe to show a client;
/// `internal` is for the log only (driver messages, SQL state, …) and never leaves the process.
class AppError : public std::runtime_error {
public:
    AppError(ErrorCode code, std::string detail, std::string internal = {})
        : std::runtime_error(internal.empty() ? detail : internal),
          code_(code),
          detail_(std::move(detail)),
          internal_(std::move(internal)) {}

    static AppError Validation(domain::FieldErrors errors, std::string detail = {}) {
        if (detail.empty()) {
            detail = errors.size() == 1 ? "1 field is invalid"
                                        : std::to_string(errors.size()) + " fields are invalid";
        }
        AppError error(ErrorCode::kValidation, std::move(detail));
        error.field_errors_ = std::move(errors);
        return error;
    }

    static AppError BadRequest(domain::FieldErrors errors, std::string detail) {
        AppError error(ErrorCode::kBadRequest, std::move(detail));
        error.field_errors_ = std::move(errors);
        return error;
    }

    static AppError StaleVersion(const domain::Store& current) {
        AppError error(ErrorCode::kPreconditionFailed,
                       "the store was changed by someone else; its current version is " +
                           std::to_string(current.version));
        error.current_ = std::make_shared<domain::Store>(current);
        return error;
    }

    static AppError StaleTemplate(const domain::StoreTemplate& current,
                                  domain::TemplateUsage usage) {
        AppError error(ErrorCode::kPreconditionFailed,
                       "the template was changed by someone else; its current version is " +
                           std::to_string(current.version));
        error.current_template_ = std::make_shared<domain::StoreTemplate>(current);
        error.current_template_usage_ = usage;
        return error;
    }

    /// 409 on applying a provision plan: what changed since it was made, in words.
    static AppError PlanChanged(std::vector<std::string> changes, std::string detail) {
        AppError error(ErrorCode::kConflict, std::move(detail));
        error.changes_ = std::move(changes);
        return error;
    }

    static AppError RateLimited(std::string detail, int retry_after_seconds) {
        AppError error(ErrorCode::kRateLimited, std::move(detail));
        error.retry_after_seconds_ = retry_after_seconds;
        return error;
    }

    ErrorCode code() const { return code_; }
    const std::string& detail() const { return detail_; }
    const std::string& internal() const { return internal_; }
    const domain::FieldErrors& field_errors() const { return field_errors_; }
    /// For kPreconditionFailed: the store as it is now, so a client can show the conflict.
    const std::shared_ptr<const domain::Store>& current() const { return current_; }
    /// For kPreconditionFailed on a template: the template as it is now, and its usage.
    const std::shared_ptr<const domain::StoreTemplate>& current_template() const {
        return current_template_;
    }
    const domain::TemplateUsage& current_template_usage() const { return current_template_usage_; }
    std::optional<int> retry_after_seconds() const { return retry_after_seconds_; }
    /// For a kConflict of PlanChanged: every change, in words.
    const std::vector<std::string>& changes() const { return changes_; }

private:
    ErrorCode code_;
    std::string detail_;
    std::string internal_;
    domain::FieldErrors field_errors_;
    std::shared_ptr<const domain::Store> current_;
    std::shared_ptr<const domain::StoreTemplate> current_template_;
    domain::TemplateUsage current_template_usage_;
    std::optional<int> retry_after_seconds_;
    std::vector<std::string> changes_;
};

}  // namespace store::app
