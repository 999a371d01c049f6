// One simulation as the CLI runs it (shared by simulate and demo): options in, regimen,
// time course, summary and the evidence statement out.
#pragma once

#include <string>

#include "regimen.hpp"
#include "speciosa/knowledge.hpp"
#include "speciosa/sim.hpp"

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
};

struct SimulationRun {
  Regimen regimen;
  sim::Series series;
  sim::Summary summary;
  double weight_kg = 70;
  std::string evidence_note;  ///< where the parameters come from, in one line
};

Result<SimulationRun> run_simulation(const knowledge::Knowledge& k, const RunRequest& request);

/// Concentration chart (MG and 7-OH panels) with doses marked.
Status write_pk_plot(const std::string& path, const SimulationRun& run);

}  // namespace speciosa::cli
