#include "infra/redis/redis_store_cache.hpp"

#include <charconv>
#include <random>

#include "infra/redis/store_codec.hpp"

namespace store::infra::redis {
namespace {

// KEYS[1] gen; ARGV[1] seed. The current generation, seeded when missing.
constexpr const char* kGenerationScript = R"lua(
local g = redis.call('GET', KEYS[1])
if not g then
  redis.call('SET', KEYS[1], ARGV[1])
  g = ARGV[1]
end
return g
)lua";

// KEYS[1] tag key (epoch for stores, gen for pages), KEYS[2] entry. The entry's payload when
// its tag is the current value of the tag key, else nil.
constexpr const char* kGetScript = R"lua(
local v = redis.call('GET', KEYS[2])
if not v then return false end
local nl = string.find(v, '\n', 1, true)
if not nl then return false end
local tag = redis.call('GET', KEYS[1]) or ''
if string.sub(v, 1, nl - 1) ~= tag then return false end
return string.sub(v, nl + 1)
)lua";

// KEYS[1] gen, KEYS[2] tag key (epoch for stores, gen for pages), KEYS[3] entry;
// ARGV[1] the generation the reader took before its database read, ARGV[2] ttl seconds,
// ARGV[3] payload. Stores only while no write happened since that generation was read.
constexpr const char* kPutScript = R"lua(
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local tag = redis.call('GET', KEYS[2]) or ''
redis.call('SET', KEYS[3], tag .. '\n' .. ARGV[3], 'EX', ARGV[2])
return 1
)lua";

// KEYS[1] gen, KEYS[2] the store's entry; ARGV[1] seed. A write: a new generation (every
// page of every replica is stale at once) and the store's entry gone, atomically.
constexpr const char* kInvalidateScript = R"lua(
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
redis.call('INCR', KEYS[1])
redis.call('DEL', KEYS[2])
return 1
)lua";

// KEYS[1] gen, KEYS[2] epoch; ARGV[1] seed. After a lost invalidation: every page and every
// store entry stale at once, whichever store the lost write touched.
constexpr const char* kRepairScript = R"lua(
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
redis.call('INCR', KEYS[1])
redis.call('INCR', KEYS[2])
return 1
)lua";

std::optional<std::uint64_t> ParseGeneration(const RedisValue& value) {
    std::uint64_t out = 0;
    const auto& text = value.text;
    if (value.kind == RedisValue::Kind::kInteger && value.integer >= 0) {
        return static_cast<std::uint64_t>(value.integer);
    }
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (value.kind != RedisValue::Kind::kString || ec != std::errc{} ||
        ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return out;
}

}  // namespace

RedisStoreCache::RedisStoreCache(RedisClient& client, RedisCacheSettings settings,
                                 const platform::Logger* logger)
    : client_(client),
      settings_(std::move(settings)),
      logger_(logger),
      gen_key_(settings_.key_prefix + "gen"),
      epoch_key_(settings_.key_prefix + "epoch") {}

std::string RedisStoreCache::Key(std::string_view kind, std::string_view id) const {
    std::string key = settings_.key_prefix;
    key += kind;
    key += ':';
    key += id;
    return key;
}

std::string RedisStoreCache::Seed() const {
    // Far from 0 and from each other: a generation held by a reader from before a Redis
    // restart is not repeated by the fresh counter (INCR stays below 2^63 for centuries).
    thread_local std::mt19937_64 random{std::random_device{}()};
    return std::to_string((std::uint64_t{1} << 52) + random() % (std::uint64_t{1} << 61));
}

void RedisStoreCache::Failed(const char* operation, const std::exception& error) const {
    errors_.fetch_add(1, std::memory_order_relaxed);
    if (logger_ != nullptr && logger_->Enabled(spdlog::level::debug)) {
        logger_->Debug("redis cache call failed",
                       {{"operation", operation}, {"error", error.what()}});
    }
}

bool RedisStoreCache::EnsureRepaired() const {
    const std::uint64_t missed = missed_.load();
    if (repaired_.load() >= missed) {
        return true;
    }
    try {
        client_.Command({"EVAL", kRepairScript, "2", gen_key_, epoch_key_, Seed()});
    } catch (const std::exception& error) {
        Failed("repair", error);
        return false;
    }
    // Everything lost up to `missed` happened before the script ran: mark it repaired.
    std::uint64_t current = repaired_.load();
    while (current < missed && !repaired_.compare_exchange_weak(current, missed)) {
    }
    repairs_.fetch_add(1, std::memory_order_relaxed);
    if (logger_ != nullptr) {
        logger_->Info("redis cache repaired after lost invalidations", {{"lost", missed}});
    }
    return repaired_.load() >= missed_.load();
}

std::uint64_t RedisStoreCache::Generation() const {
    if (!EnsureRepaired()) {
        return kUnknownGeneration;
    }
    try {
        const auto value = client_.Command({"EVAL", kGenerationScript, "1", gen_key_, Seed()});
        if (const auto generation = ParseGeneration(value)) {
            return *generation;
        }
    } catch (const std::exception& error) {
        Failed("generation", error);
    }
    return kUnknownGeneration;
}

std::shared_ptr<const domain::Store> RedisStoreCache::GetStore(const std::string& id) {
    if (EnsureRepaired()) {
        try {
            const auto value = client_.Command({"EVAL", kGetScript, "2", epoch_key_, Key("s", id)});
            if (value.kind == RedisValue::Kind::kString) {
                if (auto store = DecodeStore(value.text)) {
                    hits_.fetch_add(1, std::memory_order_relaxed);
                    return std::make_shared<const domain::Store>(std::move(*store));
                }
            }
        } catch (const std::exception& error) {
            Failed("get store", error);
        }
    }
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
}

void RedisStoreCache::PutStore(std::shared_ptr<const domain::Store> store,
                               std::uint64_t generation) {
    if (generation == kUnknownGeneration || !store || !EnsureRepaired()) {
        return;
    }
    try {
        client_.Command({"EVAL", kPutScript, "3", gen_key_, epoch_key_, Key("s", store->id),
                         std::to_string(generation), std::to_string(settings_.ttl.count()),
                         EncodeStore(*store)});
    } catch (const std::exception& error) {
        Failed("put store", error);
    }
}

std::shared_ptr<const app::ports::Page<domain::Store>> RedisStoreCache::GetPage(
    const std::string& key) {
    if (EnsureRepaired()) {
        try {
            const auto value = client_.Command({"EVAL", kGetScript, "2", gen_key_, Key("p", key)});
            if (value.kind == RedisValue::Kind::kString) {
                if (auto page = DecodePage(value.text)) {
                    hits_.fetch_add(1, std::memory_order_relaxed);
                    return std::make_shared<const app::ports::Page<domain::Store>>(
                        std::move(*page));
                }
            }
        } catch (const std::exception& error) {
            Failed("get page", error);
        }
    }
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
}

void RedisStoreCache::PutPage(const std::string& key,
                              std::shared_ptr<const app::ports::Page<domain::Store>> page,
                              std::uint64_t generation) {
    if (generation == kUnknownGeneration || !page || !EnsureRepaired()) {
        return;
    }
    try {
        client_.Command({"EVAL", kPutScript, "3", gen_key_, gen_key_, Key("p", key),
                         std::to_string(generation), std::to_string(settings_.ttl.count()),
                         EncodePage(*page)});
    } catch (const std::exception& error) {
        Failed("put page", error);
    }
}

void RedisStoreCache::InvalidateStore(const std::string& id) {
    if (EnsureRepaired()) {
        try {
            client_.Command({"EVAL", kInvalidateScript, "2", gen_key_, Key("s", id), Seed()});
            return;
        } catch (const std::exception& error) {
            Failed("invalidate", error);
        }
    }
    // Lost (or an earlier loss is still unrepaired, which this write joins): remembered,
    // and repaired before this replica uses Redis again.
    const auto lost = missed_.fetch_add(1) + 1;
    if (logger_ != nullptr && lost == repaired_.load() + 1) {  // once per outage, not per write
        logger_->Warn("redis cache invalidation lost; will be repaired when redis is back",
                      {{"store", id}, {"lost", lost - repaired_.load()}});
    }
}

RedisStoreCache::Counters RedisStoreCache::Stats() const {
    return {hits_.load(std::memory_order_relaxed), misses_.load(std::memory_order_relaxed),
            errors_.load(std::memory_order_relaxed), missed_.load(std::memory_order_relaxed),
            repairs_.load(std::memory_order_relaxed)};
}

bool RedisStoreCache::RepairPending() const { return repaired_.load() < missed_.load(); }

}  // namespace store::infra::redis
