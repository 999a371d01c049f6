// The person's logged doses through the model: PK (sim::simulate) and the mechanism
// (receptor activity, tolerance, tone deficit, withdrawal) on one grid.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>

#include "speciosa/analysis.hpp"
#include "speciosa/sim_mechanism.hpp"
#include "support.hpp"

namespace speciosa::analysis {
namespace {

using detail::hours_between;

// Body weight within the range the allometric scaling was checked for (sim::pk_params_from);
// 70 kg, the model's reference subject, when none is recorded.
double weight_of(const journal::Person& person) { return person.weight_kg.value_or(70.0); }

double interpolate(const std::vector<double>& v, std::size_t i, double f) {
  return i + 1 < v.size() ? v[i] + f * (v[i + 1] - v[i]) : v[i];
}

}  // namespace

ExposurePoint Exposure::at(journal::Instant when) const {
  ExposurePoint p;
  auto after = std::upper_bound(dose_times.begin(), dose_times.end(), when);
  if (after != dose_times.begin()) p.hours_since_last_dose = hours_between(*(after - 1), when);
  const double t = hours_between(start, when);
  if (t_h.empty() || t < 0) return p;
  const double step = t_h.size() > 1 ? t_h[1] - t_h[0] : 1.0;
  const auto i = std::min(static_cast<std::size_t>(t / step), t_h.size() - 1);
  const double f = std::clamp((t - t_h[i]) / step, 0.0, 1.0);
  p.mg_ng_ml = interpolate(mg_ng_ml, i, f);
  p.oh_ng_ml = interpolate(oh_ng_ml, i, f);
  p.mu_activity = interpolate(mu_activity, i, f);
  p.tolerance = interpolate(tolerance, i, f);
  p.withdrawal = interpolate(withdrawal, i, f);
  p.tone_deficit = interpolate(tone_deficit, i, f);
  return p;
}

Result<Exposure> simulate_exposure(const knowledge::Knowledge& k, const PersonData& data,
                                   const ExposureOptions& options) {
  std::vector<std::pair<journal::Instant, AlkaloidDose>> doses;
  for (const journal::Dose& d : data.entries.doses) {
    if (d.at < options.from) continue;
    auto converted = convert_dose(k, d, data.products);
    if (!converted) return converted.error();
    doses.emplace_back(d.at, converted->alkaloids);
  }
  return detail::simulate_doses(k, data, std::move(doses), options);
}

namespace detail {

Result<Exposure> simulate_doses(const knowledge::Knowledge& k, const PersonData& data,
                                std::vector<std::pair<journal::Instant, AlkaloidDose>> doses,
                                const ExposureOptions& options) {
  Exposure out;
  out.weight_kg = weight_of(data.person);
  if (doses.empty()) {
    return invalid_input("journal", "doses", "no doses logged in the period analysed",
                         "log doses with `speciosa log dose 2g --product ID`");
  }
  std::stable_sort(doses.begin(), doses.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  out.start = doses.front().first;
  std::vector<sim::Event> events;
  for (const auto& [at, amount] : doses) {
    out.dose_times.push_back(at);
    out.dose_amounts.push_back(amount);
    append_dose_events(hours_between(out.start, at), amount, events);
  }
  events = sim::expand_events(events);

  auto pk = sim::pk_params_from(k, out.weight_kg);
  if (!pk) return pk.error();
  pk->comed_cyp3a_activity = data.comed_cyp3a_activity;
  auto mechanism_params = sim::mechanism_params(k);
  if (!mechanism_params) return mechanism_params.error();

  sim::SimulationOptions pk_options;
  pk_options.step_h = options.step_h;
  // A day after the last dose covers the next morning's trough, the time rebound shows.
  const journal::Instant end = options.until.value_or(out.dose_times.back() + std::chrono::hours{24});
  pk_options.end_h = std::max(options.step_h, hours_between(out.start, end));
  auto series = sim::simulate(*pk, events, pk_options);
  if (!series) return series.error();
  sim::CouplingOptions coupling;
  // The local clock time of the first dose, for the circadian HPA drive.
  coupling.mechanism.clock_at_t0_h = detail::local_hours_since(out.start, out.start, data.person.tz);
  auto mechanism = sim::simulate_mechanism_for(*pk, events, pk_options, *mechanism_params, coupling);
  if (!mechanism) return mechanism.error();

  out.t_h = std::move(series->t_h);
  out.mg_ng_ml = std::move(series->mg_ng_ml);
  out.oh_ng_ml = std::move(series->oh_ng_ml);
  out.mu_activity = mechanism->column("mu_activity");
  out.tolerance = mechanism->column("tolerance");
  out.withdrawal = mechanism->column("withdrawal");
  out.tone_deficit = std::move(mechanism->tone_deficit);
  SPECIOSA_ASSERT(out.mu_activity.size() == out.t_h.size(), "PK and mechanism share one grid");
  return out;
}

}  // namespace detail
}  // namespace speciosa::analysis
