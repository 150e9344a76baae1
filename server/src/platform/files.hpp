#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
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

/// Calls `changed` with the file's new content (TrimEnd-ed) whenever the file changes,
/// checking every `interval` on its own thread, until destroyed. An empty path watches nothing
/// (no thread). "Changes" means that the file the path leads to (symbolic links followed) has
/// another device, inode, size or modification time: an in-place rewrite, a rename over it
/// (Vault Agent) and a swap of a symbolic link in its path (Kubernetes secret volumes replace
/// `..data`) are all seen, even within one timestamp tick. A file that cannot be read is
/// looked at again at the next check.
class FileWatcher {
public:
    FileWatcher(std::string path, std::chrono::milliseconds interval,
                std::function<void(const std::string&)> changed);
    ~FileWatcher();
    FileWatcher(const FileWatcher&) = delete;
    FileWatcher& operator=(const FileWatcher&) = delete;

    /// Checks at once, on the calling thread (`changed` runs on it when the file changed),
    /// e.g. when a credential taken from the file was just refused.
    void CheckNow();

    /// The identity of the file at one moment (zeroes when it cannot be stat()ed).
    struct Signature {
        std::uint64_t device = 0;
        std::uint64_t inode = 0;
        std::int64_t size = -1;
        std::int64_t mtime_ns = 0;
        bool operator==(const Signature&) const = default;
    };

private:
    void Loop();
    Signature Stat() const;

    std::string path_;
    std::chrono::milliseconds interval_;
    std::function<void(const std::string&)> changed_;
    std::mutex check_mutex_;  // one check at a time (the thread's, or CheckNow's)
    Signature last_;          // guarded by check_mutex_
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace store::platform
