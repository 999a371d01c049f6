#include "safety_reader.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace speciosa::knowledge::detail {

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

Result<double> SafetyReader::required_number(std::string_view field, double lo, double hi) const {
  const toml::node* n = table().get(field);
  if (n == nullptr) return error(field, "is missing", fmt::format("a number in [{}, {}]", lo, hi));
  auto v = n->value<double>();
  if (!v || !std::isfinite(*v) || *v < lo || *v > hi) {
    return error(field, "is not a number in the plausible range", fmt::format("[{}, {}]", lo, hi));
  }
  return *v;
}

Result<int> SafetyReader::required_int(std::string_view field, int lo, int hi) const {
  const toml::node* n = table().get(field);
  auto v = n == nullptr ? std::optional<int64_t>{} : n->value<int64_t>();
  if (!v || *v < lo || *v > hi) {
    return error(field, n == nullptr ? "is missing" : "is not a whole number in range",
                 fmt::format("an integer in [{}, {}]", lo, hi));
  }
  return static_cast<int>(*v);
}

Result<std::vector<std::string>> SafetyReader::string_list(std::string_view field,
                                                           bool required) const {
  std::vector<std::string> out;
  const toml::node* n = table().get(field);
  if (n == nullptr) {
    if (required) return error(field, "is missing", "[\"a\", \"b\"]");
    return out;
  }
  const toml::array* arr = n->as_array();
  if (arr == nullptr) return error(field, "must be an array of strings", "[\"a\", \"b\"]");
  for (const toml::node& item : *arr) {
    auto s = item.value<std::string>();
    if (!s || s->empty()) return error(field, "must hold non-empty strings", "[\"a\", \"b\"]");
    out.push_back(*s);
  }
  if (required && out.empty()) return error(field, "must not be empty", "[\"a\", \"b\"]");
  return out;
}

Result<std::string> SafetyReader::one_of(std::string_view field,
                                         const std::vector<std::string>& accepted) const {
  auto s = required_string(field);
  if (!s) return error(field, s.error().message, join(accepted));
  if (std::find(accepted.begin(), accepted.end(), *s) == accepted.end()) {
    return error(field, fmt::format("unknown value '{}'", *s), join(accepted));
  }
  return s;
}

Result<std::string> SafetyReader::source_key(std::string_view field) const {
  auto key = required_string(field);
  if (!key) return key.error();
  if (!sources_.contains(*key)) {
    return error(field, fmt::format("'{}' is not a key in sources.toml", *key),
                 "a key defined in data/sources.toml");
  }
  return key;
}

Result<std::vector<std::string>> SafetyReader::source_keys() const {
  const bool has_one = table().contains("source");
  const bool has_many = table().contains("sources");
  if (has_one && has_many) return error("sources", "give either source or sources, not both");
  if (!has_one && !has_many) {
    return error("source", "is missing", "source = \"key\" or sources = [\"key\", ...]");
  }
  if (has_one) {
    auto key = required_string("source");
    if (!key) return key.error();
    return std::vector<std::string>{*key};
  }
  return string_list("sources", /*required=*/true);
}

Result<Citation> SafetyReader::citation(bool evidence_required) const {
  auto keys = source_keys();
  if (!keys) return keys.error();
  const std::string_view field = table().contains("source") ? "source" : "sources";
  for (const auto& key : *keys) {
    if (!sources_.contains(key)) {
      return error(field, fmt::format("'{}' is not a key in sources.toml", key),
                   "a key defined in data/sources.toml");
    }
  }
  auto e = evidence(evidence_required);
  if (!e) return e.error();
  return Citation{*keys, e->value_or(Evidence::kTheoretical), where()};
}

Result<std::chrono::year_month_day> SafetyReader::date(std::string_view field) const {
  const toml::node* n = table().get(field);
  if (n == nullptr) return error(field, "is missing", "a date YYYY-MM-DD");
  if (auto d = n->value<toml::date>()) {
    std::chrono::year_month_day ymd{std::chrono::year{d->year},
                                    std::chrono::month{static_cast<unsigned>(d->month)},
                                    std::chrono::day{static_cast<unsigned>(d->day)}};
    if (ymd.ok()) return ymd;
  }
  if (auto s = n->value<std::string>()) {
    if (auto ymd = parse_date(*s)) return *ymd;
  }
  return error(field, "is not a valid date", "a date YYYY-MM-DD");
}

}  // namespace speciosa::knowledge::detail
