#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

#include "speciosa/common.hpp"

namespace speciosa::units {
namespace {

struct UnitDef {
  std::string_view name;
  Kind kind;
  double factor;  // to canonical: mg, fraction, h, serving
  std::string_view canonical;
};

// Canonical units: mass in mg, fractions 0..1, durations in hours, counts in servings.
constexpr std::array kUnits{
    UnitDef{"mg", Kind::kMass, 1.0, "mg"},          UnitDef{"g", Kind::kMass, 1000.0, "g"},
    UnitDef{"kg", Kind::kMass, 1.0e6, "kg"},        UnitDef{"ug", Kind::kMass, 1.0e-3, "ug"},
    UnitDef{"mcg", Kind::kMass, 1.0e-3, "ug"},      UnitDef{"µg", Kind::kMass, 1.0e-3, "ug"},
    UnitDef{"%", Kind::kFraction, 0.01, "%"},       UnitDef{"h", Kind::kDuration, 1.0, "h"},
    UnitDef{"hr", Kind::kDuration, 1.0, "h"},       UnitDef{"hrs", Kind::kDuration, 1.0, "h"},
    UnitDef{"hour", Kind::kDuration, 1.0, "h"},     UnitDef{"hours", Kind::kDuration, 1.0, "h"},
    UnitDef{"min", Kind::kDuration, 1.0 / 60, "min"},
    UnitDef{"mins", Kind::kDuration, 1.0 / 60, "min"},
    UnitDef{"minutes", Kind::kDuration, 1.0 / 60, "min"},
    UnitDef{"d", Kind::kDuration, 24.0, "d"},       UnitDef{"day", Kind::kDuration, 24.0, "d"},
    UnitDef{"days", Kind::kDuration, 24.0, "d"},    UnitDef{"w", Kind::kDuration, 168.0, "w"},
    UnitDef{"wk", Kind::kDuration, 168.0, "w"},     UnitDef{"week", Kind::kDuration, 168.0, "w"},
    UnitDef{"weeks", Kind::kDuration, 168.0, "w"},
    UnitDef{"serving", Kind::kCount, 1.0, "serving"},
    UnitDef{"servings", Kind::kCount, 1.0, "serving"},
    UnitDef{"tablet", Kind::kCount, 1.0, "serving"},
    UnitDef{"tablets", Kind::kCount, 1.0, "serving"},
    UnitDef{"capsule", Kind::kCount, 1.0, "serving"},
    UnitDef{"capsules", Kind::kCount, 1.0, "serving"},
    UnitDef{"shot", Kind::kCount, 1.0, "serving"},  UnitDef{"shots", Kind::kCount, 1.0, "serving"},
};

constexpr std::string_view kQuantityExamples = "a number with a unit, e.g. 2g, 2000mg, 1.5%, 8h, 30min";

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Splits "2.5 g" into the number and the unit text; fails when no number leads.
Result<std::pair<double, std::string>> split_number(std::string_view text, std::string_view field) {
  const std::string_view s = trim(text);
  if (s.empty()) {
    return invalid_input(std::string(field), std::string(field), "is empty",
                         std::string(kQuantityExamples));
  }
  double value = 0;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (*first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr == first) {
    return invalid_input(std::string(field), std::string(field),
                         "'" + std::string(s) + "' does not start with a number",
                         std::string(kQuantityExamples));
  }
  if (!std::isfinite(value)) {
    return invalid_input(std::string(field), std::string(field),
                         "'" + std::string(s) + "' is not a finite number",
                         std::string(kQuantityExamples));
  }
  return std::pair{value, lower(trim(std::string_view(ptr, static_cast<std::size_t>(last - ptr))))};
}

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::kMass: return "an amount (mg, g, kg, ug)";
    case Kind::kFraction: return "a percentage (%)";
    case Kind::kDuration: return "a duration (min, h, d, w)";
    case Kind::kCount: return "a count of servings (serving, tablet, capsule, shot)";
  }
  return "";
}

Result<Quantity> parse_kind(std::string_view text, std::string_view field, Kind kind,
                            std::string_view example) {
  auto q = parse_quantity(text, field);
  if (!q) {
    Error e = q.error();
    e.accepted = std::string(kind_name(kind)) + ", e.g. " + std::string(example);
    return e;
  }
  if (q->kind != kind) {
    return invalid_input(std::string(field), std::string(field),
                         "'" + std::string(trim(text)) + "' is not " + std::string(kind_name(kind)),
                         "e.g. " + std::string(example));
  }
  return q;
}

}  // namespace

Result<Quantity> parse_quantity(std::string_view text, std::string_view field) {
  auto split = split_number(text, field);
  if (!split) return split.error();
  const auto& [value, unit_text] = *split;
  if (unit_text.empty()) {
    return invalid_input(std::string(field), std::string(field),
                         "'" + std::string(trim(text)) + "' has no unit",
                         std::string(kQuantityExamples));
  }
  for (const UnitDef& u : kUnits) {
    if (u.name != unit_text) continue;
    // "1e308kg" is a finite number but an infinite mass once in mg.
    const double canonical = value * u.factor;
    if (!std::isfinite(canonical)) {
      return invalid_input(std::string(field), std::string(field),
                           "'" + std::string(trim(text)) + "' is too large",
                           std::string(kQuantityExamples));
    }
    return Quantity{canonical, u.kind, std::string(u.canonical)};
  }
  return invalid_input(std::string(field), std::string(field),
                       "unknown unit '" + unit_text + "'",
                       "mg, g, kg, ug, %, min, h, d, w, serving/tablet/capsule/shot");
}

Result<double> parse_mass_mg(std::string_view text, std::string_view field) {
  auto q = parse_kind(text, field, Kind::kMass, "2g or 25mg");
  if (!q) return q.error();
  return q->value;
}

Result<double> parse_fraction(std::string_view text, std::string_view field) {
  auto split = split_number(text, field);
  if (!split) return split.error();
  if (split->second.empty()) {
    if (split->first < 0 || split->first > 1) {
      return invalid_input(std::string(field), std::string(field),
                           "a bare number must be a fraction in [0, 1]",
                           "a percentage such as 1.5% or a fraction such as 0.015");
    }
    return split->first;
  }
  auto q = parse_kind(text, field, Kind::kFraction, "1.5%");
  if (!q) return q.error();
  return q->value;
}

Result<double> parse_duration_h(std::string_view text, std::string_view field) {
  auto q = parse_kind(text, field, Kind::kDuration, "8h, 30min or 2d");
  if (!q) return q.error();
  return q->value;
}

Result<std::vector<double>> parse_time_list_h(std::string_view text, std::string_view field) {
  std::vector<double> times_h;
  std::string_view rest = text;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    auto split = split_number(item, field);
    if (!split) return split.error();
    double t_h = split->first;
    if (!split->second.empty()) {
      auto d = parse_duration_h(item, field);
      if (!d) return d.error();
      t_h = *d;
    }
    times_h.push_back(t_h);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return times_h;
}

}  // namespace speciosa::units
