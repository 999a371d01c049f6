// speciosa sim/mechanism: everything downstream of plasma concentrations — receptor activity,
// stimulant/sedative balance, tolerance and withdrawal, the HPA axis (cortisol) and an anxiety
// index — integrated over time on top of any plasma MG / 7-OH time course.
//
// simulate_mechanism() takes the plasma concentrations as a callable (the PK model's exact
// evaluator in speciosa; a stand-in in tests), integrates the 11 mechanism states with SUNDIALS
// CVODE (BDF, dense), restarting at every dose because the plasma curves have a kink there,
// and returns the outputs on the requested grid. mechanism_params() builds the parameters from
// data/pd.toml and data/hpa.toml; theoretical_parameters() says which outputs rest on
// parameters that no human data identify.
// Reentrant; no global state. docs/model.md (Part II) has the equations and sources.
#pragma once

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "speciosa/common.hpp"
#include "speciosa/knowledge.hpp"
#include "speciosa/pharm/anxiety.hpp"
#include "speciosa/pharm/hpa.hpp"
#include "speciosa/pharm/pd.hpp"
#include "speciosa/pharm/tolerance.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::sim {

/// All mechanism parameters for one subject.
struct MechanismParams {
  pharm::PdParams pd;
  pharm::ToleranceParams tolerance;
  pharm::HpaParams hpa;
  pharm::AnxietyParams anxiety;
};

/// Layout of the mechanism state: PD, tolerance, HPA with drug, HPA of the same person
/// without drug (the reference for the anxiety index's cortisol term).
inline constexpr int kMechPd = 0;
inline constexpr int kMechTolerance = kMechPd + pharm::kPdStateSize;
inline constexpr int kMechHpa = kMechTolerance + pharm::kToleranceStateSize;
inline constexpr int kMechHpaDrugFree = kMechHpa + pharm::kHpaStateSize;
inline constexpr int kMechStateSize = kMechHpaDrugFree + pharm::kHpaStateSize;

struct MechanismOptions {
  /// Local clock time (h after midnight) at t = 0, the first dose. Default 08:00.
  double clock_at_t0_h = 8.0;
  /// Drug-free run of the HPA axis before t = 0, so that the axis starts on its rhythm.
  /// 72 h: the axis forgets its start within a day (cortisol half-life 80 min).
  double burn_in_h = 72.0;
  /// CVODE settings. rtol 1e-6 keeps every index (0..1 scale) within 1e-5 and cortisol within
  /// 0.01 nmol/L of a reference run at rtol 1e-10 (measured: 4e-6 and 1e-3 over 30 days of
  /// three doses a day; tests/unit/pharm/mechanism_sim_test.cpp asserts the bounds). atol is in
  /// the states' units (nM, dimensionless, nmol/L); max_steps counts steps between two output
  /// times or doses.
  SolverOptions solver{.rtol = 1e-6, .atol = 1e-8, .max_steps = 50000};
};

/// Total plasma concentrations (nM) at time t_h (h after the first dose). Must be defined for
/// every t_h >= 0 on the grid; the mechanism never asks for t_h < 0 (no drug before t = 0).
using PlasmaFunction = std::function<pharm::PlasmaConc(double t_h)>;

/// The output columns, in CSV order.
inline constexpr std::array<std::string_view, 7> kMechanismColumns = {
    "mu_activity", "stimulant_index", "sedative_index", "tolerance",
    "withdrawal",  "cortisol_nmol_l", "anxiety_index"};

/// Outputs on the grid; `columns[i]` holds column kMechanismColumns[i].
struct MechanismSeries {
  std::vector<double> t_h;
  std::array<std::vector<double>, kMechanismColumns.size()> columns;
  /// Receptor details not in the CSV (kept for plots and reports).
  std::vector<double> kor_occupancy;
  std::vector<double> dor_occupancy;
  std::vector<double> alpha2_activity;
  /// Fast stage of withdrawal: how far the opioid tone is below the adapted level, (M - R)/M
  /// (pharm::tone_deficit). Rises within hours as mu activity falls between doses and closes
  /// within 1-2 h of the next dose; the withdrawal column is its slow, lagged expression.
  std::vector<double> tone_deficit;

  const std::vector<double>& column(std::string_view name) const;
};

/// Integrates the mechanism. `grid_h`: output times, ascending, >= 0. `dose_times_h`: times
/// of every dose (any order, duplicates allowed); the integrator restarts at each.
Result<MechanismSeries> simulate_mechanism(const MechanismParams& params,
                                           const PlasmaFunction& plasma,
                                           const std::vector<double>& grid_h,
                                           const std::vector<double>& dose_times_h,
                                           const MechanismOptions& options = {});

/// How plasma concentrations from the PK model are handed to the mechanism.
struct CouplingOptions {
  /// PK output step (h) at which plasma is sampled; linear interpolation in between. 1 min keeps
  /// every index within 5e-4 and cortisol within 0.05 nmol/L of a 0.1-min sampling (measured
  /// 1.3e-4 and 0.016 nmol/L; tests/unit/pharm/mechanism_coupling_test.cpp).
  double plasma_step_h = 1.0 / 60;
  MechanismOptions mechanism;
};

/// Runs the PK model (sim::simulate with `pk_options`, events expanded and valid) and the
/// mechanism on top of it, on the same output grid as the PK series (0, step_h, ..., end_h).
/// This is the call `speciosa simulate` needs for its mechanism columns.
Result<MechanismSeries> simulate_mechanism_for(const pharm::PkParams& pk,
                                               const std::vector<Event>& events,
                                               const SimulationOptions& pk_options,
                                               const MechanismParams& params,
                                               const CouplingOptions& options = {});

/// Builds the parameters from the loaded knowledge base (data/pd.toml, data/hpa.toml).
/// A missing parameter or one in the wrong unit is an Error naming its id.
Result<MechanismParams> mechanism_params(const knowledge::Knowledge& k);

/// Every parameter id mechanism_params() reads.
std::vector<std::string> mechanism_parameter_ids();

/// The parameter ids an output column depends on (directly or through upstream states).
/// Empty for an unknown column.
std::vector<std::string> parameters_of(std::string_view column);

/// The subset of parameters_of(column) whose evidence is theoretical in `k` (or that `k` lacks):
/// what the output rests on that no human data identify. Non-empty for every column today.
std::vector<std::string> theoretical_parameters(const knowledge::Knowledge& k,
                                                std::string_view column);

}  // namespace speciosa::sim
