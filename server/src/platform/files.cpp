#include "platform/files.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

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
