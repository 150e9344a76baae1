// The contract of the provisioning repositories (inventory, IPAM, runs, artifacts), run against
// SQLite and PostgreSQL alike. The concurrency cases are the point: reservations, subnet
// allocation and run claims must hold under many connections at once on both engines.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/errors.hpp"
#include "app/ports/database.hpp"
#include "contract/contract_fixture.hpp"
#include "domain/ipam.hpp"
#include "domain/rollout.hpp"
#include "domain/workflow.hpp"
#include "infra/crypto/sha256.hpp"

namespace store {
namespace {

using app::ErrorCode;
using app::ports::AddressPool;
using app::ports::ConfigBundle;
using app::ports::HardwareModel;
using app::ports::ItemQuery;
using app::ports::NetworkSegment;
using app::ports::StockItem;
using app::ports::TxKind;
using contract::At;
using contract::CodeOf;
using contract::MakeStore;
using contract::NextId;
using domain::RunKind;
using domain::RunStatus;
using domain::StepStatus;
using namespace std::chrono_literals;

std::string Padded(int number, int digits) {
    std::string text = std::to_string(number);
    return std::string(
               static_cast<std::size_t>(std::max(0, digits - static_cast<int>(text.size()))), '0') +
           text;
}

class ProvisioningContract : public contract::EngineFixture {
protected:
    /// Inserts `count` draft stores (codes PREFIX-0000…) and returns their ids in order.
    std::vector<std::string> AddStores(int count, const std::string& prefix = "S") {
        std::vector<std::string> ids;
        auto uow = db_->Begin(TxKind::kWrite);
        for (int i = 0; i < count; ++i) {
            auto store = MakeStore(prefix + "-" + Padded(i, 4));
            ids.push_back(store.id);
            uow->Stores().Insert(store);
        }
        uow->Commit();
        return ids;
    }

    HardwareModel AddModel(const std::string& kind, const std::string& vendor,
                           const std::string& model) {
        HardwareModel row{NextId(), kind, vendor, model, At(0)};
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Inventory().InsertModel(row);
        uow->Commit();
        return row;
    }

    static StockItem MakeItem(const HardwareModel& model, const std::string& serial) {
        return StockItem{NextId(),   serial,       model.id, model.kind,
                         "in_stock", std::nullopt, At(0),    At(0)};
    }

    void AddItems(const std::vector<StockItem>& items) {
        auto uow = db_->Begin(TxKind::kWrite);
        for (const auto& item : items) {
            uow->Inventory().InsertItem(item);
        }
        uow->Commit();
    }

    AddressPool AddPool(const std::string& cidr, const std::string& purpose, int prefix = 24) {
        AddressPool pool{NextId(), cidr, purpose, prefix, At(0)};
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Network().InsertPool(pool);
        uow->Commit();
        return pool;
    }

    static NetworkSegment MakeSegment(const std::string& store_id, const std::string& pool_id,
                                      const std::string& purpose, std::int64_t vlan,
                                      const std::string& cidr) {
        const auto network = domain::ParseCidr(cidr).network.value();
        const auto addresses = domain::AddressesOf(network);
        return NetworkSegment{NextId(),
                              store_id,
                              pool_id,
                              purpose,
                              vlan,
                              network.ToString(),
                              domain::FormatIpv4(addresses.gateway),
                              domain::FormatIpv4(addresses.dhcp_start),
                              domain::FormatIpv4(addresses.dhcp_end),
                              At(1)};
    }

    void InsertSegment(const NetworkSegment& segment) {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Network().InsertSegment(segment);
        uow->Commit();
    }

    void InsertRun(const domain::Run& run) {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Runs().InsertRun(run);
        uow->Commit();
    }

    std::optional<domain::Run> Claim(const std::string& worker, domain::TimePoint now,
                                     domain::TimePoint lease_until) {
        auto uow = db_->Begin(TxKind::kWrite);
        auto run = uow->Runs().ClaimNext(worker, now, lease_until);
        uow->Commit();
        return run;
    }

    static domain::Run MakeRun(const std::string& store_id, RunKind kind,
                               domain::TimePoint created) {
        return domain::NewRun(NextId(), store_id, kind, created, "alice", "req-" + NextId());
    }
};

std::vector<std::string> Serials(const std::vector<StockItem>& items) {
    std::vector<std::string> serials;
    for (const auto& item : items) {
        serials.push_back(item.serial);
    }
    return serials;
}

// ---------------------------------------------------------------------------------------------
using InventoryRepositoryContract = ProvisioningContract;

TEST_P(InventoryRepositoryContract, ModelsRoundTripAndListInKindVendorModelOrder) {
    const auto switch_model = AddModel("switch", "Cisco", "C9200");
    const auto router_b = AddModel("router", "Juniper", "SRX300");
    const auto router_a = AddModel("router", "Cisco", "ISR1100");
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Inventory().FindModel(router_b.id), router_b);
    EXPECT_FALSE(uow->Inventory().FindModel(NextId()).has_value());
    EXPECT_EQ(uow->Inventory().ListModels(),
              (std::vector<HardwareModel>{router_a, router_b, switch_model}));
}

TEST_P(InventoryRepositoryContract, DuplicateKindVendorModelIsConflict) {
    AddModel("router", "Cisco", "ISR1100");
    std::string detail;
    EXPECT_EQ(CodeOf([&] { AddModel("router", "Cisco", "ISR1100"); }, &detail),
              ErrorCode::kConflict);
    EXPECT_NE(detail.find("ISR1100"), std::string::npos) << detail;
    EXPECT_NO_THROW(AddModel("switch", "Cisco", "ISR1100"));
}

TEST_P(InventoryRepositoryContract, ItemRoundTripsWithEveryField) {
    const auto model = AddModel("router", "Cisco", "ISR1100");
    const auto store_id = AddStores(1).front();
    StockItem item = MakeItem(model, "FTX-2026/0001");
    item.status = "allocated";
    item.store_id = store_id;
    item.updated_at = At(5);
    AddItems({item});
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Inventory().FindItemBySerial("FTX-2026/0001"), item);
    EXPECT_FALSE(uow->Inventory().FindItemBySerial("NOPE-1").has_value());
}

TEST_P(InventoryRepositoryContract, DuplicateSerialIsConflictNamingTheSerial) {
    const auto model = AddModel("router", "Cisco", "ISR1100");
    AddItems({MakeItem(model, "SN-0001")});
    std::string detail;
    EXPECT_EQ(CodeOf([&] { AddItems({MakeItem(model, "SN-0001")}); }, &detail),
              ErrorCode::kConflict);
    EXPECT_EQ(detail, "an item with serial SN-0001 already exists");
    EXPECT_EQ(db_->Begin(TxKind::kRead)->Inventory().ListItems({}).total, 1);
}

TEST_P(InventoryRepositoryContract, ItemOfUnknownModelIsRefused) {
    HardwareModel ghost{NextId(), "router", "Nobody", "None", At(0)};
    EXPECT_EQ(CodeOf([&] { AddItems({MakeItem(ghost, "SN-0001")}); }), ErrorCode::kConflict);
}

TEST_P(InventoryRepositoryContract, ListItemsFiltersByStatusKindModelStoreAndSerial) {
    const auto router = AddModel("router", "Cisco", "ISR1100");
    const auto other_router = AddModel("router", "Juniper", "SRX300");
    const auto ap = AddModel("access_point", "Aruba", "AP-505");
    const auto store_id = AddStores(1).front();
    auto allocated = MakeItem(router, "RTR-0002");
    allocated.status = "allocated";
    allocated.store_id = store_id;
    auto retired = MakeItem(ap, "ap-0001");
    retired.status = "retired";
    AddItems({MakeItem(router, "RTR-0001"), allocated, MakeItem(other_router, "JNP-0001"), retired,
              MakeItem(ap, "AP-0002"), MakeItem(ap, "AP_0003")});

    const auto list = [&](ItemQuery query) {
        return Serials(db_->Begin(TxKind::kRead)->Inventory().ListItems(query).items);
    };
    ItemQuery query;
    query.status = "in_stock";
    EXPECT_EQ(list(query),
              (std::vector<std::string>{"AP-0002", "AP_0003", "JNP-0001", "RTR-0001"}));
    query = {};
    query.kind = "router";
    EXPECT_EQ(list(query), (std::vector<std::string>{"JNP-0001", "RTR-0001", "RTR-0002"}));
    query = {};
    query.model_id = router.id;
    EXPECT_EQ(list(query), (std::vector<std::string>{"RTR-0001", "RTR-0002"}));
    query = {};
    query.store_id = store_id;
    EXPECT_EQ(list(query), (std::vector<std::string>{"RTR-0002"}));
    query = {};
    query.q = "ap-";  // case-insensitive substring
    EXPECT_EQ(list(query), (std::vector<std::string>{"AP-0002", "ap-0001"}));
    query = {};
    query.q = "_";  // literal, not a wildcard
    EXPECT_EQ(list(query), (std::vector<std::string>{"AP_0003"}));
    query = {};
    query.kind = "access_point";
    query.status = "in_stock";
    EXPECT_EQ(list(query), (std::vector<std::string>{"AP-0002", "AP_0003"}));
}

TEST_P(InventoryRepositoryContract, ListItemsPagesInSerialOrderWithTheTotal) {
    const auto model = AddModel("printer", "Zebra", "ZD421");
    std::vector<StockItem> items;
    for (int i = 25; i >= 1; --i) {
        items.push_back(MakeItem(model, "PRN-" + Padded(i, 3)));
    }
    AddItems(items);
    ItemQuery query;
    query.page_size = 10;
    query.page = 3;
    const auto page = db_->Begin(TxKind::kRead)->Inventory().ListItems(query);
    EXPECT_EQ(page.total, 25);
    EXPECT_EQ(Serials(page.items),
              (std::vector<std::string>{"PRN-021", "PRN-022", "PRN-023", "PRN-024", "PRN-025"}));
    query.page = 4;
    const auto past_end = db_->Begin(TxKind::kRead)->Inventory().ListItems(query);
    EXPECT_TRUE(past_end.items.empty());
    EXPECT_EQ(past_end.total, 25);
}

TEST_P(InventoryRepositoryContract, ReserveItemsTakesTheLowestInStockSerialsOfTheKind) {
    const auto router = AddModel("router", "Cisco", "ISR1100");
    const auto ap = AddModel("access_point", "Aruba", "AP-505");
    const auto stores = AddStores(2);
    auto taken = MakeItem(router, "R-001");
    taken.status = "allocated";
    taken.store_id = stores[1];
    auto retired = MakeItem(router, "R-002");
    retired.status = "retired";
    AddItems({MakeItem(router, "R-005"), taken, retired, MakeItem(router, "R-004"),
              MakeItem(router, "R-003"), MakeItem(ap, "A-001")});

    auto uow = db_->Begin(TxKind::kWrite);
    const auto reserved = uow->Inventory().ReserveItems(stores[0], "router", 2, At(9));
    uow->Commit();
    ASSERT_EQ(Serials(reserved), (std::vector<std::string>{"R-003", "R-004"}));
    for (const auto& item : reserved) {
        EXPECT_EQ(item.status, "allocated");
        EXPECT_EQ(item.store_id, stores[0]);
        EXPECT_EQ(item.updated_at, At(9));
    }
    auto read = db_->Begin(TxKind::kRead);
    EXPECT_EQ(read->Inventory().FindItemBySerial("R-003"), reserved[0]);
    EXPECT_EQ(read->Inventory().AvailableByKind(),
              (std::map<std::string, std::int64_t>{{"access_point", 1}, {"router", 1}}));
}

TEST_P(InventoryRepositoryContract, ReserveItemsReturnsFewerWhenStockRunsOut) {
    const auto router = AddModel("router", "Cisco", "ISR1100");
    const auto store_id = AddStores(1).front();
    AddItems({MakeItem(router, "R-001"), MakeItem(router, "R-002")});
    auto uow = db_->Begin(TxKind::kWrite);
    EXPECT_EQ(uow->Inventory().ReserveItems(store_id, "router", 5, At(1)).size(), 2U);
    EXPECT_TRUE(uow->Inventory().ReserveItems(store_id, "router", 1, At(1)).empty());
    EXPECT_TRUE(uow->Inventory().ReserveItems(store_id, "switch", 1, At(1)).empty());
}

TEST_P(InventoryRepositoryContract, ConcurrentReserversNeverGetTheSameItem) {
    constexpr int kThreads = 16;
    constexpr int kEach = 5;
    constexpr int kItems = 50;
    const auto model = AddModel("pos_terminal", "Verifone", "V400m");
    const auto stores = AddStores(kThreads);
    std::vector<StockItem> items;
    for (int i = 0; i < kItems; ++i) {
        items.push_back(MakeItem(model, "POS-" + Padded(i, 4)));
    }
    AddItems(items);

    std::mutex mutex;
    std::map<std::string, std::vector<std::string>> by_store;
    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            try {
                auto uow = db_->Begin(TxKind::kWrite);
                const auto reserved = uow->Inventory().ReserveItems(
                    stores[static_cast<std::size_t>(t)], "pos_terminal", kEach, At(2));
                uow->Commit();
                std::lock_guard lock(mutex);
                by_store[stores[static_cast<std::size_t>(t)]] = Serials(reserved);
            } catch (const app::AppError& error) {
                ADD_FAILURE() << error.what();
                ++errors;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    ASSERT_EQ(errors.load(), 0);
    std::multiset<std::string> all;
    for (const auto& [store_id, serials] : by_store) {
        EXPECT_LE(serials.size(), static_cast<std::size_t>(kEach));
        all.insert(serials.begin(), serials.end());
    }
    EXPECT_EQ(all.size(), static_cast<std::size_t>(kItems));
    EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size())
        << "an item was reserved twice";
    auto uow = db_->Begin(TxKind::kRead);
    for (const auto& [store_id, serials] : by_store) {
        EXPECT_EQ(Serials(uow->Inventory().ItemsForStore(store_id)), serials);
    }
    EXPECT_TRUE(uow->Inventory().AvailableByKind().empty());
}

// Applying a provision plan takes exactly the serials the plan showed, and only from stock.
TEST_P(InventoryRepositoryContract, ReserveSerialTakesThatItemOnlyWhileInStock) {
    const auto router = AddModel("router", "Cisco", "ISR1100");
    const auto stores = AddStores(2);
    auto retired = MakeItem(router, "R-009");
    retired.status = "retired";
    AddItems({MakeItem(router, "R-001"), MakeItem(router, "R-005"), retired});
    auto uow = db_->Begin(TxKind::kWrite);
    EXPECT_TRUE(uow->Inventory().ReserveSerial("R-005", stores[0], At(3)));
    EXPECT_FALSE(uow->Inventory().ReserveSerial("R-005", stores[1], At(3)));  // taken
    EXPECT_FALSE(uow->Inventory().ReserveSerial("R-009", stores[1], At(3)));  // retired
    EXPECT_FALSE(uow->Inventory().ReserveSerial("R-404", stores[1], At(3)));  // unknown
    uow->Commit();
    auto read = db_->Begin(TxKind::kRead);
    const auto item = read->Inventory().FindItemBySerial("R-005").value();
    EXPECT_EQ(item.status, "allocated");
    EXPECT_EQ(item.store_id, stores[0]);
    EXPECT_EQ(item.updated_at, At(3));
    EXPECT_EQ(read->Inventory().FindItemBySerial("R-001")->status, "in_stock");
}

TEST_P(InventoryRepositoryContract, ReleaseItemsForStoreReturnsThemToStock) {
    const auto router = AddModel("router", "Cisco", "ISR1100");
    const auto ap = AddModel("access_point", "Aruba", "AP-505");
    const auto stores = AddStores(2);
    AddItems({MakeItem(router, "R-001"), MakeItem(ap, "A-002"), MakeItem(ap, "A-001"),
              MakeItem(router, "R-002")});
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Inventory().ReserveItems(stores[0], "router", 1, At(1));
        uow->Inventory().ReserveItems(stores[0], "access_point", 2, At(1));
        uow->Inventory().ReserveItems(stores[1], "router", 1, At(1));
        uow->Commit();
    }
    EXPECT_EQ(Serials(db_->Begin(TxKind::kRead)->Inventory().ItemsForStore(stores[0])),
              (std::vector<std::string>{"A-001", "A-002", "R-001"}));  // kind, then serial
    {
        auto uow = db_->Begin(TxKind::kWrite);
        EXPECT_EQ(uow->Inventory().ReleaseItemsForStore(stores[0], At(7)), 3);
        uow->Commit();
    }
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_TRUE(uow->Inventory().ItemsForStore(stores[0]).empty());
    const auto released = uow->Inventory().FindItemBySerial("A-001").value();
    EXPECT_EQ(released.status, "in_stock");
    EXPECT_EQ(released.store_id, std::nullopt);
    EXPECT_EQ(released.updated_at, At(7));
    EXPECT_EQ(Serials(uow->Inventory().ItemsForStore(stores[1])),
              (std::vector<std::string>{"R-002"}));
    EXPECT_EQ(uow->Inventory().AvailableByKind(),
              (std::map<std::string, std::int64_t>{{"access_point", 2}, {"router", 1}}));
}

// ---------------------------------------------------------------------------------------------
using NetworkRepositoryContract = ProvisioningContract;

TEST_P(NetworkRepositoryContract, PoolsRoundTripOrderedByPurposeThenCidr) {
    const auto guest = AddPool("10.64.0.0/16", "guest", 24);
    const auto pos_high = AddPool("10.2.0.0/16", "pos", 26);
    const auto pos_low = AddPool("10.1.0.0/16", "pos", 24);
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Network().FindPool(pos_high.id), pos_high);
    EXPECT_FALSE(uow->Network().FindPool(NextId()).has_value());
    EXPECT_EQ(uow->Network().ListPools(), (std::vector<AddressPool>{guest, pos_low, pos_high}));
}

TEST_P(NetworkRepositoryContract, OverlappingPoolIsConflict) {
    AddPool("10.0.0.0/16", "pos");
    std::string detail;
    EXPECT_EQ(CodeOf([&] { AddPool("10.0.128.0/17", "guest"); }, &detail), ErrorCode::kConflict);
    EXPECT_NE(detail.find("10.0.128.0/17 overlaps"), std::string::npos) << detail;
    EXPECT_EQ(CodeOf([&] { AddPool("10.0.0.0/8", "guest"); }), ErrorCode::kConflict);
    EXPECT_EQ(CodeOf([&] { AddPool("10.0.0.0/16", "guest"); }), ErrorCode::kConflict);
    EXPECT_NO_THROW(AddPool("10.1.0.0/16", "guest"));
    EXPECT_EQ(db_->Begin(TxKind::kRead)->Network().ListPools().size(), 2U);
}

TEST_P(NetworkRepositoryContract, MalformedCidrIsValidationError) {
    EXPECT_EQ(CodeOf([&] { AddPool("10.0.0.1/16", "pos"); }), ErrorCode::kValidation);
    EXPECT_EQ(CodeOf([&] { AddPool("10.0/16", "pos"); }), ErrorCode::kValidation);
}

TEST_P(NetworkRepositoryContract, DeletePoolIsRefusedWhileSegmentsUseIt) {
    const auto pool = AddPool("10.0.0.0/16", "pos");
    const auto store_id = AddStores(1).front();
    InsertSegment(MakeSegment(store_id, pool.id, "pos", 10, "10.0.0.0/24"));
    std::string detail;
    EXPECT_EQ(CodeOf(
                  [&] {
                      auto uow = db_->Begin(TxKind::kWrite);
                      uow->Network().DeletePool(pool.id);
                  },
                  &detail),
              ErrorCode::kConflict);
    EXPECT_EQ(detail, "the address pool 10.0.0.0/16 is in use by 1 segment");
    auto uow = db_->Begin(TxKind::kWrite);
    EXPECT_FALSE(uow->Network().DeletePool(NextId()));
    EXPECT_EQ(uow->Network().ReleaseSegmentsForStore(store_id), 1);
    EXPECT_TRUE(uow->Network().DeletePool(pool.id));
    uow->Commit();
    EXPECT_TRUE(db_->Begin(TxKind::kRead)->Network().ListPools().empty());
}

TEST_P(NetworkRepositoryContract, SegmentsRoundTripOrderedByVlan) {
    const auto pos_pool = AddPool("10.0.0.0/16", "pos");
    const auto guest_pool = AddPool("172.16.0.0/12", "guest", 22);
    const auto stores = AddStores(2);
    const auto guest = MakeSegment(stores[0], guest_pool.id, "guest", 30, "172.16.4.0/22");
    const auto pos = MakeSegment(stores[0], pos_pool.id, "pos", 10, "10.0.1.0/24");
    const auto manual = MakeSegment(stores[0], "", "management", 99, "192.168.99.0/28");
    const auto other = MakeSegment(stores[1], pos_pool.id, "pos", 10, "10.0.0.0/24");
    for (const auto& segment : {guest, pos, manual, other}) {
        InsertSegment(segment);
    }
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Network().SegmentsForStore(stores[0]),
              (std::vector<NetworkSegment>{pos, guest, manual}));
    EXPECT_EQ(uow->Network().SegmentsInPool(pos_pool.id),
              (std::vector<NetworkSegment>{other, pos}));
    EXPECT_EQ(manual.pool_id, "");
    EXPECT_EQ(manual.gateway, "192.168.99.1");
}

TEST_P(NetworkRepositoryContract, OverlappingSegmentOfAnotherStoreIsConflict) {
    const auto pool = AddPool("10.0.0.0/8", "pos");
    const auto stores = AddStores(2);
    InsertSegment(MakeSegment(stores[0], pool.id, "pos", 10, "10.1.2.0/24"));
    std::string detail;
    EXPECT_EQ(
        CodeOf([&] { InsertSegment(MakeSegment(stores[1], pool.id, "pos", 10, "10.1.2.0/24")); },
               &detail),
        ErrorCode::kConflict);
    EXPECT_EQ(detail, "10.1.2.0/24 overlaps a segment of another store");
    // Containing and contained networks overlap too.
    EXPECT_EQ(
        CodeOf([&] { InsertSegment(MakeSegment(stores[1], pool.id, "pos", 10, "10.1.0.0/16")); }),
        ErrorCode::kConflict);
    EXPECT_EQ(
        CodeOf([&] { InsertSegment(MakeSegment(stores[1], pool.id, "pos", 10, "10.1.2.128/25")); }),
        ErrorCode::kConflict);
    EXPECT_EQ(
        CodeOf([&] { InsertSegment(MakeSegment(stores[0], "", "guest", 30, "10.1.2.64/26")); }),
        ErrorCode::kConflict);
    EXPECT_NO_THROW(InsertSegment(MakeSegment(stores[1], pool.id, "pos", 10, "10.1.3.0/24")));
    EXPECT_EQ(db_->Begin(TxKind::kRead)->Network().SegmentsInPool(pool.id).size(), 2U);
}

TEST_P(NetworkRepositoryContract, DuplicateVlanOrPurposeInAStoreIsConflict) {
    const auto stores = AddStores(2);
    InsertSegment(MakeSegment(stores[0], "", "pos", 10, "10.0.0.0/24"));
    std::string detail;
    EXPECT_EQ(CodeOf([&] { InsertSegment(MakeSegment(stores[0], "", "guest", 10, "10.0.1.0/24")); },
                     &detail),
              ErrorCode::kConflict);
    EXPECT_EQ(detail, "VLAN 10 is already used by this store");
    EXPECT_EQ(CodeOf([&] { InsertSegment(MakeSegment(stores[0], "", "pos", 11, "10.0.2.0/24")); },
                     &detail),
              ErrorCode::kConflict);
    EXPECT_EQ(detail, "the store already has a pos segment");
    // Another store may use the same VLAN id and purpose.
    EXPECT_NO_THROW(InsertSegment(MakeSegment(stores[1], "", "pos", 10, "10.0.3.0/24")));
}

TEST_P(NetworkRepositoryContract, SegmentsOverlappingFindsThemAcrossStores) {
    const auto stores = AddStores(3);
    const auto a = MakeSegment(stores[0], "", "pos", 10, "10.0.0.0/24");
    const auto b = MakeSegment(stores[1], "", "pos", 10, "10.0.1.0/24");
    const auto c = MakeSegment(stores[2], "", "pos", 10, "10.0.4.0/24");
    for (const auto& segment : {a, b, c}) {
        InsertSegment(segment);
    }
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Network().SegmentsOverlapping("10.0.0.0/22"),
              (std::vector<NetworkSegment>{a, b}));
    EXPECT_EQ(uow->Network().SegmentsOverlapping("10.0.4.7/32"), (std::vector<NetworkSegment>{c}));
    EXPECT_TRUE(uow->Network().SegmentsOverlapping("10.0.2.0/23").empty());
}

TEST_P(NetworkRepositoryContract, ReleasedSegmentsFreeTheirRanges) {
    const auto stores = AddStores(2);
    InsertSegment(MakeSegment(stores[0], "", "pos", 10, "10.0.0.0/24"));
    InsertSegment(MakeSegment(stores[0], "", "guest", 30, "10.0.1.0/24"));
    {
        auto uow = db_->Begin(TxKind::kWrite);
        EXPECT_EQ(uow->Network().ReleaseSegmentsForStore(stores[0]), 2);
        EXPECT_EQ(uow->Network().ReleaseSegmentsForStore(stores[0]), 0);
        uow->Commit();
    }
    EXPECT_NO_THROW(InsertSegment(MakeSegment(stores[1], "", "pos", 10, "10.0.0.0/23")));
}

TEST_P(NetworkRepositoryContract, UsageByPoolCountsSegmentsOfEveryPool) {
    const auto used = AddPool("10.0.0.0/16", "pos");
    const auto unused = AddPool("10.1.0.0/16", "guest");
    const auto stores = AddStores(3);
    for (int i = 0; i < 3; ++i) {
        InsertSegment(MakeSegment(stores[static_cast<std::size_t>(i)], used.id, "pos", 10,
                                  "10.0." + std::to_string(i) + ".0/24"));
    }
    InsertSegment(MakeSegment(stores[0], "", "management", 99, "192.168.0.0/24"));
    EXPECT_EQ(db_->Begin(TxKind::kRead)->Network().UsageByPool(),
              (std::map<std::string, std::int64_t>{{used.id, 3}, {unused.id, 0}}));
}

TEST_P(NetworkRepositoryContract, TwoHundredConcurrentAllocationsNeverOverlapAndLoseNone) {
    constexpr int kStores = 200;
    constexpr int kThreads = 8;
    constexpr int kMaxAttempts = 1000;
    const auto pool = AddPool("10.20.0.0/16", "pos", 24);
    const auto pool_network = domain::ParseCidr(pool.cidr).network.value();
    const auto stores = AddStores(kStores);

    std::atomic<int> next_store{0};
    std::atomic<int> conflicts{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int index = next_store++; index < kStores; index = next_store++) {
                const auto& store_id = stores[static_cast<std::size_t>(index)];
                bool done = false;
                for (int attempt = 0; attempt < kMaxAttempts && !done; ++attempt) {
                    try {
                        auto uow = db_->Begin(TxKind::kWrite);
                        std::vector<domain::Ipv4Network> used;
                        for (const auto& segment : uow->Network().SegmentsInPool(pool.id)) {
                            used.push_back(domain::ParseCidr(segment.cidr).network.value());
                        }
                        const auto subnet = domain::LowestFreeSubnet(pool_network, 24, used);
                        if (!subnet) {
                            ADD_FAILURE() << "the pool ran out";
                            ++failures;
                            return;
                        }
                        uow->Network().InsertSegment(
                            MakeSegment(store_id, pool.id, "pos", 10, subnet->ToString()));
                        uow->Commit();
                        done = true;
                    } catch (const app::AppError& error) {
                        if (error.code() != ErrorCode::kConflict) {
                            ADD_FAILURE() << error.what();
                            ++failures;
                            return;
                        }
                        ++conflicts;  // another allocation took the subnet first: recompute
                    }
                }
                if (!done) {
                    ADD_FAILURE() << "no subnet after " << kMaxAttempts << " attempts";
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    ASSERT_EQ(failures.load(), 0);

    const auto segments = db_->Begin(TxKind::kRead)->Network().SegmentsInPool(pool.id);
    ASSERT_EQ(segments.size(), static_cast<std::size_t>(kStores));
    std::vector<domain::Ipv4Network> networks;
    std::set<std::string> owners;
    for (const auto& segment : segments) {
        networks.push_back(domain::ParseCidr(segment.cidr).network.value());
        EXPECT_TRUE(pool_network.Contains(networks.back())) << segment.cidr;
        owners.insert(segment.store_id);
    }
    EXPECT_EQ(owners, std::set<std::string>(stores.begin(), stores.end())) << "a store was lost";
    for (std::size_t i = 0; i < networks.size(); ++i) {
        for (std::size_t j = i + 1; j < networks.size(); ++j) {
            EXPECT_FALSE(networks[i].Overlaps(networks[j]))
                << networks[i].ToString() << " and " << networks[j].ToString();
        }
    }
    // Lowest-first allocation without losses fills the first 200 /24s exactly.
    EXPECT_EQ(networks.back().ToString(), "10.20.199.0/24");
    RecordProperty("conflicts_retried", conflicts.load());
}

// ---------------------------------------------------------------------------------------------
using RunRepositoryContract = ProvisioningContract;

TEST_P(RunRepositoryContract, InsertedRunRoundTripsEveryField) {
    const auto store_id = AddStores(1).front();
    domain::Run run = MakeRun(store_id, RunKind::kProvision, At(0));
    run.status = RunStatus::kRunning;
    run.steps[0] = {"validate", StepStatus::kSucceeded, 1, At(1), At(2), "ok"};
    run.steps[1] = {"allocate_network",
                    StepStatus::kFailed,
                    3,
                    At(3),
                    std::nullopt,
                    "pool 10.0.0.0/16 for guest is full — \"retry\" later\n"};
    run.steps[2].status = StepStatus::kSkipped;
    run.updated_at = At(4);
    run.next_attempt_at = At(5);
    run.lease_owner = "worker-1";
    run.lease_expires_at = At(6);
    run.error = "transient: ünïcode";
    InsertRun(run);
    EXPECT_EQ(db_->Begin(TxKind::kRead)->Runs().FindRun(run.id), run);
    EXPECT_FALSE(db_->Begin(TxKind::kRead)->Runs().FindRun(NextId()).has_value());
}

TEST_P(RunRepositoryContract, UpdateRunOverwritesStatusStepsTimingsLeaseAndError) {
    const auto store_id = AddStores(1).front();
    domain::Run run = MakeRun(store_id, RunKind::kDecommission, At(0));
    run.lease_owner = "worker-1";
    run.lease_expires_at = At(3);
    InsertRun(run);
    run.status = RunStatus::kFailed;
    for (auto& step : run.steps) {
        step = {step.name, StepStatus::kFailed, 2, At(1), At(2), "broken"};
    }
    run.updated_at = At(7);
    run.finished_at = At(7);
    run.next_attempt_at = At(8);
    run.lease_owner.clear();
    run.lease_expires_at = std::nullopt;
    run.error = "permanent";
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Runs().UpdateRun(run);
        uow->Commit();
    }
    EXPECT_EQ(db_->Begin(TxKind::kRead)->Runs().FindRun(run.id), run);
}

TEST_P(RunRepositoryContract, SecondActiveRunForAStoreIsConflict) {
    const auto stores = AddStores(2);
    domain::Run first = MakeRun(stores[0], RunKind::kProvision, At(0));
    InsertRun(first);
    std::string detail;
    EXPECT_EQ(
        CodeOf([&] { InsertRun(MakeRun(stores[0], RunKind::kDecommission, At(1))); }, &detail),
        ErrorCode::kConflict);
    EXPECT_EQ(detail, "the store already has a run in progress");
    EXPECT_NO_THROW(InsertRun(MakeRun(stores[1], RunKind::kProvision, At(1))));
    // Once the first one finished, the store may have a new one.
    first.status = RunStatus::kSucceeded;
    first.finished_at = At(2);
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Runs().UpdateRun(first);
        uow->Commit();
    }
    EXPECT_NO_THROW(InsertRun(MakeRun(stores[0], RunKind::kDecommission, At(3))));
}

TEST_P(RunRepositoryContract, RunsForStoreAreNewestFirst) {
    const auto stores = AddStores(2);
    std::vector<std::string> expected;
    for (int i = 0; i < 3; ++i) {
        domain::Run run = MakeRun(stores[0], RunKind::kProvision, At(i * 10));
        run.status = RunStatus::kFailed;
        run.finished_at = At(i * 10 + 1);
        InsertRun(run);
        expected.insert(expected.begin(), run.id);
    }
    InsertRun(MakeRun(stores[1], RunKind::kProvision, At(5)));
    std::vector<std::string> ids;
    for (const auto& run : db_->Begin(TxKind::kRead)->Runs().RunsForStore(stores[0])) {
        ids.push_back(run.id);
    }
    EXPECT_EQ(ids, expected);
}

TEST_P(RunRepositoryContract, ClaimNextTakesTheEarliestDueRunAndLeasesIt) {
    const auto stores = AddStores(4);
    domain::Run later = MakeRun(stores[0], RunKind::kProvision, At(0));
    later.next_attempt_at = At(4);
    domain::Run older = MakeRun(stores[1], RunKind::kProvision, At(1));
    older.next_attempt_at = At(3);
    domain::Run newer = MakeRun(stores[2], RunKind::kProvision, At(2));
    newer.next_attempt_at = At(3);
    domain::Run future = MakeRun(stores[3], RunKind::kProvision, At(0));
    future.next_attempt_at = At(60);  // backing off
    for (const auto& run : {later, older, newer, future}) {
        InsertRun(run);
    }
    std::vector<std::string> order;
    while (const auto run = Claim("worker-1", At(10), At(20))) {
        EXPECT_EQ(run->status, RunStatus::kRunning);
        EXPECT_EQ(run->lease_owner, "worker-1");
        EXPECT_EQ(run->lease_expires_at, At(20));
        EXPECT_EQ(db_->Begin(TxKind::kRead)->Runs().FindRun(run->id), *run);
        order.push_back(run->id);
    }
    EXPECT_EQ(order, (std::vector<std::string>{older.id, newer.id, later.id}));
    ASSERT_TRUE(Claim("worker-1", At(60), At(70)).has_value());
}

TEST_P(RunRepositoryContract, LeasedRunIsReclaimableOnlyAfterTheLeaseExpires) {
    const auto store_id = AddStores(1).front();
    const domain::Run run = MakeRun(store_id, RunKind::kProvision, At(0));
    InsertRun(run);
    ASSERT_TRUE(Claim("worker-1", At(1), At(5)).has_value());
    EXPECT_FALSE(Claim("worker-2", At(3), At(8)).has_value()) << "the lease still holds";
    EXPECT_FALSE(Claim("worker-2", At(5), At(8)).has_value()) << "expires after, not at, 5";
    const auto reclaimed = Claim("worker-2", At(6), At(9));  // worker-1 died
    ASSERT_TRUE(reclaimed.has_value());
    EXPECT_EQ(reclaimed->id, run.id);
    EXPECT_EQ(reclaimed->lease_owner, "worker-2");
    EXPECT_EQ(reclaimed->lease_expires_at, At(9));
    // Handing it back with a backoff: free, but not before next_attempt_at.
    domain::Run released = *reclaimed;
    released.status = RunStatus::kQueued;
    released.lease_owner.clear();
    released.lease_expires_at = std::nullopt;
    released.next_attempt_at = At(30);
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Runs().UpdateRun(released);
        uow->Commit();
    }
    EXPECT_FALSE(Claim("worker-3", At(29), At(40)).has_value());
    EXPECT_TRUE(Claim("worker-3", At(30), At(40)).has_value());
    // Finished runs are never claimed.
    domain::Run done = db_->Begin(TxKind::kRead)->Runs().FindRun(run.id).value();
    done.status = RunStatus::kSucceeded;
    done.finished_at = At(31);
    done.lease_expires_at = std::nullopt;
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Runs().UpdateRun(done);
        uow->Commit();
    }
    EXPECT_FALSE(Claim("worker-4", At(100), At(110)).has_value());
}

TEST_P(RunRepositoryContract, ConcurrentClaimersNeverClaimTheSameRun) {
    constexpr int kRuns = 40;
    constexpr int kThreads = 8;
    const auto stores = AddStores(kRuns);
    {
        auto uow = db_->Begin(TxKind::kWrite);
        for (int i = 0; i < kRuns; ++i) {
            uow->Runs().InsertRun(
                MakeRun(stores[static_cast<std::size_t>(i)], RunKind::kProvision, At(i % 7)));
        }
        uow->Commit();
    }
    std::mutex mutex;
    std::multiset<std::string> claimed;
    std::atomic<int> total{0};
    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            const std::string worker = "worker-" + std::to_string(t);
            // An empty answer only means "nothing free right now" (others hold row locks);
            // keep asking until every run is taken, within a bound.
            for (int polls = 0; total.load() < kRuns && polls < 10000; ++polls) {
                try {
                    const auto run = Claim(worker, At(10), At(20));
                    if (run) {
                        EXPECT_EQ(run->lease_owner, worker);
                        std::lock_guard lock(mutex);
                        claimed.insert(run->id);
                        ++total;
                    }
                } catch (const app::AppError& error) {
                    ADD_FAILURE() << error.what();
                    ++errors;
                    return;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    ASSERT_EQ(errors.load(), 0);
    EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kRuns));
    EXPECT_EQ(std::set<std::string>(claimed.begin(), claimed.end()).size(), claimed.size())
        << "a run was claimed twice";
    EXPECT_FALSE(Claim("late", At(11), At(21)).has_value());
}

TEST_P(RunRepositoryContract, CountSinceCountsRecentFinishedAndAllActiveRuns) {
    const auto stores = AddStores(6);
    const auto finished = [&](std::size_t store, RunStatus status, int minute) {
        domain::Run run = MakeRun(stores[store], RunKind::kProvision, At(minute - 1));
        run.status = status;
        run.finished_at = At(minute);
        InsertRun(run);
    };
    finished(0, RunStatus::kSucceeded, 5);  // before `since`
    finished(1, RunStatus::kSucceeded, 50);
    finished(2, RunStatus::kSucceeded, 30);  // exactly at `since`
    finished(3, RunStatus::kFailed, 60);
    InsertRun(MakeRun(stores[4], RunKind::kProvision, At(0)));
    domain::Run running = MakeRun(stores[5], RunKind::kDecommission, At(0));
    running.status = RunStatus::kRunning;
    InsertRun(running);
    const auto counts = db_->Begin(TxKind::kRead)->Runs().CountSince(At(30));
    EXPECT_EQ(counts.succeeded, 2);
    EXPECT_EQ(counts.failed, 1);
    EXPECT_EQ(counts.active, 2);
}

TEST_P(RunRepositoryContract, ThroughputByHourCountsSucceededProvisionRunsPerHour) {
    // At(m) is 12:00:00.123456 + m minutes.
    const auto stores = AddStores(6);
    const auto finished = [&](std::size_t store, RunKind kind, RunStatus status, int minute) {
        domain::Run run = MakeRun(stores[store], kind, At(minute - 1));
        run.status = status;
        run.finished_at = At(minute);
        InsertRun(run);
    };
    finished(0, RunKind::kProvision, RunStatus::kSucceeded, 5);
    finished(1, RunKind::kProvision, RunStatus::kSucceeded, 50);
    finished(2, RunKind::kProvision, RunStatus::kSucceeded, 70);
    finished(3, RunKind::kDecommission, RunStatus::kSucceeded, 20);
    finished(4, RunKind::kProvision, RunStatus::kFailed, 30);
    finished(5, RunKind::kProvision, RunStatus::kSucceeded, -200);  // before `since`
    EXPECT_EQ(db_->Begin(TxKind::kRead)->Runs().ThroughputByHour(At(-120)),
              (std::map<std::string, std::int64_t>{{"2026-11-25T12:00:00.000000Z", 2},
                                                   {"2026-11-25T13:00:00.000000Z", 1}}));
    EXPECT_EQ(db_->Begin(TxKind::kRead)->Runs().ThroughputByHour(At(10)),
              (std::map<std::string, std::int64_t>{{"2026-11-25T12:00:00.000000Z", 1},
                                                   {"2026-11-25T13:00:00.000000Z", 1}}));
}

// ---------------------------------------------------------------------------------------------
using ArtifactRepositoryContract = ProvisioningContract;

TEST_P(ArtifactRepositoryContract, CredentialVersionsAreKeptNewestFirstWithOneCurrent) {
    using domain::CredentialState;
    const auto stores = AddStores(2);
    const auto version = [&](const std::string& store, std::int64_t n, CredentialState state) {
        domain::CredentialVersion v;
        v.store_id = store;
        v.version = n;
        v.path = domain::CredentialVersionPath(store, n);
        v.state = state;
        v.created_at = At(n);
        v.created_by = "ada";
        return v;
    };
    auto v1 = version(stores[0], 1, CredentialState::kKept);
    const auto v2 = version(stores[0], 2, CredentialState::kCurrent);
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Artifacts().InsertCredentialVersion(v1);
        uow->Artifacts().InsertCredentialVersion(v2);
        uow->Artifacts().InsertCredentialVersion(version(stores[1], 1, CredentialState::kCurrent));
        uow->Commit();
    }
    {
        auto uow = db_->Begin(TxKind::kRead);
        EXPECT_EQ(uow->Artifacts().CredentialVersions(stores[0]),
                  (std::vector<domain::CredentialVersion>{v2, v1}));
        EXPECT_EQ(uow->Artifacts().GetCredentialRef(stores[0]), v2.path);
        EXPECT_EQ(uow->Artifacts().GetCredentialRef(stores[1]),
                  domain::CredentialVersionPath(stores[1], 1));
        EXPECT_TRUE(uow->Artifacts().CredentialVersions(NextId()).empty());
    }
    // The same version twice, or a second current version: a conflict, nothing written.
    for (const auto& clash : {version(stores[0], 2, CredentialState::kKept),
                              version(stores[0], 3, CredentialState::kCurrent)}) {
        EXPECT_EQ(CodeOf([&] {
                      auto uow = db_->Begin(TxKind::kWrite);
                      uow->Artifacts().InsertCredentialVersion(clash);
                      uow->Commit();
                  }),
                  ErrorCode::kConflict);
    }
    v1.state = CredentialState::kReleased;
    v1.ended_at = At(5);
    v1.ended_by = "grace";
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Artifacts().UpdateCredentialVersion(v1);
        uow->Commit();
    }
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Artifacts().CredentialVersions(stores[0]),
              (std::vector<domain::CredentialVersion>{v2, v1}));
}

TEST_P(ArtifactRepositoryContract, EveryRenderIsKeptAndVersionsAreNamedByTheirSha256) {
    const auto store_id = AddStores(1).front();
    std::string bytes;
    for (int round = 0; round < 3; ++round) {
        for (int value = 0; value < 256; ++value) {
            bytes += static_cast<char>(value);
        }
    }
    bytes += std::string("\0\0\xFF\xFF", 4);
    const std::vector<domain::BundleFile> files{{"README.txt", "Zürich\n"}, {"a/b.conf", "x\n"}};
    ConfigBundle first{store_id, "S-0000-config.tar.gz", bytes, "", At(1), files};
    const auto put = [&](const ConfigBundle& bundle, std::optional<std::string> run) {
        auto uow = db_->Begin(TxKind::kWrite);
        auto sha = uow->Artifacts().PutBundle(bundle, run);
        uow->Commit();
        return sha;
    };
    const auto current = [&] { return db_->Begin(TxKind::kRead)->Artifacts().GetBundle(store_id); };
    const auto history = [&] {
        return db_->Begin(TxKind::kRead)->Artifacts().ListBundleRenders(store_id);
    };
    EXPECT_FALSE(current().has_value());
    EXPECT_TRUE(history().empty());

    const auto sha_first = put(first, std::nullopt);
    EXPECT_EQ(sha_first, infra::crypto::Sha256Hex(bytes));
    auto stored = current();
    ASSERT_TRUE(stored.has_value());
    EXPECT_TRUE(stored->content == bytes) << "the bytes changed on the way";
    EXPECT_EQ(stored->sha256, sha_first);
    EXPECT_EQ(stored->file_name, first.file_name);
    EXPECT_EQ(stored->created_at, At(1));

    const ConfigBundle second{
        store_id, "S-0000-config.tar.gz", std::string("PK\x03\x04\0", 5), "", At(2), std::nullopt};
    const auto run_id = NextId();
    const auto sha_second = put(second, run_id);
    EXPECT_NE(sha_second, sha_first);
    EXPECT_EQ(current()->sha256, sha_second);
    // The same content again: the same version, one more render, and it is current again.
    first.created_at = At(3);
    EXPECT_EQ(put(first, std::nullopt), sha_first);
    EXPECT_EQ(current()->sha256, sha_first);

    const auto renders = history();
    ASSERT_EQ(renders.size(), 3u);
    EXPECT_EQ(renders[0].sha256, sha_first);
    EXPECT_EQ(renders[0].created_at, At(3));
    EXPECT_TRUE(renders[0].has_files);
    EXPECT_EQ(renders[0].size, static_cast<std::int64_t>(bytes.size()));
    EXPECT_EQ(renders[1].sha256, sha_second);
    EXPECT_EQ(renders[1].run_id, run_id);
    EXPECT_FALSE(renders[1].has_files);
    EXPECT_EQ(renders[1].size, 5);
    EXPECT_EQ(renders[2].sha256, sha_first);
    EXPECT_EQ(renders[2].run_id, std::nullopt);
    EXPECT_GT(renders[0].id, renders[1].id);
    EXPECT_GT(renders[1].id, renders[2].id);

    auto uow = db_->Begin(TxKind::kRead);
    const auto version = uow->Artifacts().GetBundleVersion(store_id, sha_first);
    ASSERT_TRUE(version.has_value());
    EXPECT_TRUE(version->content == bytes);
    EXPECT_EQ(version->created_at, At(1)) << "a version is immutable";
    ASSERT_TRUE(version->files.has_value());
    EXPECT_EQ(*version->files, files);
    EXPECT_FALSE(uow->Artifacts().GetBundleVersion(store_id, sha_second)->files.has_value());
    EXPECT_FALSE(uow->Artifacts().GetBundleVersion(store_id, std::string(64, 'f')).has_value());
    EXPECT_FALSE(uow->Artifacts().GetBundleVersion(NextId(), sha_first).has_value());
}

// Provision plans: kept with every decision until they expire; expired ones are pruned.
TEST_P(ArtifactRepositoryContract, PlansRoundTripUntilTheyExpire) {
    const auto store_id = AddStores(1).front();
    domain::ProvisionPlan plan;
    plan.id = NextId();
    plan.store_id = store_id;
    plan.store_version = 3;
    plan.segments = {
        {"pos", 10, "10.0.1.0/24", "10.0.1.1", "10.0.1.10", "10.0.1.254", NextId(), false},
        {"guest", 30, "192.168.9.0/24", "192.168.9.1", "192.168.9.10", "192.168.9.254", "", true}};
    plan.devices = {{"router", "R-001", NextId(), "Cisco", "ISR1100", true}};
    plan.secret_path = "stores/" + store_id + "/credentials";
    plan.problems = {"not enough switch in stock: need 2, 0 available"};
    plan.created_at = At(10);
    plan.created_by = "jane";
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Artifacts().InsertPlan(plan, At(20));
        uow->Commit();
    }
    {
        auto uow = db_->Begin(TxKind::kRead);
        EXPECT_EQ(uow->Artifacts().FindPlan(plan.id, At(20)), plan);
        EXPECT_EQ(uow->Artifacts().FindPlan(plan.id, At(21)), std::nullopt);  // expired
        EXPECT_EQ(uow->Artifacts().FindPlan(NextId(), At(10)), std::nullopt);
    }
    auto later = plan;
    later.id = NextId();
    later.created_at = At(30);  // inserting it prunes the plan that expired at 20
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Artifacts().InsertPlan(later, At(40));
        uow->Commit();
    }
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Artifacts().FindPlan(plan.id, At(0)), std::nullopt);
    EXPECT_EQ(uow->Artifacts().FindPlan(later.id, At(35)), later);
}

TEST_P(ArtifactRepositoryContract, ArtifactsOfAnUnknownStoreAreRefused) {
    EXPECT_EQ(CodeOf([&] {
                  auto uow = db_->Begin(TxKind::kWrite);
                  domain::CredentialVersion v;
                  v.store_id = NextId();
                  v.path = "secrets/x";
                  uow->Artifacts().InsertCredentialVersion(v);
              }),
              ErrorCode::kConflict);
}

// ---------------------------------------------------------------------------------------------
// Rollouts: kept whole (the driver's state survives restarts), listed newest first with their
// counts, found due when they have work, and changed one holder at a time.
using RolloutRepositoryContract = ProvisioningContract;

domain::Rollout MakeRollout(const std::vector<std::string>& store_ids, domain::TimePoint at) {
    std::vector<domain::RolloutStore> stores;
    for (std::size_t i = 0; i < store_ids.size(); ++i) {
        stores.push_back({store_ids[i], "S-" + Padded(static_cast<int>(i), 4), "Store"});
    }
    auto rollout =
        domain::NewRollout(NextId(), "Spring openings", domain::RolloutAction::kProvision,
                           {.canary_size = 1, .batch_size = 2, .wait_seconds = 30}, stores, at);
    rollout.created_by = "jane";
    rollout.created_by_role = domain::Role::kOperator;
    rollout.request_id = "req-1";
    return rollout;
}

TEST_P(RolloutRepositoryContract, ARolloutRoundTripsWithItsItemsAndChanges) {
    auto rollout = MakeRollout(AddStores(3), At(5));
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Rollouts().Insert(rollout);
        uow->Commit();
    }
    {
        auto uow = db_->Begin(TxKind::kRead);
        EXPECT_EQ(uow->Rollouts().Find(rollout.id, false), rollout);
        EXPECT_EQ(uow->Rollouts().Find(NextId(), false), std::nullopt);
    }
    domain::MarkStarted(rollout.items[0], NextId(), At(6));
    domain::MarkFinished(rollout.items[0], false, std::string("pool full"), At(7));
    domain::MarkNotStarted(rollout.items[1], "cannot provision a store that is active", At(7));
    rollout.status = domain::RolloutStatus::kHalted;
    rollout.halted_reason = "the canary failed: 1 of 1 store failed";
    rollout.next_wave_at = At(8);
    rollout.canary_passed = true;
    rollout.current_wave = 2;
    rollout.version = 2;
    rollout.updated_at = At(7);
    rollout.counts = domain::CountItems(rollout.items);
    {
        auto uow = db_->Begin(TxKind::kWrite);
        ASSERT_TRUE(uow->Rollouts().Find(rollout.id, true));
        uow->Rollouts().UpdateItems(rollout.id, {rollout.items[0], rollout.items[1]});
        uow->Rollouts().Update(rollout);
        uow->Commit();
    }
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Rollouts().Find(rollout.id, false), rollout);
}

TEST_P(RolloutRepositoryContract, ListsNewestFirstWithCountsAndFindsTheDueOnes) {
    const auto stores = AddStores(4);
    auto waiting = MakeRollout({stores[0]}, At(1));  // running, its wave waits until At(20)
    waiting.next_wave_at = At(20);
    auto paused = MakeRollout({stores[1], stores[2]}, At(2));  // paused with a store running
    paused.status = domain::RolloutStatus::kPaused;
    domain::MarkStarted(paused.items[0], NextId(), At(2));
    auto done = MakeRollout({stores[3]}, At(3));
    done.status = domain::RolloutStatus::kCompleted;
    domain::MarkStarted(done.items[0], NextId(), At(3));
    domain::MarkFinished(done.items[0], true, std::nullopt, At(4));
    {
        auto uow = db_->Begin(TxKind::kWrite);
        for (const auto* rollout : {&waiting, &paused, &done}) {
            uow->Rollouts().Insert(*rollout);
        }
        uow->Commit();
    }
    auto uow = db_->Begin(TxKind::kRead);
    const auto all = uow->Rollouts().List(std::nullopt, 2);
    EXPECT_EQ(all.total, 3);
    ASSERT_EQ(all.items.size(), 2u);
    EXPECT_EQ(all.items[0].id, done.id);
    EXPECT_EQ(all.items[0].counts, (domain::RolloutCounts{.succeeded = 1}));
    EXPECT_EQ(all.items[1].id, paused.id);
    EXPECT_EQ(all.items[1].counts, (domain::RolloutCounts{.pending = 1, .running = 1}));
    EXPECT_TRUE(all.items[1].items.empty()) << "a list carries counts, not items";
    const auto running = uow->Rollouts().List(domain::RolloutStatus::kRunning, 10);
    EXPECT_EQ(running.total, 1);
    ASSERT_EQ(running.items.size(), 1u);
    EXPECT_EQ(running.items[0].counts, (domain::RolloutCounts{.pending = 1}));

    EXPECT_EQ(uow->Rollouts().Due(At(10), 10), (std::vector<std::string>{paused.id}));
    EXPECT_EQ(uow->Rollouts().Due(At(20), 10), (std::vector<std::string>{waiting.id, paused.id}));
    EXPECT_EQ(uow->Rollouts().Due(At(20), 1), (std::vector<std::string>{waiting.id}));
}

TEST_P(RolloutRepositoryContract, HoldersForUpdateTakeTurnsSoNoChangeIsLost) {
    const auto rollout = MakeRollout(AddStores(1), At(1));
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Rollouts().Insert(rollout);
        uow->Commit();
    }
    constexpr int kThreads = 4;
    constexpr int kRounds = 5;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < kRounds; ++i) {
                try {
                    auto uow = db_->Begin(TxKind::kWrite);
                    auto held = uow->Rollouts().Find(rollout.id, true);
                    held->version += 1;  // read, then write: lost without the lock
                    std::this_thread::sleep_for(1ms);
                    uow->Rollouts().Update(*held);
                    uow->Commit();
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0);
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Rollouts().Find(rollout.id, false)->version, 1 + kThreads * kRounds);
}

// ---------------------------------------------------------------------------------------------
INSTANTIATE_TEST_SUITE_P(Engines, InventoryRepositoryContract, contract::Engines(),
                         contract::EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, NetworkRepositoryContract, contract::Engines(),
                         contract::EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, RunRepositoryContract, contract::Engines(), contract::EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, ArtifactRepositoryContract, contract::Engines(),
                         contract::EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, RolloutRepositoryContract, contract::Engines(),
                         contract::EngineName);

}  // namespace
}  // namespace store
