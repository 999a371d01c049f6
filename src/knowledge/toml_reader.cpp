#include "toml_reader.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>

namespace speciosa::knowledge::detail {
namespace {

struct UnitRule {
  std::string_view unit;
  double factor;
  std::string_view canonical;
};

// Canonical units: rates 1/h, times h, volumes L, flows L/h, concentrations nM (mass
// concentrations stay ng/mL), masses mg, fractions 0..1.
constexpr std::array kUnitRules{
    UnitRule{"1/h", 1.0, "1/h"},       UnitRule{"1/min", 60.0, "1/h"},
    UnitRule{"1/d", 1.0 / 24, "1/h"},  UnitRule{"h", 1.0, "h"},
    UnitRule{"min", 1.0 / 60, "h"},    UnitRule{"d", 24.0, "h"},
    UnitRule{"L", 1.0, "L"},           UnitRule{"mL", 1e-3, "L"},
    UnitRule{"L/h", 1.0, "L/h"},       UnitRule{"L/min", 60.0, "L/h"},
    UnitRule{"mL/min", 0.06, "L/h"},   UnitRule{"nM", 1.0, "nM"},
    UnitRule{"nmol/L", 1.0, "nM"},     UnitRule{"uM", 1000.0, "nM"},
    UnitRule{"pM", 1e-3, "nM"},        UnitRule{"pmol/L", 1e-3, "nM"},
    UnitRule{"ng/mL", 1.0, "ng/mL"},   UnitRule{"pg/mL", 1e-3, "ng/mL"},
    UnitRule{"fraction", 1.0, "fraction"}, UnitRule{"%", 0.01, "fraction"},
    UnitRule{"mg", 1.0, "mg"},         UnitRule{"g", 1000.0, "mg"},
    UnitRule{"kg", 1.0, "kg"},         UnitRule{"g/mol", 1.0, "g/mol"},
    UnitRule{"1", 1.0, "1"},           UnitRule{"y", 1.0, "y"},
    UnitRule{"nM/h", 1.0, "nM/h"},     UnitRule{"pmol/L/h", 1e-3, "nM/h"},
};

}  // namespace

std::optional<CanonicalValue> to_canonical(double value, std::string_view unit) {
  for (const UnitRule& r : kUnitRules) {
    if (r.unit == unit) return CanonicalValue{value * r.factor, std::string(r.canonical)};
  }
  return std::nullopt;
}

std::string_view known_units() {
  return "1/h, 1/min, 1/d, h, min, d, L, mL, L/h, L/min, mL/min, nM, nmol/L, uM, pM, pmol/L, "
         "ng/mL, pg/mL, fraction, %, mg, g, kg, g/mol, 1, y, nM/h, pmol/L/h";
}

std::string TomlReader::where() const { return fmt::format("{}:{}", file_, line()); }

std::string TomlReader::where(std::string_view field) const {
  if (const toml::node* n = table_.get(field)) {
    return fmt::format("{}:{}", file_, n->source().begin.line);
  }
  return where();
}

Error TomlReader::error(std::string_view field, std::string message, std::string accepted) const {
  return Error{ErrorCode::kDataFile, where(field), std::string(field), std::move(message),
               std::move(accepted)};
}

Result<std::string> TomlReader::required_string(std::string_view field) const {
  const toml::node* n = table_.get(field);
  if (n == nullptr) return error(field, "is missing", "a non-empty string");
  if (auto s = n->value<std::string>(); s && !s->empty()) return *s;
  return error(field, "must be a non-empty string", "a non-empty string");
}

std::string TomlReader::optional_string(std::string_view field) const {
  return table_[field].value_or(std::string{});
}

Result<double> TomlReader::required_number(std::string_view field) const {
  const toml::node* n = table_.get(field);
  if (n == nullptr) return error(field, "is missing", "a number");
  auto v = n->value<double>();
  if (!v || !std::isfinite(*v)) return error(field, "must be a finite number", "a number");
  return *v;
}

std::optional<double> TomlReader::optional_number(std::string_view field) const {
  return table_[field].value<double>();
}

Result<std::vector<std::string>> TomlReader::string_list(std::string_view field) const {
  std::vector<std::string> out;
  const toml::node* n = table_.get(field);
  if (n == nullptr) return out;
  const toml::array* arr = n->as_array();
  if (arr == nullptr) return error(field, "must be an array of strings", "[\"a\", \"b\"]");
  for (const toml::node& item : *arr) {
    auto s = item.value<std::string>();
    if (!s) return error(field, "must be an array of strings", "[\"a\", \"b\"]");
    out.push_back(*s);
  }
  return out;
}

const toml::table* TomlReader::subtable(std::string_view field) const {
  const toml::node* n = table_.get(field);
  return n == nullptr ? nullptr : n->as_table();
}

Result<Provenance> TomlReader::provenance(const std::vector<Source>& sources,
                                          bool evidence_required) const {
  auto key = required_string("source");
  if (!key) return key.error();
  bool known = false;
  for (const Source& s : sources) known = known || s.key == *key;
  if (!known) {
    return error("source", "'" + *key + "' is not a key in sources.toml",
                 "a key defined in data/sources.toml");
  }
  auto e = evidence(evidence_required);
  if (!e) return e.error();
  return Provenance{*key, e->value_or(Evidence::kTheoretical), file_, line()};
}

Result<std::optional<Evidence>> TomlReader::evidence(bool required) const {
  const std::string text = optional_string("evidence");
  if (text.empty()) {
    if (required) return error("evidence", "is missing", std::string(evidence_names()));
    return std::optional<Evidence>{};
  }
  auto e = evidence_from_string(text);
  if (!e) {
    return error("evidence", "unknown evidence level '" + text + "'", std::string(evidence_names()));
  }
  return std::optional<Evidence>{*e};
}

namespace {

// Runs a toml++ parse; its exception becomes an error naming "label:line".
template <typename Parse>
Result<toml::table> parse_reporting(const std::string& label, Parse&& parse) {
  try {
    return parse();
  } catch (const toml::parse_error& e) {
    return Error{ErrorCode::kDataFile,
                 fmt::format("{}:{}", label, e.source().begin.line), "",
                 std::string(e.description()), "valid TOML 1.0"};
  }
}

}  // namespace

Result<toml::table> parse_file(const std::filesystem::path& path, const std::string& label) {
  return parse_reporting(label, [&] { return toml::parse_file(path.string()); });
}

Result<toml::table> parse_text(const std::string& text, const std::string& label) {
  return parse_reporting(label, [&] { return toml::parse(text, label); });
}

}  // namespace speciosa::knowledge::detail
