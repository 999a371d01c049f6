// Population runs: determinism across threads, blocks and process splits; streaming order;
// histogram quantiles against exact ones; thresholds.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "speciosa/knowledge_population.hpp"
#include "speciosa/sim_population.hpp"

namespace speciosa::sim {
namespace {

struct Fixture {
  knowledge::Knowledge k;
  knowledge::PopulationData data;
  std::optional<PopulationModel> model;
  std::vector<Event> events;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture out;
    out.k = *knowledge::load_knowledge(SPECIOSA_TEST_DATA_DIR);
    out.data = *knowledge::load_population_data(out.k);
    out.model = *PopulationModel::create(out.k, out.data);
    // 30 mg MG every 12 h, 4 doses.
    Event dose;
    dose.amt_mg = 30;
    dose.addl = 3;
    dose.ii_h = 12;
    out.events = expand_events({dose});
    return out;
  }();
  return f;
}

PopulationRun make_run(std::uint64_t n, int threads, std::size_t block_size) {
  const Fixture& f = fixture();
  PopulationRun run;
  run.model = &*f.model;
  run.options.n_subjects = n;
  run.options.first_subject = 0;
  run.options.last_subject = n;
  run.options.end_h = 48;
  run.options.step_h = 1;
  run.options.seed = 2024;
  run.options.threads = threads;
  run.options.block_size = block_size;
  run.options.content = {0.5 / 1.5, 2.7 / 1.5};
  run.options.dose_thresholds = {{"daily", "MG above 80 mg a day", 80, "singh2014", "observational"}};
  run.thresholds = f.data.thresholds;
  run.plan = [](std::uint64_t i) {
    return SubjectPlan{static_cast<std::int64_t>(i) + 1, fixture().events, {}, {}};
  };
  return run;
}

// Every subject result in hexadecimal floats, in the order the sink saw them.
struct Collected {
  std::string rows;
  std::vector<std::uint64_t> counts;
  std::vector<SubjectResult> subjects;
};

Collected collect(const PopulationRun& run) {
  Collected c;
  BandAccumulator acc = make_accumulator(run);
  const Status s = run_population(run, acc, [&](const SubjectBlock& block) -> Status {
    for (const SubjectResult& r : block.subjects) {
      c.rows += fmt::format("{} {} {:a} {:a} {:a} {:a} {:a}\n", r.index, r.id, r.covariates.weight_kg,
                            r.mitragynine.cmax_ng_ml, r.mitragynine.auc_ng_h_ml, r.hydroxymitragynine.auc_ng_h_ml,
                            r.max_daily_mg_mg);
      c.subjects.push_back(r);
    }
    return Ok{};
  });
  EXPECT_TRUE(s) << (s ? "" : s.error().to_string());
  c.counts.assign(acc.raw().begin(), acc.raw().end());
  return c;
}

TEST(PopulationRun, SameBytesForAnyThreadCountAndBlockSize) {
  const Collected one = collect(make_run(150, 1, 64));
  const Collected two = collect(make_run(150, 2, 7));
  const Collected four = collect(make_run(150, 4, 1));
  EXPECT_EQ(one.rows, two.rows);
  EXPECT_EQ(one.rows, four.rows);
  EXPECT_EQ(one.counts, two.counts);
  EXPECT_EQ(one.counts, four.counts);
}

TEST(PopulationRun, SinkSeesEverySubjectOnceInOrder) {
  const Collected c = collect(make_run(150, 2, 8));
  ASSERT_EQ(c.subjects.size(), 150u);
  for (std::size_t i = 0; i < c.subjects.size(); ++i) EXPECT_EQ(c.subjects[i].index, i);
}

TEST(PopulationRun, SplitRangesMergeToTheWholeRun) {
  // What MPI ranks do: disjoint shares, histograms summed.
  PopulationRun first = make_run(120, 2, 16), second = make_run(120, 1, 16);
  first.options.last_subject = 45;
  second.options.first_subject = 45;
  BandAccumulator a = make_accumulator(first), b = make_accumulator(second);
  ASSERT_TRUE(run_population(first, a, {}));
  ASSERT_TRUE(run_population(second, b, {}));
  a.merge(b);
  const Collected whole = collect(make_run(120, 2, 16));
  EXPECT_EQ(std::vector<std::uint64_t>(a.raw().begin(), a.raw().end()), whole.counts);
}

TEST(PopulationRun, ThresholdCountsMatchSubjects) {
  const PopulationRun run = make_run(200, 2, 16);
  BandAccumulator acc = make_accumulator(run);
  std::vector<std::uint64_t> crossed(run.thresholds.size() + 1, 0);
  ASSERT_TRUE(run_population(run, acc, [&](const SubjectBlock& block) -> Status {
    for (const SubjectResult& r : block.subjects) {
      for (std::size_t i = 0; i < crossed.size(); ++i) crossed[i] += r.crossed[i] ? 1 : 0;
      // 60 mg a day at typical content, scaled by the subject's product.
      EXPECT_NEAR(r.max_daily_mg_mg, 60 * r.covariates.content_ratio, 1e-9);
      EXPECT_EQ(r.crossed[run.thresholds.size()], r.max_daily_mg_mg >= 80);
    }
    return Ok{};
  }));
  for (std::size_t i = 0; i < crossed.size(); ++i) EXPECT_EQ(acc.counter(i), crossed[i]);
  EXPECT_GT(crossed.back(), 0u);    // some products are strong enough
  EXPECT_LT(crossed.back(), 200u);  // and most are not
}

TEST(PopulationRun, MedianBandTracksTheMedianSubject) {
  // At the grid point of the first peak, the band's median lies within the subjects' spread and
  // the 5 %..95 % band brackets it.
  const PopulationRun run = make_run(300, 2, 32);
  BandAccumulator acc = make_accumulator(run);
  ASSERT_TRUE(run_population(run, acc, {}));
  EXPECT_EQ(acc.samples(0, 1), 300u);
  const double p5 = acc.quantile(0, 1, 0.05), p50 = acc.quantile(0, 1, 0.5), p95 = acc.quantile(0, 1, 0.95);
  EXPECT_LT(p5, p50);
  EXPECT_LT(p50, p95);
  EXPECT_GT(p50, 1);   // ng/mL an hour after 30 mg
  EXPECT_LT(p50, 200);
  EXPECT_EQ(acc.quantile(0, 0, 0.5), 0);  // before the first dose is absorbed: nothing
}

TEST(BandAccumulator, QuantilesMatchExactOnesWithinABin) {
  BandAccumulator acc(1, population_outputs(false), 0);
  RandomStream r(9, 9);
  std::vector<double> values;
  for (int i = 0; i < 20000; ++i) {
    const double v = 10 * std::exp(1.2 * r.normal());
    values.push_back(v);
    acc.add(0, 0, v);
  }
  std::sort(values.begin(), values.end());
  for (double q : {0.05, 0.5, 0.95}) {
    const double exact = values[static_cast<std::size_t>(q * static_cast<double>(values.size()))];
    EXPECT_NEAR(acc.quantile(0, 0, q), exact, 0.02 * exact) << q;
  }
}

TEST(BandAccumulator, LinearAxisClampsOutOfRangeValues) {
  BandAccumulator acc(1, {{"index", 0, 1, false}}, 0);
  acc.add(0, 0, -5);
  acc.add(0, 0, 0.5);
  acc.add(0, 0, 7);
  EXPECT_EQ(acc.quantile(0, 0, 0.1), 0);
  EXPECT_NEAR(acc.quantile(0, 0, 0.5), 0.5, 1.0 / BandAccumulator::kBins);
  EXPECT_EQ(acc.quantile(0, 0, 0.99), 1);
}

TEST(MaxDailyMg, LargestSumInAny24HourWindow) {
  std::vector<Event> events;
  for (double t : {0.0, 6.0, 12.0, 40.0, 41.0, 42.0, 43.0}) {
    Event e;
    e.t_h = t;
    e.amt_mg = t < 24 ? 10 : 20;
    events.push_back(e);
  }
  EXPECT_DOUBLE_EQ(max_daily_mg(events), 80);  // 40..43 h; the first day holds only 30
  Event oh;
  oh.t_h = 41;
  oh.cmt = Compartment::kGutOh;
  oh.amt_mg = 500;
  events.insert(events.begin() + 4, oh);
  EXPECT_DOUBLE_EQ(max_daily_mg(events), 80);  // 7-OH doses are not MG
}

}  // namespace
}  // namespace speciosa::sim
