#include "harness/vault_server.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "infra/vault/http_transport.hpp"

namespace store::testing {
namespace {

namespace json = boost::json;

std::string FakeScript() {
    return std::string(STORE_SOURCE_DIR) + "/server/tests/vault/fake-vault.mjs";
}

// Reads one line from `fd`, bounded by `timeout_ms` (the server prints its ports at once).
std::string ReadLine(int fd, int timeout_ms) {
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        fd_set set;
        FD_ZERO(&set);
        FD_SET(fd, &set);
        timeval wait{0, 100000};
        if (select(fd + 1, &set, nullptr, nullptr, &wait) <= 0) {
            continue;
        }
        char c = 0;
        if (read(fd, &c, 1) != 1) {
            break;
        }
        if (c == '\n') {
            return line;
        }
        line += c;
    }
    throw std::runtime_error("fake Vault did not start: '" + line + "'");
}

}  // namespace

VaultServer::VaultServer(Options options) {
    std::vector<std::string> args{"node",           FakeScript(),
                                  "--port",         "0",
                                  "--control-port", "0",
                                  "--ttl",          std::to_string(options.ttl_seconds),
                                  "--max-ttl",      std::to_string(options.max_ttl_seconds),
                                  "--root-token",   kRootToken};
    for (const auto& approle : options.approles) {
        args.insert(args.end(), {"--approle", approle});
    }
    for (const auto& role : options.k8s_roles) {
        args.insert(args.end(), {"--k8s", role});
    }
    if (!options.tls_cert.empty()) {
        args.insert(args.end(), {"--tls-cert", options.tls_cert, "--tls-key", options.tls_key});
    }
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    pid_ = fork();
    if (pid_ < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        std::vector<char*> argv;
        for (auto& arg : args) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        execvp("node", argv.data());
        _exit(127);
    }
    close(out[1]);
    try {
        const auto ports = json::parse(ReadLine(out[0], 20000)).as_object();
        close(out[0]);
        const bool tls = ports.at("scheme").as_string() == "https";
        addr_ = std::string(tls ? "https://localhost:" : "http://127.0.0.1:") +
                std::to_string(ports.at("vaultPort").to_number<int>());
        control_ = "http://127.0.0.1:" + std::to_string(ports.at("controlPort").to_number<int>());
    } catch (...) {
        close(out[0]);
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        throw;
    }
}

VaultServer::~VaultServer() {
    if (pid_ > 0) {
        kill(pid_, SIGCONT);  // in case a test froze it
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
}

std::string VaultServer::Control(const std::string& method, const std::string& path,
                                 const std::string& body) {
    infra::vault::HttpTransport transport({{}, std::chrono::milliseconds(10000)});
    const auto response = transport.Send(method, control_ + path, {}, body);
    if (response.status >= 300) {
        throw std::runtime_error("fake Vault control " + path + ": HTTP " +
                                 std::to_string(response.status) + " " + response.body);
    }
    return response.body;
}

void VaultServer::SetMode(const std::string& mode, int delay_ms) {
    Control("POST", "/mode", json::serialize(json::object{{"mode", mode}, {"delayMs", delay_ms}}));
}

std::string VaultServer::CreateToken(int ttl_seconds, int max_ttl_seconds) {
    const auto body =
        Control("POST", "/tokens",
                json::serialize(json::object{{"ttl", ttl_seconds}, {"maxTtl", max_ttl_seconds}}));
    return std::string(json::parse(body).at("token").as_string());
}

void VaultServer::RevokeAll() { Control("POST", "/revoke-all", "{}"); }

std::string VaultServer::State() { return Control("GET", "/state", {}); }

long VaultServer::Counter(const std::string& name) {
    return static_cast<long>(json::parse(State()).at("counters").at(name).to_number<double>());
}

std::string VaultServer::Kv(const std::string& path) {
    const auto state = json::parse(State());
    const auto& kv = state.at("kv").as_object();
    const auto* entry = kv.if_contains(path);
    return entry == nullptr ? "null" : json::serialize(entry->at("data"));
}

TestCertificates::TestCertificates() {
    char pattern[] = "/tmp/store-vault-tls-XXXXXX";
    if (mkdtemp(pattern) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    dir_ = pattern;
    ca_file = dir_ + "/ca.pem";
    cert_file = dir_ + "/server.pem";
    key_file = dir_ + "/server.key";
    other_ca_file = dir_ + "/other-ca.pem";
    const std::string d = "'" + dir_ + "'";
    const std::string script =
        "set -e; cd " + d +
        "; "
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 "
        "-subj /CN=store-test-ca 2>/dev/null; "
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout other-ca.key -out other-ca.pem -days 2 "
        "-subj /CN=other-ca 2>/dev/null; "
        "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr "
        "-subj /CN=localhost 2>/dev/null; "
        "printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > ext.cnf; "
        "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem "
        "-days 2 -extfile ext.cnf 2>/dev/null";
    if (std::system(("bash -c \"" + script + "\"").c_str()) != 0) {
        throw std::runtime_error("openssl could not make the test certificates");
    }
}

TestCertificates::~TestCertificates() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

}  // namespace store::testing
