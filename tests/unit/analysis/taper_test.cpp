// Taper planner: the property that every day keeps the modelled fall in mu activity under the
// limit, whatever step is asked for; holds; and input checks.
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

constexpr int kJournalDays = 14;

PersonData regular_user() {
  SyntheticSpec spec;
  spec.days = kJournalDays;
  spec.rebound = false;  // anxiety does not matter here
  return synthetic_person(test_knowledge(), spec, test_day0());
}

TaperOptions options(double step) {
  TaperOptions o;
  o.now = hours_after(test_day0(), 24.0 * kJournalDays);
  o.step_fraction = step;
  return o;
}

TEST(Taper, EveryDayKeepsTheFallInMuActivityUnderTheLimit) {
  const PersonData data = regular_user();
  for (double step : {0.25, 0.5}) {
    auto plan = plan_taper(test_knowledge(), data, options(step));
    ASSERT_TRUE(plan.has_value()) << plan.error().to_string();
    ASSERT_GT(plan->fall_limit, 0);
    EXPECT_NEAR(plan->start_mg_per_day, 6000 * test_knowledge().find_product("leaf-generic")->mg_fraction.typical,
                1e-9);
    EXPECT_EQ(plan->doses_per_day, 3);
    for (const TaperDay& d : plan->days) {
      EXPECT_LE(d.mu_fall, plan->fall_limit + 1e-12) << "step " << step << ", day " << d.day;
    }
    EXPECT_EQ(plan->days.back().mg_per_day, 0);  // the plan ends off kratom
    for (std::size_t i = 1; i < plan->days.size(); ++i) {
      EXPECT_LE(plan->days[i].mg_per_day, plan->days[i - 1].mg_per_day);  // never back up
    }
  }
}

TEST(Taper, ALargeStepIsSplitWhereTheModelSaysTheFallWouldBeTooSteep) {
  auto plan = plan_taper(test_knowledge(), regular_user(), options(0.5));
  ASSERT_TRUE(plan.has_value());
  int split = 0;
  for (const TaperDay& d : plan->days) split += d.reason.find("half-size step") != std::string::npos;
  EXPECT_GT(split, 0);
}

TEST(Taper, AHeldStepLastsTwoWeeks) {
  TaperOptions o = options(0.25);
  o.hold_steps = {1};
  auto plan = plan_taper(test_knowledge(), regular_user(), o);
  ASSERT_TRUE(plan.has_value());
  int days_on_step_1 = 0;
  for (const TaperDay& d : plan->days) days_on_step_1 += d.step == 1;
  EXPECT_EQ(days_on_step_1, 14);
  const nlohmann::json j = to_json(*plan);
  EXPECT_EQ(j["days"][7]["step"], 1);
  EXPECT_FALSE(j["reasons"].empty());
}

TEST(Taper, RejectsStepsOutsideTheAcceptedRange) {
  auto plan = plan_taper(test_knowledge(), regular_user(), options(0.9));
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().where, "--step");
  EXPECT_EQ(plan.error().code, ErrorCode::kInvalidInput);
}

TEST(Taper, NeedsRecentUse) {
  TaperOptions o = options(0.1);
  o.now = hours_after(test_day0(), 24.0 * (kJournalDays + 30));
  auto plan = plan_taper(test_knowledge(), regular_user(), o);
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace speciosa::analysis
