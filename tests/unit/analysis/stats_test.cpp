// Statistics building blocks against values computed by hand.
#include <gtest/gtest.h>

#include "speciosa/analysis.hpp"

namespace speciosa::analysis {
namespace {

TEST(FitLine, MatchesTheHandComputedLeastSquaresLineAndInterval) {
  // x 1..5, y 2 4 5 4 5: slope 6/10, intercept 4 − 0.6·3; RSS 2.4, σ² 0.8, SE √0.08,
  // t(0.975, 3) = 3.182 -> half-width 0.900; r = 6/√(10·6).
  auto fit = fit_line({1, 2, 3, 4, 5}, {2, 4, 5, 4, 5});
  ASSERT_TRUE(fit.has_value());
  EXPECT_NEAR(fit->slope, 0.6, 1e-12);
  EXPECT_NEAR(fit->intercept, 2.2, 1e-12);
  EXPECT_NEAR(fit->ci_low, 0.6 - 3.182 * std::sqrt(0.08), 1e-9);
  EXPECT_NEAR(fit->ci_high, 0.6 + 3.182 * std::sqrt(0.08), 1e-9);
  EXPECT_NEAR(fit->r, 6 / std::sqrt(60.0), 1e-12);
  EXPECT_EQ(fit->n, 5);
}

TEST(FitLine, NeedsThreePointsAndVaryingX) {
  EXPECT_FALSE(fit_line({1, 2}, {1, 2}).has_value());
  EXPECT_FALSE(fit_line({3, 3, 3}, {1, 2, 3}).has_value());
}

TEST(FitLine, LargeSampleIntervalUsesTheNormalQuantileApproximately) {
  // y = x exactly except alternating ±1: slope 1; with n = 200 the t quantile is ≈ 1.972.
  std::vector<double> x, y;
  for (int i = 0; i < 200; ++i) {
    x.push_back(i);
    y.push_back(i + (i % 2 == 0 ? 1.0 : -1.0));
  }
  auto fit = fit_line(x, y);
  ASSERT_TRUE(fit.has_value());
  double sxx = 0;
  for (double xi : x) sxx += (xi - 99.5) * (xi - 99.5);
  double rss = 0;
  for (int i = 0; i < 200; ++i) {
    const double e = y[i] - fit->intercept - fit->slope * x[i];
    rss += e * e;
  }
  const double se = std::sqrt(rss / 198 / sxx);
  EXPECT_NEAR((fit->ci_high - fit->slope) / se, 1.972, 0.002);
}

TEST(RobustFitLine, OneWildRatingDoesNotDecideTheSlope) {
  std::vector<double> x, y;
  for (int i = 0; i < 10; ++i) {
    x.push_back(i);
    y.push_back(2.0 * i + 1);
  }
  y[9] = 100;  // an outlier 81 above the line
  auto ols = fit_line(x, y);
  auto robust = robust_fit_line(x, y);
  ASSERT_TRUE(ols && robust);
  EXPECT_NEAR(ols->slope, 2 + 81 * 4.5 / 82.5, 1e-9);  // OLS is pulled to 6.42
  EXPECT_NEAR(robust->slope, 2.0, 0.1);
}

TEST(ScaleStability, SuccessiveDifferencesOnlyWithinTheMaximumGap) {
  // Day 0 at 8, 12, 16 h; day 1 at 8, 12, 16 h; day 2 at 8 h. Overnight gaps (16 h) are skipped.
  const std::vector<TimedValue> v{{8, 2}, {12, 5}, {16, 4}, {32, 6}, {36, 6}, {40, 3}, {56, 7}};
  const ScaleStability s = scale_stability(v, 8.0, 3.0);
  EXPECT_EQ(s.n, 7);
  EXPECT_NEAR(s.mean, 33.0 / 7, 1e-12);
  ASSERT_TRUE(s.sd.has_value());
  EXPECT_NEAR(*s.sd, std::sqrt((175 - 33.0 * 33 / 7) / 6), 1e-12);  // 1.7995
  EXPECT_EQ(s.n_pairs, 4);                                          // 3, −1, 0, −3
  ASSERT_TRUE(s.mssd && s.rmssd && s.pac);
  EXPECT_NEAR(*s.mssd, 19.0 / 4, 1e-12);
  EXPECT_NEAR(*s.rmssd, std::sqrt(19.0 / 4), 1e-12);
  EXPECT_NEAR(*s.pac, 0.5, 1e-12);  // |3| and |−3| reach the 3-point threshold
  // Daily means 11/3, 5, 7 at weeks 0, 1/7, 2/7: 5/3 per day = 35/3 per week; RSS 2/27 with one
  // degree of freedom, t = 12.706.
  ASSERT_TRUE(s.trend.has_value());
  EXPECT_NEAR(s.trend->slope, 35.0 / 3, 1e-9);
  const double half_per_day = 12.706 * std::sqrt((2.0 / 27) / 2);
  EXPECT_NEAR(s.trend->ci_high - s.trend->slope, 7 * half_per_day, 1e-9);
  EXPECT_EQ(s.trend->n, 3);
}

TEST(ScaleStability, APairExactlyAtTheMaximumGapCounts) {
  const ScaleStability s = scale_stability({{0, 1}, {8, 4}, {16.5, 4}}, 8.0, 3.0);
  EXPECT_EQ(s.n_pairs, 1);
  EXPECT_NEAR(*s.mssd, 9, 1e-12);
  EXPECT_NEAR(*s.pac, 1, 1e-12);
}

TEST(ScaleStability, OneRatingHasAMeanButNoSpreadOrPairs) {
  const ScaleStability s = scale_stability({{5, 4}}, 8.0, 3.0);
  EXPECT_EQ(s.n, 1);
  EXPECT_EQ(s.mean, 4);
  EXPECT_FALSE(s.sd.has_value());
  EXPECT_FALSE(s.mssd.has_value());
  EXPECT_FALSE(s.trend.has_value());
}

TEST(Gad7Band, SpitzerCutPoints) {
  EXPECT_EQ(gad7_band(0), "minimal");
  EXPECT_EQ(gad7_band(4), "minimal");
  EXPECT_EQ(gad7_band(5), "mild");
  EXPECT_EQ(gad7_band(9), "mild");
  EXPECT_EQ(gad7_band(10), "moderate");
  EXPECT_EQ(gad7_band(14), "moderate");
  EXPECT_EQ(gad7_band(15), "severe");
  EXPECT_EQ(gad7_band(21), "severe");
}

}  // namespace
}  // namespace speciosa::analysis
