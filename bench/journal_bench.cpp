// Journal throughput: bulk insert, single-entry insert (one transaction each, fsync'd), and
// reading a five-year journal of one person (goal: under 20 ms with SQLite).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <unistd.h>

#include "speciosa/journal.hpp"

namespace {

using namespace speciosa::journal;
namespace fs = std::filesystem;

// The benchmark's databases live here and are removed when the program ends.
struct BenchDir {
  fs::path path = fs::temp_directory_path() / ("speciosa-bench-" + std::to_string(::getpid()));
  BenchDir() { fs::create_directories(path); }
  ~BenchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string fresh_path(const std::string& name) {
  static const BenchDir dir;
  const fs::path file = dir.path / (name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
  return file.string();
}

Entries five_years(int n_entries) {
  Entries e;
  const Instant start = parse_time("2021-01-01 00:00", "UTC", "at").value();
  const auto step = std::chrono::seconds{5 * 365 * 24 * 3600 / n_entries};
  for (int i = 0; i < n_entries; ++i) {
    const Instant at = start + step * i;
    if (i % 2 == 0) {
      Dose d;
      d.at = at;
      d.amount = 2;
      d.unit = "g";
      d.product = "maeng-da";
      e.doses.push_back(d);
    } else {
      Checkin c;
      c.at = at;
      c.anxiety = i % 11;
      c.mood = (i / 3) % 11;
      c.sleep_h = 7;
      e.checkins.push_back(c);
    }
  }
  return e;
}

void BM_ImportDoses(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Entries batch;
  batch.doses = five_years(2 * n).doses;
  for (auto _ : state) {
    state.PauseTiming();
    auto store = open_journal(fresh_path("import")).value();
    const PersonId who = store->add_person(Person{0, "bench", 70.0, Sex::kUnspecified, {}, "UTC", "", {}, std::nullopt}).value();
    state.ResumeTiming();
    benchmark::DoNotOptimize(store->import_entries(who, batch).value());
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_ImportDoses)->Arg(100'000)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_AddDoseOneTransactionEach(benchmark::State& state) {
  auto store = open_journal(fresh_path("single")).value();
  const PersonId who = store->add_person(Person{0, "bench", 70.0, Sex::kUnspecified, {}, "UTC", "", {}, std::nullopt}).value();
  Dose d = five_years(2).doses[0];
  for (auto _ : state) {
    d.at += std::chrono::minutes{1};
    benchmark::DoNotOptimize(store->add_entry(who, d).value());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddDoseOneTransactionEach)->Unit(benchmark::kMicrosecond);

void BM_ReadFiveYears(benchmark::State& state) {
  auto store = open_journal(fresh_path("read")).value();
  const PersonId other = store->add_person(Person{0, "other", {}, Sex::kUnspecified, {}, "UTC", "", {}, std::nullopt}).value();
  const PersonId who = store->add_person(Person{0, "bench", {}, Sex::kUnspecified, {}, "UTC", "", {}, std::nullopt}).value();
  const Entries journal = five_years(static_cast<int>(state.range(0)));
  store->import_entries(other, journal).value();
  store->import_entries(who, journal).value();
  for (auto _ : state) {
    auto got = store->entries(who, TimeRange{}).value();
    benchmark::DoNotOptimize(got.doses.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ReadFiveYears)->Arg(20'000)->Unit(benchmark::kMillisecond);

}  // namespace
