// The dose options shared by simulate, demo, check and interactions (--dose, --as, --product,
// --mg-content, --oh-content, --every, --count, --at), registered on a command. The regimen is
// built by the analysis module (speciosa/analysis_simulation.hpp), which the HTTP API shares.
#pragma once

#include <CLI/CLI.hpp>

#include "speciosa/analysis_simulation.hpp"

namespace speciosa::cli {

using analysis::build_regimen;
using analysis::Regimen;
using analysis::RegimenOptions;

/// Registers the options on a command; `dose_required` makes --dose mandatory.
void add_regimen_options(CLI::App& cmd, RegimenOptions& options, bool dose_required = true);

}  // namespace speciosa::cli
