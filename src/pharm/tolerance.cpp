#include "speciosa/pharm/tolerance.hpp"

#include <algorithm>

namespace speciosa::pharm {

double relief(double mu_activity, const ToleranceParams& p) {
  const double mu = std::max(0.0, mu_activity);
  return p.relief_emax * mu / (p.relief_ec50 + mu);
}

void derivatives(double /*t_h*/, std::span<const double> state, const ToleranceParams& p,
                 double mu_activity, std::span<double> out) {
  const double tone = state[kTone];
  const double moderator = state[kModerator];
  out[kTone] = p.kout_per_h * ((1 + relief(mu_activity, p)) / moderator - tone);
  out[kModerator] = p.ktol_per_h * (tone - moderator);
}

double tolerance_level(std::span<const double> state) {
  return std::max(0.0, 1 - 1 / state[kModerator]);
}

double withdrawal_level(std::span<const double> state) {
  return std::max(0.0, (state[kModerator] - state[kTone]) / state[kModerator]);
}

void tolerance_initial_state(std::span<double> state) {
  state[kTone] = 1;
  state[kModerator] = 1;
}

}  // namespace speciosa::pharm
