// Field access over one toml++ table of a safety data file, turning every problem into an Error
// that names "data/file.toml:LINE" and the field. Private to the knowledge module.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

#include "speciosa/common.hpp"
#include "speciosa/knowledge_safety.hpp"
#include "toml_reader.hpp"

namespace speciosa::knowledge::detail {

/// A TomlReader that also knows the source keys, for the safety files' range-checked fields,
/// multi-source citations and dates.
class SafetyReader : public TomlReader {
 public:
  SafetyReader(const toml::table& table, std::string file, const std::set<std::string>& sources)
      : TomlReader(table, std::move(file)), sources_(sources) {}

  using TomlReader::required_number;
  using TomlReader::string_list;
  Result<double> required_number(std::string_view field, double lo, double hi) const;
  Result<int> required_int(std::string_view field, int lo, int hi) const;
  Result<std::vector<std::string>> string_list(std::string_view field, bool required) const;
  /// A string that must be one of `accepted`.
  Result<std::string> one_of(std::string_view field, const std::vector<std::string>& accepted) const;
  /// `source = "k"` or `sources = ["k", ...]` (each known in sources.toml) plus `evidence`.
  Result<Citation> citation(bool evidence_required) const;
  /// A required string naming a key in sources.toml.
  Result<std::string> source_key(std::string_view field) const;
  /// A TOML date or a "YYYY-MM-DD" string.
  Result<std::chrono::year_month_day> date(std::string_view field) const;

 private:
  Result<std::vector<std::string>> source_keys() const;

  const std::set<std::string>& sources_;
};

/// Joins with ", " for "accepted" lists.
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

}  // namespace speciosa::knowledge::detail
