#include "speciosa/pharm/tolerance.hpp"

#include <algorithm>

#include "hill.hpp"

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
  const double expressed = detail::hill(tone_deficit(state), p.withdrawal_d50, p.withdrawal_hill);
  out[kWithdrawal] = p.withdrawal_k_per_h * (expressed - state[kWithdrawal]);
}

double tolerance_level(std::span<const double> state) {
  return std::max(0.0, 1 - 1 / state[kModerator]);
}

double tone_deficit(std::span<const double> state) {
  return std::max(0.0, (state[kModerator] - state[kTone]) / state[kModerator]);
}

double withdrawal_level(std::span<const double> state) { return std::max(0.0, state[kWithdrawal]); }

void tolerance_initial_state(std::span<double> state) {
  state[kTone] = 1;
  state[kModerator] = 1;
  state[kWithdrawal] = 0;
}

}  // namespace speciosa::pharm
