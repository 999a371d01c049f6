#include <algorithm>
#include <cctype>
#include <cmath>
#include <fmt/format.h>
#include <numeric>

#include "speciosa/common.hpp"

namespace speciosa::check {
namespace {
Error named(std::string_view where, std::string_view field, std::string message,
            std::string accepted) {
  return invalid_input(std::string(where), std::string(field), std::move(message),
                       std::move(accepted));
}
}  // namespace

Status positive_finite(std::string_view where, std::string_view field, double value) {
  if (std::isfinite(value) && value > 0) return Ok{};
  return named(where, field, fmt::format("{} is not a positive finite number", value),
               "a number > 0");
}

Status non_negative_finite(std::string_view where, std::string_view field, double value) {
  if (std::isfinite(value) && value >= 0) return Ok{};
  return named(where, field, fmt::format("{} is not a finite number >= 0", value),
               "a number >= 0");
}

Status in_range(std::string_view where, std::string_view field, double value, double lo,
                double hi, std::string_view unit) {
  if (std::isfinite(value) && value >= lo && value <= hi) return Ok{};
  const std::string u = unit.empty() ? "" : " " + std::string(unit);
  return named(where, field, fmt::format("{}{} is not in [{}, {}]{}", value, u, lo, hi, u),
               fmt::format("a number from {} to {}{}", lo, hi, u));
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      const std::size_t next = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = row[j];
      row[j] = next;
    }
  }
  return row[b.size()];
}

std::vector<std::string> closest(std::string_view wanted, const std::vector<std::string>& names,
                                 std::size_t n) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  scored.reserve(names.size());
  for (const auto& name : names) scored.emplace_back(edit_distance(wanted, name), name);
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < n; ++i) out.push_back(scored[i].second);
  return out;
}

}  // namespace speciosa::check
