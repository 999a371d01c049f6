// Population hot path (issue 8): subjects per second through run_population (sampling, exact PK,
// histograms), 7 days of a daily dose on a 0.25 h grid, on 1 and 2 threads; and one subject's
// sampling alone. Reported as subject-days per second. Run: make bench.
#include <benchmark/benchmark.h>

#include "speciosa/knowledge_population.hpp"
#include "speciosa/sim_population.hpp"

namespace {

using namespace speciosa;

struct Setup {
  knowledge::Knowledge k;
  knowledge::PopulationData data;
  std::optional<sim::PopulationModel> model;
  std::vector<sim::Event> events;
};

const Setup& setup() {
  static const Setup s = [] {
    Setup out;
    out.k = *knowledge::load_knowledge(knowledge::default_data_dir());
    out.data = *knowledge::load_population_data(out.k);
    out.model = *sim::PopulationModel::create(out.k, out.data);
    sim::Event e;
    e.amt_mg = 30;
    e.addl = 6;
    e.ii_h = 24;
    out.events = sim::expand_events({e});
    return out;
  }();
  return s;
}

void run(benchmark::State& state, bool autoinhibition) {
  const Setup& s = setup();
  constexpr std::uint64_t kSubjects = 2000;
  sim::PopulationRun run;
  run.model = &*s.model;
  run.options.n_subjects = run.options.last_subject = kSubjects;
  run.options.end_h = 168;
  run.options.step_h = 0.25;
  run.options.autoinhibition = autoinhibition;
  run.options.threads = static_cast<int>(state.range(0));
  run.thresholds = s.data.thresholds;
  run.plan = [&s](std::uint64_t i) {
    return sim::SubjectPlan{static_cast<std::int64_t>(i) + 1, s.events, {}, {}};
  };
  for (auto _ : state) {
    sim::BandAccumulator acc = sim::make_accumulator(run);
    benchmark::DoNotOptimize(sim::run_population(run, acc, {}));
  }
  state.counters["subject_days_per_s"] =
      benchmark::Counter(kSubjects * 7.0, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_PopulationLinearPk(benchmark::State& s) { run(s, false); }
void BM_PopulationAutoinhibition(benchmark::State& s) { run(s, true); }

void BM_SampleSubject(benchmark::State& state) {
  const Setup& s = setup();
  std::uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(s.model->sample(1, i++, {0.33, 1.8}));
}

BENCHMARK(BM_PopulationLinearPk)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PopulationAutoinhibition)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SampleSubject);

}  // namespace
