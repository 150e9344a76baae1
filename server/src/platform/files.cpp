#include "platform/files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace store::platform {

namespace fs = std::filesystem;

std::optional<std::string> ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

void WritePrivateFile(const std::string& path, const std::string& content) {
    // O_EXCL: never truncate or follow (symlink) what is there; 0600 from creation on.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
    }
    std::size_t written = 0;
    while (written < content.size()) {
        const auto n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            const std::string reason = std::strerror(errno);
            ::close(fd);
            ::unlink(path.c_str());
            throw std::runtime_error("cannot write " + path + ": " + reason);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        ::unlink(path.c_str());
        throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    }
}

std::string TrimEnd(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

FileWatcher::FileWatcher(std::string path, std::chrono::milliseconds interval,
                         std::function<void(const std::string&)> changed)
    : path_(std::move(path)), interval_(interval), changed_(std::move(changed)) {
    if (!path_.empty()) {
        thread_ = std::thread([this] { Loop(); });
    }
}

FileWatcher::~FileWatcher() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void FileWatcher::Loop() {
    std::error_code ec;
    auto last = fs::last_write_time(path_, ec);
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stop_; })) {
        const auto now = fs::last_write_time(path_, ec);
        if (ec || now == last) {
            continue;
        }
        last = now;
        if (const auto content = ReadFile(path_)) {
            changed_(TrimEnd(*content));
        }
    }
}

}  // namespace store::platform
