// Small helpers the analyses share: method constants from data/analysis.toml, time arithmetic
// on journal instants, and JSON for fits.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "speciosa/analysis.hpp"

namespace speciosa::analysis::detail {

/// A parameter's value from the knowledge base; kDataFile naming the id when it is missing.
Result<double> parameter(const knowledge::Knowledge& k, std::string_view id);

/// Reads several parameters at once, adding each one's source key to `sources` (no duplicates).
Status read_parameters(const knowledge::Knowledge& k,
                       std::initializer_list<std::pair<std::string_view, double*>> wanted,
                       std::vector<std::string>& sources);

inline double hours_between(journal::Instant from, journal::Instant to) {
  return std::chrono::duration<double, std::ratio<3600>>(to - from).count();
}

/// Hours since local midnight of `origin`'s local day, on the person's local clock (so that
/// floor(t / 24) numbers local days).
double local_hours_since(journal::Instant origin, journal::Instant at, std::string_view tz);

/// The local calendar day of an instant.
journal::Date local_day(journal::Instant at, std::string_view tz);

/// Checks a whole number of `unit` ("days", "weeks") is in [1, max]; `field` names the option.
Status check_span(std::string_view field, int count, int max, std::string_view unit);

/// Simulates doses given in mg of alkaloid (simulate_exposure after conversion; the taper's
/// planned doses). `doses` in any order; at least one.
Result<Exposure> simulate_doses(const knowledge::Knowledge& k, const PersonData& data,
                                std::vector<std::pair<journal::Instant, AlkaloidDose>> doses,
                                const ExposureOptions& options);

/// Two-sided 95 % quantile of Student's t with `df` >= 1 degrees of freedom.
double t_quantile_975(int df);

/// A mean with its 95 % t interval; n >= 3.
struct MeanCi {
  double mean = 0;
  double ci_low = 0;
  double ci_high = 0;
  int n = 0;
};
std::optional<MeanCi> mean_ci(const std::vector<double>& values);

nlohmann::json to_json(const LineFit& fit);
nlohmann::json to_json(const std::optional<LineFit>& fit);
nlohmann::json to_json(const std::optional<double>& value);

}  // namespace speciosa::analysis::detail
