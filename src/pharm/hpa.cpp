#include "speciosa/pharm/hpa.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace speciosa::pharm {
namespace {
constexpr double kOmegaPerH = 2 * std::numbers::pi / 24.0;

double gr_feedback(double cortisol_nmol_l, const HpaParams& p) {
  return 1 / (1 + std::pow(std::max(0.0, cortisol_nmol_l) / p.kgr_nmol_l, p.gr_hill));
}
}  // namespace

double circadian_drive(double clock_h, const HpaParams& p) {
  return std::max(0.0, 1 + p.amp24 * std::cos(kOmegaPerH * (clock_h - p.phase24_h)) +
                           p.amp12 * std::cos(2 * kOmegaPerH * (clock_h - p.phase12_h)));
}

void derivatives(double /*t_h*/, std::span<const double> state, const HpaParams& p, HpaInputs in,
                 std::span<double> out) {
  const double m = std::max(0.0, in.mu_adapted);
  const double suppression = p.opioid_imax * m / (p.opioid_ec50 + m);
  const double drive = circadian_drive(in.clock_h, p) * (1 - suppression) *
                       (1 + p.withdrawal_gain * std::max(0.0, in.withdrawal));
  const double g = gr_feedback(state[kCortisol], p);
  out[kCrh] = p.k_crh_per_h * (p.gain_nmol_l * drive * g - state[kCrh]);
  out[kActh] = p.k_acth_per_h * (state[kCrh] * g - state[kActh]);
  out[kCortisol] = p.k_cortisol_per_h * (state[kActh] - state[kCortisol]);
}

void hpa_initial_state(double clock_h, const HpaParams& p, std::span<double> state) {
  // Solve F = gain·D·G(F)^2 by bisection: the loop gain is monotone in F.
  const double target = p.gain_nmol_l * circadian_drive(clock_h, p);
  double lo = 0, hi = std::max(1.0, target);
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    const double g = gr_feedback(mid, p);
    (target * g * g > mid ? lo : hi) = mid;
  }
  const double f = 0.5 * (lo + hi);
  const double g = gr_feedback(f, p);
  state[kCrh] = target * g;
  state[kActh] = f;
  state[kCortisol] = f;
}

}  // namespace speciosa::pharm
