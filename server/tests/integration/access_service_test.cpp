// Access that ends when it should, against the real embedded database (SQLite): two
// AccessService instances stand for two replicas on one database. Each has its own in-process
// bus, so replica B never hears replica A's access.revoked events — the lost-event case —
// and must learn the change from Maintain(), the periodic re-read that bounds staleness.
#include "app/access_service.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/auth_service.hpp"
#include "app/errors.hpp"
#include "app/user_service.hpp"
#include "infra/crypto/jwt_signer.hpp"
#include "infra/crypto/sodium_crypto.hpp"
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

const std::string kPassword = "correct horse battery";

class AccessServiceTest : public ::testing::Test {
protected:
    AccessServiceTest()
        : dir_(fs::temp_directory_path() / ("store-access-" + random_.NewUuid())),
          database_((fs::create_directories(dir_), (dir_ / "store.db").string()), 4),
          signer_(std::string(40, 'k'), seconds(900)),
          access_a_({}, database_, signer_, bus_a_, clock_, random_),
          access_b_({}, database_, signer_, bus_b_, clock_, random_),
          auth_({}, database_, hasher_, signer_, clock_, random_),
          users_(database_, hasher_, clock_, random_) {
        database_.Migrate();
        auth_.SetAccess(access_a_);
        users_.SetAccess(access_a_);
        access_b_.SetAccessEnded([this](const std::string& subject, std::int64_t epoch) {
            ended_on_b_.emplace_back(subject, epoch);
        });
        auth_.EnsureBootstrapAdmin(kPassword);
        admin_ = auth_.Login("admin", kPassword, false, "127.0.0.1").user;
        operator_ = users_.Create({"olga", kPassword, "operator"}, Meta());
    }
    ~AccessServiceTest() override { fs::remove_all(dir_); }

    RequestMeta Meta() { return {admin_, "req-1", ""}; }

    // Valid on `access` (reading the database if need be), or the AppError's code.
    static std::optional<ErrorCode> Check(AccessService& access, const std::string& token,
                                          const RequestMeta& origin = {}) {
        try {
            EXPECT_TRUE(access.Authenticate(token, true, origin));
            return std::nullopt;
        } catch (const AppError& e) {
            return e.code();
        }
    }

    std::vector<ports::AuditEntry> AuditOf(const std::string& action) {
        auto uow = database_.Begin(ports::TxKind::kRead);
        std::vector<ports::AuditEntry> found;
        for (auto& entry : uow->Audit().ListAll(1, 100).items) {
            if (entry.action == action) {
                found.push_back(std::move(entry));
            }
        }
        return found;
    }

    infra::crypto::SodiumRandom random_;
    fs::path dir_;
    infra::sqlite::SqliteDatabase database_;
    FakeClock clock_;
    infra::crypto::Argon2idHasher hasher_;
    infra::crypto::JwtSigner signer_;
    infra::memory::MemoryEventBus bus_a_;
    infra::memory::MemoryEventBus bus_b_;
    AccessService access_a_;
    AccessService access_b_;
    AuthService auth_;
    UserService users_;
    Actor admin_;
    ports::User operator_;
    std::vector<std::pair<std::string, std::int64_t>> ended_on_b_;
};

TEST_F(AccessServiceTest, DisablingEndsAccessTokensHereAtOnceAndOnAReplicaThatMissedTheEvent) {
    const auto session = auth_.Login("olga", kPassword, false, "127.0.0.1");
    EXPECT_FALSE(Check(access_a_, session.access_token));
    EXPECT_FALSE(Check(access_b_, session.access_token));

    users_.Update(operator_.id, {std::nullopt, std::nullopt, true}, Meta());

    EXPECT_EQ(Check(access_a_, session.access_token), ErrorCode::kUnauthorized);
    EXPECT_FALSE(Check(access_b_, session.access_token)) << "B has not heard yet (event lost)";
    access_b_.Maintain();
    EXPECT_EQ(Check(access_b_, session.access_token), ErrorCode::kUnauthorized);
    ASSERT_EQ(ended_on_b_.size(), 1U);
    EXPECT_EQ(ended_on_b_[0].first, "user:" + operator_.id) << "B closes the user's WebSockets";
}

TEST_F(AccessServiceTest, RoleAndPasswordChangesDeleteLogoutAndRefreshReuseEndAccessTokens) {
    const auto role_session = auth_.Login("olga", kPassword, false, "127.0.0.1");
    users_.Update(operator_.id, {std::string("viewer"), std::nullopt, std::nullopt}, Meta());
    EXPECT_EQ(Check(access_a_, role_session.access_token), ErrorCode::kUnauthorized);

    const auto password_session = auth_.Login("olga", kPassword, false, "127.0.0.1");
    EXPECT_FALSE(Check(access_a_, password_session.access_token)) << "a new login works";
    users_.Update(operator_.id, {std::nullopt, std::string("another long password"), std::nullopt},
                  Meta());
    EXPECT_EQ(Check(access_a_, password_session.access_token), ErrorCode::kUnauthorized);

    const auto logout_session = auth_.Login("olga", "another long password", false, "127.0.0.1");
    auth_.Logout(logout_session.refresh_token);
    EXPECT_EQ(Check(access_a_, logout_session.access_token), ErrorCode::kUnauthorized);

    const auto stolen = auth_.Login("olga", "another long password", false, "127.0.0.1");
    const auto rotated = auth_.Refresh(stolen.refresh_token);
    EXPECT_FALSE(Check(access_a_, rotated.access_token));
    EXPECT_THROW(auth_.Refresh(stolen.refresh_token), AppError) << "reuse detected";
    EXPECT_EQ(Check(access_a_, rotated.access_token), ErrorCode::kUnauthorized);

    const auto last = auth_.Login("olga", "another long password", false, "127.0.0.1");
    users_.Delete(operator_.id, Meta());
    EXPECT_EQ(Check(access_a_, last.access_token), ErrorCode::kUnauthorized);
    access_b_.Maintain();
    EXPECT_EQ(Check(access_b_, last.access_token), ErrorCode::kUnauthorized);
}

TEST_F(AccessServiceTest, ReEnablingOrAnUnchangedRoleDoesNotEndAccess) {
    const auto session = auth_.Login("olga", kPassword, false, "127.0.0.1");
    users_.Update(operator_.id, {std::string("operator"), std::nullopt, false}, Meta());
    EXPECT_FALSE(Check(access_a_, session.access_token));
}

TEST_F(AccessServiceTest, AutomationTokensAreStoredHashedAndWorkOnEveryReplica) {
    const auto created = access_a_.CreateToken({"ci", "operator", std::nullopt}, Meta());
    EXPECT_TRUE(created.secret.starts_with("spp_"));
    EXPECT_EQ(created.secret.size(), 4U + 43U);  // 256 bits in base64url
    EXPECT_NE(created.token.token_hash, created.secret);
    EXPECT_EQ(created.token.token_hash, signer_.Fingerprint(created.secret));

    const auto grant = access_a_.Authenticate(created.secret, false, {});
    ASSERT_TRUE(grant);
    EXPECT_EQ(grant->actor.role, domain::Role::kOperator);
    EXPECT_EQ(grant->actor.username, "token:ci");
    // B has not seen it: memory cannot decide; the database can.
    EXPECT_FALSE(access_b_.Authenticate(created.secret, false, {}));
    EXPECT_FALSE(Check(access_b_, created.secret));
    EXPECT_TRUE(access_b_.Authenticate(created.secret, false, {})) << "known from now on";
    EXPECT_EQ(AuditOf("token.created").size(), 1U);

    EXPECT_EQ(Check(access_a_, "spp_" + std::string(43, 'A')), ErrorCode::kUnauthorized);
}

TEST_F(AccessServiceTest, RevokedTokensFailEverywhereAndTheirUseIsAudited) {
    const auto created = access_a_.CreateToken({"ci", "viewer", std::nullopt}, Meta());
    EXPECT_FALSE(Check(access_b_, created.secret));
    access_a_.RevokeToken(created.token.id, Meta());
    const RequestMeta first_use{{}, "req-used", "198.51.100.9"};
    EXPECT_EQ(Check(access_a_, created.secret, first_use), ErrorCode::kUnauthorized);
    EXPECT_EQ(Check(access_a_, created.secret, {{}, "req-again", "198.51.100.10"}),
              ErrorCode::kUnauthorized)
        << "the first use of the interval is the one audited";
    EXPECT_FALSE(Check(access_b_, created.secret)) << "B has not heard yet (event lost)";
    access_b_.Maintain();
    EXPECT_EQ(Check(access_b_, created.secret), ErrorCode::kUnauthorized);
    ASSERT_EQ(ended_on_b_.size(), 1U);
    EXPECT_EQ(ended_on_b_[0].first, "token:" + created.token.id);
    EXPECT_EQ(AuditOf("token.revoked").size(), 1U);

    access_a_.Maintain();
    const auto used = AuditOf("token.revoked_used");
    ASSERT_EQ(used.size(), 1U);
    EXPECT_EQ(used[0].entity_id, created.token.id);
    EXPECT_EQ(used[0].client_address, "198.51.100.9");
    EXPECT_EQ(used[0].request_id, "req-used");
    EXPECT_EQ(used[0].actor, "token:ci");
    EXPECT_THROW(access_a_.RevokeToken(created.token.id, Meta()), AppError) << "revoked already";
    EXPECT_TRUE(access_a_.ListTokens().empty());
}

TEST_F(AccessServiceTest, LastUsedAtIsWrittenAtMostOncePerFlushInterval) {
    const auto created = access_a_.CreateToken({"ci", "viewer", std::nullopt}, Meta());
    EXPECT_FALSE(access_b_.ListTokens()[0].last_used_at);
    clock_.now += seconds(1);
    const auto first_use = clock_.now;
    EXPECT_FALSE(Check(access_a_, created.secret));
    EXPECT_EQ(access_a_.ListTokens()[0].last_used_at, first_use) << "seen here before written";
    access_a_.Maintain();
    EXPECT_EQ(access_b_.ListTokens()[0].last_used_at, first_use) << "written for the others";
    clock_.now += seconds(10);
    EXPECT_FALSE(Check(access_a_, created.secret));
    access_a_.Maintain();
    EXPECT_EQ(access_b_.ListTokens()[0].last_used_at, first_use) << "not again within a minute";
    clock_.now += seconds(60);
    access_a_.Maintain();
    EXPECT_EQ(access_b_.ListTokens()[0].last_used_at, first_use + seconds(10));
}

TEST_F(AccessServiceTest, ATokensRoleCannotExceedItsCreatorsAndInputIsValidated) {
    const RequestMeta by_operator{{operator_.id, "olga", domain::Role::kOperator}, "req-2", ""};
    try {
        access_a_.CreateToken({"ci", "admin", std::nullopt}, by_operator);
        FAIL() << "an operator made an admin token";
    } catch (const AppError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kForbidden);
    }
    try {
        access_a_.CreateToken({" ", "root", clock_.now - seconds(1)}, Meta());
        FAIL() << "accepted";
    } catch (const AppError& e) {
        EXPECT_EQ(e.code(), ErrorCode::kValidation);
        EXPECT_EQ(e.field_errors().size(), 3U);
    }
}

TEST_F(AccessServiceTest, ExpiredTokensAreRefused) {
    const auto created = access_a_.CreateToken({"ci", "viewer", clock_.now + seconds(60)}, Meta());
    EXPECT_FALSE(Check(access_a_, created.secret));
    clock_.now += seconds(60);
    EXPECT_EQ(Check(access_a_, created.secret), ErrorCode::kUnauthorized);
}

}  // namespace
}  // namespace store::app
