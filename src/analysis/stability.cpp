// Mood stability over a window of check-ins.
#include "speciosa/analysis.hpp"

namespace speciosa::analysis {

Result<Stability> mood_stability(const knowledge::Knowledge&, const PersonData&, const StabilityOptions&) {
  return Error{ErrorCode::kInternal, "stability", "", "not implemented yet", ""};
}

nlohmann::json to_json(const Stability&) { return nlohmann::json::object(); }

}  // namespace speciosa::analysis
