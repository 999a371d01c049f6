// One simulation as the CLI runs it (shared by simulate and demo): options in, regimen,
// time course, summary and the evidence statement out.
#pragma once

#include <string>

#include "regimen.hpp"
#include "speciosa/knowledge.hpp"
#include "speciosa/sim.hpp"
#include "speciosa/sim_mechanism.hpp"

namespace speciosa::cli {

inline constexpr const char* kModelDisclaimer =
    "Model estimate, not a measurement and not medical advice. Individual levels vary widely "
    "(products, body, other medicines).";

struct RunRequest {
  RegimenOptions regimen;
  std::string hours;        ///< "" = last dose + 72 h (or 7 days for --every without --count)
  std::string step = "0.25";
  double weight_kg = 70;
  std::string method = "exact";
  bool autoinhibition = true;
  bool steady_state = false;
  double comed_cyp3a_activity = 1.0;  ///< from cli::comedication_from (--with)
  std::string comedication_note;
};

struct SimulationRun {
  Regimen regimen;
  sim::Series series;
  sim::Summary summary;
  double weight_kg = 70;
  std::string evidence_note;  ///< where the parameters come from, in one line
  /// Receptor activity, stimulant/sedative indices, tolerance, withdrawal, cortisol and the
  /// anxiety index on the same grid (docs/model.md, Part II).
  sim::MechanismSeries mechanism;
  /// For each mechanism column, the theoretical parameters it rests on.
  std::vector<std::pair<std::string, std::vector<std::string>>> mechanism_theoretical;
};

Result<SimulationRun> run_simulation(const knowledge::Knowledge& k, const RunRequest& request);

/// A positive span of hours from --hours or --step; bare numbers are hours because the option
/// names say so.
Result<double> parse_hours(const std::string& text, std::string_view option);
/// The default --hours: a week for --every without --count, else last dose + 72 h.
double default_span_h(const RegimenOptions& r, const Regimen& regimen);

inline constexpr const char* kMechanismDisclaimer =
    "Effect indices (mu activity, stimulant/sedative, tolerance, withdrawal, cortisol, anxiety) "
    "come from animal and in-vitro data and survey dose bands; each rests on theoretical "
    "parameters. They describe what the mechanism implies, not what a person will feel, and are "
    "no promise of benefit.";

/// Stacked chart on one time axis: concentrations, receptor activity, stimulant/sedative,
/// tolerance and withdrawal, cortisol; doses marked.
Status write_pk_plot(const std::string& path, const SimulationRun& run);

}  // namespace speciosa::cli
