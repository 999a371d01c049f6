// What a person's other medicines do to the kratom simulation: CYP3A inhibitors slow MG's
// metabolism (pharm::PkParams::comed_cyp3a_activity); every medication is also checked for
// interactions so the simulation never runs silently past one.
#pragma once

#include <string>
#include <vector>

#include "context.hpp"
#include "speciosa/safety_journal.hpp"

namespace speciosa::cli {

using Comedication = safety::Comedication;

/// Looks each name up in data/interactions.toml. Prints the error and returns nullopt when the
/// safety data cannot be loaded.
std::optional<Comedication> comedication_from(CliContext& ctx, const std::vector<std::string>& names);

}  // namespace speciosa::cli
