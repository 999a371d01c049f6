// speciosa pharm/pd: from plasma mitragynine (MG) and 7-hydroxymitragynine (7-OH) to receptor
// activity and the stimulant-versus-sedative balance, as pure math.
//
// Plasma (total, nM) --ke0--> effect site (plasma-equivalent, nM) --fu·Kp,uu--> unbound
// concentration at the receptors. At the mu-opioid receptor MG and 7-OH are competing partial
// agonists (operational model of agonism, Black & Leff 1983, slope 1); at kappa and delta both
// are competitive antagonists (occupancy only); MG is a low-efficacy alpha2 agonist.
// docs/model.md (Part II) has every equation, parameter, source and evidence level.
// Pure: no I/O, no globals, no allocation. Thread-safe.
#pragma once

#include <span>

namespace speciosa::pharm {

/// Total plasma concentrations at one instant, nM (what the PK model produces).
struct PlasmaConc {
  double mg_nm = 0;
  double oh_nm = 0;
};

/// Indices into the PD state (effect-site concentrations, plasma-equivalent total, nM).
enum PdIndex : int { kEffectMg = 0, kEffectOh = 1 };
inline constexpr int kPdStateSize = 2;

/// Receptor and balance parameters in canonical units. Built by sim from data/pd.toml.
struct PdParams {
  double fu_mg = 0;            ///< unbound fraction of MG in plasma
  double fu_oh = 0;            ///< unbound fraction of 7-OH in plasma
  double kpuu = 1;             ///< unbound brain-to-plasma ratio (both alkaloids)
  double ke0_per_h = 0;        ///< plasma -> effect-site equilibration rate constant
  double ec50_mu_mg_nm = 0;    ///< MG mu EC50 (G protein), in vitro
  double emax_mu_mg = 0;       ///< MG mu Emax, fraction of a full agonist
  double ec50_mu_oh_nm = 0;    ///< 7-OH mu EC50
  double emax_mu_oh = 0;       ///< 7-OH mu Emax, fraction of a full agonist
  double ki_kor_mg_nm = 0;     ///< MG kappa antagonist affinity
  double ki_kor_oh_nm = 0;
  double ki_dor_mg_nm = 0;     ///< MG delta antagonist affinity
  double ki_dor_oh_nm = 0;
  double ki_a2_mg_nm = 0;      ///< MG alpha2A affinity
  double efficacy_a2_mg = 0;   ///< MG alpha2 activity at full occupancy, fraction of a full agonist
  double stim_ec50_nm = 0;     ///< unbound effect-site MG giving half-maximal stimulation
  double stim_hill = 1;
  double sed_ec50 = 0;         ///< adapted mu + alpha2 activity giving half-maximal sedation
  double sed_hill = 1;
};

/// Receptor-level outputs at one instant.
struct ReceptorActivity {
  double mu_activity = 0;     ///< mu-opioid activation, 0..1 of a full agonist's maximal effect
  double kor_occupancy = 0;   ///< kappa receptors occupied by the two antagonists, 0..1
  double dor_occupancy = 0;   ///< delta receptors occupied, 0..1
  double alpha2_activity = 0; ///< alpha2 activation by MG, 0..1 of a full agonist
  double mg_unbound_nm = 0;   ///< unbound MG at the effect site
  double oh_unbound_nm = 0;   ///< unbound 7-OH at the effect site
};

/// d(effect-site concentration)/dt = ke0·(Cp − Ce) for both alkaloids.
void derivatives(double t_h, std::span<const double> state, const PdParams& p, PlasmaConc plasma,
                 std::span<double> out);

/// Receptor activity from the PD state (kPdStateSize values).
ReceptorActivity receptor_activity(std::span<const double> state, const PdParams& p);

/// Operational-model efficacy tau and affinity KA (nM) from an in-vitro EC50 and Emax
/// (fraction of a full agonist), slope 1: tau = Emax/(1 − Emax), KA = EC50·(1 + tau).
struct Operational {
  double tau = 0;
  double ka_nm = 0;
};
Operational operational_from_ec50(double ec50_nm, double emax);

/// The highest mu activity any mixture of MG and 7-OH can reach: the Emax of the more
/// efficacious partial agonist.
double mu_ceiling(const PdParams& p);

/// Stimulant and sedative indices, each 0..1.
struct Balance {
  double stimulant_index = 0;
  double sedative_index = 0;
};

/// Sedation rises steeply with mu activity left after tolerance (times 1 − tolerance) plus
/// alpha2 activity; stimulation follows unbound effect-site MG and is masked by sedation.
Balance balance(const ReceptorActivity& r, double tolerance, const PdParams& p);

}  // namespace speciosa::pharm
