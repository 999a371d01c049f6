#include "speciosa/pharm/pd.hpp"

#include <algorithm>
#include <cmath>

#include "hill.hpp"

namespace speciosa::pharm {
using detail::hill;

void derivatives(double /*t_h*/, std::span<const double> state, const PdParams& p,
                 PlasmaConc plasma, std::span<double> out) {
  out[kEffectMg] = p.ke0_per_h * (plasma.mg_nm - state[kEffectMg]);
  out[kEffectOh] = p.ke0_per_h * (plasma.oh_nm - state[kEffectOh]);
}

Operational operational_from_ec50(double ec50_nm, double emax) {
  const double tau = emax / (1 - emax);
  return {tau, ec50_nm * (1 + tau)};
}

ReceptorActivity receptor_activity(std::span<const double> state, const PdParams& p) {
  ReceptorActivity r;
  // Negative values can appear transiently inside the solver; a concentration is never < 0.
  r.mg_unbound_nm = p.fu_mg * p.kpuu * std::max(0.0, state[kEffectMg]);
  r.oh_unbound_nm = p.fu_oh * p.kpuu * std::max(0.0, state[kEffectOh]);

  // Two agonists competing for one receptor population (Black & Leff 1983, n = 1):
  // stimulus S = sum(tau_i x_i) / (1 + sum x_i), effect = S / (1 + S), x_i = A_i / KA_i.
  const Operational mg = operational_from_ec50(p.ec50_mu_mg_nm, p.emax_mu_mg);
  const Operational oh = operational_from_ec50(p.ec50_mu_oh_nm, p.emax_mu_oh);
  const double x_mg = r.mg_unbound_nm / mg.ka_nm;
  const double x_oh = r.oh_unbound_nm / oh.ka_nm;
  const double stimulus = (mg.tau * x_mg + oh.tau * x_oh) / (1 + x_mg + x_oh);
  r.mu_activity = stimulus / (1 + stimulus);

  const double k_mg = r.mg_unbound_nm / p.ki_kor_mg_nm, k_oh = r.oh_unbound_nm / p.ki_kor_oh_nm;
  r.kor_occupancy = (k_mg + k_oh) / (1 + k_mg + k_oh);
  const double d_mg = r.mg_unbound_nm / p.ki_dor_mg_nm, d_oh = r.oh_unbound_nm / p.ki_dor_oh_nm;
  r.dor_occupancy = (d_mg + d_oh) / (1 + d_mg + d_oh);

  r.alpha2_activity = p.efficacy_a2_mg * r.mg_unbound_nm / (r.mg_unbound_nm + p.ki_a2_mg_nm);
  return r;
}

double mu_ceiling(const PdParams& p) { return std::max(p.emax_mu_mg, p.emax_mu_oh); }

Balance balance(const ReceptorActivity& r, double tolerance, const PdParams& p) {
  Balance b;
  const double sedative_drive = r.mu_activity * (1 - tolerance) + r.alpha2_activity;
  b.sedative_index = hill(sedative_drive, p.sed_ec50, p.sed_hill);
  // Sedation masks stimulation: the reviews describe high doses as sedating instead of
  // energising, not as both at once.
  b.stimulant_index = hill(r.mg_unbound_nm, p.stim_ec50_nm, p.stim_hill) * (1 - b.sedative_index);
  return b;
}

}  // namespace speciosa::pharm
