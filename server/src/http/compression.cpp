#include "http/compression.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "platform/gzip.hpp"

namespace store::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool CompressibleType(const std::string* content_type) {
    if (content_type == nullptr) {
        return false;
    }
    const std::string_view type = *content_type;
    return type.starts_with("application/json") || type.starts_with("application/problem+json") ||
           type.starts_with("text/");
}

void AddVary(Response& response, std::string_view token) {
    const std::string* vary = response.Get("Vary");
    if (vary == nullptr) {
        response.Set("Vary", std::string(token));
    } else if (vary->find(token) == std::string::npos) {
        response.Set("Vary", *vary + ", " + std::string(token));
    }
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
    while (!accept_encoding.empty()) {
        const auto comma = accept_encoding.find(',');
        std::string_view item = accept_encoding.substr(0, comma);
        accept_encoding = comma == std::string_view::npos ? std::string_view{}
                                                          : accept_encoding.substr(comma + 1);
        std::string_view coding = item;
        double quality = 1.0;
        if (const auto semi = item.find(';'); semi != std::string_view::npos) {
            coding = item.substr(0, semi);
            std::string_view params = TrimOws(item.substr(semi + 1));
            if (params.size() > 2 && (params[0] == 'q' || params[0] == 'Q') && params[1] == '=') {
                const std::string value(TrimOws(params.substr(2)));
                char* end = nullptr;
                quality = std::strtod(value.c_str(), &end);
                if (end == value.c_str()) {
                    quality = 0.0;  // unreadable weight: do not assume consent
                }
            }
        }
        coding = TrimOws(coding);
        if ((EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip") ||
             coding == "*") &&
            quality > 0.0) {
            return true;
        }
    }
    return false;
}

void CompressResponse(const Request& request, Response& response, std::size_t min_bytes) {
    if (min_bytes == 0 || response.stream || !CompressibleType(response.Get("Content-Type")) ||
        response.Get("Content-Encoding") != nullptr) {
        return;
    }
    AddVary(response, "Accept-Encoding");
    const std::string* accept = request.Header("Accept-Encoding");
    if (response.body.size() < min_bytes || accept == nullptr || !AcceptsGzip(*accept)) {
        return;
    }
    // Level 1: most of the size gain at a fraction of the CPU, which matters on the network
    // thread that answers cached list pages.
    auto compressed = platform::Gzip(response.body, 1);
    if (!compressed || compressed->size() >= response.body.size()) {
        return;
    }
    response.body = std::move(*compressed);
    response.Set("Content-Encoding", "gzip");
}

}  // namespace store::http
