#include "harness/redis_server.hpp"
#include "harness/process.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <thread>

namespace store::testing {
namespace {

bool Refuses(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool refused = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0;
    close(fd);
    return refused;
}

}  // namespace

RedisServer::RedisServer() {
    char pattern[] = "/tmp/store-redis-XXXXXX";
    if (mkdtemp(pattern) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    dir_ = pattern;
    try {
        url_ = RunCommand(ScriptPath("start-redis.sh") + " '" + dir_ + "'");
        const auto colon = url_.rfind(':');
        port_ = std::stoi(url_.substr(colon + 1, url_.rfind('/') - colon - 1));
    } catch (...) {
        const int status = std::system((ScriptPath("stop-redis.sh") + " '" + dir_ + "'").c_str());
        static_cast<void>(status);
        throw;
    }
}

RedisServer::~RedisServer() {
    const int status =
        std::system((ScriptPath("stop-redis.sh") + " '" + dir_ + "' >/dev/null 2>&1").c_str());
    static_cast<void>(status);  // nothing to do about a failed stop in a destructor
}

void RedisServer::Kill() {
    std::ifstream pid_file(dir_ + "/redis.pid");
    pid_t pid = 0;
    if (!(pid_file >> pid) || pid <= 0) {
        throw std::runtime_error("redis-server pid file missing in " + dir_);
    }
    ::kill(pid, SIGKILL);
    // The daemon is not our child (it forked away): poll, bounded, until the port refuses.
    for (int i = 0; i < 200; ++i) {
        if (Refuses(port_)) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    throw std::runtime_error("redis-server still answers after SIGKILL");
}

void RedisServer::Restart() {
    RunCommand(ScriptPath("start-redis.sh") + " '" + dir_ + "' " + std::to_string(port_));
}

std::string RedisServer::Cli(const std::string& args) const {
    return RunCommand("redis-cli -h 127.0.0.1 -p " + std::to_string(port_) + " " + args);
}

}  // namespace store::testing
