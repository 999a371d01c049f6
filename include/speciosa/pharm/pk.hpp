// speciosa pharm/pk: the pharmacokinetic model of mitragynine (MG) and 7-hydroxymitragynine
// (7-OH), as pure math.
//
// Structure (docs/model.md has every equation and its source):
//   gut MG --ka--> enterocyte (CYP3A, availability Fg) --> liver (well-stirred, Fh) --> central MG
//   central MG <--Q--> peripheral MG; hepatic clearance of central MG (CYP3A share fm3a)
//   CYP3A metabolism of MG, in gut wall, first-pass liver and systemic liver, forms 7-OH (f7oh)
//   7-OH: one compartment (V7, CL7); directly dosed 7-OH is absorbed from its own gut depot.
//   MG inactivates CYP3A time-dependently in gut and liver (KI, kinact), and the enzyme is
//   resynthesised with first-order turnover (kdeg): the auto-inhibition that makes the model
//   nonlinear. With the enzyme held fixed the model is linear and has an exact solution.
// Units: amounts nmol, volumes L, flows L/h, rates 1/h, concentrations nM inside the model.
// Everything here is pure: no I/O, no globals, no allocation. Thread-safe.
#pragma once

#include <Eigen/Core>
#include <span>

namespace speciosa::pharm {

/// Indices into the PK state vector. NONMEM compartment numbers are these + 1.
enum PkIndex : int {
  kGutMg = 0,       ///< MG in the gut lumen, nmol
  kCentralMg = 1,   ///< MG in the central compartment, nmol
  kPeripheralMg = 2,///< MG in the peripheral compartment, nmol
  kGutOh = 3,       ///< directly dosed 7-OH in the gut lumen, nmol
  kCentralOh = 4,   ///< 7-OH in its distribution volume, nmol
  kEnzymeGut = 5,   ///< intestinal CYP3A activity, fraction of baseline
  kEnzymeLiver = 6, ///< hepatic CYP3A activity, fraction of baseline
};
/// The linear (amount) part of the state, and the whole state with the enzymes.
inline constexpr int kPkLinearSize = 5;
inline constexpr int kPkStateSize = 7;

using PkMatrix = Eigen::Matrix<double, kPkLinearSize, kPkLinearSize>;
using PkAmounts = Eigen::Matrix<double, kPkLinearSize, 1>;

/// Model parameters in canonical units, for one subject. Built by sim from knowledge.
struct PkParams {
  // Absorption and intestinal first pass of MG.
  double ka_mg_per_h = 0;       ///< first-order absorption rate constant
  double fa_mg = 1;             ///< fraction of the dose absorbed into the gut wall
  double fg0_mg = 1;            ///< intestinal availability with uninhibited CYP3A
  double q_ent_l_h = 0;         ///< enterocyte blood flow; sets the gut-wall MG concentration
  // Liver (well-stirred) and distribution of MG.
  double q_h_l_h = 0;           ///< hepatic blood flow
  double fu_mg = 0;             ///< unbound fraction of MG in plasma
  double clint_u_mg_l_h = 0;    ///< unbound hepatic intrinsic clearance of MG (all routes)
  double fm_cyp3a_mg = 0;       ///< share of hepatic intrinsic clearance that is CYP3A
  double vc_mg_l = 0;           ///< central volume
  double q_mg_l_h = 0;          ///< intercompartmental clearance
  double vp_mg_l = 0;           ///< peripheral volume
  // 7-OH formation and disposition.
  double f7oh_of_cyp3a = 0;     ///< share of MG's CYP3A metabolism that yields 7-OH
  double cl_oh_l_h = 0;         ///< 7-OH clearance (includes conversion in plasma)
  double v_oh_l = 0;            ///< 7-OH volume
  double ka_oh_per_h = 0;       ///< absorption rate of directly dosed 7-OH
  double f_oh_oral = 0;         ///< oral availability of directly dosed 7-OH
  // Time-dependent inhibition of CYP3A by MG (gut wall and liver).
  double ki_gut_nm = 0;
  double kinact_gut_per_h = 0;
  double kdeg_gut_per_h = 0;
  double ki_liver_nm = 0;
  double kinact_liver_per_h = 0;
  double kdeg_liver_per_h = 0;
  /// CYP3A activity left by a co-medication (1 = none, 0.1 = a strong inhibitor).
  double comed_cyp3a_activity = 1;
  // Molar masses to convert doses (mg) and outputs (ng/mL).
  double mw_mg_g_mol = 0;
  double mw_oh_g_mol = 0;
};

/// Rates that depend on the current CYP3A activities, derived from PkParams.
struct PkRates {
  double fg = 1;             ///< intestinal availability
  double eh = 0;             ///< hepatic extraction ratio
  double cl_sys_l_h = 0;     ///< systemic (hepatic) clearance of MG
  double cyp3a_share = 0;    ///< share of hepatic MG metabolism through CYP3A now
};

/// Derived rates at gut/liver CYP3A activities (fractions of baseline).
PkRates pk_rates(const PkParams& p, double enzyme_gut, double enzyme_liver);

/// The linear system matrix A (d amounts/dt = A amounts) with the enzymes held at the given
/// activities.
PkMatrix pk_matrix(const PkParams& p, double enzyme_gut, double enzyme_liver);
PkMatrix pk_matrix(const PkParams& p, const PkRates& rates);

/// Gut-wall and unbound hepatic-inlet MG concentrations (nM) that drive CYP3A inactivation.
struct InhibitorConcentrations {
  double gut_nm = 0;
  double liver_nm = 0;
};
InhibitorConcentrations inhibitor_concentrations(const PkParams& p, const PkRates& r,
                                                 double gut_mg_nmol, double central_mg_nmol);

/// First-order inactivation rates (1/h) of gut and liver CYP3A at those concentrations.
struct InactivationRates {
  double gut_per_h = 0;
  double liver_per_h = 0;
};
InactivationRates inactivation_rates(const PkParams& p, const InhibitorConcentrations& c);

/// Right-hand side of the full (nonlinear) model: all kPkStateSize states.
/// REQUIRES: state.size() == out.size() == kPkStateSize.
void pk_derivatives(double t_h, std::span<const double> state, const PkParams& p,
                    std::span<double> out);

/// Plasma concentrations in ng/mL from the amounts.
double mg_conc_ng_ml(const PkParams& p, double central_mg_nmol);
double oh_conc_ng_ml(const PkParams& p, double central_oh_nmol);

}  // namespace speciosa::pharm
