#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "app/ports/records.hpp"

namespace store::app::ports {

/// Read cache for store documents and list pages. Writers call Invalidate*() after commit;
/// readers take a Generation() before reading the database and pass it to Put*(), which
/// drops the entry when a write happened in between — so a page read before a write is
/// never served after that write was acknowledged.
class StoreCache {
public:
    virtual ~StoreCache() = default;
    virtual std::uint64_t Generation() const = 0;
    /// True when Get*() only touch memory, so the network thread may call them; false for
    /// a cache across the network (Redis), which only worker threads may use.
    virtual bool NonBlocking() const = 0;
    virtual std::shared_ptr<const domain::Store> GetStore(const std::string& id) = 0;
    virtual void PutStore(std::shared_ptr<const domain::Store> store, std::uint64_t generation) = 0;
    virtual std::shared_ptr<const Page<domain::Store>> GetPage(const std::string& key) = 0;
    virtual void PutPage(const std::string& key, std::shared_ptr<const Page<domain::Store>> page,
                         std::uint64_t generation) = 0;
    /// After a write to one store: drops it and every cached page.
    virtual void InvalidateStore(const std::string& id) = 0;
};

}  // namespace store::app::ports
