// Helpers shared by the safety commands (interactions, legal, check, redflag): loading the
// safety data and writing CSV fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "context.hpp"
#include "speciosa/knowledge_safety.hpp"

namespace speciosa::cli {

/// Loads the safety part of data/ (from --data or the default). Prints the error and sets
/// ctx.exit_code on failure.
std::optional<knowledge::SafetyData> load_safety_data(CliContext& ctx);

/// Fields joined into one CSV line (no newline).
std::string csv_line(const std::vector<std::string>& fields);
/// "a; b; c" for lists inside one field or line.
std::string joined(const std::vector<std::string>& items, std::string_view sep = "; ");

}  // namespace speciosa::cli
