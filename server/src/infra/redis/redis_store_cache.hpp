#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "app/ports/cache.hpp"
#include "infra/redis/redis_client.hpp"
#include "platform/logging.hpp"

namespace store::infra::redis {

struct RedisCacheSettings {
    /// Prepended to every key, so several deployments can share one Redis database.
    std::string key_prefix = "sp:";
    /// Safety net: every entry expires after this long even if an invalidation was lost.
    std::chrono::seconds ttl{60};
};

/// StoreCache shared by every replica (cache-aside in Redis). Keys, under the prefix:
///   gen        the generation: INCR by every InvalidateStore; seeded at random when missing
///              (a restarted Redis must not repeat a generation a reader may still hold)
///   epoch      INCR only when a lost invalidation is repaired; every store entry carries it
///   s:<id>     "<epoch>\n<store json>"        (EX ttl)
///   p:<key>    "<generation>\n<page json>"    (EX ttl)
/// A page is served only while its generation is current, so one INCR invalidates all pages
/// of all replicas at once; a store entry is deleted by the write's invalidation (in the same
/// Lua script as the INCR) and served only while its epoch is current. Put* is a Lua script
/// that writes only if the generation the reader took before its database read is still the
/// current one: an entry read before a write is never stored after it.
///
/// Outages: every call goes through the "redis" breaker with the client's timeout; a failed
/// or refused read is a miss (the caller reads the database), a failed Put is dropped. A
/// failed InvalidateStore is remembered: until a later call has bumped both the generation
/// and the epoch in Redis (the repair, tried before any other call), this replica neither
/// reads from nor writes to Redis. So when Redis comes back, nothing written while it was
/// unreachable can be served stale by this replica, nor by others once the repair ran.
/// (The one gap: in a partition where other replicas still reach Redis while this one
/// cannot, they may serve the entry its lost invalidation was for until this replica's
/// repair runs, at most `ttl`. When Redis itself is down, nobody serves anything from it.)
///
/// Every method blocks on the network: NonBlocking() is false, so the network-thread fast
/// path does not use this cache.
class RedisStoreCache final : public app::ports::StoreCache {
public:
    /// `logger` may be null (tests).
    RedisStoreCache(RedisClient& client, RedisCacheSettings settings,
                    const platform::Logger* logger = nullptr);

    /// kUnknownGeneration when Redis cannot be asked; Put* refuses it.
    static constexpr std::uint64_t kUnknownGeneration = ~std::uint64_t{0};

    std::uint64_t Generation() const override;
    bool NonBlocking() const override { return false; }
    std::shared_ptr<const domain::Store> GetStore(const std::string& id) override;
    void PutStore(std::shared_ptr<const domain::Store> store, std::uint64_t generation) override;
    std::shared_ptr<const app::ports::Page<domain::Store>> GetPage(const std::string& key) override;
    void PutPage(const std::string& key,
                 std::shared_ptr<const app::ports::Page<domain::Store>> page,
                 std::uint64_t generation) override;
    void InvalidateStore(const std::string& id) override;

    struct Counters {
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
        std::uint64_t errors = 0;                // calls that failed or were refused
        std::uint64_t missed_invalidations = 0;  // since start
        std::uint64_t repairs = 0;               // successful repairs since start
    };
    Counters Stats() const;
    /// True while an invalidation is known to be lost and not yet repaired.
    bool RepairPending() const;

private:
    /// False when a lost invalidation could not be repaired yet (then: no Redis use).
    bool EnsureRepaired() const;
    void Failed(const char* operation, const std::exception& error) const;
    std::string Key(std::string_view kind, std::string_view id) const;
    std::string Seed() const;

    RedisClient& client_;
    RedisCacheSettings settings_;
    const platform::Logger* logger_;
    std::string gen_key_;
    std::string epoch_key_;
    // Lost invalidations are counted; a repair that started after the n-th was lost covers
    // it, so repaired_ = n marks them all repaired (a count, not a flag: a loss racing a
    // repair that had already been sent must not be forgotten).
    mutable std::atomic<std::uint64_t> missed_{0};
    mutable std::atomic<std::uint64_t> repaired_{0};
    mutable std::atomic<std::uint64_t> repairs_{0};
    mutable std::atomic<std::uint64_t> hits_{0};
    mutable std::atomic<std::uint64_t> misses_{0};
    mutable std::atomic<std::uint64_t> errors_{0};
};

}  // namespace store::infra::redis
