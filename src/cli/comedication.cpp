#include "comedication.hpp"

#include <fmt/format.h>

#include "safety_output.hpp"
#include "speciosa/safety.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::cli {

std::optional<Comedication> comedication_from(CliContext& ctx, const std::vector<std::string>& names) {
  Comedication out;
  if (names.empty()) return out;
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return std::nullopt;
  auto data = load_safety_data(ctx);
  if (!data) return std::nullopt;
  for (const safety::InteractionAlert& alert : safety::check_interactions(*data, names)) {
    if (!alert.severity) {
      out.warnings.push_back(fmt::format("'{}' could not be checked for interactions; ask a pharmacist",
                                         alert.with));
      continue;
    }
    out.warnings.push_back(fmt::format("{}: {} interaction ({}); see `speciosa interactions --with {}`",
                                       alert.matched, safety::severity_name(alert), alert.mechanism,
                                       alert.matched));
    const std::string strength = safety::cyp3a_inhibitor_strength(*data, alert);
    if (strength.empty()) continue;
    auto activity = sim::comedication_cyp3a_activity(*k, strength);
    if (!activity) {
      ctx.exit_code = report_error(activity.error());
      return std::nullopt;
    }
    if (*activity < out.cyp3a_activity) {
      out.cyp3a_activity = *activity;
      out.note = fmt::format("{} ({} CYP3A inhibitor: CYP3A activity taken as {:g} % of normal, from "
                             "the FDA inhibitor classes; theoretical)",
                             alert.matched, strength, *activity * 100);
    }
  }
  return out;
}

}  // namespace speciosa::cli
