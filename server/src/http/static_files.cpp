#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "http/compression.hpp"
#include "platform/gzip.hpp"

namespace store::http {
namespace {

namespace fs = std::filesystem;

std::string ContentType(const std::string& extension) {
    static const std::map<std::string, std::string> kTypes{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".webmanifest", "application/manifest+json"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
    };
    const auto it = kTypes.find(extension);
    return it == kTypes.end() ? "application/octet-stream" : it->second;
}

bool Compressible(const std::string& type) {
    return type.starts_with("text/") || type.starts_with("application/json") ||
           type.starts_with("image/svg") || type.starts_with("application/manifest");
}

bool IsApiPath(const std::string& path) {
    return path == "/api" || path.starts_with("/api/") || path == "/health" ||
           path.starts_with("/health/") || path == "/metrics";
}

/// "/" -> "/pages/index.html", "/stores/new/" -> "/pages/stores/new.html"; empty when the path
/// cannot name a page (dots or empty segments). With `any_last`, the last segment is "_": the
/// page the build pre-linked for every URL one level below its parent ("/stores/<id>" ->
/// "/pages/stores/_.html").
std::string PagePath(const std::string& path, bool any_last = false) {
    std::string trimmed = path;
    while (trimmed.size() > 1 && trimmed.back() == '/') {
        trimmed.pop_back();
    }
    if (trimmed == "/") {
        return "/pages/index.html";
    }
    if (trimmed.find("//") != std::string::npos || trimmed.find('.') != std::string::npos) {
        return {};
    }
    if (any_last) {
        const auto slash = trimmed.rfind('/');
        if (slash == 0) {
            return {};  // "/monitoring" has no parent page
        }
        trimmed = trimmed.substr(0, slash) + "/_";
    }
    return "/pages" + trimmed + ".html";
}

}  // namespace

StaticFiles::StaticFiles(const std::string& directory) {
    const fs::path root(directory);
    if (!fs::exists(root / "index.html")) {
        throw std::runtime_error("no index.html in static_dir " + directory +
                                 " (build the dashboard: make frontend)");
    }
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream content;
        content << in.rdbuf();
        File file;
        file.body = content.str();
        file.content_type = ContentType(entry.path().extension().string());
        if (Compressible(file.content_type) && file.body.size() > 512) {
            file.gzipped = platform::Gzip(file.body, 9).value_or(std::string{});
        }
        const std::string url = "/" + fs::relative(entry.path(), root).generic_string();
        file.immutable = url.starts_with("/assets/");
        file.etag = "\"" + std::to_string(std::hash<std::string>{}(file.body)) + "\"";
        files_[url] = std::move(file);
    }
}

Response StaticFiles::Make(const File& file, const Request& request) const {
    Response response;
    response.Set("Content-Type", file.content_type);
    response.Set("Cache-Control",
                 file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    response.Set("ETag", file.etag);
    response.Set("Vary", "Accept-Encoding");
    if (const std::string* none_match = request.Header("If-None-Match");
        none_match != nullptr && *none_match == file.etag) {
        response.status = 304;
        return response;
    }
    const std::string* accept = request.Header("Accept-Encoding");
    if (!file.gzipped.empty() && accept != nullptr && AcceptsGzip(*accept)) {
        response.Set("Content-Encoding", "gzip");
        response.body = file.gzipped;
    } else {
        response.body = file.body;
    }
    return response;
}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
    if (IsApiPath(request.path)) {
        return std::nullopt;
    }
    if (const auto it = files_.find(request.path);
        it != files_.end() && request.path != "/" && !request.path.starts_with("/pages/")) {
        return Make(it->second, request);
    }
    // A missing hashed asset is a real 404: answering index.html would break the browser's
    // module loading in a confusing way.
    if (request.path.starts_with("/assets/")) {
        Response response = JsonResponse(404, R"({"status":404,"title":"Not found"})");
        return response;
    }
    // A page the build pre-linked (pages/<path>.html: index.html plus modulepreload links for
    // that route's code) loads in one round of requests instead of two; a URL with an id in its
    // last segment gets its parent's "_" page (pages/stores/_.html for a store's page).
    for (const bool any_last : {false, true}) {
        if (const std::string page = PagePath(request.path, any_last); !page.empty()) {
            if (const auto it = files_.find(page); it != files_.end()) {
                return Make(it->second, request);
            }
        }
    }
    return Make(files_.at("/index.html"), request);
}

}  // namespace store::http
