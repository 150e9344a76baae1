#pragma once

#include <string>
#include <string_view>

#include "http/message.hpp"

namespace store::http {

/// True when an Accept-Encoding header value accepts gzip: the token "gzip" (or "*") with a
/// quality above zero, e.g. "gzip, deflate, br" or "br;q=1.0, gzip;q=0.8", not "gzip;q=0".
bool AcceptsGzip(std::string_view accept_encoding);

/// Compresses a response body in place when the client accepts gzip and it is worth it: a
/// complete (not streamed) body of at least `min_bytes`, a text type (JSON, problem+json,
/// CSV, plain text, HTML) and no Content-Encoding yet. Adds `Vary: Accept-Encoding` to every
/// response of a compressible type, compressed or not, so that caches keep them apart. ETags
/// are left as they are: they name the resource's version (If-Match), not the bytes.
void CompressResponse(const Request& request, Response& response, std::size_t min_bytes);

}  // namespace store::http
