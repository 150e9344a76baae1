#include "http/compression.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace store::http {
namespace {

std::string Gunzip(const std::string& input) {
    z_stream stream{};
    EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
    std::string out(input.size() * 20 + 1024, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
    out.resize(stream.total_out);
    inflateEnd(&stream);
    return out;
}

Request WithAcceptEncoding(const std::string& value) {
    Request request;
    request.method = "GET";
    request.path = "/api/stores";
    request.headers.emplace("Accept-Encoding", value);
    return request;
}

Response Json(std::string body) {
    Response response;
    response.Set("Content-Type", "application/json");
    response.body = std::move(body);
    return response;
}

std::string ManyStores() {
    std::string body = "{\"items\":[";
    for (int i = 0; i < 100; ++i) {
        body += (i ? "," : "") + std::string(R"({"code":"STORE-)") + std::to_string(i) +
                R"(","name":"A store","status":"active","location":{"country":"DE"}})";
    }
    return body + "]}";
}

TEST(AcceptsGzip, ReadsTheTokensAndTheirWeights) {
    EXPECT_TRUE(AcceptsGzip("gzip"));
    EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
    EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.8"));
    EXPECT_TRUE(AcceptsGzip("deflate, *"));
    EXPECT_TRUE(AcceptsGzip(" x-gzip "));
    EXPECT_FALSE(AcceptsGzip(""));
    EXPECT_FALSE(AcceptsGzip("identity"));
    EXPECT_FALSE(AcceptsGzip("br, deflate"));
    EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
    EXPECT_FALSE(AcceptsGzip("gzip;q=0.000, br"));
    EXPECT_FALSE(AcceptsGzip("gzip;q=nonsense"));
    EXPECT_FALSE(AcceptsGzip("gzipped"));
}

TEST(CompressResponse, GzipsALargeJsonBodyForAClientThatAcceptsIt) {
    const std::string body = ManyStores();
    Response response = Json(body);
    CompressResponse(WithAcceptEncoding("gzip, br"), response, 1024);
    ASSERT_NE(response.Get("Content-Encoding"), nullptr);
    EXPECT_EQ(*response.Get("Content-Encoding"), "gzip");
    EXPECT_EQ(*response.Get("Vary"), "Accept-Encoding");
    EXPECT_LT(response.body.size(), body.size() / 4);
    EXPECT_EQ(Gunzip(response.body), body);
}

TEST(CompressResponse, LeavesSmallBodiesAndRefusingClientsAlone) {
    Response small = Json(R"({"status":"ok"})");
    CompressResponse(WithAcceptEncoding("gzip"), small, 1024);
    EXPECT_EQ(small.Get("Content-Encoding"), nullptr);
    EXPECT_EQ(*small.Get("Vary"), "Accept-Encoding");  // a larger answer could differ

    Response refused = Json(ManyStores());
    CompressResponse(WithAcceptEncoding("identity"), refused, 1024);
    EXPECT_EQ(refused.Get("Content-Encoding"), nullptr);
    EXPECT_EQ(refused.body, ManyStores());

    Request no_header;
    Response plain = Json(ManyStores());
    CompressResponse(no_header, plain, 1024);
    EXPECT_EQ(plain.Get("Content-Encoding"), nullptr);
}

TEST(CompressResponse, OffWhenTheThresholdIsZero) {
    Response response = Json(ManyStores());
    CompressResponse(WithAcceptEncoding("gzip"), response, 0);
    EXPECT_EQ(response.Get("Content-Encoding"), nullptr);
    EXPECT_EQ(response.Get("Vary"), nullptr);
}

TEST(CompressResponse, NeverTouchesStreamsBinaryOrAlreadyEncodedBodies) {
    Response streamed = Json(ManyStores());
    streamed.stream = []() -> std::optional<std::string> { return std::nullopt; };
    CompressResponse(WithAcceptEncoding("gzip"), streamed, 16);
    EXPECT_EQ(streamed.Get("Content-Encoding"), nullptr);

    Response bundle;
    bundle.Set("Content-Type", "application/gzip");
    bundle.body = std::string(4096, 'x');
    CompressResponse(WithAcceptEncoding("gzip"), bundle, 16);
    EXPECT_EQ(bundle.Get("Content-Encoding"), nullptr);

    Response encoded = Json(ManyStores());
    encoded.Set("Content-Encoding", "gzip");
    const std::string before = encoded.body;
    CompressResponse(WithAcceptEncoding("gzip"), encoded, 16);
    EXPECT_EQ(encoded.body, before);
}

TEST(CompressResponse, AddsToAnExistingVary) {
    Response response = Json(ManyStores());
    response.Set("Vary", "Origin");
    CompressResponse(WithAcceptEncoding("gzip"), response, 1024);
    EXPECT_EQ(*response.Get("Vary"), "Origin, Accept-Encoding");
}

}  // namespace
}  // namespace store::http
