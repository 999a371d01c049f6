// Typical mechanism parameters, written out so unit tests need no file I/O. They mirror
// data/pd.toml and data/hpa.toml (mechanism_data_test.cpp checks that they agree).
#pragma once

#include <cmath>

#include "speciosa/sim_mechanism.hpp"

namespace speciosa::testing {

inline sim::MechanismParams typical_mechanism_params() {
  sim::MechanismParams m;
  auto& pd = m.pd;
  pd.fu_mg = 0.10;
  pd.fu_oh = 0.27;
  pd.kpuu = 1.0;
  pd.ke0_per_h = 0.693;
  pd.ec50_mu_mg_nm = 339;
  pd.emax_mu_mg = 0.34;
  pd.ec50_mu_oh_nm = 34.5;
  pd.emax_mu_oh = 0.47;
  pd.ki_kor_mg_nm = 1000;
  pd.ki_kor_oh_nm = 123;
  pd.ki_dor_mg_nm = 1000;
  pd.ki_dor_oh_nm = 155;
  pd.ki_a2_mg_nm = 1260;
  pd.efficacy_a2_mg = 0.2;
  pd.stim_ec50_nm = 3.0;
  pd.stim_hill = 1.5;
  pd.sed_ec50 = 0.065;
  pd.sed_hill = 3;
  auto& tol = m.tolerance;
  tol.kout_per_h = 1.0;
  tol.ktol_per_h = 0.0144;
  tol.relief_emax = 2.0;
  tol.relief_ec50 = 0.1;
  tol.withdrawal_k_per_h = 0.0578;
  tol.withdrawal_d50 = 0.1;
  tol.withdrawal_hill = 3;
  auto& hpa = m.hpa;
  hpa.k_crh_per_h = 0.17 * 60;
  hpa.k_acth_per_h = 0.035 * 60;
  hpa.k_cortisol_per_h = 0.0086 * 60;
  hpa.gain_nmol_l = 258.5;
  hpa.kgr_nmol_l = 800;
  hpa.gr_hill = 3;
  hpa.amp24 = 0.9;
  hpa.phase24_h = 7.75;
  hpa.amp12 = 0.4;
  hpa.phase12_h = 6.5;
  hpa.opioid_imax = 0.9;
  hpa.opioid_ec50 = 0.1;
  hpa.withdrawal_gain = 1.0;
  auto& anx = m.anxiety;
  anx.w_withdrawal = 1.0;
  anx.w_relief = 0.5;
  anx.w_cortisol = 0.5;
  return m;
}

/// Output grid 0, step, 2·step, ..., end.
inline std::vector<double> grid(double end_h, double step_h) {
  std::vector<double> g;
  const auto n = static_cast<int>(std::llround(end_h / step_h));
  for (int i = 0; i <= n; ++i) g.push_back(i * step_h);
  return g;
}

}  // namespace speciosa::testing
