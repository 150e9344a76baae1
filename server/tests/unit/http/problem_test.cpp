#include "http/problem.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace store::http {
namespace {

namespace json = boost::json;

TEST(Problem, ValidationBecomes422WithEveryFieldError) {
    const auto response =
        ToProblem(app::AppError::Validation({{"code", "bad"}, {"location.country", "unknown"}}),
                  "/api/stores", "req-1");
    EXPECT_EQ(response.status, 422);
    EXPECT_EQ(*response.Get("Content-Type"), "application/problem+json");
    const auto body = json::parse(response.body).as_object();
    EXPECT_EQ(body.at("type").as_string(), "https://store-platform.dev/problems/validation");
    EXPECT_EQ(body.at("status").as_int64(), 422);
    EXPECT_EQ(body.at("instance").as_string(), "/api/stores");
    EXPECT_EQ(body.at("requestId").as_string(), "req-1");
    EXPECT_EQ(body.at("errors").as_array().size(), 2u);
    EXPECT_EQ(body.at("errors").as_array()[1].at("field").as_string(), "location.country");
}

TEST(Problem, InternalErrorsNeverShowTheirDetail) {
    const auto response = ToProblem(
        app::AppError(app::ErrorCode::kInternal, "SQLITE_CORRUPT at stores.c:42", "driver text"),
        "/x", "r");
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.body.find("SQLITE"), std::string::npos);
    EXPECT_EQ(response.body.find("driver"), std::string::npos);
}

TEST(Problem, StaleVersionCarriesTheCurrentStore) {
    domain::Store current;
    current.id = "0b5b6c1e-0000-4000-8000-000000000000";
    current.version = 7;
    current.fields.name = "Theirs";
    const auto response = ToProblem(app::AppError::StaleVersion(current), "/api/stores/x", "r");
    EXPECT_EQ(response.status, 412);
    EXPECT_EQ(*response.Get("ETag"), "\"7\"");
    const auto body = json::parse(response.body).as_object();
    EXPECT_EQ(body.at("currentVersion").as_int64(), 7);
    EXPECT_EQ(body.at("current").at("name").as_string(), "Theirs");
}

TEST(Problem, RateLimitTellsWhenToRetry) {
    const auto response = ToProblem(app::AppError::RateLimited("slow down", 42), "/", "r");
    EXPECT_EQ(response.status, 429);
    EXPECT_EQ(*response.Get("Retry-After"), "42");
}

TEST(Problem, EveryCodeHasADistinctClientErrorOrServerStatus) {
    using app::ErrorCode;
    EXPECT_EQ(StatusOf(ErrorCode::kBadRequest), 400);
    EXPECT_EQ(StatusOf(ErrorCode::kUnauthorized), 401);
    EXPECT_EQ(StatusOf(ErrorCode::kForbidden), 403);
    EXPECT_EQ(StatusOf(ErrorCode::kNotFound), 404);
    EXPECT_EQ(StatusOf(ErrorCode::kMethodNotAllowed), 405);
    EXPECT_EQ(StatusOf(ErrorCode::kConflict), 409);
    EXPECT_EQ(StatusOf(ErrorCode::kPreconditionFailed), 412);
    EXPECT_EQ(StatusOf(ErrorCode::kPayloadTooLarge), 413);
    EXPECT_EQ(StatusOf(ErrorCode::kUnsupportedMediaType), 415);
    EXPECT_EQ(StatusOf(ErrorCode::kPreconditionRequired), 428);
    EXPECT_EQ(StatusOf(ErrorCode::kRateLimited), 429);
    EXPECT_EQ(StatusOf(ErrorCode::kDependencyUnavailable), 503);
}

}  // namespace
}  // namespace store::http
