#include "support.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace speciosa::analysis::detail {

Result<double> parameter(const knowledge::Knowledge& k, std::string_view id) {
  const knowledge::Parameter* p = k.find_parameter(id);
  if (p == nullptr) {
    return Error{ErrorCode::kDataFile, "data/analysis.toml", std::string(id), "is missing",
                 "the analysis constants shipped with speciosa"};
  }
  return p->value;
}

Status read_parameters(const knowledge::Knowledge& k,
                       std::initializer_list<std::pair<std::string_view, double*>> wanted,
                       std::vector<std::string>& sources) {
  for (const auto& [id, out] : wanted) {
    auto value = parameter(k, id);
    if (!value) return value.error();
    *out = *value;
    const std::string& source = k.find_parameter(id)->provenance.source;
    if (std::find(sources.begin(), sources.end(), source) == sources.end()) sources.push_back(source);
  }
  return Ok{};
}

double local_hours_since(journal::Instant origin, journal::Instant at, std::string_view tz) {
  const auto local_origin = origin + journal::utc_offset(origin, tz);
  const auto midnight = std::chrono::floor<std::chrono::days>(local_origin);
  return std::chrono::duration<double, std::ratio<3600>>(at + journal::utc_offset(at, tz) - midnight).count();
}

journal::Date local_day(journal::Instant at, std::string_view tz) {
  return std::chrono::floor<std::chrono::days>(at + journal::utc_offset(at, tz));
}

Status check_span(std::string_view field, int count, int max, std::string_view unit) {
  if (count >= 1 && count <= max) return Ok{};
  return invalid_input(std::string(field), std::string(field.substr(field.find_first_not_of('-'))),
                       fmt::format("{} is out of range", count),
                       fmt::format("a whole number of {} from 1 to {}", unit, max));
}

nlohmann::json to_json(const LineFit& fit) {
  return {{"slope", fit.slope}, {"ci_low", fit.ci_low}, {"ci_high", fit.ci_high},
          {"intercept", fit.intercept}, {"r", fit.r}, {"n", fit.n}};
}

nlohmann::json to_json(const std::optional<LineFit>& fit) {
  return fit ? to_json(*fit) : nlohmann::json(nullptr);
}

nlohmann::json to_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace speciosa::analysis::detail
