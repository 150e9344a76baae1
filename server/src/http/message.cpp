#include "http/message.hpp"

#include <algorithm>
#include <cctype>

namespace store::http {
namespace {

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            const auto hex = [](char h) -> int {
                if (h >= '0' && h <= '9') return h - '0';
                if (h >= 'a' && h <= 'f') return h - 'a' + 10;
                if (h >= 'A' && h <= 'F') return h - 'A' + 10;
                return -1;
            };
            if (i + 2 >= text.size()) {
                return std::nullopt;
            }
            const int hi = hex(text[i + 1]);
            const int lo = hex(text[i + 2]);
            if (hi < 0 || lo < 0) {
                return std::nullopt;
            }
            out += static_cast<char>((hi << 4) | lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

bool HeaderLess::operator()(const std::string& a, const std::string& b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) <
               std::tolower(static_cast<unsigned char>(y));
    });
}

Response JsonResponse(int status, std::string body) {
    Response response;
    response.status = status;
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = std::move(body);
    return response;
}

Response EmptyResponse(int status) {
    Response response;
    response.status = status;
    return response;
}

std::optional<ParsedTarget> ParseTarget(std::string_view target) {
    ParsedTarget parsed;
    const auto question = target.find('?');
    auto path = PercentDecode(target.substr(0, question), false);
    if (!path) {
        return std::nullopt;
    }
    parsed.path = std::move(*path);
    if (question == std::string_view::npos) {
        return parsed;
    }
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) {
            continue;
        }
        const auto equals = pair.find('=');
        auto key = PercentDecode(pair.substr(0, equals), true);
        auto value = PercentDecode(
            equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1), true);
        if (!key || !value) {
            return std::nullopt;
        }
        parsed.query[*key] = std::move(*value);  // the last of repeated keys wins
    }
    return parsed;
}

std::string_view TrimOws(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

std::optional<UpgradeToken> FindUpgradeToken(const Request& request) {
    if (const std::string* offered = request.Header("Sec-WebSocket-Protocol")) {
        std::vector<std::string_view> protocols;
        std::string_view rest = *offered;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            protocols.push_back(TrimOws(rest.substr(0, comma)));
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        }
        for (std::size_t i = 0; i + 1 < protocols.size(); ++i) {
            if (protocols[i] == "bearer" && !protocols[i + 1].empty()) {
                return UpgradeToken{std::string(protocols[i + 1]), "bearer"};
            }
        }
    }
    // Never from the URL (?access_token=): URLs end up in proxy and access logs, browser
    // history and Referer headers.
    return std::nullopt;
}

}  // namespace store::http
