// Mechanism states (receptors, tolerance, withdrawal, HPA) over long regimens: driven by the
// stand-in plasma model (tests/support/stand_in_pk.hpp) to measure the mechanism alone, and on
// speciosa's PK model as `speciosa simulate` runs it.
#include <benchmark/benchmark.h>

#include "problems/pk_problems.hpp"
#include "speciosa/sim_mechanism.hpp"
#include "support/mechanism_fixture.hpp"
#include "support/stand_in_pk.hpp"

namespace speciosa {
namespace {

void run_regimen(benchmark::State& state, int days) {
  const testing::StandInPk pk(testing::daily(45, days, {0, 8, 16}));
  const auto g = testing::grid(days * 24.0, 0.25);
  const auto doses = pk.dose_times();
  const sim::MechanismParams p = testing::typical_mechanism_params();
  for (auto _ : state) {
    auto r = sim::simulate_mechanism(p, std::cref(pk), g, doses);
    if (!r) state.SkipWithError(r.error().to_string().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.counters["doses"] = static_cast<double>(doses.size());
  state.counters["grid_points"] = static_cast<double>(g.size());
}

// One year of 3 g (45 mg MG) three times a day, 0.25 h output grid.
void BM_MechanismOneYearThreeDaily(benchmark::State& state) { run_regimen(state, 365); }
BENCHMARK(BM_MechanismOneYearThreeDaily)->Unit(benchmark::kMillisecond);

// 30 days of the same regimen, the size of a typical `speciosa simulate` call.
void BM_MechanismThirtyDaysThreeDaily(benchmark::State& state) { run_regimen(state, 30); }
BENCHMARK(BM_MechanismThirtyDaysThreeDaily)->Unit(benchmark::kMillisecond);

// One year of 3 g of typical leaf (45 mg MG) every 8 h on the PK model with auto-inhibition:
// PK sampled every minute, mechanism on a 0.25 h grid.
void BM_MechanismOnPkOneYearThreeDaily(benchmark::State& state) {
  sim::Event dose;
  dose.amt_mg = 45;
  dose.addl = 3 * 365 - 1;
  dose.ii_h = 8;
  const auto events = sim::expand_events({dose});
  sim::SimulationOptions o;
  o.end_h = 365 * 24.0;
  o.step_h = 0.25;
  const auto pk = testing::typical_pk_params();
  const sim::MechanismParams p = testing::typical_mechanism_params();
  for (auto _ : state) {
    auto r = sim::simulate_mechanism_for(pk, events, o, p);
    if (!r) state.SkipWithError(r.error().to_string().c_str());
    benchmark::DoNotOptimize(r);
  }
  state.counters["doses"] = static_cast<double>(events.size());
}
BENCHMARK(BM_MechanismOnPkOneYearThreeDaily)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace speciosa
