#include "infra/local/file_secret_store.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "app/errors.hpp"

namespace store::infra::local {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    return content.str();
}

// Writes `content` to `path` with mode 0600, atomically.
void WritePrivate(const std::string& path, const std::string& content) {
    const std::string temporary = path + ".tmp";
    const mode_t old_mask = umask(077);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            umask(old_mask);
            throw app::AppError(app::ErrorCode::kDependencyUnavailable,
                                "the local secret store cannot be written", path);
        }
    }
    umask(old_mask);
    fs::permissions(temporary, fs::perms::owner_read | fs::perms::owner_write);
    fs::rename(temporary, path);
}

}  // namespace

FileSecretStore::FileSecretStore(std::string data_dir)
    : file_((fs::path(data_dir) / "secrets.enc").string()) {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium failed to initialise");
    }
    const std::string key_file = (fs::path(data_dir) / "secrets.key").string();
    if (fs::exists(key_file)) {
        key_ = ReadAll(key_file);
        if (key_.size() != crypto_secretbox_KEYBYTES) {
            throw std::runtime_error(key_file + " is not a 32-byte key");
        }
    } else {
        key_.resize(crypto_secretbox_KEYBYTES);
        randombytes_buf(key_.data(), key_.size());
        WritePrivate(key_file, key_);
    }
}

FileSecretStore::All FileSecretStore::Load() const {
    if (!fs::exists(file_)) {
        return {};
    }
    const std::string sealed = ReadAll(file_);
    if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
        throw app::AppError(app::ErrorCode::kInternal, "the local secret store is damaged", file_);
    }
    std::string plain(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES,
                      '\0');
    const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
    const auto* box = nonce + crypto_secretbox_NONCEBYTES;
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), box,
                                   sealed.size() - crypto_secretbox_NONCEBYTES, nonce,
                                   reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
        throw app::AppError(app::ErrorCode::kInternal, "the local secret store cannot be decrypted",
                            file_ + ": wrong key or tampered file");
    }
    All all;
    const auto document = json::parse(plain);
    for (const auto& [path, secret] : document.as_object()) {
        auto& entry = all[std::string(path)];
        for (const auto& [name, value] : secret.as_object()) {
            entry[std::string(name)] = std::string(value.as_string());
        }
    }
    sodium_memzero(plain.data(), plain.size());
    return all;
}

void FileSecretStore::Save(const All& all) const {
    json::object document;
    for (const auto& [path, secret] : all) {
        json::object entry;
        for (const auto& [name, value] : secret) {
            entry[name] = value;
        }
        document[path] = std::move(entry);
    }
    std::string plain = json::serialize(document);
    std::string sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(),
                       '\0');
    auto* nonce = reinterpret_cast<unsigned char*>(sealed.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                          reinterpret_cast<const unsigned char*>(key_.data()));
    sodium_memzero(plain.data(), plain.size());
    WritePrivate(file_, sealed);
}

void FileSecretStore::Put(const std::string& path, const app::ports::Secret& secret) {
    std::lock_guard lock(mutex_);
    auto all = Load();
    all[path] = secret;
    Save(all);
}

std::optional<app::ports::Secret> FileSecretStore::Get(const std::string& path) {
    std::lock_guard lock(mutex_);
    auto all = Load();
    const auto it = all.find(path);
    if (it == all.end()) {
        return std::nullopt;
    }
    return it->second;
}

void FileSecretStore::Delete(const std::string& path) {
    std::lock_guard lock(mutex_);
    auto all = Load();
    if (all.erase(path) > 0) {
        Save(all);
    }
}

}  // namespace store::infra::local
