#include "infra/vault/http_transport.hpp"

#include <curl/curl.h>

#include <mutex>
#include <stdexcept>

#include "app/errors.hpp"

namespace store::infra::vault {
namespace {

// curl_global_init is not thread-safe; run it once, before the first handle exists.
void GlobalInit() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            throw std::runtime_error("libcurl failed to initialise");
        }
    });
}

std::size_t Collect(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

// Idle handles kept for reuse; more concurrent calls simply create more handles.
constexpr std::size_t kMaxIdleHandles = 8;

}  // namespace

struct HttpTransport::Handle {
    CURL* curl = nullptr;
    ~Handle() {
        if (curl != nullptr) {
            curl_easy_cleanup(curl);
        }
    }
};

HttpTransport::HttpTransport(TransportOptions options) : options_(std::move(options)) {
    GlobalInit();
}

HttpTransport::~HttpTransport() = default;

std::unique_ptr<HttpTransport::Handle> HttpTransport::Acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto handle = std::move(idle_.back());
            idle_.pop_back();
            return handle;
        }
    }
    auto handle = std::make_unique<Handle>();
    handle->curl = curl_easy_init();
    if (handle->curl == nullptr) {
        throw app::AppError(app::ErrorCode::kInternal, "the HTTP client could not be created",
                            "curl_easy_init failed");
    }
    return handle;
}

void HttpTransport::Release(std::unique_ptr<Handle> handle) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdleHandles) {
        idle_.push_back(std::move(handle));
    }
}

HttpResponse HttpTransport::Send(const std::string& method, const std::string& url,
                                 const std::vector<std::pair<std::string, std::string>>& headers,
                                 const std::string& body) {
    auto handle = Acquire();
    CURL* curl = handle->curl;
    curl_easy_reset(curl);  // keeps the connection cache, drops the previous call's options
    HttpResponse response;
    char error[CURL_ERROR_SIZE] = {0};
    curl_slist* header_list = nullptr;
    for (const auto& [name, value] : headers) {
        header_list = curl_slist_append(header_list, (name + ": " + value).c_str());
    }
    if (!body.empty()) {
        header_list = curl_slist_append(header_list, "Content-Type: application/json");
    }
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (method == "GET") {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else if (!body.empty()) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // worker threads: no SIGALRM for timeouts
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION,
                     0L);  // Vault standbys redirect; we do not follow blindly
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_file.empty()) {
        curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
    }
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(header_list);
    if (code != CURLE_OK) {
        const std::string reason = error[0] != '\0' ? error : curl_easy_strerror(code);
        // A failed handle may hold a broken connection; do not reuse it.
        throw app::AppError(app::ErrorCode::kDependencyUnavailable, "vault is unreachable",
                            method + " " + url + ": " + reason);
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    Release(std::move(handle));
    return response;
}

}  // namespace store::infra::vault
