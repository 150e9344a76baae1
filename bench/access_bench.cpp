// The per-request cost of authentication, in process, without HTTP (issue 12, "keep the
// per-request cost small"): what a request's bearer token costs the service on its network
// thread, from memory, as the pipeline calls it (may_read_database false).
//
//   VerifyOnly          the access token's signature, key, lifetime and expiry alone: what
//                       authentication cost before the session-epoch check existed
//   AccessToken         AccessService::Authenticate of the same token: the above plus the
//                       session-epoch check (a shared lock and one hash-map lookup)
//   AutomationToken     AccessService::Authenticate of an automation token ("spp_…"): its
//                       SHA-256 and one hash-map lookup under the lock, no signature
//
// Each is run single-threaded and on 2 threads (the lock is shared by every request). After
// the usual table the run prints the ratios to VerifyOnly of the same run, so that the load of
// the machine falls on both sides of a ratio.
//
//   build/release/bench/access_bench [--benchmark_repetitions=5 …]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/access_service.hpp"
#include "app/auth_service.hpp"
#include "infra/crypto/jwt_signer.hpp"
#include "infra/crypto/sodium_crypto.hpp"
#include "infra/memory/memory_event_bus.hpp"
#include "infra/sqlite/sqlite_database.hpp"
#include "infra/system_clock.hpp"

namespace {

using namespace store;
namespace fs = std::filesystem;

const std::string kPassword = "a bench password, long enough";

/// One replica's access path on a temporary SQLite database: the admin's access token and an
/// automation token, both already known to the service's memory (as after their first use).
struct Fixture {
    Fixture()
        : dir(fs::temp_directory_path() / ("store-access-bench-" + random.NewUuid())),
          database((fs::create_directories(dir), (dir / "store.db").string()), 2),
          signer(std::string(40, 'k'), std::chrono::seconds(900)),
          access({}, database, signer, bus, clock, random),
          auth({}, database, hasher, signer, clock, random) {
        database.Migrate();
        auth.SetAccess(access);
        auth.EnsureBootstrapAdmin(kPassword);
        const auto session = auth.Login("admin", kPassword, false, "127.0.0.1");
        access_token = session.access_token;
        const app::RequestMeta meta{session.user, "bench", "127.0.0.1"};
        automation_token = access.CreateToken({"bench", "viewer", std::nullopt}, meta).secret;
        // Known from now on: the measured calls never read the database.
        if (!access.Authenticate(access_token, true, origin) ||
            !access.Authenticate(automation_token, true, origin)) {
            std::fprintf(stderr, "access_bench: the tokens are not accepted\n");
            std::abort();
        }
    }
    ~Fixture() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }

    infra::crypto::SodiumRandom random;
    fs::path dir;
    infra::sqlite::SqliteDatabase database;
    infra::SystemClock clock;
    infra::crypto::Argon2idHasher hasher;
    infra::crypto::JwtSigner signer;
    infra::memory::MemoryEventBus bus;
    app::AccessService access;
    app::AuthService auth;
    app::RequestMeta origin{{}, "bench-request", "198.51.100.1"};
    std::string access_token;
    std::string automation_token;
};

Fixture& Shared() {
    static Fixture fixture;  // built once, before the first benchmark's first iteration
    return fixture;
}

void VerifyOnly(benchmark::State& state) {
    auto& f = Shared();
    for (auto _ : state) {
        benchmark::DoNotOptimize(app::VerifyAccessToken(f.signer, f.access_token, f.clock.Now()));
    }
}

void AccessToken(benchmark::State& state) {
    auto& f = Shared();
    for (auto _ : state) {
        benchmark::DoNotOptimize(f.access.Authenticate(f.access_token, false, f.origin));
    }
}

void AutomationToken(benchmark::State& state) {
    auto& f = Shared();
    for (auto _ : state) {
        benchmark::DoNotOptimize(f.access.Authenticate(f.automation_token, false, f.origin));
    }
}

BENCHMARK(VerifyOnly)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(AccessToken)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(AutomationToken)->Threads(1)->Threads(2)->UseRealTime();

/// The console table, and the CPU time per operation of every run kept for the ratios.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& run : runs) {
            if (run.run_type == Run::RT_Iteration && !run.error_occurred) {
                // One name per function and thread count (repetitions: the last one wins).
                ns_per_op[run.benchmark_name()] = run.GetAdjustedCPUTime();
            }
        }
    }
    std::map<std::string, double> ns_per_op;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    std::printf("\nCPU ns/op and ratio to VerifyOnly (the check before the session epoch):\n");
    for (const std::string threads : {"threads:1", "threads:2"}) {
        const std::string suffix = "/real_time/" + threads;
        const auto base = reporter.ns_per_op.find("VerifyOnly" + suffix);
        if (base == reporter.ns_per_op.end()) {
            continue;
        }
        for (const std::string name : {"VerifyOnly", "AccessToken", "AutomationToken"}) {
            const auto it = reporter.ns_per_op.find(name + suffix);
            if (it != reporter.ns_per_op.end()) {
                std::printf("  %-16s %-10s %10.1f ns/op  %5.2fx\n", name.c_str(), threads.c_str(),
                            it->second, it->second / base->second);
            }
        }
    }
    benchmark::Shutdown();
    return 0;
}
