// Synthetic journals with known ground truth, generated from the model (tests and benchmarks).
//
// A person takes a leaf dose at fixed clock times every day (optionally growing day by day:
// escalation) and checks in at fixed clock times. Their anxiety is either driven by the model's
// tone deficit, the fast stage of withdrawal that opens as mu activity falls below the adapted
// level between doses and closes soon after the next dose (anxiety = base + gain·D(t) + noise:
// built-in interdose rebound), or unrelated to dosing (base + noise). Seeded and deterministic: the noise is Box-Muller on a fixed
// 64-bit generator, so results do not depend on the standard library's distributions.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "speciosa/analysis.hpp"

namespace speciosa::testing {

struct SyntheticSpec {
  std::uint64_t seed = 1;
  int days = 28;
  std::vector<double> dose_clock_h{8, 14, 20};        ///< UTC clock times of the daily doses
  double grams = 2.0;                                 ///< leaf per dose on day 0 (typical leaf)
  double daily_growth = 0;                            ///< dose grows by this fraction per day
  std::vector<double> checkin_clock_h{7.5, 10, 13.5};  ///< before, after, before a dose
  bool rebound = true;        ///< anxiety driven by the tone deficit
  double base_anxiety = 3;
  double gain = 0;            ///< anxiety points per unit of tone deficit; 0 = auto-scale
  double noise_sd = 1.0;
};

inline double standard_normal(std::mt19937_64& rng) {
  const double u1 = (static_cast<double>(rng() >> 11) + 0.5) / 9007199254740992.0;
  const double u2 = (static_cast<double>(rng() >> 11) + 0.5) / 9007199254740992.0;
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.141592653589793 * u2);
}

inline journal::Instant at_clock(journal::Instant day0, int day, double clock_h) {
  return day0 + std::chrono::days{day} + std::chrono::seconds{static_cast<long>(clock_h * 3600)};
}

/// The person's data; `day0` is a UTC midnight. Doses and check-ins span `spec.days` days.
inline analysis::PersonData synthetic_person(const knowledge::Knowledge& k, const SyntheticSpec& spec,
                                             journal::Instant day0) {
  analysis::PersonData data;
  data.person.name = spec.rebound ? "rebound" : "unrelated";
  data.person.tz = "UTC";
  data.person.weight_kg = 70;
  journal::EntryId id = 1;
  for (int day = 0; day < spec.days; ++day) {
    const double grams = spec.grams * std::pow(1 + spec.daily_growth, day);
    for (double clock : spec.dose_clock_h) {
      journal::Dose d;
      d.id = id++;
      d.at = at_clock(day0, day, clock);
      d.amount = std::round(grams * 100) / 100;
      d.unit = "g";
      d.product = "leaf-generic";
      data.entries.doses.push_back(d);
    }
  }
  std::optional<analysis::Exposure> exposure;
  double deficit_max = 0;
  if (spec.rebound) {
    auto simulated = analysis::simulate_exposure(k, data);
    SPECIOSA_ASSERT(simulated.has_value(), "the synthetic doses simulate");
    exposure = std::move(simulated).value();
    for (int day = 0; day < spec.days; ++day) {
      for (double clock : spec.checkin_clock_h) {
        deficit_max = std::max(deficit_max, exposure->at(at_clock(day0, day, clock)).tone_deficit);
      }
    }
  }
  // Auto-scale: the highest tone deficit at any check-in moves anxiety by 5 points.
  const double gain = spec.gain > 0 ? spec.gain : (deficit_max > 0 ? 5 / deficit_max : 0);
  std::mt19937_64 rng(spec.seed);
  for (int day = 0; day < spec.days; ++day) {
    for (double clock : spec.checkin_clock_h) {
      journal::Checkin c;
      c.id = id++;
      c.at = at_clock(day0, day, clock);
      double anxiety = spec.base_anxiety + spec.noise_sd * standard_normal(rng);
      if (exposure) anxiety += gain * exposure->at(c.at).tone_deficit;
      c.anxiety = static_cast<int>(std::clamp(std::round(anxiety), 0.0, 10.0));
      c.mood = static_cast<int>(std::clamp(std::round(6 + spec.noise_sd * standard_normal(rng)), 0.0, 10.0));
      data.entries.checkins.push_back(c);
    }
  }
  return data;
}

}  // namespace speciosa::testing
