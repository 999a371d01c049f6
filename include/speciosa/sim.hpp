// speciosa sim: dose events, solvers and output grids on top of the pure pharm model.
//
// - Doses are NONMEM-style event records (time, amount, compartment, ADDL/II), expanded into
//   explicit records and sorted before solving.
// - Two solution paths: exact propagation of the linear system between events (the enzyme
//   state advanced alongside it, see docs/model.md), and an adaptive stiff ODE solver
//   (SUNDIALS CVODE, BDF) restarted at every dose. Both give the same answer within tolerance.
// - Summary metrics per analyte (Cmax, Tmax, AUC, trough, accumulation, time to steady state).
// - pk_params_from(knowledge, ...) builds a subject's PkParams from data/pk.toml.
// Functions are reentrant; nothing here keeps global state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "speciosa/common.hpp"
#include "speciosa/knowledge.hpp"
#include "speciosa/pharm/pk.hpp"

namespace speciosa::sim {

/// NONMEM event identifiers; the numbers are kept so that datasets round-trip.
enum class EventKind : std::uint8_t {
  kObservation = 0,
  kDose = 1,
  kOther = 2,
  kReset = 3,
  kResetAndDose = 4,
  kReplace = 8,
};

/// Where a dose goes; NONMEM CMT numbers (1-based) map to pharm::PkIndex + 1.
enum class Compartment : std::uint8_t {
  kGutMg = 1,
  kCentralMg = 2,
  kPeripheralMg = 3,
  kGutOh = 4,
  kCentralOh = 5,
};

/// One record. Doses carry amounts in mg of the compound that enters `cmt`.
struct Event {
  double t_h = 0;
  EventKind evid = EventKind::kDose;
  Compartment cmt = Compartment::kGutMg;
  double amt_mg = 0;
  double rate_mg_h = 0;  ///< 0 = bolus (zero-order infusions are not supported yet)
  int addl = 0;          ///< additional doses after this one
  double ii_h = 0;       ///< interdose interval for addl
  bool ss = false;       ///< start from steady state of this dose repeated every ii_h
  double f_bio = 1;      ///< bioavailability multiplier on amt_mg
};

/// Expands ADDL/II into explicit records (time t0 + k·ii, never accumulated), and sorts by
/// time, keeping input order at equal times.
std::vector<Event> expand_events(const std::vector<Event>& events);

/// Checks a record list; errors name the record index and field.
Status validate_events(const std::vector<Event>& events);

enum class Method { kExact, kOde };

/// Numerical settings. Defaults are what `speciosa simulate` uses.
struct SolverOptions {
  /// CVODE relative tolerance. 1e-8 keeps the ODE path within 1e-6 of the exact one.
  double rtol = 1e-8;
  /// CVODE absolute tolerance in nmol (and enzyme fraction); far below any reported value.
  double atol = 1e-10;
  /// CVODE step limit between two output times.
  long max_steps = 50000;
  /// Exact path: longest internal step (h) over which CYP3A activity is held constant.
  /// 0.25 h keeps the auto-inhibition error under 0.5 % of Cmax/AUC (tests/unit/sim).
  double max_enzyme_step_h = 0.25;
};

struct SimulationOptions {
  double end_h = 72;         ///< last output time (time 0 is the first dose)
  double step_h = 0.25;      ///< output grid step
  Method method = Method::kExact;
  bool autoinhibition = true;  ///< MG's time-dependent inhibition of CYP3A on/off
  SolverOptions solver;
  /// Start from this state (kPkStateSize values) instead of a drug-free body.
  std::optional<std::vector<double>> initial_state;
  /// Also record the MG concentrations that inhibit CYP enzymes (Series::gut_wall_mg_nm, ...).
  bool record_inhibitor_concentrations = false;
};

/// A simulated time course on the output grid.
struct Series {
  std::vector<double> t_h;
  std::vector<double> mg_ng_ml;
  std::vector<double> oh_ng_ml;
  std::vector<double> enzyme_gut;    ///< CYP3A activity, fraction of baseline
  std::vector<double> enzyme_liver;
  /// With SimulationOptions::record_inhibitor_concentrations: MG in the gut wall, and unbound
  /// at the hepatic inlet (nM), the concentrations that inhibit CYP3A and CYP2D6.
  std::vector<double> gut_wall_mg_nm;
  std::vector<double> liver_inlet_mg_nm;
  std::vector<double> final_state;   ///< kPkStateSize values at end_h
};

/// Simulates the regimen. Events must be expanded (expand_events) and valid.
Result<Series> simulate(const pharm::PkParams& params, const std::vector<Event>& events,
                        const SimulationOptions& options);

/// The pre-dose state after the regimen "dose every tau_h" has run to steady state
/// (changes below 1e-9 relative between intervals), for starting a simulation there.
Result<std::vector<double>> steady_state(const pharm::PkParams& params,
                                         const std::vector<Event>& one_interval, double tau_h,
                                         const SimulationOptions& options);

/// Summary metrics of one analyte.
struct AnalyteSummary {
  double cmax_ng_ml = 0;
  double tmax_h = 0;              ///< time of Cmax after the dose that preceded it
  double auc_total_ng_h_ml = 0;   ///< AUC over the whole simulated span (trapezoid)
  double auc_last_tau_ng_h_ml = 0;///< AUC over the last dosing interval
  double trough_ng_ml = 0;        ///< concentration just before the last dose (0 if one dose)
  double accumulation_ratio = 1;  ///< AUC of last interval / AUC of first interval
  /// First dose time whose pre-dose trough reaches 90 % of the steady-state trough (needs the
  /// steady-state troughs; empty when they are unknown or 90 % is not reached in the span).
  std::optional<double> t90_ss_h;
};
struct Summary {
  AnalyteSummary mitragynine;
  AnalyteSummary hydroxymitragynine;
};
/// Pre-dose concentrations at steady state, for time-to-steady-state.
struct SteadyStateTroughs {
  double mg_ng_ml = 0;
  double oh_ng_ml = 0;
};
/// `dose_times_h` are the distinct dose times (sorted).
Summary summarize(const Series& series, const std::vector<double>& dose_times_h,
                  std::optional<SteadyStateTroughs> steady_state_troughs = std::nullopt);

/// Builds a typical subject's parameters from data/ (pk.toml, compounds.toml), scaled to body
/// weight by allometry (clearances ·(W/70)^0.75, volumes ·W/70).
Result<pharm::PkParams> pk_params_from(const knowledge::Knowledge& k, double weight_kg = 70.0);

/// Ids of the parameters in data/pk.toml that pk_params_from reads.
const std::vector<std::string>& pk_parameter_ids();

/// How one data/pk.toml parameter enters PkParams: its field, and how it scales with body weight
/// (clearances ·(W/Wref)^exponent, volumes ·W/Wref). Lets population sampling vary parameters by id.
struct PkBinding {
  std::string_view id;
  double pharm::PkParams::*field;
  bool is_clearance;
  bool is_volume;
};
/// The binding of `id`, or nullptr when pk_params_from does not read it.
const PkBinding* pk_binding(std::string_view id);

/// CYP3A activity a co-medication leaves (pharm::PkParams::comed_cyp3a_activity) for an inhibitor
/// of the given strength ("strong", "moderate", "weak"; data/interactions_model.toml).
Result<double> comedication_cyp3a_activity(const knowledge::Knowledge& k, std::string_view strength);

// --- Other drugs' exposure (kratom as the perpetrator) ---------------------------------------

/// How a typical sensitive substrate of CYP3A4 and of CYP2D6 responds to MG, and MG's reversible
/// inhibition constants; from data/interactions_model.toml.
struct VictimModel {
  double cyp3a_fm = 0;        ///< share of the substrate's hepatic clearance through CYP3A
  double cyp3a_fg = 1;        ///< its intestinal availability without inhibition
  double cyp2d6_fm = 0;       ///< share of a CYP2D6 substrate's clearance through CYP2D6
  double ki_cyp3a_nm = 0;     ///< MG's reversible (competitive) CYP3A inhibition constant
  double ki_cyp2d6_nm = 0;    ///< MG's competitive CYP2D6 inhibition constant
};
Result<VictimModel> victim_model_from(const knowledge::Knowledge& k);

struct VictimAucRatios {
  double cyp3a4 = 1;  ///< AUC with kratom / without, typical oral CYP3A4 substrate
  double cyp2d6 = 1;  ///< the same for a CYP2D6 substrate
};
/// Predicts the AUC ratios for a substrate taken by mouth at `victim_time_h` of the regimen,
/// with the mechanistic static equations (Fahmi 2008) fed by the model's own time course: the
/// remaining CYP3A activity (time-dependent inhibition) and MG's reversible inhibition at the
/// gut-wall and hepatic-inlet concentrations, averaged over the substrate's absorption (gut) and
/// the following 24 h (liver).
Result<VictimAucRatios> predict_victim_auc_ratios(const pharm::PkParams& params,
                                                  const std::vector<Event>& events,
                                                  double victim_time_h, const VictimModel& victim);

// --- Fitting ---------------------------------------------------------------------------------

/// One observed summary statistic to fit, e.g. Tanna 2022 MG Cmax 32.6 ng/mL.
struct FitTarget {
  std::string analyte;  ///< "mitragynine" or "7-hydroxymitragynine"
  std::string metric;   ///< "cmax_ng_ml", "tmax_h", "auc_inf_ng_h_ml", "half_life_h"
  double observed = 0;
  double weight = 1;    ///< relative weight in the objective
  double window_from_h = 0;  ///< half_life_h: the span the terminal slope is fitted over
  double window_to_h = 0;
};

/// Result of a fit: the fitted parameter values by id, and predicted vs observed.
struct FitResult {
  std::vector<std::pair<std::string, double>> values;
  std::vector<std::pair<FitTarget, double>> predicted;
  double objective = 0;
  int iterations = 0;
};

/// Fits `free_ids` (log-scale Nelder–Mead starting at the geometric middle of each parameter's
/// range in data/) so that a single oral dose of `dose_mg` MG reproduces the targets.
/// Deterministic and independent of the current values: re-running reproduces data/pk.toml.
Result<FitResult> fit_single_dose(const knowledge::Knowledge& k, double dose_mg,
                                  const std::vector<std::string>& free_ids,
                                  const std::vector<FitTarget>& targets);

/// Non-compartmental metrics of a single-dose simulation: Cmax, Tmax, AUC to infinity (the
/// tail extrapolated with the slope of the last quarter of the span), and the half-life from the
/// log-linear slope over [window_from_h, window_to_h].
struct NcaMetrics {
  double cmax_ng_ml = 0;
  double tmax_h = 0;
  double auc_inf_ng_h_ml = 0;
  double half_life_h = 0;
};
NcaMetrics nca(const std::vector<double>& t_h, const std::vector<double>& conc_ng_ml,
               double window_from_h, double window_to_h);

/// The single oral MG dose simulation used for fitting and for the golden test: `dose_mg` at
/// t = 0, outputs every 0.05 h to 120 h (the Tanna 2022 sampling span).
Result<Series> single_dose_profile(const pharm::PkParams& params, double dose_mg);
/// The metric named by `target` computed from that profile.
double predicted_metric(const Series& profile, const FitTarget& target);

}  // namespace speciosa::sim
