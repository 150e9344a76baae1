#include "http/request_id.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <random>

namespace store::http {
namespace {

std::string NewRequestId() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id(16, '0');
    std::uint64_t bits = engine();
    for (auto& c : id) {
        c = kHex[bits & 0xF];
        bits >>= 4;
    }
    return id;
}

bool IsSafeRequestId(const std::string& id) {
    return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    });
}

}  // namespace

void AssignRequestId(Request& request) {
    if (request.request_id.empty()) {
        const std::string* given = request.Header("X-Request-Id");
        request.request_id =
            (given != nullptr && IsSafeRequestId(*given)) ? *given : NewRequestId();
    }
}

}  // namespace store::http
