#include "platform/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace store::platform {

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
        last_ = Stat();
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

FileWatcher::Signature FileWatcher::Stat() const {
    struct stat info {};
    if (::stat(path_.c_str(), &info) != 0) {
        return {};
    }
    return {static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino),
            static_cast<std::int64_t>(info.st_size),
            static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec};
}

void FileWatcher::CheckNow() {
    if (path_.empty()) {
        return;
    }
    std::lock_guard lock(check_mutex_);
    const Signature now = Stat();
    if (now == last_ || now == Signature{}) {
        return;  // unchanged, or missing for a moment (a writer between unlink and rename)
    }
    const auto content = ReadFile(path_);
    if (!content) {
        return;  // not readable yet: the next check tries again
    }
    last_ = now;
    changed_(TrimEnd(*content));
}

void FileWatcher::Loop() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stop_; })) {
        lock.unlock();
        CheckNow();
        lock.lock();
    }
}

}  // namespace store::platform
