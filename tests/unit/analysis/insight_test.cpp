// Ground truth: synthetic journals generated from the model (tests/support/synthetic_journal.hpp).
// The analysis must find rebound where it was built in and not claim it where anxiety is
// unrelated to dosing; the same for escalation.
#include <gtest/gtest.h>

#include "analysis_fixture.hpp"
#include "support/synthetic_journal.hpp"

namespace speciosa::analysis {
namespace {

using testing::hours_after;
using testing::SyntheticSpec;
using testing::synthetic_person;
using testing::test_day0;
using testing::test_knowledge;

Insight run(const SyntheticSpec& spec, int weeks = 4) {
  const PersonData data = synthetic_person(test_knowledge(), spec, test_day0());
  InsightOptions o;
  o.now = hours_after(test_day0(), 24.0 * spec.days);
  o.days = spec.days;
  o.weeks = weeks;
  auto result = insight(test_knowledge(), data, o);
  SPECIOSA_ASSERT(result.has_value(), "insight runs on a synthetic journal");
  return std::move(result).value();
}

TEST(Rebound, FoundWhenAnxietyFollowsTheToneDeficit) {
  for (std::uint64_t seed : {1, 2, 3}) {
    SyntheticSpec spec;
    spec.seed = seed;
    spec.days = 21;
    const Insight in = run(spec, 3);
    EXPECT_TRUE(in.rebound.detected) << "seed " << seed << ": " << in.rebound.finding;
    EXPECT_NE(in.rebound.strength, "none");
    EXPECT_EQ(in.rebound.n_checkins, 62);  // 3 a day for 21 days, less the one before the first dose
    ASSERT_TRUE(in.rebound.tone_deficit_fit.has_value());
    EXPECT_GT(in.rebound.tone_deficit_fit->ci_low, 0);
    EXPECT_GT(in.rebound.relief_ci_low.value_or(0), 0) << "the next dose relieves it, seed " << seed;
  }
}

TEST(Rebound, NotClaimedWhenAnxietyIsUnrelatedToDosing) {
  for (std::uint64_t seed : {1, 2, 3}) {
    SyntheticSpec spec;
    spec.seed = seed;
    spec.days = 21;
    spec.rebound = false;
    const Insight in = run(spec, 3);
    EXPECT_FALSE(in.rebound.detected) << "seed " << seed << ": " << in.rebound.finding;
    EXPECT_EQ(in.rebound.strength, "none");
  }
}

TEST(Rebound, SaysHowMuchDataItNeeds) {
  SyntheticSpec spec;
  spec.days = 7;
  const Insight in = run(spec, 1);
  EXPECT_FALSE(in.rebound.detected);
  EXPECT_EQ(in.rebound.strength, "not-enough-data");
  EXPECT_EQ(in.rebound.n_needed, 50);
  EXPECT_EQ(in.rebound.days_needed, 14);
  EXPECT_NE(in.rebound.finding.find("Not enough data yet"), std::string::npos);
  EXPECT_NE(in.rebound.finding.find("at least 50"), std::string::npos);
}

TEST(Escalation, FoundWhenTheDailyAmountKeepsRising) {
  SyntheticSpec spec;
  spec.days = 42;
  spec.daily_growth = 0.015;  // 1.015^42 ≈ 1.87: the dose almost doubles over six weeks
  const Insight in = run(spec, 6);
  EXPECT_TRUE(in.escalation.enough_data);
  EXPECT_TRUE(in.escalation.detected) << in.escalation.finding;
  ASSERT_TRUE(in.escalation.mg_per_day_change.has_value());
  EXPECT_GT(*in.escalation.mg_per_day_change, 0.25);
}

TEST(Escalation, NotClaimedForStableUse) {
  SyntheticSpec spec;
  spec.days = 42;
  const Insight in = run(spec, 6);
  EXPECT_TRUE(in.escalation.enough_data);
  EXPECT_FALSE(in.escalation.detected) << in.escalation.finding;
  ASSERT_TRUE(in.escalation.mg_per_day_change.has_value());
  EXPECT_NEAR(*in.escalation.mg_per_day_change, 0, 1e-9);
}

// Logging that begins mid-week makes that week look like lower use; it must not read as escalation.
TEST(Escalation, TheWeekTheLogBeginsInIsLeftOut) {
  SyntheticSpec spec;
  spec.days = 52;  // 7 weeks and 3 days: the oldest of 8 weeks has doses on its last 3 days only
  const Insight in = run(spec, 8);
  ASSERT_EQ(in.weeks.size(), 8u);
  EXPECT_FALSE(in.weeks[0].whole_week);
  EXPECT_EQ(in.weeks[0].doses, 9);
  EXPECT_TRUE(in.weeks[1].whole_week);
  EXPECT_EQ(in.escalation.weeks_with_use, 7);
  ASSERT_TRUE(in.escalation.mg_per_day_change.has_value());
  EXPECT_NEAR(*in.escalation.mg_per_day_change, 0, 1e-9);
  EXPECT_FALSE(in.escalation.detected) << in.escalation.finding;
}

TEST(Insight, WeeklyUseFromTheDoseLogByHand) {
  SyntheticSpec spec;
  spec.days = 14;
  const Insight in = run(spec, 2);
  ASSERT_EQ(in.weeks.size(), 2u);
  const WeekUse& w = in.weeks[1];
  EXPECT_EQ(w.doses, 21);
  EXPECT_NEAR(w.grams_per_day, 6.0, 1e-9);
  EXPECT_NEAR(w.doses_per_day, 3.0, 1e-12);
  // leaf-generic carries 1.5 % MG (data/products.toml): 6 g/day -> 90 mg/day.
  EXPECT_NEAR(w.mg_per_day, 6000 * test_knowledge().find_product("leaf-generic")->mg_fraction.typical, 1e-9);
  EXPECT_NEAR(*w.median_interval_h, 6.0, 1e-12);
  EXPECT_NEAR(*w.first_dose_local_h, 8.0, 1e-12);
}

TEST(Insight, ExposureLaidUnderEveryCheckin) {
  SyntheticSpec spec;
  spec.days = 3;
  const Insight in = run(spec, 1);
  ASSERT_EQ(in.checkins.size(), 9u);
  // 07:30 on day 0 is before the first dose; 10:00 is 2 h after the 08:00 dose.
  EXPECT_FALSE(in.checkins[0].exposure.hours_since_last_dose.has_value());
  EXPECT_EQ(in.checkins[0].exposure.mg_ng_ml, 0);
  EXPECT_NEAR(*in.checkins[1].exposure.hours_since_last_dose, 2.0, 1e-12);
  EXPECT_GT(in.checkins[1].exposure.mg_ng_ml, 0);
  EXPECT_GT(in.checkins[1].exposure.mu_activity, 0);
}

TEST(Insight, JsonContractOfDesignMd) {
  SyntheticSpec spec;
  spec.days = 21;
  const nlohmann::json j = to_json(run(spec, 3));
  ASSERT_TRUE(j.contains("rebound"));
  EXPECT_TRUE(j["rebound"]["detected"].is_boolean());
  EXPECT_TRUE(j["rebound"].contains("strength"));
  EXPECT_EQ(j["rebound"]["n_checkins"], 62);
  EXPECT_TRUE(j["escalation"]["detected"].is_boolean());
  EXPECT_FALSE(j["findings"].empty());
}

}  // namespace
}  // namespace speciosa::analysis
