#include "speciosa/pharm/tolerance.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "support/mechanism_fixture.hpp"

namespace speciosa::pharm {
namespace {

using State = std::array<double, kToleranceStateSize>;

// Classical RK4 on the tolerance states alone, with a constant mu activity.
State run(State y, double mu, double hours, const ToleranceParams& p) {
  const double h = 0.01;
  const auto f = [&](const State& s) {
    State d{};
    derivatives(0, s, p, mu, d);
    return d;
  };
  for (double t = 0; t < hours; t += h) {
    const State k1 = f(y);
    State y2, y3, y4;
    for (int i = 0; i < kToleranceStateSize; ++i) y2[i] = y[i] + 0.5 * h * k1[i];
    const State k2 = f(y2);
    for (int i = 0; i < kToleranceStateSize; ++i) y3[i] = y[i] + 0.5 * h * k2[i];
    const State k3 = f(y3);
    for (int i = 0; i < kToleranceStateSize; ++i) y4[i] = y[i] + h * k3[i];
    const State k4 = f(y4);
    for (int i = 0; i < kToleranceStateSize; ++i) {
      y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
  }
  return y;
}

TEST(Tolerance, DrugNaiveStateIsAtRest) {
  const ToleranceParams p = testing::typical_mechanism_params().tolerance;
  State y{};
  tolerance_initial_state(y);
  State dy{};
  derivatives(0, y, p, 0, dy);
  EXPECT_EQ(dy[kTone], 0);
  EXPECT_EQ(dy[kModerator], 0);
  EXPECT_EQ(tolerance_level(y), 0);
  EXPECT_EQ(withdrawal_level(y), 0);
}

TEST(Tolerance, ConstantActivityGivesPartialToleranceAtTheAnalyticSteadyState) {
  // Steady state of the moderator model: R = M = sqrt(1 + E).
  const ToleranceParams p = testing::typical_mechanism_params().tolerance;
  const double mu = 0.1;
  State y{};
  tolerance_initial_state(y);
  y = run(y, mu, 2000, p);
  const double m = std::sqrt(1 + relief(mu, p));
  EXPECT_NEAR(y[kModerator], m, 1e-6);
  EXPECT_NEAR(tolerance_level(y), 1 - 1 / m, 1e-6);
  EXPECT_NEAR(withdrawal_level(y), 0, 1e-6);
}

TEST(Tolerance, StoppingAfterAdaptationGivesWithdrawalThatResolves) {
  const ToleranceParams p = testing::typical_mechanism_params().tolerance;
  State y{};
  tolerance_initial_state(y);
  y = run(y, 0.1, 2000, p);
  const State after_1d = run(y, 0, 24, p);
  EXPECT_GT(withdrawal_level(after_1d), 0.2);
  const State after_14d = run(after_1d, 0, 13 * 24, p);
  EXPECT_LT(withdrawal_level(after_14d), 0.01);
  EXPECT_LT(tolerance_level(after_14d), 0.01);
}

}  // namespace
}  // namespace speciosa::pharm
