// Kratom as perpetrator (other drugs' AUC ratios) and as victim (CYP3A inhibitors as
// co-medication).
#include <gtest/gtest.h>

#include "problems/pk_problems.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::sim {
namespace {

VictimModel midazolam_like() {
  VictimModel v;
  v.cyp3a_fm = 0.93;
  v.cyp3a_fg = 0.51;
  v.cyp2d6_fm = 0.9;
  v.ki_cyp3a_nm = 5700;
  v.ki_cyp2d6_nm = 1170;
  return v;
}

std::vector<Event> daily(int count, double amt_mg) {
  Event e;
  e.amt_mg = amt_mg;
  e.addl = count - 1;
  e.ii_h = 24;
  return expand_events({e});
}

TEST(VictimAucRatio, RisesWithTheDoseAndWithRepeatedUse) {
  const pharm::PkParams p = testing::typical_pk_params();
  auto small = predict_victim_auc_ratios(p, daily(1, 15), 0, midazolam_like());
  auto typical = predict_victim_auc_ratios(p, daily(1, 30), 0, midazolam_like());
  auto large = predict_victim_auc_ratios(p, daily(1, 150), 0, midazolam_like());
  auto repeated = predict_victim_auc_ratios(p, daily(14, 30), 13 * 24, midazolam_like());
  ASSERT_TRUE(small && typical && large && repeated);
  EXPECT_GT(small->cyp3a4, 1.0);
  EXPECT_LT(small->cyp3a4, typical->cyp3a4);
  EXPECT_LT(typical->cyp3a4, large->cyp3a4);
  EXPECT_GT(repeated->cyp3a4, typical->cyp3a4);
  // Mostly a gut-wall effect: bounded by the gut term's ceiling 1/Fg times a small liver term.
  EXPECT_LT(large->cyp3a4, 1.0 / 0.51 * 1.5);
  // CYP2D6: reversible only, at nanomolar unbound MG against a micromolar Ki.
  EXPECT_GT(typical->cyp2d6, 1.0);
  EXPECT_LT(typical->cyp2d6, 1.05);
}

TEST(VictimAucRatio, NoKratomMeansNoChange) {
  const pharm::PkParams p = testing::typical_pk_params();
  auto none = predict_victim_auc_ratios(p, {}, 0, midazolam_like());
  ASSERT_TRUE(none);
  EXPECT_NEAR(none->cyp3a4, 1.0, 1e-12);
  EXPECT_NEAR(none->cyp2d6, 1.0, 1e-12);
}

TEST(Comedication, CyP3aInhibitorRaisesMitragynineAndLowersSevenOh) {
  pharm::PkParams p = testing::typical_pk_params();
  SimulationOptions o;
  o.end_h = 168;
  auto alone = simulate(p, daily(7, 30), o);
  p.comed_cyp3a_activity = 0.2;  // a strong inhibitor
  auto with = simulate(p, daily(7, 30), o);
  ASSERT_TRUE(alone && with);
  const Summary a = summarize(*alone, {0, 24}), w = summarize(*with, {0, 24});
  EXPECT_GT(w.mitragynine.auc_total_ng_h_ml, 1.5 * a.mitragynine.auc_total_ng_h_ml);
  EXPECT_LT(w.hydroxymitragynine.auc_total_ng_h_ml, a.hydroxymitragynine.auc_total_ng_h_ml);
}

TEST(Comedication, StrengthsComeFromTheData) {
  auto k = knowledge::load_knowledge(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(k) << k.error().to_string();
  EXPECT_DOUBLE_EQ(*comedication_cyp3a_activity(*k, "strong"), 0.2);
  EXPECT_DOUBLE_EQ(*comedication_cyp3a_activity(*k, "moderate"), 0.5);
  EXPECT_DOUBLE_EQ(*comedication_cyp3a_activity(*k, "weak"), 0.8);
  EXPECT_EQ(comedication_cyp3a_activity(*k, "mild").error().accepted, "strong, moderate, weak");
  auto v = victim_model_from(*k);
  ASSERT_TRUE(v);
  EXPECT_DOUBLE_EQ(v->ki_cyp3a_nm, 5700);  // 5.7 uM stored in nM
}

}  // namespace
}  // namespace speciosa::sim
