// Taper planner: steps simulated so that the daily fall in mu activity stays under a limit.
#include "speciosa/analysis.hpp"

namespace speciosa::analysis {

Result<TaperPlan> plan_taper(const knowledge::Knowledge&, const PersonData&, const TaperOptions&) {
  return Error{ErrorCode::kInternal, "taper", "", "not implemented yet", ""};
}

nlohmann::json to_json(const TaperPlan&) { return nlohmann::json::object(); }

}  // namespace speciosa::analysis
