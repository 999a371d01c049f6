// The whole insight (exposure under the check-ins, rebound, associations, tolerance drift) for a
// 5-year journal of about 20k entries: 3 doses and 8 check-ins a day. Goal: under 200 ms.
#include <benchmark/benchmark.h>

#include "speciosa/analysis.hpp"
#include "support/synthetic_journal.hpp"

namespace speciosa {
namespace {

void BM_InsightFiveYearJournal(benchmark::State& state) {
  auto k = knowledge::load_knowledge(knowledge::default_data_dir());
  if (!k) {
    state.SkipWithError(k.error().to_string().c_str());
    return;
  }
  testing::SyntheticSpec spec;
  spec.days = 5 * 365;
  spec.rebound = false;  // the generator's own simulation is not what is measured
  spec.checkin_clock_h = {7.5, 9, 10.5, 12, 13.5, 15, 17, 19.5};
  const journal::Instant day0{std::chrono::sys_days{std::chrono::year{2021} / 1 / 4}};
  const analysis::PersonData data = testing::synthetic_person(*k, spec, day0);
  analysis::InsightOptions options;
  options.now = day0 + std::chrono::days{spec.days};
  for (auto _ : state) {
    auto r = analysis::insight(*k, data, options);
    if (!r) state.SkipWithError(r.error().to_string().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.counters["entries"] =
      static_cast<double>(data.entries.doses.size() + data.entries.checkins.size());
}
BENCHMARK(BM_InsightFiveYearJournal)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace speciosa
