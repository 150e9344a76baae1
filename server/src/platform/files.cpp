#include "platform/files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

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
