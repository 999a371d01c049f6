// speciosa pharm/tolerance: adaptation to mu-opioid activity and the opponent (withdrawal)
// process, as pure math.
//
// Moderator (feedback) model (Zuideveld et al. 2001; models.md §2.6) with a sluggish opponent
// (b-) process that expresses the deficit as withdrawal (Solomon & Corbit 1974):
//   relief E = emax·mu/(ec50 + mu)                      acute opioid effect on "tone"
//   dR/dt = kout·((1 + E)/M − R)                        tone, 1 when drug-naive
//   dM/dt = ktol·(R − M)                                slow moderator (adaptation)
//   deficit D = max(0, (M − R)/M)                       tone below the adapted level
//   dB/dt = kb·(D^n/(D50^n + D^n) − B)                  withdrawal expression, 0..1
//   tolerance = 1 − 1/M,  withdrawal = B
// Sustained activity raises M (tolerance); when activity falls faster than M can follow, R
// drops below M: a deficit at interdose troughs and after stopping. Symptoms follow the
// deficit steeply (withdrawal rises steeply as opioid levels fall, Dyer et al. 1999) and with
// a lag of hours (the b-process), so they peak after the deficit does and fade before the
// slow drug tail is gone. All constants are theoretical (no human kratom data identify them).
// Pure: no I/O, no globals, no allocation. Thread-safe.
#pragma once

#include <span>

namespace speciosa::pharm {

enum ToleranceIndex : int { kTone = 0, kModerator = 1, kWithdrawal = 2 };
inline constexpr int kToleranceStateSize = 3;

struct ToleranceParams {
  double kout_per_h = 0;    ///< turnover of the tone R (fast relief dynamics)
  double ktol_per_h = 0;    ///< adaptation rate of the moderator M
  double relief_emax = 0;   ///< maximal relative rise of tone
  double relief_ec50 = 0;   ///< mu activity (0..1) giving half of relief_emax
  double withdrawal_k_per_h = 0;  ///< turnover rate kb of the withdrawal expression B
  double withdrawal_d50 = 0;      ///< deficit D giving half-maximal expression
  double withdrawal_hill = 1;     ///< steepness n of expression versus deficit
};

/// Acute relief E(mu) before adaptation.
double relief(double mu_activity, const ToleranceParams& p);

/// Derivatives of (R, M, B) given the current mu activity.
void derivatives(double t_h, std::span<const double> state, const ToleranceParams& p,
                 double mu_activity, std::span<double> out);

/// 1 − 1/M: 0 drug-naive, approaching 1 with full adaptation.
double tolerance_level(std::span<const double> state);
/// max(0, (M − R)/M): how far tone has fallen below the adapted level.
double tone_deficit(std::span<const double> state);
/// B: the withdrawal the deficit has built up, 0..1.
double withdrawal_level(std::span<const double> state);

/// The drug-naive state (R = M = 1, B = 0).
void tolerance_initial_state(std::span<double> state);

}  // namespace speciosa::pharm
