// The contract every app::ports::Database implementation keeps, run against SQLite (a temp
// file) and PostgreSQL (a fresh database on the harness server) alike. The suites below are
// aliases of one fixture instantiated for both engines, so a test name says which port the
// behaviour belongs to.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <set>
#include <thread>

#include "app/errors.hpp"
#include "app/ports/database.hpp"
#include "contract/contract_fixture.hpp"
#include "harness/postgres_server.hpp"
#include "infra/postgres/postgres_database.hpp"
#include "infra/sqlite/sqlite_database.hpp"
#include "infra/time_format.hpp"

namespace store {
namespace {

using app::AppError;
using app::ErrorCode;
using app::ports::AuditEntry;
using app::ports::Database;
using app::ports::RefreshToken;
using app::ports::TxKind;
using app::ports::UnitOfWork;
using app::ports::User;
using app::ports::WaitHistogram;
using contract::At;
using contract::CodeOf;
using contract::kPoolSize;
using contract::MakeStore;
using contract::NextId;
using domain::SortField;
using domain::Store;
using domain::StoreQuery;
using domain::StoreStatus;
using domain::StoreType;
using namespace std::chrono_literals;

User MakeUser(const std::string& username) {
    return User{NextId(), username, domain::Role::kOperator, "$argon2id$hash-of-" + username, false,
                At(0),    At(1)};
}

class DatabaseContract : public contract::EngineFixture {
protected:
    void InsertStores(const std::vector<Store>& stores) {
        auto uow = db_->Begin(TxKind::kWrite);
        for (const auto& store : stores) {
            uow->Stores().Insert(store);
        }
        uow->Commit();
    }

    std::optional<Store> Find(const std::string& id) {
        return db_->Begin(TxKind::kRead)->Stores().FindById(id);
    }

    app::ports::Page<Store> List(const StoreQuery& query, bool with_total = false) {
        return db_->Begin(TxKind::kRead)->Stores().List(query, with_total);
    }

    static std::vector<std::string> Codes(const std::vector<Store>& stores) {
        std::vector<std::string> codes;
        for (const auto& store : stores) {
            codes.push_back(store.fields.code);
        }
        return codes;
    }

    /// Walks every page of `query` with cursors (at most 100 pages).
    std::vector<Store> WalkWithCursor(StoreQuery query) {
        std::vector<Store> all;
        for (int pages = 0; pages < 100; ++pages) {
            const auto page = List(query);
            all.insert(all.end(), page.items.begin(), page.items.end());
            if (!page.next_cursor) {
                return all;
            }
            query.cursor = domain::DecodeCursor(*page.next_cursor);
            EXPECT_TRUE(query.cursor.has_value()) << "next_cursor must decode";
            if (!query.cursor) {
                return all;
            }
        }
        ADD_FAILURE() << "the cursor walk did not end";
        return all;
    }
};

/// A catalogue with repeated sort values (ties go to the id), mixed case and a missing
/// opening date.
std::vector<Store> Catalogue() {
    std::vector<Store> stores;
    const struct {
        const char* code;
        const char* name;
        const char* city;
        StoreStatus status;
        const char* type;
        const char* region;
        const char* country;
        std::optional<std::string> opening;
        std::vector<std::string> tags;
        int created;
    } rows[] = {
        {"BER-001",
         "Alexanderplatz",
         "Berlin",
         StoreStatus::kActive,
         "flagship",
         "BE",
         "DE",
         "2027-03-01",
         {"pilot", "east"},
         5},
        {"BER-002",
         "berlin mitte",
         "Berlin",
         StoreStatus::kDraft,
         "standard",
         "BE",
         "DE",
         std::nullopt,
         {"east"},
         5},
        {"HAM-001",
         "Hafen",
         "Hamburg",
         StoreStatus::kActive,
         "standard",
         "HH",
         "DE",
         "2026-12-01",
         {},
         1},
        {"MUC-001",
         "Marienplatz",
         "München",
         StoreStatus::kProvisioning,
         "express",
         "BY",
         "DE",
         "2027-03-01",
         {"pilot"},
         3},
        {"MUC-002",
         "Schwabing",
         "München",
         StoreStatus::kFailed,
         "outlet",
         "BY",
         "DE",
         "2025-01-15",
         {},
         2},
        {"PAR-001",
         "Rivoli",
         "Paris",
         StoreStatus::kActive,
         "flagship",
         "IDF",
         "FR",
         "2026-06-30",
         {"west"},
         8},
        {"PAR-002",
         "100%_Bastille",
         "Paris",
         StoreStatus::kDraft,
         "standard",
         "IDF",
         "FR",
         std::nullopt,
         {},
         8},
        {"VIE-001",
         "Stephansplatz",
         "Wien",
         StoreStatus::kDecommissioned,
         "warehouse",
         "W",
         "AT",
         "2020-02-02",
         {"legacy"},
         0},
        {"ber-003",
         "Zoo",
         "Berlin",
         StoreStatus::kActive,
         "express",
         "BE",
         "DE",
         "2027-01-01",
         {"pilot", "zoo"},
         7},
        {"LYO-001",
         "Bellecour",
         "Lyon",
         StoreStatus::kActive,
         "standard",
         "ARA",
         "FR",
         "2026-06-30",
         {},
         4},
        {"ZRH-001",
         "Bahnhofstrasse",
         "Zürich",
         StoreStatus::kDecommissioning,
         "flagship",
         "ZH",
         "CH",
         "2024-05-05",
         {"west", "pilot"},
         6},
    };
    for (const auto& row : rows) {
        Store store = MakeStore(row.code);
        store.fields.name = row.name;
        store.fields.location.city = row.city;
        store.fields.location.region = row.region;
        store.fields.location.country = row.country;
        store.status = row.status;
        store.fields.type = row.type;
        store.fields.opening_date = row.opening;
        store.fields.tags = row.tags;
        store.created_at = At(row.created);
        store.updated_at = At(100 - row.created);
        stores.push_back(store);
    }
    return stores;
}

/// The sort value as the contract defines it: text compared byte-wise, ties by id.
std::string SortText(const Store& store, SortField field) {
    switch (field) {
        case SortField::kCode: return store.fields.code;
        case SortField::kName: return store.fields.name;
        case SortField::kCity: return store.fields.location.city;
        case SortField::kStatus: return std::string(domain::ToString(store.status));
        case SortField::kType: return store.fields.type;
        case SortField::kCreatedAt: return infra::FormatTime(store.created_at);
        case SortField::kUpdatedAt: return infra::FormatTime(store.updated_at);
        case SortField::kOpeningDate: return store.fields.opening_date.value_or("");
    }
    return {};
}

std::vector<std::string> ExpectedOrder(std::vector<Store> stores, SortField field,
                                       bool descending) {
    std::sort(stores.begin(), stores.end(), [&](const Store& a, const Store& b) {
        const auto ka = std::make_pair(SortText(a, field), a.id);
        const auto kb = std::make_pair(SortText(b, field), b.id);
        return descending ? kb < ka : ka < kb;
    });
    std::vector<std::string> codes;
    for (const auto& store : stores) {
        codes.push_back(store.fields.code);
    }
    return codes;
}

const std::vector<SortField> kAllSortFields{
    SortField::kCode, SortField::kName,      SortField::kCity,      SortField::kStatus,
    SortField::kType, SortField::kCreatedAt, SortField::kUpdatedAt, SortField::kOpeningDate};

// ---------------------------------------------------------------------------------------------
using StoreRepositoryContract = DatabaseContract;

TEST_P(StoreRepositoryContract, InsertedStoreIsFoundWithEveryField) {
    Store store = MakeStore("BER-100");
    store.fields.name = "Ünïcödé \"quoted\" 'single' \\ back";
    store.fields.type = "flagship";
    store.fields.location = {"Karl-Marx-Allee 1", "Berlin",          "BE",      "DE", "10178",
                             "Europe/Berlin",     52.52001234567891, -13.404954};
    store.fields.opening_date = "2027-03-01";
    store.fields.contact = {"Mia Manager", "mia@example.com", "+49 30 1234567"};
    store.fields.tags = {"pilot", "east"};
    store.fields.notes = "line one\nline two\ttab";
    store.fields.hardware_plan = {{"pos_terminal", 4}, {"router", 1}, {"access_point", 12}};
    store.fields.network_plan = {{"pos", 10, "10.1.0.0/24"},
                                 {"guest", std::nullopt, std::nullopt},
                                 {"unknown-purpose", 4094, std::nullopt}};
    store.status = StoreStatus::kProvisioning;
    store.version = 7;
    store.created_at = At(1);
    store.updated_at = At(2);
    store.created_by = "alice";
    store.updated_by = "bob";
    InsertStores({store});

    EXPECT_EQ(Find(store.id), store);
}

TEST_P(StoreRepositoryContract, FindByIdOfUnknownStoreIsEmpty) {
    EXPECT_EQ(Find(NextId()), std::nullopt);
}

TEST_P(StoreRepositoryContract, InsertWithTakenCodeIsConflictNamingTheCode) {
    InsertStores({MakeStore("BER-001")});
    std::string detail;
    auto uow = db_->Begin(TxKind::kWrite);
    EXPECT_EQ(CodeOf([&] { uow->Stores().Insert(MakeStore("BER-001")); }, &detail),
              ErrorCode::kConflict);
    EXPECT_EQ(detail, "a store with code BER-001 already exists");
}

TEST_P(StoreRepositoryContract, ConflictDetailCarriesNoDriverText) {
    InsertStores({MakeStore("BER-001")});
    auto uow = db_->Begin(TxKind::kWrite);
    try {
        uow->Stores().Insert(MakeStore("BER-001"));
        FAIL() << "expected a conflict";
    } catch (const AppError& error) {
        EXPECT_EQ(error.detail().find("UNIQUE"), std::string::npos);
        EXPECT_EQ(error.detail().find("duplicate key"), std::string::npos);
        EXPECT_FALSE(error.internal().empty()) << "the driver message belongs in internal()";
    }
}

TEST_P(StoreRepositoryContract, UpdateWithCurrentVersionReplacesTheRow) {
    Store store = MakeStore("BER-001");
    InsertStores({store});
    Store changed = store;
    changed.fields.name = "Renamed";
    changed.fields.tags = {"new"};
    changed.fields.location.latitude = 1.5;
    changed.status = StoreStatus::kActive;
    changed.version = 2;
    changed.updated_at = At(9);
    changed.updated_by = "bob";
    {
        auto uow = db_->Begin(TxKind::kWrite);
        EXPECT_TRUE(uow->Stores().Update(changed, 1));
        uow->Commit();
    }
    EXPECT_EQ(Find(store.id), changed);
}

TEST_P(StoreRepositoryContract, UpdateWithStaleVersionChangesNothing) {
    Store store = MakeStore("BER-001");
    store.version = 3;
    InsertStores({store});
    Store changed = store;
    changed.fields.name = "Lost update";
    changed.version = 3;
    {
        auto uow = db_->Begin(TxKind::kWrite);
        EXPECT_FALSE(uow->Stores().Update(changed, 2));
        uow->Commit();
    }
    EXPECT_EQ(Find(store.id), store);
}

TEST_P(StoreRepositoryContract, UpdateOfUnknownStoreReturnsFalse) {
    auto uow = db_->Begin(TxKind::kWrite);
    EXPECT_FALSE(uow->Stores().Update(MakeStore("NEW-001"), 1));
}

TEST_P(StoreRepositoryContract, UpdateToTakenCodeIsConflict) {
    const Store first = MakeStore("BER-001");
    Store second = MakeStore("BER-002");
    InsertStores({first, second});
    second.fields.code = "BER-001";
    second.version = 2;
    std::string detail;
    {
        auto uow = db_->Begin(TxKind::kWrite);
        EXPECT_EQ(CodeOf([&] { uow->Stores().Update(second, 1); }, &detail), ErrorCode::kConflict);
    }
    EXPECT_EQ(detail, "a store with code BER-001 already exists");
    EXPECT_EQ(Find(second.id)->fields.code, "BER-002");
}

TEST_P(StoreRepositoryContract, DeleteWithCurrentVersionRemovesTheStore) {
    const Store store = MakeStore("BER-001");
    InsertStores({store});
    {
        auto uow = db_->Begin(TxKind::kWrite);
        EXPECT_TRUE(uow->Stores().Delete(store.id, 1));
        uow->Commit();
    }
    EXPECT_EQ(Find(store.id), std::nullopt);
}

TEST_P(StoreRepositoryContract, DeleteWithStaleVersionKeepsTheStore) {
    const Store store = MakeStore("BER-001");
    InsertStores({store});
    {
        auto uow = db_->Begin(TxKind::kWrite);
        EXPECT_FALSE(uow->Stores().Delete(store.id, 2));
        EXPECT_FALSE(uow->Stores().Delete(NextId(), 1));
        uow->Commit();
    }
    EXPECT_EQ(Find(store.id), store);
}

TEST_P(StoreRepositoryContract, ListFiltersByStatusTypeRegionCountryAndTag) {
    InsertStores(Catalogue());
    StoreQuery query;
    query.status = StoreStatus::kActive;
    EXPECT_EQ(Codes(List(query).items),
              (std::vector<std::string>{"BER-001", "HAM-001", "LYO-001", "PAR-001", "ber-003"}));
    query = {};
    query.type = StoreType::kFlagship;
    EXPECT_EQ(Codes(List(query).items),
              (std::vector<std::string>{"BER-001", "PAR-001", "ZRH-001"}));
    query = {};
    query.region = "BY";
    EXPECT_EQ(Codes(List(query).items), (std::vector<std::string>{"MUC-001", "MUC-002"}));
    query = {};
    query.country = "FR";
    EXPECT_EQ(Codes(List(query).items),
              (std::vector<std::string>{"LYO-001", "PAR-001", "PAR-002"}));
    query = {};
    query.tag = "pilot";
    EXPECT_EQ(Codes(List(query).items),
              (std::vector<std::string>{"BER-001", "MUC-001", "ZRH-001", "ber-003"}));
    query.tag = "pil";  // whole tags only
    EXPECT_TRUE(List(query).items.empty());
}

TEST_P(StoreRepositoryContract, ListCombinesFilters) {
    InsertStores(Catalogue());
    StoreQuery query;
    query.country = "DE";
    query.status = StoreStatus::kActive;
    query.tag = "east";
    EXPECT_EQ(Codes(List(query).items), (std::vector<std::string>{"BER-001"}));
}

TEST_P(StoreRepositoryContract, QMatchesCodeNameOrCityIgnoringCase) {
    InsertStores(Catalogue());
    StoreQuery query;
    query.q = "ber";  // code BER-*, ber-003; city Berlin; name "berlin mitte"
    EXPECT_EQ(Codes(List(query).items),
              (std::vector<std::string>{"BER-001", "BER-002", "ber-003"}));
    query.q = "PLATZ";  // names only
    EXPECT_EQ(Codes(List(query).items),
              (std::vector<std::string>{"BER-001", "MUC-001", "VIE-001"}));
    query.q = "lyon";
    EXPECT_EQ(Codes(List(query).items), (std::vector<std::string>{"LYO-001"}));
}

TEST_P(StoreRepositoryContract, QTreatsPercentAndUnderscoreLiterally) {
    InsertStores(Catalogue());
    StoreQuery query;
    query.q = "%_";
    EXPECT_EQ(Codes(List(query).items), (std::vector<std::string>{"PAR-002"}));
    query.q = "_";
    EXPECT_EQ(Codes(List(query).items), (std::vector<std::string>{"PAR-002"}));
    query.q = "\\";
    EXPECT_TRUE(List(query).items.empty());
}

TEST_P(StoreRepositoryContract, ListSortsByEveryFieldBothWaysWithTiesById) {
    const auto catalogue = Catalogue();
    InsertStores(catalogue);
    for (const auto field : kAllSortFields) {
        for (const bool descending : {false, true}) {
            StoreQuery query;
            query.sort = field;
            query.descending = descending;
            EXPECT_EQ(Codes(List(query).items), ExpectedOrder(catalogue, field, descending))
                << "sort " << domain::ToString(field) << (descending ? " desc" : " asc");
        }
    }
}

TEST_P(StoreRepositoryContract, ListPagesWithOffsetAndCountsOnlyWhenAsked) {
    const auto catalogue = Catalogue();
    InsertStores(catalogue);
    const auto order = ExpectedOrder(catalogue, SortField::kCode, false);
    StoreQuery query;
    query.page_size = 4;
    query.page = 2;
    const auto page = List(query, true);
    EXPECT_EQ(Codes(page.items), std::vector<std::string>(order.begin() + 4, order.begin() + 8));
    EXPECT_EQ(page.total, 11);
    EXPECT_TRUE(page.next_cursor.has_value());

    query.page = 3;
    const auto last = List(query, false);
    EXPECT_EQ(Codes(last.items), std::vector<std::string>(order.begin() + 8, order.end()));
    EXPECT_EQ(last.total, 0) << "total is only computed when asked for";
    EXPECT_FALSE(last.next_cursor.has_value()) << "a short page is the last one";

    query.page = 4;
    EXPECT_TRUE(List(query, true).items.empty());
    query.status = StoreStatus::kActive;
    query.page = 1;
    EXPECT_EQ(List(query, true).total, 5);
}

TEST_P(StoreRepositoryContract, KeysetCursorWalksEveryStoreExactlyOnceInEverySort) {
    const auto catalogue = Catalogue();
    InsertStores(catalogue);
    for (const auto field : kAllSortFields) {
        for (const bool descending : {false, true}) {
            for (const std::int64_t page_size : {1, 3, 11}) {
                StoreQuery query;
                query.sort = field;
                query.descending = descending;
                query.page_size = page_size;
                const auto walked = WalkWithCursor(query);
                EXPECT_EQ(Codes(walked), ExpectedOrder(catalogue, field, descending))
                    << "sort " << domain::ToString(field) << (descending ? " desc" : " asc")
                    << " page size " << page_size;
            }
        }
    }
}

TEST_P(StoreRepositoryContract, KeysetCursorStaysWithinTheFilter) {
    const auto catalogue = Catalogue();
    InsertStores(catalogue);
    StoreQuery query;
    query.country = "DE";
    query.sort = SortField::kCity;
    query.page_size = 2;
    std::vector<Store> expected;
    for (const auto& store : catalogue) {
        if (store.fields.location.country == "DE") {
            expected.push_back(store);
        }
    }
    EXPECT_EQ(Codes(WalkWithCursor(query)), ExpectedOrder(expected, SortField::kCity, false));
}

TEST_P(StoreRepositoryContract, CursorFromAnOffsetPageContinuesAfterIt) {
    const auto catalogue = Catalogue();
    InsertStores(catalogue);
    const auto order = ExpectedOrder(catalogue, SortField::kName, true);
    StoreQuery query;
    query.sort = SortField::kName;
    query.descending = true;
    query.page_size = 5;
    const auto first = List(query);
    ASSERT_TRUE(first.next_cursor.has_value());
    query.cursor = domain::DecodeCursor(*first.next_cursor);
    query.page = 7;  // ignored with a cursor
    EXPECT_EQ(Codes(List(query).items),
              std::vector<std::string>(order.begin() + 5, order.begin() + 10));
}

TEST_P(StoreRepositoryContract, CountByStatusAndTypeCountEveryValuePresent) {
    InsertStores(Catalogue());
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Stores().CountByStatus(),
              (std::map<std::string, std::int64_t>{{"active", 5},
                                                   {"decommissioned", 1},
                                                   {"decommissioning", 1},
                                                   {"draft", 2},
                                                   {"failed", 1},
                                                   {"provisioning", 1}}));
    EXPECT_EQ(
        uow->Stores().CountByType(),
        (std::map<std::string, std::int64_t>{
            {"express", 2}, {"flagship", 3}, {"outlet", 1}, {"standard", 4}, {"warehouse", 1}}));
}

TEST_P(StoreRepositoryContract, CountsOfAnEmptyDatabaseAreEmpty) {
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_TRUE(uow->Stores().CountByStatus().empty());
    EXPECT_TRUE(uow->Stores().CountByType().empty());
    EXPECT_EQ(uow->Stores().List({}, true).total, 0);
}

// The go-live calendar and forecast read stores by opening date: the range includes both ends,
// a store without a date never appears, statuses filter, order is date then code, limit holds.
TEST_P(StoreRepositoryContract, ByOpeningDateReadsARangeInDateThenCodeOrder) {
    const auto dated = [](const std::string& code, std::optional<std::string> date,
                          domain::StoreStatus status) {
        Store store = MakeStore(code);
        store.fields.opening_date = std::move(date);
        store.status = status;
        return store;
    };
    using domain::StoreStatus;
    InsertStores({dated("BER-003", "2027-03-01", StoreStatus::kDraft),
                  dated("BER-002", "2027-03-01", StoreStatus::kActive),
                  dated("BER-001", "2027-03-31", StoreStatus::kFailed),
                  dated("BER-004", "2027-02-28", StoreStatus::kDraft),
                  dated("BER-005", "2027-04-01", StoreStatus::kDraft),
                  dated("BER-006", std::nullopt, StoreStatus::kDraft)});
    auto uow = db_->Begin(TxKind::kRead);
    const auto codes = [](const std::vector<Store>& stores) {
        std::vector<std::string> out;
        for (const auto& store : stores) {
            out.push_back(store.fields.code);
        }
        return out;
    };
    EXPECT_EQ(codes(uow->Stores().ByOpeningDate("2027-03-01", "2027-03-31", {}, 100)),
              (std::vector<std::string>{"BER-002", "BER-003", "BER-001"}));
    EXPECT_EQ(codes(uow->Stores().ByOpeningDate("0000-01-01", "2027-03-31",
                                                {StoreStatus::kDraft, StoreStatus::kFailed}, 100)),
              (std::vector<std::string>{"BER-004", "BER-003", "BER-001"}));
    EXPECT_EQ(codes(uow->Stores().ByOpeningDate("0000-01-01", "9999-12-31", {}, 2)),
              (std::vector<std::string>{"BER-004", "BER-002"}));
    const auto one = uow->Stores().ByOpeningDate("2027-04-01", "2027-04-01", {}, 10);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].fields.opening_date, "2027-04-01");
}

// ---------------------------------------------------------------------------------------------
using TemplateRepositoryContract = DatabaseContract;

domain::StoreTemplate MakeTemplate(const std::string& name) {
    domain::StoreTemplate item;
    item.id = NextId();
    item.fields.name = name;
    item.fields.description = "Ünïcödé \"two\" tills\nline two";
    item.fields.type = "express";
    item.fields.tags = {"mall", "eu"};
    item.fields.notes = "kit B";
    item.fields.hardware_plan = {{"pos_terminal", 2}, {"router", 1}};
    item.fields.network_plan = {{"pos", 10, std::nullopt}, {"guest", std::nullopt, std::nullopt}};
    item.version = 3;
    item.created_at = At(1);
    item.updated_at = At(2);
    item.created_by = "alice";
    item.updated_by = "bob";
    return item;
}

TEST_P(TemplateRepositoryContract, ATemplateRoundTripsNamesAreUniqueAndTheListIsByName) {
    const auto mall = MakeTemplate("Mall");
    const auto airport = MakeTemplate("Airport");
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Templates().Insert(mall);
        uow->Templates().Insert(airport);
        uow->Commit();
    }
    auto uow = db_->Begin(TxKind::kWrite);
    EXPECT_EQ(uow->Templates().FindById(mall.id), mall);
    EXPECT_EQ(uow->Templates().FindById(NextId()), std::nullopt);
    const auto list = uow->Templates().List();
    ASSERT_EQ(list.size(), 2U);
    EXPECT_EQ(list[0].fields.name, "Airport");
    std::string detail;
    EXPECT_EQ(CodeOf([&] { uow->Templates().Insert(MakeTemplate("Mall")); }, &detail),
              ErrorCode::kConflict);
    EXPECT_EQ(detail, "a template named Mall already exists");
}

TEST_P(TemplateRepositoryContract, UpdateAndDeleteNeedTheCurrentVersion) {
    auto item = MakeTemplate("Mall");
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Templates().Insert(item);
        uow->Commit();
    }
    auto uow = db_->Begin(TxKind::kWrite);
    auto changed = item;
    changed.fields.hardware_plan = {{"printer", 1}};
    changed.version = 4;
    EXPECT_FALSE(uow->Templates().Update(changed, 2));
    EXPECT_TRUE(uow->Templates().Update(changed, 3));
    EXPECT_EQ(uow->Templates().FindById(item.id), changed);
    EXPECT_FALSE(uow->Templates().Delete(item.id, 3));
    EXPECT_TRUE(uow->Templates().Delete(item.id, 4));
    EXPECT_EQ(uow->Templates().FindById(item.id), std::nullopt);
}

TEST_P(TemplateRepositoryContract,
       StoresRememberTheirTemplateWhichCountsThemAndCannotGoWhileFollowed) {
    const auto item = MakeTemplate("Mall");
    Store old_draft = MakeStore("BER-001");
    old_draft.template_ref = domain::TemplateRef{item.id, 1};
    Store current = MakeStore("BER-002");
    current.template_ref = domain::TemplateRef{item.id, 3};
    Store gone = MakeStore("BER-003");
    gone.template_ref = domain::TemplateRef{item.id, 2};
    gone.status = StoreStatus::kDecommissioned;
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Templates().Insert(item);
        uow->Commit();
    }
    InsertStores({old_draft, current, gone, MakeStore("BER-004")});
    EXPECT_EQ(Find(old_draft.id), old_draft);

    auto uow = db_->Begin(TxKind::kWrite);
    const auto followers = uow->Templates().Followers(item.id);
    ASSERT_EQ(followers.size(), 3U);
    EXPECT_EQ(followers[0].code, "BER-001");
    EXPECT_EQ(followers[0].template_version, 1);
    EXPECT_EQ(followers[2].status, StoreStatus::kDecommissioned);
    auto usage = uow->Templates().Usage(item.id);
    std::sort(usage.begin(), usage.end(),
              [](const auto& a, const auto& b) { return a.template_version < b.template_version; });
    ASSERT_EQ(usage.size(), 3U);
    EXPECT_EQ(usage[0], (app::ports::TemplateUsageRow{item.id, 1, StoreStatus::kDraft, 1}));
    EXPECT_EQ(uow->Templates().Usage("").size(), 3U);
    // The database refuses to drop a template that stores still follow.
    EXPECT_EQ(CodeOf([&] { uow->Templates().Delete(item.id, 3); }), ErrorCode::kConflict);
}

using UserRepositoryContract = DatabaseContract;

TEST_P(UserRepositoryContract, InsertedUserIsFoundByIdAndByUsername) {
    User user = MakeUser("alice");
    user.role = domain::Role::kAdmin;
    user.disabled = true;
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Users().Insert(user);
        uow->Commit();
    }
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Users().FindById(user.id), user);
    EXPECT_EQ(uow->Users().FindByUsername("alice"), user);
    EXPECT_EQ(uow->Users().FindByUsername("Alice"), std::nullopt);
    EXPECT_EQ(uow->Users().FindById(NextId()), std::nullopt);
}

TEST_P(UserRepositoryContract, TakenUsernameIsConflictOnInsertAndUpdate) {
    const User alice = MakeUser("alice");
    User bob = MakeUser("bob");
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Users().Insert(alice);
        uow->Users().Insert(bob);
        uow->Commit();
    }
    std::string detail;
    {
        auto uow = db_->Begin(TxKind::kWrite);
        EXPECT_EQ(CodeOf([&] { uow->Users().Insert(MakeUser("alice")); }, &detail),
                  ErrorCode::kConflict);
        EXPECT_EQ(detail, "username taken");
    }
    bob.username = "alice";
    {
        auto uow = db_->Begin(TxKind::kWrite);
        EXPECT_EQ(CodeOf([&] { uow->Users().Update(bob); }, &detail), ErrorCode::kConflict);
        EXPECT_EQ(detail, "username taken");
    }
    EXPECT_EQ(db_->Begin(TxKind::kRead)->Users().Count(), 2);
}

TEST_P(UserRepositoryContract, ListIsOrderedByUsernameAndCountMatches) {
    auto uow = db_->Begin(TxKind::kWrite);
    for (const char* name : {"carol", "alice", "bob"}) {
        uow->Users().Insert(MakeUser(name));
    }
    std::vector<std::string> names;
    for (const auto& user : uow->Users().List()) {
        names.push_back(user.username);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"alice", "bob", "carol"}));
    EXPECT_EQ(uow->Users().Count(), 3);
}

TEST_P(UserRepositoryContract, UpdateReplacesTheUserAndReportsUnknownOnes) {
    User user = MakeUser("alice");
    auto uow = db_->Begin(TxKind::kWrite);
    uow->Users().Insert(user);
    user.role = domain::Role::kViewer;
    user.disabled = true;
    user.password_hash = "new-hash";
    user.updated_at = At(30);
    EXPECT_TRUE(uow->Users().Update(user));
    EXPECT_EQ(uow->Users().FindById(user.id), user);
    EXPECT_FALSE(uow->Users().Update(MakeUser("ghost")));
}

TEST_P(UserRepositoryContract, DeleteRemovesTheUserAndItsTokens) {
    const User user = MakeUser("alice");
    const RefreshToken token{"ab12", user.id, At(0), At(60), true, false};
    auto uow = db_->Begin(TxKind::kWrite);
    uow->Users().Insert(user);
    uow->Tokens().Insert(token);
    EXPECT_TRUE(uow->Users().Delete(user.id));
    EXPECT_FALSE(uow->Users().Delete(user.id));
    EXPECT_EQ(uow->Users().FindById(user.id), std::nullopt);
    EXPECT_EQ(uow->Tokens().FindByHash("ab12"), std::nullopt);
    EXPECT_EQ(uow->Users().Count(), 0);
}

// ---------------------------------------------------------------------------------------------
using TokenRepositoryContract = DatabaseContract;

TEST_P(TokenRepositoryContract, InsertedTokenIsFoundByHash) {
    const User user = MakeUser("alice");
    const RefreshToken token{"9f86d081884c7d65", user.id, At(0), At(60 * 24 * 30), true, false};
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Users().Insert(user);
        uow->Tokens().Insert(token);
        uow->Commit();
    }
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Tokens().FindByHash(token.token_hash), token);
    EXPECT_EQ(uow->Tokens().FindByHash("unknown"), std::nullopt);
}

TEST_P(TokenRepositoryContract, RevokeReturnsTrueOnlyTheFirstTime) {
    const User user = MakeUser("alice");
    auto uow = db_->Begin(TxKind::kWrite);
    uow->Users().Insert(user);
    uow->Tokens().Insert({"hash", user.id, At(0), At(10), false, false});
    EXPECT_TRUE(uow->Tokens().Revoke("hash"));
    EXPECT_FALSE(uow->Tokens().Revoke("hash"));
    EXPECT_FALSE(uow->Tokens().Revoke("unknown"));
    EXPECT_TRUE(uow->Tokens().FindByHash("hash")->revoked);
}

TEST_P(TokenRepositoryContract, ConcurrentRevokesOfOneTokenHaveOneWinner) {
    const User user = MakeUser("alice");
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Users().Insert(user);
        uow->Tokens().Insert({"hash", user.id, At(0), At(10), false, false});
        uow->Commit();
    }
    std::atomic<int> winners{0};
    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            try {
                auto uow = db_->Begin(TxKind::kWrite);
                const bool won = uow->Tokens().Revoke("hash");
                uow->Commit();
                winners += won ? 1 : 0;
            } catch (const AppError&) {
                ++errors;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(winners.load(), 1);
    EXPECT_EQ(errors.load(), 0);
}

TEST_P(TokenRepositoryContract, RevokeAllForUserRevokesOnlyThatUsersTokens) {
    const User alice = MakeUser("alice");
    const User bob = MakeUser("bob");
    auto uow = db_->Begin(TxKind::kWrite);
    uow->Users().Insert(alice);
    uow->Users().Insert(bob);
    uow->Tokens().Insert({"a1", alice.id, At(0), At(10), false, false});
    uow->Tokens().Insert({"a2", alice.id, At(0), At(10), true, true});
    uow->Tokens().Insert({"b1", bob.id, At(0), At(10), false, false});
    uow->Tokens().RevokeAllForUser(alice.id);
    EXPECT_TRUE(uow->Tokens().FindByHash("a1")->revoked);
    EXPECT_TRUE(uow->Tokens().FindByHash("a2")->revoked);
    EXPECT_FALSE(uow->Tokens().FindByHash("b1")->revoked);
}

TEST_P(TokenRepositoryContract, TokenOfUnknownUserIsRefused) {
    auto uow = db_->Begin(TxKind::kWrite);
    EXPECT_EQ(CodeOf([&] {
                  uow->Tokens().Insert({"h", NextId(), At(0), At(1), false, false});
              }),
              ErrorCode::kConflict);
}

TEST_P(UserRepositoryContract, SessionEpochStartsAtZeroAndOnlyBumpsGoUp) {
    const User alice = MakeUser("alice");
    auto uow = db_->Begin(TxKind::kWrite);
    uow->Users().Insert(alice);
    EXPECT_EQ(uow->Users().FindById(alice.id)->session_epoch, 0);
    EXPECT_EQ(uow->Users().BumpSessionEpoch(alice.id), 1);
    EXPECT_EQ(uow->Users().BumpSessionEpoch(alice.id), 2);
    EXPECT_EQ(uow->Users().BumpSessionEpoch(NextId()), std::nullopt);
    User changed = *uow->Users().FindById(alice.id);
    EXPECT_EQ(changed.session_epoch, 2);
    changed.session_epoch = 0;  // Update never writes the epoch back
    changed.disabled = true;
    uow->Users().Update(changed);
    EXPECT_EQ(uow->Users().FindById(alice.id)->session_epoch, 2);
    const auto epochs = uow->Users().SessionEpochs();
    ASSERT_EQ(epochs.size(), 1U);
    EXPECT_EQ(epochs[0], std::make_pair(alice.id, std::int64_t{2}));
}

using ApiTokenRepositoryContract = DatabaseContract;

TEST_P(ApiTokenRepositoryContract, TokensRoundTripAreFoundByIdAndHashAndRevokedOnce) {
    app::ports::ApiToken token{NextId(), "ci",         domain::Role::kOperator,
                               "hash-1", "admin",      At(0),
                               At(60),   std::nullopt, std::nullopt};
    app::ports::ApiToken forever{NextId(),     "nightly",    domain::Role::kViewer,
                                 "hash-2",     "admin",      At(1),
                                 std::nullopt, std::nullopt, std::nullopt};
    auto uow = db_->Begin(TxKind::kWrite);
    uow->ApiTokens().Insert(token);
    uow->ApiTokens().Insert(forever);
    EXPECT_EQ(uow->ApiTokens().FindById(token.id), token);
    EXPECT_EQ(uow->ApiTokens().FindByHash("hash-2"), forever);
    EXPECT_EQ(uow->ApiTokens().FindByHash("nope"), std::nullopt);
    const auto active = uow->ApiTokens().ListActive();
    ASSERT_EQ(active.size(), 2U);
    EXPECT_EQ(active[0].id, forever.id) << "newest first";
    EXPECT_TRUE(uow->ApiTokens().Revoke(token.id, At(5)));
    EXPECT_FALSE(uow->ApiTokens().Revoke(token.id, At(6)));
    EXPECT_FALSE(uow->ApiTokens().Revoke(NextId(), At(6)));
    EXPECT_EQ(uow->ApiTokens().FindById(token.id)->revoked_at, At(5));
    EXPECT_EQ(uow->ApiTokens().ListActive().size(), 1U);
    EXPECT_EQ(CodeOf([&] { uow->ApiTokens().Insert(token); }), ErrorCode::kConflict);
}

TEST_P(ApiTokenRepositoryContract, TouchOnlyMovesLastUsedForward) {
    app::ports::ApiToken token{NextId(), "ci",         domain::Role::kViewer, "hash-1",    "admin",
                               At(0),    std::nullopt, std::nullopt,          std::nullopt};
    auto uow = db_->Begin(TxKind::kWrite);
    uow->ApiTokens().Insert(token);
    uow->ApiTokens().Touch(token.id, At(10));
    EXPECT_EQ(uow->ApiTokens().FindById(token.id)->last_used_at, At(10));
    uow->ApiTokens().Touch(token.id, At(5));  // another replica's older use
    EXPECT_EQ(uow->ApiTokens().FindById(token.id)->last_used_at, At(10));
    uow->ApiTokens().Touch(token.id, At(20));
    EXPECT_EQ(uow->ApiTokens().FindById(token.id)->last_used_at, At(20));
}

// ---------------------------------------------------------------------------------------------
using AuditRepositoryContract = DatabaseContract;

AuditEntry MakeEntry(const std::optional<std::string>& store_id, int minute,
                     const std::string& action = "store.updated") {
    AuditEntry entry;
    entry.id = NextId();
    entry.time = At(minute);
    entry.actor = "alice";
    entry.action = action;
    entry.entity_type = store_id ? "store" : "user";
    entry.entity_id = store_id.value_or(NextId());
    entry.store_id = store_id;
    entry.request_id = "req-" + std::to_string(minute);
    return entry;
}

TEST_P(AuditRepositoryContract, EntriesRoundTripWithTheirChanges) {
    AuditEntry entry = MakeEntry(NextId(), 1, "store.created");
    entry.changes = {{"name", std::nullopt, "\"Zoo \\\"Berlin\\\" ü\""},
                     {"location.latitude", "52.5", "null"},
                     {"tags", "[\"a\",\"b\"]", std::nullopt},
                     {"hardwarePlan.router", "1", "2"}};
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Audit().Append(entry);
        uow->Commit();
    }
    const auto page = db_->Begin(TxKind::kRead)->Audit().ListForStore(*entry.store_id, 1, 50);
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0], entry);
    EXPECT_EQ(page.total, 1);
}

TEST_P(AuditRepositoryContract, ListForStoreIsNewestFirstAndOnlyThatStore) {
    const std::string store_a = NextId();
    const std::string store_b = NextId();
    auto uow = db_->Begin(TxKind::kWrite);
    std::vector<AuditEntry> a_entries;
    for (int minute : {3, 1, 7, 5}) {
        a_entries.push_back(MakeEntry(store_a, minute));
        uow->Audit().Append(a_entries.back());
    }
    uow->Audit().Append(MakeEntry(store_b, 9));
    uow->Audit().Append(MakeEntry(std::nullopt, 10, "user.created"));
    uow->Commit();

    auto read = db_->Begin(TxKind::kRead);
    const auto first = read->Audit().ListForStore(store_a, 1, 3);
    std::vector<std::string> ids;
    for (const auto& e : first.items) {
        ids.push_back(e.request_id);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"req-7", "req-5", "req-3"}));
    EXPECT_EQ(first.total, 4);
    const auto second = read->Audit().ListForStore(store_a, 2, 3);
    ASSERT_EQ(second.items.size(), 1u);
    EXPECT_EQ(second.items[0].request_id, "req-1");
}

TEST_P(AuditRepositoryContract, ListAllIsNewestFirstAcrossEntitiesWithSameTimeInWriteOrder) {
    auto uow = db_->Begin(TxKind::kWrite);
    const AuditEntry older = MakeEntry(NextId(), 1);
    AuditEntry same_time_first = MakeEntry(std::nullopt, 2, "user.created");
    AuditEntry same_time_second = MakeEntry(NextId(), 2, "store.created");
    uow->Audit().Append(older);
    uow->Audit().Append(same_time_first);
    uow->Audit().Append(same_time_second);
    uow->Commit();
    const auto page = db_->Begin(TxKind::kRead)->Audit().ListAll(1, 10);
    ASSERT_EQ(page.items.size(), 3u);
    EXPECT_EQ(page.items[0], same_time_second);
    EXPECT_EQ(page.items[1], same_time_first);
    EXPECT_EQ(page.items[2], older);
    EXPECT_EQ(page.total, 3);
    EXPECT_TRUE(db_->Begin(TxKind::kRead)->Audit().ListAll(2, 10).items.empty());
}

// ---------------------------------------------------------------------------------------------
using UnitOfWorkContract = DatabaseContract;

TEST_P(UnitOfWorkContract, DestroyingWithoutCommitRollsBackEverything) {
    const Store store = MakeStore("BER-001");
    const User user = MakeUser("alice");
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Stores().Insert(store);
        uow->Users().Insert(user);
        uow->Tokens().Insert({"h", user.id, At(0), At(1), false, false});
        uow->Audit().Append(MakeEntry(store.id, 1, "store.created"));
        EXPECT_TRUE(uow->Stores().FindById(store.id).has_value()) << "visible inside the unit";
    }
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Stores().FindById(store.id), std::nullopt);
    EXPECT_EQ(uow->Users().Count(), 0);
    EXPECT_EQ(uow->Tokens().FindByHash("h"), std::nullopt);
    EXPECT_EQ(uow->Audit().ListAll(1, 10).total, 0);
}

TEST_P(UnitOfWorkContract, AFailedStatementLeavesNothingOfTheUnitAfterRollback) {
    InsertStores({MakeStore("BER-001")});
    const Store fresh = MakeStore("NEW-001");
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Stores().Insert(fresh);
        EXPECT_EQ(CodeOf([&] { uow->Stores().Insert(MakeStore("BER-001")); }),
                  ErrorCode::kConflict);
    }
    EXPECT_EQ(Find(fresh.id), std::nullopt);
}

TEST_P(UnitOfWorkContract, CommittedWorkIsVisibleToLaterUnits) {
    const Store store = MakeStore("BER-001");
    {
        auto uow = db_->Begin(TxKind::kWrite);
        uow->Stores().Insert(store);
        uow->Audit().Append(MakeEntry(store.id, 1, "store.created"));
        uow->Commit();
    }
    auto uow = db_->Begin(TxKind::kRead);
    EXPECT_EQ(uow->Stores().FindById(store.id), store);
    EXPECT_EQ(uow->Audit().ListForStore(store.id, 1, 10).total, 1);
}

TEST_P(UnitOfWorkContract, ConcurrentUpdatesWithTheSameVersionHaveExactlyOneWinner) {
    const Store store = MakeStore("BER-001");
    InsertStores({store});
    constexpr int kThreads = 32;
    std::atomic<int> winners{0};
    std::atomic<int> losers{0};
    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&, i] {
            try {
                auto uow = db_->Begin(TxKind::kWrite);
                auto current = uow->Stores().FindById(store.id);
                if (!current) {
                    ++errors;
                    return;
                }
                current->fields.name = "writer " + std::to_string(i);
                current->version = store.version + 1;
                const bool won = uow->Stores().Update(*current, store.version);
                uow->Commit();
                (won ? winners : losers) += 1;
            } catch (const AppError& error) {
                ADD_FAILURE() << error.detail() << " / " << error.internal();
                ++errors;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(winners.load(), 1);
    EXPECT_EQ(losers.load(), kThreads - 1);
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(Find(store.id)->version, 2);
}

TEST_P(UnitOfWorkContract, ReadUnitsRunWhileAWriteIsOpen) {
    const Store store = MakeStore("BER-001");
    InsertStores({store});
    auto writer = db_->Begin(TxKind::kWrite);
    Store changed = store;
    changed.fields.name = "uncommitted";
    changed.version = 2;
    ASSERT_TRUE(writer->Stores().Update(changed, 1));
    // Another connection reads the last committed state, without waiting for the writer.
    EXPECT_EQ(Find(store.id), store);
    writer->Commit();
    EXPECT_EQ(Find(store.id), changed);
}

// ---------------------------------------------------------------------------------------------
using DatabaseAdminContract = DatabaseContract;

TEST_P(DatabaseAdminContract, MigrateAgainKeepsSchemaAndData) {
    const Store store = MakeStore("BER-001");
    InsertStores({store});
    db_->Migrate();
    db_->Migrate();
    EXPECT_EQ(Find(store.id), store);
}

TEST_P(DatabaseAdminContract, TwoProcessesMigratingAtOnceBothSucceed) {
    // A second database object on the same file/URL stands for a second process.
    std::vector<std::unique_ptr<Database>> others;
    for (int i = 0; i < 3; ++i) {
        others.push_back(backend_->open(location_));
    }
    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (auto& other : others) {
        threads.emplace_back([&] {
            try {
                other->Migrate();
            } catch (const AppError& error) {
                ADD_FAILURE() << error.internal();
                ++errors;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(errors.load(), 0);
    InsertStores({MakeStore("BER-001")});
}

TEST_P(DatabaseAdminContract, PingAnswersAndStatsDescribeThePool) {
    EXPECT_NO_THROW(db_->Ping());
    EXPECT_EQ(db_->Kind(), GetParam() == "Sqlite" ? "sqlite" : "postgresql");
    auto uow = db_->Begin(TxKind::kRead);
    const auto stats = db_->Stats();
    EXPECT_EQ(stats.size, kPoolSize);
    EXPECT_EQ(stats.busy, 1);
    EXPECT_EQ(stats.waiting, 0);
    EXPECT_LE(stats.busy + stats.idle, stats.size);
}

// store_db_pool_wait_seconds: every acquisition counts; one that found the pool full counts the
// time until a connection came back (the alert on its p95 reads this).
TEST_P(DatabaseAdminContract, StatsCountTheTimeAUnitOfWorkWaitedForAConnection) {
    const auto before = db_->Stats().waits;
    std::vector<std::unique_ptr<UnitOfWork>> held;
    for (int i = 0; i < kPoolSize; ++i) {
        held.push_back(db_->Begin(TxKind::kRead));
    }
    std::thread waiter([&] { auto uow = db_->Begin(TxKind::kRead); });
    while (db_->Stats().waiting == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    held.pop_back();
    waiter.join();

    const auto after = db_->Stats().waits;
    EXPECT_EQ(after.count - before.count, static_cast<std::uint64_t>(kPoolSize + 1));
    EXPECT_GE(after.sum_seconds - before.sum_seconds, 0.03);
    // The waiter is above the 25 ms bound and at or below the 5 s one; the others waited 0.
    const auto at = [](const WaitHistogram& h, double bound) {
        const auto* it =
            std::find(WaitHistogram::kBounds.begin(), WaitHistogram::kBounds.end(), bound);
        return h.buckets[static_cast<std::size_t>(it - WaitHistogram::kBounds.begin())];
    };
    EXPECT_EQ(at(after, 0.025) - at(before, 0.025), static_cast<std::uint64_t>(kPoolSize));
    EXPECT_EQ(at(after, 5.0) - at(before, 5.0), static_cast<std::uint64_t>(kPoolSize + 1));
}

// ---------------------------------------------------------------------------------------------
const auto kEngines = contract::Engines();
using contract::EngineName;

INSTANTIATE_TEST_SUITE_P(Engines, StoreRepositoryContract, kEngines, EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, TemplateRepositoryContract, kEngines, EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, UserRepositoryContract, kEngines, EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, TokenRepositoryContract, kEngines, EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, ApiTokenRepositoryContract, kEngines, EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, AuditRepositoryContract, kEngines, EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, UnitOfWorkContract, kEngines, EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, DatabaseAdminContract, kEngines, EngineName);

}  // namespace
}  // namespace store
