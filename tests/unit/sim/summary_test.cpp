#include <gtest/gtest.h>

#include <cmath>

#include "speciosa/sim.hpp"

namespace speciosa::sim {
namespace {

TEST(Nca, MonoexponentialDecayHasKnownHalfLifeAndAuc) {
  // C = 10·e^(−0.1 t): t½ = ln2/0.1 = 6.931 h, AUC0-inf = 100.
  std::vector<double> t, c;
  for (int i = 0; i <= 1200; ++i) {
    t.push_back(i * 0.1);
    c.push_back(10 * std::exp(-0.1 * t.back()));
  }
  const NcaMetrics m = nca(t, c, 24, 120);
  EXPECT_NEAR(m.half_life_h, std::log(2.0) / 0.1, 1e-9);
  EXPECT_NEAR(m.auc_inf_ng_h_ml, 100.0, 0.01);  // trapezoid error at a 0.1 h step
  EXPECT_DOUBLE_EQ(m.cmax_ng_ml, 10.0);
  EXPECT_DOUBLE_EQ(m.tmax_h, 0.0);
}

TEST(Summarize, HandComputedSawtooth) {
  // Two doses at 0 and 2 h; concentration 0,4,2 then 2,6,4 on a 1 h grid.
  Series s;
  s.t_h = {0, 1, 2, 3, 4};
  s.mg_ng_ml = {0, 4, 2, 6, 4};
  s.oh_ng_ml = {0, 1, 0, 1, 0};
  const Summary sum = summarize(s, {0, 2}, SteadyStateTroughs{2.0, 0.0});
  EXPECT_DOUBLE_EQ(sum.mitragynine.cmax_ng_ml, 6);
  EXPECT_DOUBLE_EQ(sum.mitragynine.tmax_h, 1);          // 1 h after the dose at 2 h
  EXPECT_DOUBLE_EQ(sum.mitragynine.auc_total_ng_h_ml, 2 + 3 + 4 + 5);
  EXPECT_DOUBLE_EQ(sum.mitragynine.auc_last_tau_ng_h_ml, 4 + 5);
  EXPECT_DOUBLE_EQ(sum.mitragynine.accumulation_ratio, 9.0 / 5.0);
  EXPECT_DOUBLE_EQ(sum.mitragynine.trough_ng_ml, 4);    // value at 1 h, the last point before 2 h
  ASSERT_TRUE(sum.mitragynine.t90_ss_h);
  EXPECT_DOUBLE_EQ(*sum.mitragynine.t90_ss_h, 2);  // trough 4 >= 0.9 · 2
  EXPECT_FALSE(summarize(s, {0, 2}).mitragynine.t90_ss_h);  // unknown without the steady state
}

}  // namespace
}  // namespace speciosa::sim
