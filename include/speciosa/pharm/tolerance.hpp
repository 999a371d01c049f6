// speciosa pharm/tolerance: adaptation to mu-opioid activity and the opponent (withdrawal)
// process, as pure math.
//
// Moderator (feedback) model (Zuideveld et al. 2001; models.md §2.6):
//   relief E = emax·mu/(ec50 + mu)                      acute opioid effect on "tone"
//   dR/dt = kout·((1 + E)/M − R)                        tone, 1 when drug-naive
//   dM/dt = ktol·(R − M)                                slow moderator (adaptation)
//   tolerance = 1 − 1/M,  withdrawal = max(0, (M − R)/M)
// Sustained activity raises M (tolerance); when activity falls faster than M can follow, R
// drops below M: interdose withdrawal at troughs, and a withdrawal course after stopping.
// All rate constants are theoretical (no human kratom data identify them).
// Pure: no I/O, no globals, no allocation. Thread-safe.
#pragma once

#include <span>

namespace speciosa::pharm {

enum ToleranceIndex : int { kTone = 0, kModerator = 1 };
inline constexpr int kToleranceStateSize = 2;

struct ToleranceParams {
  double kout_per_h = 0;    ///< turnover of the tone R (fast relief dynamics)
  double ktol_per_h = 0;    ///< adaptation rate of the moderator M
  double relief_emax = 0;   ///< maximal relative rise of tone
  double relief_ec50 = 0;   ///< mu activity (0..1) giving half of relief_emax
};

/// Acute relief E(mu) before adaptation.
double relief(double mu_activity, const ToleranceParams& p);

/// Derivatives of (R, M) given the current mu activity.
void derivatives(double t_h, std::span<const double> state, const ToleranceParams& p,
                 double mu_activity, std::span<double> out);

/// 1 − 1/M: 0 drug-naive, approaching 1 with full adaptation.
double tolerance_level(std::span<const double> state);
/// max(0, (M − R)/M): how far tone has fallen below the adapted level.
double withdrawal_level(std::span<const double> state);

/// The drug-naive state (R = M = 1).
void tolerance_initial_state(std::span<double> state);

}  // namespace speciosa::pharm
