#include "http/beast_request.hpp"

#include <boost/beast/core/string.hpp>

namespace store::http {

namespace bhttp = boost::beast::http;

Request RequestOf(bhttp::request<bhttp::string_body>& message, const std::string& peer,
                  const TrustedProxies& proxies) {
    Request request;
    request.peer_address = peer;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    request.keep_alive = message.keep_alive();
    for (const auto& field : message) {
        auto [it, added] =
            request.headers.emplace(std::string(field.name_string()), std::string(field.value()));
        // Several lines of a forwarding header are one list (RFC 9110 5.3): a proxy may add its
        // own line after the client's, and the client address is read from the right end.
        if (!added && (field.name() == bhttp::field::forwarded ||
                       boost::beast::iequals(field.name_string(), "X-Forwarded-For"))) {
            it->second.append(", ").append(field.value());
        }
    }
    request.client_address = ClientAddress(peer, request.Header(proxies.HeaderName()), proxies);
    request.body = std::move(message.body());
    if (auto parsed = ParseTarget(request.target)) {
        request.path = std::move(parsed->path);
        request.query = std::move(parsed->query);
    } else {
        request.path = request.target.substr(0, request.target.find('?'));
        request.transport_error = {400, "malformed percent-encoding in the URL"};
    }
    return request;
}

}  // namespace store::http
