// The repositories' hot paths in process, without HTTP: a single-store read, an uncached
// 100-store page and a create (store + audit row in one write transaction), on SQLite (a
// temporary file) and, when STORE_BENCH_PG_URL names an empty database, on PostgreSQL.
// Each read and write is a whole unit of work, as the service runs it. AuditRow is the CPU of a
// create's audit row alone (the diff and its stored JSON), without a database.
//
//   build/release/bench/repository_bench [--benchmark_repetitions=5 …]
//   STORE_BENCH_PG_URL=$(scripts/start-postgres.sh /tmp/pg) build/release/bench/repository_bench
//
// CPU time is this process's: all of SQLite's work, only the client's share of PostgreSQL's.
// bench/compare-repositories.sh runs two builds alternately and prints the ratios.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "app/ports/database.hpp"
#include "infra/json_columns.hpp"
#include "infra/postgres/postgres_database.hpp"
#include "infra/sqlite/sqlite_database.hpp"

namespace {

using namespace store;
using app::ports::TxKind;

constexpr int kStores = 10000;

std::string Id(std::uint64_t n) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "00000000-0000-4000-8000-%012llx",
                  static_cast<unsigned long long>(n));
    return buffer;
}

domain::Store MakeStore(std::uint64_t n) {
    domain::Store store;
    store.id = Id(n);
    store.fields.code = "BEN-" + std::to_string(n);
    store.fields.name = "Bench store " + std::to_string(n);
    store.fields.type = "standard";
    store.fields.location = {"Main St 1", "Berlin",        "BE",  "DE",
                             "10115",     "Europe/Berlin", 52.52, 13.405};
    store.fields.opening_date = "2027-01-15";
    store.fields.contact = {"Alex Manager", "alex@example.com", "+49 30 1234567"};
    store.fields.tags = {"flagship", "mall"};
    store.fields.hardware_plan = {{"pos_terminal", 4}, {"router", 1}};
    store.fields.network_plan = {{"pos", 10, std::nullopt}, {"guest_wifi", 20, std::nullopt}};
    store.status = domain::StoreStatus::kDraft;
    store.version = 1;
    store.created_at = domain::TimePoint{std::chrono::seconds{1'800'000'000 + n}};
    store.updated_at = store.created_at;
    store.created_by = "bench";
    store.updated_by = "bench";
    return store;
}

app::ports::AuditEntry MakeAudit(const domain::Store& store) {
    app::ports::AuditEntry entry;
    entry.id = store.id;
    entry.time = store.created_at;
    entry.actor = "bench";
    entry.action = "store.created";
    entry.entity_type = "store";
    entry.entity_id = store.id;
    entry.store_id = store.id;
    entry.request_id = "bench";
    entry.changes = domain::Diff(nullptr, &store.fields);
    return entry;
}

/// A migrated database with kStores stores; created once per engine.
struct Engine {
    std::unique_ptr<app::ports::Database> db;
    std::uint64_t next = kStores;
};

void Seed(Engine& engine) {
    engine.db->Migrate();
    for (int first = 0; first < kStores; first += 500) {
        auto uow = engine.db->Begin(TxKind::kWrite);
        for (int n = first; n < first + 500; ++n) {
            uow->Stores().Insert(MakeStore(static_cast<std::uint64_t>(n)));
        }
        uow->Commit();
    }
}

void FindById(benchmark::State& state, Engine* engine) {
    std::mt19937_64 random{42};
    for (auto _ : state) {
        const auto id = Id(random() % kStores);
        auto uow = engine->db->Begin(TxKind::kRead);
        benchmark::DoNotOptimize(uow->Stores().FindById(id));
    }
}

void ListPage(benchmark::State& state, Engine* engine) {
    std::mt19937_64 random{42};
    for (auto _ : state) {
        domain::StoreQuery query;
        query.page_size = 100;
        query.page = static_cast<std::int64_t>(random() % (kStores / 100)) + 1;
        auto uow = engine->db->Begin(TxKind::kRead);
        benchmark::DoNotOptimize(uow->Stores().List(query, true));
    }
}

void Create(benchmark::State& state, Engine* engine) {
    for (auto _ : state) {
        const auto store = MakeStore(engine->next++);
        auto uow = engine->db->Begin(TxKind::kWrite);
        uow->Stores().Insert(store);
        uow->Audit().Append(MakeAudit(store));
        uow->Commit();
    }
}

/// The audit row of a create without the database: the diff and its stored JSON.
void AuditRow(benchmark::State& state) {
    const auto store = MakeStore(1);
    for (auto _ : state) {
        benchmark::DoNotOptimize(infra::EncodeChanges(domain::Diff(nullptr, &store.fields)));
    }
}
BENCHMARK(AuditRow);

void Register(const std::string& name, Engine* engine) {
    benchmark::RegisterBenchmark(("FindById/" + name).c_str(), FindById, engine);
    benchmark::RegisterBenchmark(("ListPage100/" + name).c_str(), ListPage, engine);
    benchmark::RegisterBenchmark(("Create/" + name).c_str(), Create, engine);
}

}  // namespace

int main(int argc, char** argv) {
    char pattern[] = "/tmp/store-repository-bench-XXXXXX";
    if (mkdtemp(pattern) == nullptr) {
        return 1;
    }
    const std::filesystem::path dir(pattern);
    Engine sqlite{std::make_unique<infra::sqlite::SqliteDatabase>((dir / "store.db").string(), 4)};
    Seed(sqlite);
    Register("sqlite", &sqlite);
    Engine postgres;
    if (const char* url = std::getenv("STORE_BENCH_PG_URL"); url != nullptr && *url != '\0') {
        postgres.db = std::make_unique<infra::postgres::PostgresDatabase>(
            infra::postgres::PostgresOptions{url, 4, 5000, 10000, 10000});
        Seed(postgres);
        Register("postgres", &postgres);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    sqlite.db.reset();
    std::filesystem::remove_all(dir);
    return 0;
}
