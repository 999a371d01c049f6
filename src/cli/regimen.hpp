// Turns the dose options shared by simulate, demo and (later) population into event records:
// amounts with units, leaf content from --product or --mg-content, repeats from --every and
// --count, or explicit --at times.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "speciosa/common.hpp"
#include "speciosa/knowledge.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::cli {

struct RegimenOptions {
  std::string dose;        ///< "2g", "25mg", "1tablet", or a comma list matching --at
  std::string as = "leaf"; ///< leaf | mitragynine | 7-oh
  std::string product;     ///< knowledge-base product id or alias
  std::string mg_content;  ///< "1.5%": overrides the product's MG content
  std::string oh_content;  ///< "0.01%": overrides the product's 7-OH content
  std::string every;       ///< "24h"
  int count = 0;           ///< number of doses with --every (default: fill the span)
  std::string at;          ///< "0,6,12" hours
};

/// Registers the options on a command.
void add_regimen_options(CLI::App& cmd, RegimenOptions& options);

struct Regimen {
  std::vector<sim::Event> events;     ///< expanded and sorted
  std::vector<double> dose_times_h;   ///< distinct, sorted
  double mg_per_dose_mg = 0;          ///< of the first dose
  double oh_per_dose_mg = 0;
  std::string content_note;           ///< which content was used and its source
  std::vector<std::string> warnings;  ///< doses above typical ranges (printed to stderr)
};

/// Builds the regimen; `span_h` fills --every without --count. Errors name the option.
Result<Regimen> build_regimen(const RegimenOptions& options, const knowledge::Knowledge& k,
                              double span_h);

}  // namespace speciosa::cli
