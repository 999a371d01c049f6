// PK simulation speed (issue 2): one person, 30 days, three doses a day, 0.25 h output grid,
// on the exact path (goal < 50 µs with CYP3A held fixed) and with auto-inhibition; the CVODE
// reference path; and a 10-year once-daily history. Run: make bench.
#include <benchmark/benchmark.h>

#include "problems/pk_problems.hpp"
#include "speciosa/sim.hpp"

namespace {

using speciosa::sim::Event;

std::vector<Event> regimen(double tau_h, int count, double amt_mg) {
  Event e;
  e.amt_mg = amt_mg;
  e.addl = count - 1;
  e.ii_h = tau_h;
  return speciosa::sim::expand_events({e});
}

void run(benchmark::State& state, double days, double tau_h, double step_h,
         speciosa::sim::Method method, bool autoinhibition) {
  const auto params = speciosa::testing::typical_pk_params();
  const auto events = regimen(tau_h, static_cast<int>(days * 24 / tau_h), 30);
  speciosa::sim::SimulationOptions o;
  o.end_h = days * 24;
  o.step_h = step_h;
  o.method = method;
  o.autoinhibition = autoinhibition;
  for (auto _ : state) {
    auto s = speciosa::sim::simulate(params, events, o);
    benchmark::DoNotOptimize(s);
  }
  state.counters["subject_days_per_s"] =
      benchmark::Counter(days, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Exact30DaysTidFixedEnzyme(benchmark::State& s) { run(s, 30, 8, 0.25, speciosa::sim::Method::kExact, false); }
void BM_Exact30DaysTidAutoinhibition(benchmark::State& s) { run(s, 30, 8, 0.25, speciosa::sim::Method::kExact, true); }
void BM_Ode30DaysTidAutoinhibition(benchmark::State& s) { run(s, 30, 8, 0.25, speciosa::sim::Method::kOde, true); }
void BM_Exact10YearsDailyFixedEnzyme(benchmark::State& s) { run(s, 3650, 24, 1.0, speciosa::sim::Method::kExact, false); }
void BM_Exact10YearsDailyAutoinhibition(benchmark::State& s) { run(s, 3650, 24, 1.0, speciosa::sim::Method::kExact, true); }

BENCHMARK(BM_Exact30DaysTidFixedEnzyme)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Exact30DaysTidAutoinhibition)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Ode30DaysTidAutoinhibition)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Exact10YearsDailyFixedEnzyme)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Exact10YearsDailyAutoinhibition)->Unit(benchmark::kMillisecond);

}  // namespace
