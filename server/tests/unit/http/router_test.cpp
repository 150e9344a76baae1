#include "http/router.hpp"

#include <gtest/gtest.h>

namespace store::http {
namespace {

Router MakeRouter() {
    Router router;
    const auto handler = [](Request&) { return EmptyResponse(200); };
    router.Add({"GET", "/api/stores", kViewer, Execution::kWorker, handler, nullptr});
    router.Add({"GET", "/api/stores/export.csv", kViewer, Execution::kWorker, handler, nullptr});
    router.Add({"GET", "/api/stores/{id}", kViewer, Execution::kWorker, handler, nullptr});
    router.Add({"PATCH", "/api/stores/{id}", kOperator, Execution::kWorker, handler, nullptr});
    router.Add({"GET", "/api/stores/{id}/audit", kViewer, Execution::kWorker, handler, nullptr});
    return router;
}

TEST(Router, MatchesLiteralAndParameterSegments) {
    const auto router = MakeRouter();
    const auto match = router.Match("GET", "/api/stores/abc/audit");
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(match.route->pattern, "/api/stores/{id}/audit");
    EXPECT_EQ(match.params.at("id"), "abc");
}

TEST(Router, LiteralRoutesListedFirstWinOverParameters) {
    const auto router = MakeRouter();
    EXPECT_EQ(router.Match("GET", "/api/stores/export.csv").route->pattern,
              "/api/stores/export.csv");
}

TEST(Router, WrongMethodReportsTheAllowedOnes) {
    const auto router = MakeRouter();
    const auto match = router.Match("DELETE", "/api/stores/abc");
    EXPECT_EQ(match.route, nullptr);
    EXPECT_EQ(match.allowed_methods, (std::vector<std::string>{"GET", "PATCH"}));
}

TEST(Router, HeadIsServedByGet) {
    const auto router = MakeRouter();
    EXPECT_NE(router.Match("HEAD", "/api/stores").route, nullptr);
}

TEST(Router, UnknownPathsAndEmptySegmentsDoNotMatch) {
    const auto router = MakeRouter();
    EXPECT_EQ(router.Match("GET", "/api/stores/").route, nullptr);
    EXPECT_EQ(router.Match("GET", "/api/nothing").route, nullptr);
    EXPECT_TRUE(router.Match("GET", "/api/nothing").allowed_methods.empty());
    EXPECT_EQ(router.Match("GET", "").route, nullptr);
    EXPECT_EQ(router.Match("GET", "api/stores").route, nullptr);
}

TEST(RequestTarget, DecodesPathAndQuery) {
    const auto parsed = ParseTarget("/api/stores?q=New+York&tag=a%2Fb&empty=&flag");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->path, "/api/stores");
    EXPECT_EQ(parsed->query.at("q"), "New York");
    EXPECT_EQ(parsed->query.at("tag"), "a/b");
    EXPECT_EQ(parsed->query.at("empty"), "");
    EXPECT_EQ(parsed->query.at("flag"), "");
}

TEST(RequestTarget, RefusesBrokenPercentEncoding) {
    EXPECT_FALSE(ParseTarget("/api/stores?q=%"));
    EXPECT_FALSE(ParseTarget("/api/stores?q=%4"));
    EXPECT_FALSE(ParseTarget("/api/%zz"));
}

TEST(Headers, NamesAreCaseInsensitive) {
    Request request;
    request.headers.emplace("content-TYPE", "application/json");
    ASSERT_NE(request.Header("Content-Type"), nullptr);
    EXPECT_EQ(*request.Header("content-type"), "application/json");
}

}  // namespace
}  // namespace store::http
