// platform::FileWatcher on a real file system: the ways secret files are replaced in production
// (Vault Agent renames a new file over the old one; a Kubernetes secret volume swaps its ..data
// symbolic link) are each seen, even when size and modification time stay the same. The checks
// run through CheckNow (the thread's interval is an hour), so nothing here waits on a clock.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "platform/files.hpp"

namespace store::platform {
namespace {

namespace fs = std::filesystem;

class FileWatcherTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "store-watch-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { fs::remove_all(dir_); }

    static void Write(const fs::path& path, const std::string& text) {
        std::ofstream(path, std::ios::trunc) << text;
    }
    // The same modification time as `like`, so only the inode tells the files apart.
    static void SameTimes(const fs::path& path, const fs::path& like) {
        struct stat info {};
        ASSERT_EQ(::stat(like.c_str(), &info), 0);
        const struct timespec times[2] = {info.st_atim, info.st_mtim};
        ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
    }
    FileWatcher Watch(const fs::path& path) {
        return FileWatcher(path.string(), std::chrono::hours(1),
                           [this](const std::string& text) { seen_.push_back(text); });
    }

    fs::path dir_;
    std::vector<std::string> seen_;
};

TEST_F(FileWatcherTest, AFileRenamedOverTheOldOneIsSeenWithTheSameSizeAndTime) {
    const fs::path file = dir_ / "database-url";
    Write(file, "postgresql://u:first@db/store\n");
    FileWatcher watcher = Watch(file);
    watcher.CheckNow();
    EXPECT_TRUE(seen_.empty()) << "nothing changed yet";

    const fs::path rendered = dir_ / ".database-url.tmp";
    Write(rendered, "postgresql://u:other@db/store\n");
    SameTimes(rendered, file);
    fs::rename(rendered, file);
    watcher.CheckNow();
    watcher.CheckNow();
    EXPECT_EQ(seen_, (std::vector<std::string>{"postgresql://u:other@db/store"}));
}

TEST_F(FileWatcherTest, ASwapOfTheSecretVolumesDataLinkIsSeen) {
    // Kubernetes' atomic writer: key -> ..data/key, ..data -> a dated directory.
    fs::create_directory(dir_ / "..2026_1");
    Write(dir_ / "..2026_1" / "database-url", "postgresql://u:first@db/store");
    fs::create_directory_symlink("..2026_1", dir_ / "..data");
    fs::create_symlink("..data/database-url", dir_ / "database-url");
    FileWatcher watcher = Watch(dir_ / "database-url");

    fs::create_directory(dir_ / "..2026_2");
    Write(dir_ / "..2026_2" / "database-url", "postgresql://u:other@db/store");
    SameTimes(dir_ / "..2026_2" / "database-url", dir_ / "..2026_1" / "database-url");
    fs::create_directory_symlink("..2026_2", dir_ / "..data_tmp");
    fs::rename(dir_ / "..data_tmp", dir_ / "..data");
    fs::remove_all(dir_ / "..2026_1");
    watcher.CheckNow();
    EXPECT_EQ(seen_, (std::vector<std::string>{"postgresql://u:other@db/store"}));
}

TEST_F(FileWatcherTest, AMissingFileIsTakenOnceItAppears) {
    const fs::path file = dir_ / "jwt-key";
    FileWatcher watcher = Watch(file);
    watcher.CheckNow();
    EXPECT_TRUE(seen_.empty());
    Write(file, "k");
    watcher.CheckNow();
    EXPECT_EQ(seen_, (std::vector<std::string>{"k"}));
}

}  // namespace
}  // namespace store::platform
