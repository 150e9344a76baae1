#pragma once
// Beast's parsed message → our Request. Names Beast types: included only by http/server.cpp and
// the fuzz targets that drive the server's own reading code (not by widely included headers).

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>

#include "http/client_address.hpp"
#include "http/message.hpp"

namespace store::http {

/// The Request of a message Beast read completely from `peer`: method, target, headers (the
/// lines of a forwarding header joined into one list), the client address (behind a trusted
/// proxy the forwarded client), the body (moved out of `message`), and the decoded path and
/// query — a target with malformed percent-encoding sets transport_error (400).
Request RequestOf(boost::beast::http::request<boost::beast::http::string_body>& message,
                  const std::string& peer, const TrustedProxies& proxies);

}  // namespace store::http
