#include "speciosa/analysis_simulation.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "speciosa/analysis.hpp"

namespace speciosa::analysis {
namespace {

// More doses than one an hour for a year is a typo (--count 2000000000, --every 1s), and
// would exhaust memory before the simulation starts.
constexpr double kMaxDoses = 10'000;

Error too_many_doses(std::string_view option, double n_doses) {
  return invalid_input(std::string(option), std::string(option.substr(2)),
                       fmt::format("{:.0f} doses is more than a regimen can have", n_doses),
                       fmt::format("at most {:g} doses", kMaxDoses));
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = s.find(',', start);
    out.push_back(s.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Result<std::vector<double>> dose_times(const RegimenOptions& o, double span_h) {
  if (!o.at.empty()) {
    if (!o.every.empty()) {
      return invalid_input("--at", "at", "--at and --every cannot be combined", "either --at 0,6,12 or --every 8h");
    }
    auto times = units::parse_time_list_h(o.at, "--at");
    if (!times) return times.error();
    for (double t : *times) {
      if (!(t >= 0)) {
        return invalid_input("--at", "at", fmt::format("{:g} h is not a time >= 0", t), "times >= 0 h, e.g. 0,6,12");
      }
    }
    if (static_cast<double>(times->size()) > kMaxDoses) return too_many_doses("--at", static_cast<double>(times->size()));
    return times;
  }
  if (o.every.empty()) {
    if (o.count > 1) return invalid_input("--count", "count", "--count needs --every", "--every 24h --count 7");
    return std::vector<double>{0.0};
  }
  auto tau = units::parse_duration_h(o.every, "--every");
  if (!tau) return tau.error();
  if (!(*tau > 0)) {
    return invalid_input("--every", "every", fmt::format("'{}' is not a positive interval", o.every), "e.g. 8h or 24h");
  }
  if (o.count < 0) return invalid_input("--count", "count", "is negative", "a count >= 1");
  const double n_doses = o.count > 0 ? o.count : std::floor(span_h / *tau + 1e-9) + 1;
  if (n_doses > kMaxDoses) return too_many_doses(o.count > 0 ? "--count" : "--every", n_doses);
  const int n = static_cast<int>(n_doses);
  std::vector<double> times;
  for (int i = 0; i < n; ++i) times.push_back(i * *tau);
  return times;
}

}  // namespace

Result<Regimen> build_regimen(const RegimenOptions& o, const knowledge::Knowledge& k, double span_h) {
  const std::vector<std::string> amounts = split_list(o.dose);
  DoseSpec spec{amounts[0], o.as, o.product, o.mg_content, o.oh_content};
  auto first = convert_dose(k, spec);
  if (!first) return first.error();
  auto times = dose_times(o, span_h);
  if (!times) return times.error();
  if (amounts.size() != 1 && amounts.size() != times->size()) {
    return invalid_input("--dose", "dose",
                         fmt::format("{} amounts for {} dose times", amounts.size(), times->size()),
                         "one amount, or one per --at time");
  }
  Regimen r;
  r.content_note = first->content_note;
  r.mg_per_dose_mg = first->alkaloids.mitragynine_mg;
  r.oh_per_dose_mg = first->alkaloids.hydroxymitragynine_mg;
  r.warnings = first->warnings;
  for (std::size_t i = 0; i < times->size(); ++i) {
    AlkaloidDose dose = first->alkaloids;
    if (i > 0 && amounts.size() > 1) {
      spec.amount = amounts[i];
      auto d = convert_dose(k, spec);
      if (!d) return d.error();
      dose = d->alkaloids;
      r.warnings.insert(r.warnings.end(), d->warnings.begin(), d->warnings.end());
    }
    append_dose_events((*times)[i], dose, r.events);
  }
  if (r.events.empty()) {
    return invalid_input("--dose", "dose", "the product contains no alkaloid to simulate",
                         "a product or --mg-content with mitragynine or 7-OH above zero");
  }
  r.events = sim::expand_events(r.events);
  r.dose_times_h = *times;
  std::sort(r.dose_times_h.begin(), r.dose_times_h.end());
  r.dose_times_h.erase(std::unique(r.dose_times_h.begin(), r.dose_times_h.end()), r.dose_times_h.end());
  return r;
}

}  // namespace speciosa::analysis
