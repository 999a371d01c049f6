// Exposure-linked anxiety, interdose rebound and tolerance drift.
#include "speciosa/analysis.hpp"

namespace speciosa::analysis {

Result<Insight> insight(const knowledge::Knowledge&, const PersonData&, const InsightOptions&) {
  return Error{ErrorCode::kInternal, "insight", "", "not implemented yet", ""};
}

nlohmann::json to_json(const Insight&) { return nlohmann::json::object(); }

}  // namespace speciosa::analysis
