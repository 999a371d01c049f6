// Reference problems with exact solutions, shared by the solver tests and benchmarks.
#pragma once

#include <cmath>

#include "speciosa/pharm/pk.hpp"

namespace speciosa::testing {

/// A complete, plausible parameter set (close to data/pk.toml) for tests that must not depend
/// on the knowledge base.
inline pharm::PkParams typical_pk_params() {
  pharm::PkParams p;
  p.ka_mg_per_h = 1.8;
  p.fa_mg = 0.4;
  p.fg0_mg = 0.7;
  p.q_ent_l_h = 18;
  p.q_h_l_h = 90;
  p.fu_mg = 0.1;
  p.clint_u_mg_l_h = 500;
  p.fm_cyp3a_mg = 0.8;
  p.vc_mg_l = 100;
  p.q_mg_l_h = 50;
  p.vp_mg_l = 1200;
  p.f7oh_of_cyp3a = 0.15;
  p.cl_oh_l_h = 40;
  p.v_oh_l = 80;
  p.ka_oh_per_h = 4;
  p.f_oh_oral = 0.4;
  p.ki_gut_nm = 4200;
  p.kinact_gut_per_h = 0.079 * 60;
  p.kdeg_gut_per_h = 0.00048 * 60;
  p.ki_liver_nm = 4100;
  p.kinact_liver_per_h = 0.068 * 60;
  p.kdeg_liver_per_h = 0.00032 * 60;
  p.mw_mg_g_mol = 398.50;
  p.mw_oh_g_mol = 414.50;
  return p;
}

/// One-compartment oral model: with Q = 0 the MG central compartment has the Bateman solution
/// C(t) = F·D·ka / (V·(ka − k)) · (e^(−k t) − e^(−ka t)), F = Fa·Fg·Fh, k = CL/V.
inline double one_cmt_oral_conc_ng_ml(const pharm::PkParams& p, double dose_mg, double t_h) {
  const pharm::PkRates r = pharm::pk_rates(p, 1.0, 1.0);
  const double f = p.fa_mg * r.fg * (1.0 - r.eh);
  const double k = r.cl_sys_l_h / p.vc_mg_l;
  const double dose_nmol = dose_mg * 1e6 / p.mw_mg_g_mol;
  const double amount = f * dose_nmol * p.ka_mg_per_h / (p.ka_mg_per_h - k) *
                        (std::exp(-k * t_h) - std::exp(-p.ka_mg_per_h * t_h));
  return amount / p.vc_mg_l * p.mw_mg_g_mol / 1000.0;
}

}  // namespace speciosa::testing
