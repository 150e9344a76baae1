#pragma once

#include <map>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace store::http {

/// The built dashboard, loaded into memory at start-up (a few hundred KB), with gzip copies of
/// compressible files. Hashed assets (/assets/…) are cached for a year; index.html never.
/// Unknown paths that are not API paths get index.html (client-side routing), or the build's
/// pre-linked variant of it for that path (pages/<path>.html, see
/// frontend/scripts/route-pages.mjs).
class StaticFiles {
public:
    /// Throws std::runtime_error when `directory` has no index.html.
    explicit StaticFiles(const std::string& directory);

    /// nullopt when the path is not the UI's (API, health, metrics).
    std::optional<Response> Serve(const Request& request) const;
    std::size_t FileCount() const { return files_.size(); }

private:
    struct File {
        std::string content_type;
        std::string body;
        std::string gzipped;  // empty when not worth compressing
        std::string etag;
        bool immutable = false;
    };
    Response Make(const File& file, const Request& request) const;

    std::map<std::string, File> files_;  // URL path -> file
};

}  // namespace store::http
