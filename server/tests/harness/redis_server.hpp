#pragma once

#include <string>

namespace store::testing {

/// A throw-away redis-server (no persistence) on a free loopback port in a temporary
/// directory, started with scripts/start-redis.sh (answering PING when the constructor
/// returns) and stopped, directory removed, by the destructor. Tests kill it with SIGKILL and
/// start it again on the same port to simulate an outage. Throws std::runtime_error when the
/// server cannot start.
class RedisServer {
public:
    RedisServer();
    ~RedisServer();
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    /// redis://127.0.0.1:PORT/0
    const std::string& Url() const { return url_; }
    int Port() const { return port_; }

    /// SIGKILL, then waits (bounded) until the port refuses connections.
    void Kill();
    /// Starts a fresh, empty server on the same port (after Kill()).
    void Restart();
    /// Runs redis-cli with `args` (shell words, quoted by the caller) and returns its output.
    std::string Cli(const std::string& args) const;

private:
    std::string dir_;
    std::string url_;
    int port_ = 0;
};

}  // namespace store::testing
