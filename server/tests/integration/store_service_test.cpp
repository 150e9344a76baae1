// Store and user use cases against the real embedded database (SQLite), no fakes.
#include "app/store_service.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/auth_service.hpp"
#include "app/errors.hpp"
#include "app/user_service.hpp"
#include "infra/crypto/jwt_signer.hpp"
#include "infra/crypto/sodium_crypto.hpp"
#include "infra/memory/memory_cache.hpp"
#include "infra/memory/memory_event_bus.hpp"
#include "infra/sqlite/sqlite_database.hpp"

namespace store::app {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

class FakeClock final : public ports::Clock {
public:
    domain::TimePoint Now() const override { return now; }
    domain::TimePoint now{seconds(1'800'000'000)};
};

domain::StoreFields Fields(const std::string& code) {
    domain::StoreFields f;
    f.code = code;
    f.name = "Store " + code;
    f.type = "standard";
    f.location = {"Main St 1", "Berlin",        "BE",         "DE",
                  "10115",     "Europe/Berlin", std::nullopt, std::nullopt};
    return f;
}

class StoreServiceTest : public ::testing::Test {
protected:
    StoreServiceTest()
        : dir_(fs::temp_directory_path() / ("store-app-" + random_.NewUuid())),
          database_((fs::create_directories(dir_), (dir_ / "store.db").string()), 4),
          cache_(100, 100),
          service_(database_, cache_, clock_, random_, events_) {
        database_.Migrate();
    }
    ~StoreServiceTest() override { fs::remove_all(dir_); }

    RequestMeta Meta() { return {{"u1", "jane", domain::Role::kOperator}, "req-1", ""}; }

    infra::crypto::SodiumRandom random_;
    fs::path dir_;
    infra::sqlite::SqliteDatabase database_;
    infra::memory::MemoryStoreCache cache_;
    FakeClock clock_;
    infra::memory::MemoryEventBus events_;
    StoreService service_;
};

TEST_F(StoreServiceTest, CreateStartsAsVersionOneDraftWithAnAuditEntry) {
    const auto store = service_.Create(Fields("BER-001"), Meta());
    EXPECT_EQ(store.status, domain::StoreStatus::kDraft);
    EXPECT_EQ(store.version, 1);
    EXPECT_EQ(store.created_by, "jane");
    const auto audit = service_.StoreAudit(store.id, 1, 10);
    ASSERT_EQ(audit.total, 1);
    EXPECT_EQ(audit.items[0].action, "store.created");
    EXPECT_EQ(audit.items[0].request_id, "req-1");
}

TEST_F(StoreServiceTest, InvalidInputWritesNothing) {
    auto fields = Fields("BER-001");
    fields.location.country = "XX";
    EXPECT_THROW(service_.Create(fields, Meta()), AppError);
    EXPECT_EQ(service_.Stats().total, 0);
    EXPECT_EQ(service_.GlobalAudit(app::ports::AuditQuery{}).total, 0);
}

TEST_F(StoreServiceTest, UpdateBumpsVersionAndRecordsTheDiff) {
    const auto store = service_.Create(Fields("BER-001"), Meta());
    clock_.now += seconds(5);
    const auto updated = service_.Update(
        store.id, 1,
        [](domain::StoreFields f) {
            f.name = "Renamed";
            return f;
        },
        Meta());
    EXPECT_EQ(updated.version, 2);
    EXPECT_EQ(updated.updated_at, clock_.now);
    const auto audit = service_.StoreAudit(store.id, 1, 10);
    ASSERT_EQ(audit.items.size(), 2u);
    EXPECT_EQ(audit.items[0].action, "store.updated");
    ASSERT_EQ(audit.items[0].changes.size(), 1u);
    EXPECT_EQ(audit.items[0].changes[0].field, "name");
}

TEST_F(StoreServiceTest, ANewCodePatternChecksNewCodesAndLeavesKeptOnesEditable) {
    const auto old = service_.Create(Fields("BER-001"), Meta());
    std::string error;
    auto rule = domain::StoreCodeRule::Make("[0-9]{4}", "four digits", error);
    ASSERT_TRUE(rule) << error;
    StoreService chain(database_, cache_, clock_, random_, events_, *rule);
    EXPECT_EQ(chain.Create(Fields("1234"), Meta()).fields.code, "1234");
    try {
        chain.Create(Fields("BER-002"), Meta());
        FAIL() << "a code of the old numbering was accepted";
    } catch (const AppError& e) {
        ASSERT_EQ(e.field_errors().size(), 1u);
        EXPECT_EQ(e.field_errors()[0].field, "code");
        EXPECT_EQ(e.field_errors()[0].message, "must be four digits (pattern [0-9]{4})");
    }
    const auto rename = [](std::string code) {
        return [code](domain::StoreFields f) {
            f.name = "Renamed";
            f.code = code;
            return f;
        };
    };
    EXPECT_EQ(chain.Update(old.id, 1, rename("BER-001"), Meta()).version, 2);
    EXPECT_THROW(chain.Update(old.id, 2, rename("BER-003"), Meta()), AppError);
    EXPECT_EQ(chain.Update(old.id, 2, rename("4321"), Meta()).fields.code, "4321");
    EXPECT_EQ(service_.Stats().total, 2);
}

TEST_F(StoreServiceTest, StaleVersionIsRefusedWithTheCurrentStore) {
    const auto store = service_.Create(Fields("BER-001"), Meta());
    service_.Update(
        store.id, 1,
        [](domain::StoreFields f) {
            f.name = "Theirs";
            return f;
        },
        Meta());
    try {
        service_.Update(
            store.id, 1,
            [](domain::StoreFields f) {
                f.name = "Mine";
                return f;
            },
            Meta());
        FAIL() << "a stale update went through";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::kPreconditionFailed);
        ASSERT_TRUE(error.current());
        EXPECT_EQ(error.current()->fields.name, "Theirs");
        EXPECT_EQ(error.current()->version, 2);
    }
}

TEST_F(StoreServiceTest, CachedReadsNeverOutliveAWrite) {
    const auto store = service_.Create(Fields("BER-001"), Meta());
    EXPECT_EQ(service_.Get(store.id)->version, 1);
    const auto page = service_.List(domain::StoreQuery{});
    EXPECT_EQ(page->total, 1);
    service_.Update(
        store.id, 1,
        [](domain::StoreFields f) {
            f.name = "New";
            return f;
        },
        Meta());
    EXPECT_EQ(service_.Get(store.id)->version, 2);
    EXPECT_EQ(service_.List(domain::StoreQuery{})->items.at(0).fields.name, "New");
    service_.Create(Fields("BER-002"), Meta());
    EXPECT_EQ(service_.List(domain::StoreQuery{})->total, 2);
}

TEST_F(StoreServiceTest, OnlyDraftsAreDeletedAndTheirHistoryStays) {
    const auto store = service_.Create(Fields("BER-001"), Meta());
    service_.Delete(store.id, 1, Meta());
    EXPECT_THROW(service_.Get(store.id), AppError);
    const auto audit = service_.StoreAudit(store.id, 1, 10);
    EXPECT_EQ(audit.items.at(0).action, "store.deleted");
}

TEST_F(StoreServiceTest, DuplicateCodeIsAConflict) {
    service_.Create(Fields("BER-001"), Meta());
    try {
        service_.Create(Fields("BER-001"), Meta());
        FAIL();
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::kConflict);
    }
}

TEST_F(StoreServiceTest, StatsCountEveryStatusAndType) {
    service_.Create(Fields("BER-001"), Meta());
    service_.Create(Fields("BER-002"), Meta());
    const auto stats = service_.Stats();
    EXPECT_EQ(stats.total, 2);
    EXPECT_EQ(stats.by_status.at("draft"), 2);
    EXPECT_EQ(stats.by_status.at("active"), 0);
    EXPECT_EQ(stats.by_type.at("standard"), 2);
    EXPECT_EQ(stats.by_type.size(), 5u);
}

class AuthServiceTest : public StoreServiceTest {
protected:
    AuthServiceTest()
        : signer_(std::string(40, 'k'), seconds(900)),
          auth_(Settings(), database_, hasher_, signer_, clock_, random_) {
        auth_.EnsureBootstrapAdmin(std::string("correct horse battery"));
    }
    static AuthSettings Settings() {
        AuthSettings settings;
        settings.max_failed_logins = 3;
        return settings;
    }
    infra::crypto::Argon2idHasher hasher_;
    infra::crypto::JwtSigner signer_;
    AuthService auth_;
};

TEST_F(AuthServiceTest, BootstrapHappensOnceAndGeneratesAPasswordWhenNoneGiven) {
    EXPECT_FALSE(auth_.EnsureBootstrapAdmin(std::nullopt)) << "admin exists already";
}

TEST_F(AuthServiceTest, LoginIssuesTokensThatAuthenticate) {
    const auto session = auth_.Login("admin", "correct horse battery", false, "127.0.0.1");
    EXPECT_EQ(session.user.role, domain::Role::kAdmin);
    EXPECT_EQ(auth_.Authenticate(session.access_token).username, "admin");
    clock_.now += seconds(901);
    EXPECT_THROW(auth_.Authenticate(session.access_token), AppError) << "expired";
}

TEST_F(AuthServiceTest, RefreshRotatesAndReuseEndsEverySession) {
    const auto first = auth_.Login("admin", "correct horse battery", true, "127.0.0.1");
    const auto second = auth_.Refresh(first.refresh_token);
    EXPECT_NE(second.refresh_token, first.refresh_token);
    EXPECT_THROW(auth_.Refresh(first.refresh_token), AppError) << "old token reused";
    EXPECT_THROW(auth_.Refresh(second.refresh_token), AppError)
        << "reuse of a rotated token revokes the whole family";
}

TEST_F(AuthServiceTest, RefreshTokensExpire) {
    const auto session = auth_.Login("admin", "correct horse battery", false, "127.0.0.1");
    clock_.now += seconds(12 * 3600 + 1);
    EXPECT_THROW(auth_.Refresh(session.refresh_token), AppError);
    const auto remembered = auth_.Login("admin", "correct horse battery", true, "127.0.0.1");
    clock_.now += seconds(29 * 24 * 3600);
    EXPECT_NO_THROW(auth_.Refresh(remembered.refresh_token));
}

TEST_F(AuthServiceTest, AClientFailingOnAnAccountIsRefusedButTheOwnerElsewhereIsOnlySlowed) {
    for (int i = 0; i < 3; ++i) {
        EXPECT_THROW(auth_.Login("admin", "wrong password!", false, "10.0.0.1"), AppError);
    }
    try {
        auth_.Login("admin", "correct horse battery", false, "10.0.0.1");
        FAIL() << "the failing client could go on guessing";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::kRateLimited);
        EXPECT_GT(error.retry_after_seconds().value_or(0), 0);
    }
    // The owner, from another address: in, with the account's failures as a delay.
    std::chrono::milliseconds delay{0};
    EXPECT_NO_THROW(auth_.Login("admin", "correct horse battery", false, "10.0.0.2", &delay));
    EXPECT_GT(delay.count(), 0);
    EXPECT_LE(delay, AuthSettings{}.max_login_delay);
    // Success cleared the account's count: the next login is not slowed.
    EXPECT_NO_THROW(auth_.Login("admin", "correct horse battery", false, "10.0.0.2", &delay));
    EXPECT_EQ(delay.count(), 0);
    clock_.now += seconds(301);
    EXPECT_NO_THROW(auth_.Login("admin", "correct horse battery", false, "10.0.0.1"));
}

TEST_F(AuthServiceTest, AClientSprayingUsernamesIsRefusedForEveryAccountOthersAreNot) {
    // max_failed_logins 3: 12 failures over all accounts refuse the client.
    for (int i = 0; i < 12; ++i) {
        EXPECT_THROW(auth_.Login("user" + std::to_string(i), "wrong password!", false, "10.0.0.9"),
                     AppError);
    }
    try {
        auth_.Login("admin", "correct horse battery", false, "10.0.0.9");
        FAIL() << "the spraying client was not refused";
    } catch (const AppError& error) {
        EXPECT_EQ(error.code(), ErrorCode::kRateLimited);
    }
    std::chrono::milliseconds delay{0};
    EXPECT_NO_THROW(auth_.Login("admin", "correct horse battery", false, "10.0.0.10", &delay));
    EXPECT_EQ(delay.count(), 0);
}

TEST_F(AuthServiceTest, SuccessfulLoginsDoNotUseUpAClientsAllowance) {
    // An office behind one address: many good logins never add up to a refusal.
    for (int i = 0; i < 20; ++i) {
        EXPECT_NO_THROW(auth_.Login("admin", "correct horse battery", false, "10.0.0.3"));
    }
}

TEST_F(AuthServiceTest, LogoutRevokesTheRefreshToken) {
    const auto session = auth_.Login("admin", "correct horse battery", false, "127.0.0.1");
    auth_.Logout(session.refresh_token);
    EXPECT_THROW(auth_.Refresh(session.refresh_token), AppError);
}

TEST_F(AuthServiceTest, DisabledUsersCannotLogIn) {
    UserService users(database_, hasher_, clock_, random_);
    const RequestMeta admin{{"admin-id", "admin", domain::Role::kAdmin}, "r", ""};
    const auto viewer = users.Create({"viewer1", "viewer password 1", "viewer"}, admin);
    EXPECT_NO_THROW(auth_.Login("viewer1", "viewer password 1", false, "127.0.0.1"));
    users.Update(viewer.id, {std::nullopt, std::nullopt, true}, admin);
    EXPECT_THROW(auth_.Login("viewer1", "viewer password 1", false, "127.0.0.1"), AppError);
}

}  // namespace
}  // namespace store::app
