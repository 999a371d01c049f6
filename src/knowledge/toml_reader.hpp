// Typed field access over toml++ tables that turns every problem into an Error carrying
// "file:line" and the field name (ninja-style locating messages).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <toml++/toml.h>
#include <vector>

#include "speciosa/common.hpp"
#include "speciosa/knowledge.hpp"

namespace speciosa::knowledge::detail {

/// A table being read, with the file it came from for messages.
class TomlReader {
 public:
  TomlReader(const toml::table& table, std::string file) : table_(table), file_(std::move(file)) {}

  /// "data/pk.toml:42" for the table itself, or for one of its fields.
  std::string where() const;
  std::string where(std::string_view field) const;
  Error error(std::string_view field, std::string message, std::string accepted = {}) const;

  Result<std::string> required_string(std::string_view field) const;
  std::string optional_string(std::string_view field) const;
  Result<double> required_number(std::string_view field) const;
  std::optional<double> optional_number(std::string_view field) const;
  Result<std::vector<std::string>> string_list(std::string_view field) const;
  const toml::table* subtable(std::string_view field) const;
  /// Reads `source` (must name a key in `sources`) and `evidence` (optional unless required).
  Result<Provenance> provenance(const std::vector<Source>& sources, bool evidence_required) const;
  /// The optional `evidence` field (an error if required and missing, or not a known level).
  Result<std::optional<Evidence>> evidence(bool required) const;
  int line() const { return static_cast<int>(table_.source().begin.line); }
  const std::string& file() const { return file_; }
  const toml::table& table() const { return table_; }

 private:
  const toml::table& table_;
  std::string file_;
};

/// Converts a value in `unit` to the canonical unit of its dimension; nullopt if unknown.
struct CanonicalValue {
  double value;
  std::string unit;
};
std::optional<CanonicalValue> to_canonical(double value, std::string_view unit);
/// Accepted unit spellings, for messages.
std::string_view known_units();

/// Parses a TOML file; a syntax error names "label:line".
Result<toml::table> parse_file(const std::filesystem::path& path, const std::string& label);
/// Parses TOML held in memory; a syntax error names "label:line".
Result<toml::table> parse_text(const std::string& text, const std::string& label);

/// Calls fn(TomlReader) for each table of the array-of-tables `key` (e.g. [[product]]) in
/// `root`; a missing key is no tables. Stops at the first error fn returns.
template <typename Fn>
Status for_each_table(const toml::table& root, std::string_view key, const std::string& file,
                      Fn&& fn) {
  const toml::node* n = root.get(key);
  if (n == nullptr) return Ok{};
  const toml::array* arr = n->as_array();
  if (arr == nullptr) {
    return Error{ErrorCode::kDataFile, file + ":" + std::to_string(n->source().begin.line),
                 std::string(key), "must be an array of tables", "[[" + std::string(key) + "]]"};
  }
  for (const toml::node& item : *arr) {
    const toml::table* t = item.as_table();
    if (t == nullptr) {
      return Error{ErrorCode::kDataFile, file + ":" + std::to_string(item.source().begin.line),
                   std::string(key), "must be a table", "[[" + std::string(key) + "]]"};
    }
    Status s = fn(TomlReader(*t, file));
    if (!s) return s;
  }
  return Ok{};
}

}  // namespace speciosa::knowledge::detail
