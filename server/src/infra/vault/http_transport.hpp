#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace store::infra::vault {

struct HttpResponse {
    long status = 0;
    std::string body;
};

struct TransportOptions {
    std::string ca_file;  // PEM bundle that signs the server certificate; empty: system CAs
    std::chrono::milliseconds timeout{2000};  // whole call: connect, TLS, request, response
};

/// A blocking HTTP(S) client on libcurl. Easy handles are pooled so that connections (and TLS
/// sessions) are reused; Send() may be called from any thread. Transport failures (refused,
/// timed out, TLS verification) throw AppError{kDependencyUnavailable} with curl's text as the
/// internal message; any HTTP status is returned, not thrown.
class HttpTransport {
public:
    explicit HttpTransport(TransportOptions options);
    ~HttpTransport();
    HttpTransport(const HttpTransport&) = delete;
    HttpTransport& operator=(const HttpTransport&) = delete;

    HttpResponse Send(const std::string& method, const std::string& url,
                      const std::vector<std::pair<std::string, std::string>>& headers,
                      const std::string& body);

private:
    struct Handle;
    std::unique_ptr<Handle> Acquire();
    void Release(std::unique_ptr<Handle> handle);

    TransportOptions options_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Handle>> idle_;
};

}  // namespace store::infra::vault
