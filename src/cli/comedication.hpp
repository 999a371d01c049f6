// What a person's other medicines do to the kratom simulation: CYP3A inhibitors slow MG's
// metabolism (pharm::PkParams::comed_cyp3a_activity); every medication is also checked for
// interactions so the simulation never runs silently past one.
#pragma once

#include <string>
#include <vector>

#include "context.hpp"

namespace speciosa::cli {

struct Comedication {
  double cyp3a_activity = 1.0;         ///< CYP3A activity left by the strongest inhibitor
  std::string note;                    ///< "clarithromycin (strong CYP3A inhibitor: ...)"
  std::vector<std::string> warnings;   ///< one line per interaction found or name not recognised
};

/// Looks each name up in data/interactions.toml. Prints the error and returns nullopt when the
/// safety data cannot be loaded.
std::optional<Comedication> comedication_from(CliContext& ctx, const std::vector<std::string>& names);

}  // namespace speciosa::cli
