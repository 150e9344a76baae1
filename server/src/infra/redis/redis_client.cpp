#include "infra/redis/redis_client.hpp"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <charconv>

namespace store::infra::redis {
namespace {

app::AppError Unavailable(const std::string& internal) {
    return app::AppError(app::ErrorCode::kDependencyUnavailable, "the cache is unavailable",
                         "redis: " + internal);
}

timeval ToTimeval(std::chrono::milliseconds timeout) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    return tv;
}

bool ParseInt(std::string_view text, int& out) {
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && ec == std::errc{} && ptr == text.data() + text.size();
}

// Error replies that mean "not now" rather than "wrong command": the server is starting,
// is a read-only replica, or is busy running a script.
bool TransientError(std::string_view text) {
    for (const std::string_view prefix :
         {"LOADING", "READONLY", "MASTERDOWN", "BUSY", "TRYAGAIN"}) {
        if (text.starts_with(prefix)) {
            return true;
        }
    }
    return false;
}

RedisValue Copy(const redisReply* reply) {
    RedisValue value;
    switch (reply->type) {
        case REDIS_REPLY_INTEGER:
            value.kind = RedisValue::Kind::kInteger;
            value.integer = reply->integer;
            break;
        case REDIS_REPLY_STRING:
            value.kind = RedisValue::Kind::kString;
            value.text.assign(reply->str, reply->len);
            break;
        case REDIS_REPLY_STATUS:
            value.kind = RedisValue::Kind::kStatus;
            value.text.assign(reply->str, reply->len);
            break;
        case REDIS_REPLY_ARRAY:
            value.kind = RedisValue::Kind::kArray;
            value.elements.reserve(reply->elements);
            for (std::size_t i = 0; i < reply->elements; ++i) {
                value.elements.push_back(Copy(reply->element[i]));
            }
            break;
        case REDIS_REPLY_ERROR: {
            const std::string text(reply->str, reply->len);
            if (TransientError(text)) {
                throw Unavailable(text);
            }
            throw app::AppError(app::ErrorCode::kInternal, "the cache failed",
                                "redis error reply: " + text);
        }
        default: break;  // nil
    }
    return value;
}

struct ReplyDeleter {
    void operator()(void* reply) const { freeReplyObject(reply); }
};
using ReplyPtr = std::unique_ptr<void, ReplyDeleter>;

// Debian's hiredis 0.14 has no `maxelements`: a reply that announces 300 million elements
// (`*300000055\r\n`, 13 bytes) makes it allocate gigabytes before any element arrives (found by
// fuzz_redis). Its array constructor is wrapped with a bound far above anything we ask for (an
// MGET of one page); returning null makes the reader fail the reply as a protocol error.
constexpr int kMaxReplyElements = 1'000'000;

const redisReplyObjectFunctions* default_reply_functions = nullptr;

void* BoundedCreateArray(const redisReadTask* task, int elements) {
    if (elements < 0 || elements > kMaxReplyElements) {
        return nullptr;
    }
    return default_reply_functions->createArray(task, elements);
}

void BoundReplySizes(redisReader* reader) {
    static redisReplyObjectFunctions bounded = [&] {
        default_reply_functions = reader->fn;  // hiredis's defaults, the same for every reader
        auto functions = *reader->fn;
        functions.createArray = &BoundedCreateArray;
        return functions;
    }();
    reader->fn = &bounded;
}

// Moves the complete replies waiting in `reader` (a connection's, or a standalone one) into
// `replies`; false on a protocol error (the reader's errstr says which).
bool TakeReplies(redisReader* reader, std::vector<RedisValue>& replies) {
    BoundReplySizes(reader);
    for (;;) {
        void* raw = nullptr;
        if (redisReaderGetReply(reader, &raw) != REDIS_OK) {
            return false;
        }
        if (raw == nullptr) {
            return true;
        }
        ReplyPtr reply(raw);
        replies.push_back(Copy(static_cast<const redisReply*>(reply.get())));
    }
}

}  // namespace

std::vector<RedisValue> DecodeReplies(std::string_view bytes) {
    const std::unique_ptr<redisReader, void (*)(redisReader*)> reader(redisReaderCreate(),
                                                                      &redisReaderFree);
    if (!reader) {
        throw Unavailable("out of memory allocating a reply reader");
    }
    std::vector<RedisValue> replies;
    if (redisReaderFeed(reader.get(), bytes.data(), bytes.size()) != REDIS_OK ||
        !TakeReplies(reader.get(), replies)) {
        throw Unavailable(std::string("protocol error: ") + reader->errstr);
    }
    return replies;
}

std::optional<RedisEndpoint> ParseRedisUrl(const std::string& url, std::string* error) {
    const auto fail = [&](const std::string& why) -> std::optional<RedisEndpoint> {
        if (error != nullptr) {
            *error = why;
        }
        return std::nullopt;
    };
    constexpr std::string_view kScheme = "redis://";
    if (!url.starts_with(kScheme)) {
        return fail("must start with redis://");
    }
    std::string_view rest(url);
    rest.remove_prefix(kScheme.size());
    RedisEndpoint endpoint;
    const auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    if (slash != std::string_view::npos) {
        const auto db = rest.substr(slash + 1);
        if (!db.empty() && (!ParseInt(db, endpoint.db) || endpoint.db < 0 || endpoint.db > 15)) {
            return fail("has a database number that is not 0-15");
        }
    }
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        const auto credentials = authority.substr(0, at);
        authority.remove_prefix(at + 1);
        const auto colon = credentials.find(':');
        if (colon == std::string_view::npos) {
            endpoint.password = std::string(credentials);
        } else {
            endpoint.user = std::string(credentials.substr(0, colon));
            endpoint.password = std::string(credentials.substr(colon + 1));
        }
    }
    std::string_view host = authority;
    if (const auto colon = authority.rfind(':');
        colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
        host = authority.substr(0, colon);
        if (!ParseInt(authority.substr(colon + 1), endpoint.port) || endpoint.port < 1 ||
            endpoint.port > 65535) {
            return fail("has a port that is not 1-65535");
        }
    }
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    if (host.empty()) {
        return fail("names no host");
    }
    endpoint.host = std::string(host);
    return endpoint;
}

RedisConnection::RedisConnection(const RedisEndpoint& endpoint, std::chrono::milliseconds timeout) {
    const timeval tv = ToTimeval(timeout);
    context_ = redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, tv);
    if (context_ == nullptr) {
        throw Unavailable("out of memory allocating a connection");
    }
    if (context_->err != 0) {
        const std::string what = context_->errstr;
        redisFree(context_);
        context_ = nullptr;
        throw Unavailable("connect to " + endpoint.host + ":" + std::to_string(endpoint.port) +
                          ": " + what);
    }
    try {
        if (redisSetTimeout(context_, tv) != REDIS_OK) {
            Fail("cannot set the socket timeout");
        }
        if (!endpoint.password.empty()) {
            if (endpoint.user.empty()) {
                Command({"AUTH", endpoint.password});
            } else {
                Command({"AUTH", endpoint.user, endpoint.password});
            }
        }
        if (endpoint.db != 0) {
            Command({"SELECT", std::to_string(endpoint.db)});
        }
    } catch (...) {
        redisFree(context_);
        context_ = nullptr;
        throw;
    }
}

RedisConnection::~RedisConnection() {
    if (context_ != nullptr) {
        redisFree(context_);
    }
}

void RedisConnection::Fail(const std::string& what) {
    broken_ = true;
    throw Unavailable(what + (context_ != nullptr && context_->err != 0
                                  ? std::string(": ") + context_->errstr
                                  : std::string()));
}

namespace {

std::pair<std::vector<const char*>, std::vector<std::size_t>> Args(
    const std::vector<std::string>& argv) {
    std::vector<const char*> pointers;
    std::vector<std::size_t> lengths;
    pointers.reserve(argv.size());
    lengths.reserve(argv.size());
    for (const auto& arg : argv) {
        pointers.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    return {std::move(pointers), std::move(lengths)};
}

}  // namespace

RedisValue RedisConnection::Command(const std::vector<std::string>& argv) {
    if (broken_) {
        Fail("connection already failed");
    }
    auto [pointers, lengths] = Args(argv);
    ReplyPtr reply(
        redisCommandArgv(context_, static_cast<int>(argv.size()), pointers.data(), lengths.data()));
    if (!reply) {
        Fail(argv.empty() ? "command failed" : argv.front() + " failed");
    }
    return Copy(static_cast<const redisReply*>(reply.get()));
}

void RedisConnection::Send(const std::vector<std::string>& argv) {
    auto [pointers, lengths] = Args(argv);
    if (redisAppendCommandArgv(context_, static_cast<int>(argv.size()), pointers.data(),
                               lengths.data()) != REDIS_OK) {
        Fail("cannot queue a command");
    }
    int done = 0;
    while (done == 0) {
        if (redisBufferWrite(context_, &done) != REDIS_OK) {
            Fail("cannot send a command");
        }
    }
}

std::vector<RedisValue> RedisConnection::ReadAvailable() {
    if (redisBufferRead(context_) != REDIS_OK) {
        Fail("read failed");
    }
    std::vector<RedisValue> replies;
    if (!TakeReplies(context_->reader, replies)) {
        Fail(std::string("protocol error: ") + context_->reader->errstr);
    }
    return replies;
}

int RedisConnection::Fd() const { return context_->fd; }

void RedisConnection::EnableKeepAlive() {
    if (redisEnableKeepAlive(context_) != REDIS_OK) {
        Fail("cannot enable keep-alive");
    }
}

RedisClient::RedisClient(RedisEndpoint endpoint, std::chrono::milliseconds timeout,
                         resilience::CircuitBreaker& breaker, std::size_t max_idle)
    : endpoint_(std::move(endpoint)), timeout_(timeout), breaker_(breaker), max_idle_(max_idle) {}

RedisClient::~RedisClient() = default;

RedisValue RedisClient::Command(const std::vector<std::string>& argv) {
    return breaker_.Call([&] {
        std::unique_ptr<RedisConnection> connection;
        {
            std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                connection = std::move(idle_.back());
                idle_.pop_back();
            }
        }
        if (!connection) {
            connection = std::make_unique<RedisConnection>(endpoint_, timeout_);
        }
        try {
            auto value = connection->Command(argv);
            std::lock_guard lock(mutex_);
            if (idle_.size() < max_idle_) {
                idle_.push_back(std::move(connection));
            }
            return value;
        } catch (...) {
            if (!connection->Broken()) {
                // An error reply leaves the connection usable.
                std::lock_guard lock(mutex_);
                if (idle_.size() < max_idle_) {
                    idle_.push_back(std::move(connection));
                }
            }
            throw;
        }
    });
}

}  // namespace store::infra::redis
