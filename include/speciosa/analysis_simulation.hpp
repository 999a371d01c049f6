// speciosa analysis: one simulation of a described regimen ("2 g every 24 h, 7 doses"), as
// `speciosa simulate`, `speciosa demo` and POST /api/v1/simulate run it: dose options in,
// regimen (sim event records), time course, summary, effect indices and the evidence statement
// out. Errors name the CLI option and the field (--dose / dose). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "speciosa/common.hpp"
#include "speciosa/knowledge.hpp"
#include "speciosa/sim.hpp"
#include "speciosa/sim_mechanism.hpp"

namespace speciosa::analysis {

struct RegimenOptions {
  std::string dose;        ///< "2g", "25mg", "1tablet", or a comma list matching `at`
  std::string as = "leaf"; ///< leaf | mitragynine | 7-oh
  std::string product;     ///< knowledge-base product id or alias
  std::string mg_content;  ///< "1.5%": overrides the product's MG content
  std::string oh_content;  ///< "0.01%": overrides the product's 7-OH content
  std::string every;       ///< "24h"
  int count = 0;           ///< number of doses with `every` (default: fill the span)
  std::string at;          ///< "0,6,12" hours
};

struct Regimen {
  std::vector<sim::Event> events;     ///< expanded and sorted
  std::vector<double> dose_times_h;   ///< distinct, sorted
  double mg_per_dose_mg = 0;          ///< of the first dose
  double oh_per_dose_mg = 0;
  std::string content_note;           ///< which content was used and its source
  std::vector<std::string> warnings;  ///< doses above typical ranges
};

/// Builds the regimen; `span_h` fills `every` without `count`.
Result<Regimen> build_regimen(const RegimenOptions& options, const knowledge::Knowledge& k, double span_h);

inline constexpr const char* kModelDisclaimer =
    "Model estimate, not a measurement and not medical advice. Individual levels vary widely "
    "(products, body, other medicines).";

inline constexpr const char* kMechanismDisclaimer =
    "Effect indices (mu activity, stimulant/sedative, tolerance, withdrawal, cortisol, anxiety) "
    "come from animal and in-vitro data and survey dose bands; each rests on theoretical "
    "parameters. They describe what the mechanism implies, not what a person will feel, and are "
    "no promise of benefit.";

struct RunRequest {
  RegimenOptions regimen;
  std::string hours;        ///< "" = last dose + 72 h (or 7 days for `every` without `count`)
  std::string step = "0.25";
  double weight_kg = 70;
  std::string method = "exact";
  bool autoinhibition = true;
  bool steady_state = false;
  double comed_cyp3a_activity = 1.0;  ///< from safety::comedication_effect
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
/// The default --hours: a week for `every` without `count`, else last dose + 72 h.
double default_span_h(const RegimenOptions& r, const Regimen& regimen);
/// Solver round-off in an effect index (far below the integration tolerance) is shown as the
/// zero it stands for, so outputs do not depend on it.
double effect_shown(double v);

/// The time-series columns of `simulate --format csv` and POST /api/v1/simulate. The first
/// three are a contract (DESIGN.md): time_h, mitragynine_ng_ml, hydroxymitragynine_ng_ml.
std::vector<std::string> simulation_columns();
/// Row `i` of the time series, in simulation_columns() order.
std::vector<double> simulation_row(const SimulationRun& run, std::size_t i);

}  // namespace speciosa::analysis
