// One simulation as the CLI runs it (shared by simulate and demo). The run itself is the
// analysis module's (speciosa/analysis_simulation.hpp, shared with the HTTP API); the chart
// file is the CLI's.
#pragma once

#include <string>

#include "regimen.hpp"
#include "speciosa/analysis_simulation.hpp"

namespace speciosa::cli {

using analysis::default_span_h;
using analysis::kMechanismDisclaimer;
using analysis::kModelDisclaimer;
using analysis::parse_hours;
using analysis::run_simulation;
using analysis::RunRequest;
using analysis::SimulationRun;

/// Stacked chart on one time axis: concentrations, receptor activity, stimulant/sedative,
/// tolerance and withdrawal, cortisol; doses marked.
Status write_pk_plot(const std::string& path, const SimulationRun& run);

}  // namespace speciosa::cli
