#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace store::platform {

/// The whole file, or nullopt when it cannot be read.
std::optional<std::string> ReadFile(const std::string& path);
/// Writes `content` to a new file at `path` that only the owner may read (mode 0600 from the
/// moment it exists). Refuses to overwrite or follow anything already there. Throws
/// std::runtime_error with the reason.
void WritePrivateFile(const std::string& path, const std::string& content);
/// Without trailing newlines, carriage returns and spaces (secret files written by agents).
std::string TrimEnd(std::string text);

/// Calls `changed` with the file's new content (TrimEnd-ed) whenever its modification time
/// changes, checking every `interval` on its own thread, until destroyed. An empty path
/// watches nothing (no thread).
class FileWatcher {
public:
    FileWatcher(std::string path, std::chrono::milliseconds interval,
                std::function<void(const std::string&)> changed);
    ~FileWatcher();
    FileWatcher(const FileWatcher&) = delete;
    FileWatcher& operator=(const FileWatcher&) = delete;

private:
    void Loop();

    std::string path_;
    std::chrono::milliseconds interval_;
    std::function<void(const std::string&)> changed_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace store::platform
