#include "speciosa/pharm/pk.hpp"

#include "speciosa/common.hpp"

namespace speciosa::pharm {

PkRates pk_rates(const PkParams& p, double enzyme_gut, double enzyme_liver) {
  PkRates r;
  // Intestinal availability with CYP3A-only gut-wall extraction: Fg = 1 / (1 + CLint,g/Qent),
  // where CLint,g/Qent = 1/Fg0 - 1 at baseline and scales with the active enzyme (Yang 2007).
  const double gut_activity = enzyme_gut * p.comed_cyp3a_activity;
  r.fg = 1.0 / (1.0 + (1.0 / p.fg0_mg - 1.0) * gut_activity);
  // Well-stirred liver: only the CYP3A share of intrinsic clearance is inhibitable.
  const double cyp3a_clint = p.clint_u_mg_l_h * p.fm_cyp3a_mg * enzyme_liver * p.comed_cyp3a_activity;
  const double other_clint = p.clint_u_mg_l_h * (1.0 - p.fm_cyp3a_mg);
  const double fu_clint = p.fu_mg * (cyp3a_clint + other_clint);
  r.eh = fu_clint / (p.q_h_l_h + fu_clint);
  r.cl_sys_l_h = p.q_h_l_h * r.eh;
  const double total = cyp3a_clint + other_clint;
  r.cyp3a_share = total > 0 ? cyp3a_clint / total : 0.0;
  return r;
}

PkMatrix pk_matrix(const PkParams& p, double enzyme_gut, double enzyme_liver) {
  return pk_matrix(p, pk_rates(p, enzyme_gut, enzyme_liver));
}

PkMatrix pk_matrix(const PkParams& p, const PkRates& r) {
  const double absorbed = p.ka_mg_per_h * p.fa_mg;
  const double k10 = r.cl_sys_l_h / p.vc_mg_l;
  const double k12 = p.q_mg_l_h / p.vc_mg_l;
  const double k21 = p.q_mg_l_h / p.vp_mg_l;
  const double k_oh = p.cl_oh_l_h / p.v_oh_l;
  // 7-OH forms wherever CYP3A meets MG: the gut wall (all of its extraction), the liver on
  // first pass, and the liver from the circulation (Basiliere 2020: formed by CYP3A4 only).
  const double gut_formation = absorbed * (1.0 - r.fg);
  const double liver_first_pass = absorbed * r.fg * r.eh * r.cyp3a_share;

  PkMatrix a = PkMatrix::Zero();
  a(kGutMg, kGutMg) = -p.ka_mg_per_h;
  a(kCentralMg, kGutMg) = absorbed * r.fg * (1.0 - r.eh);
  a(kCentralMg, kCentralMg) = -(k10 + k12);
  a(kCentralMg, kPeripheralMg) = k21;
  a(kPeripheralMg, kCentralMg) = k12;
  a(kPeripheralMg, kPeripheralMg) = -k21;
  a(kGutOh, kGutOh) = -p.ka_oh_per_h;
  a(kCentralOh, kGutMg) = p.f7oh_of_cyp3a * (gut_formation + liver_first_pass);
  a(kCentralOh, kCentralMg) = p.f7oh_of_cyp3a * k10 * r.cyp3a_share;
  a(kCentralOh, kGutOh) = p.ka_oh_per_h * p.f_oh_oral;
  a(kCentralOh, kCentralOh) = -k_oh;
  return a;
}

InhibitorConcentrations inhibitor_concentrations(const PkParams& p, const PkRates& r,
                                                 double gut_mg_nmol, double central_mg_nmol) {
  const double absorption_nmol_h = p.ka_mg_per_h * p.fa_mg * gut_mg_nmol;
  InhibitorConcentrations c;
  // Gut-wall concentration during absorption: ka·Fa·A_gut / Q_ent, as in the mechanistic
  // static DDI models (Fahmi 2008); unbound fraction in the enterocyte taken as 1.
  c.gut_nm = absorption_nmol_h / p.q_ent_l_h;
  // Unbound hepatic inlet: systemic MG plus what arrives from the gut (Fahmi 2008).
  c.liver_nm = p.fu_mg * (central_mg_nmol / p.vc_mg_l + absorption_nmol_h * r.fg / p.q_h_l_h);
  return c;
}

InactivationRates inactivation_rates(const PkParams& p, const InhibitorConcentrations& c) {
  // Mechanism-based inactivation: kinact·I/(KI + I) (Tanna 2021 for MG's KI and kinact).
  return {p.kinact_gut_per_h * c.gut_nm / (p.ki_gut_nm + c.gut_nm),
          p.kinact_liver_per_h * c.liver_nm / (p.ki_liver_nm + c.liver_nm)};
}

void pk_derivatives(double /*t_h*/, std::span<const double> state, const PkParams& p,
                    std::span<double> out) {
  SPECIOSA_ASSERT(state.size() == kPkStateSize && out.size() == kPkStateSize,
                  "PK state has kPkStateSize entries");
  const double e_gut = state[kEnzymeGut];
  const double e_liver = state[kEnzymeLiver];
  const PkRates r = pk_rates(p, e_gut, e_liver);
  const Eigen::Map<const PkAmounts> amounts(state.data());
  Eigen::Map<PkAmounts>(out.data()) = pk_matrix(p, r) * amounts;
  const InactivationRates k =
      inactivation_rates(p, inhibitor_concentrations(p, r, state[kGutMg], state[kCentralMg]));
  out[kEnzymeGut] = p.kdeg_gut_per_h * (1.0 - e_gut) - k.gut_per_h * e_gut;
  out[kEnzymeLiver] = p.kdeg_liver_per_h * (1.0 - e_liver) - k.liver_per_h * e_liver;
}

double mg_conc_ng_ml(const PkParams& p, double central_mg_nmol) {
  // nmol/L = nM; ng/mL = nM · g/mol / 1000.
  return central_mg_nmol / p.vc_mg_l * p.mw_mg_g_mol / 1000.0;
}

double oh_conc_ng_ml(const PkParams& p, double central_oh_nmol) {
  return central_oh_nmol / p.v_oh_l * p.mw_oh_g_mol / 1000.0;
}

}  // namespace speciosa::pharm
