// Mood stability over a window of check-ins: variability (SD), instability (MSSD/RMSSD and the
// probability of acute change, from successive differences within a maximum gap; Jahng, Wood &
// Trull 2008), trend of daily means, and GAD-7 with its severity bands (Spitzer et al. 2006).
#include <set>

#include "speciosa/analysis.hpp"
#include "support.hpp"

namespace speciosa::analysis {
namespace {

using detail::to_json;

std::optional<ScaleStability> stability_of(const std::vector<TimedValue>& values, double max_gap_h,
                                           double acute_points) {
  if (values.empty()) return std::nullopt;
  return scale_stability(values, max_gap_h, acute_points);
}

nlohmann::json scale_json(const std::optional<ScaleStability>& s) {
  if (!s) return nullptr;
  nlohmann::json trend = to_json(s->trend);
  if (s->trend) trend["unit"] = "points per week";
  return {{"n", s->n},         {"mean", s->mean},           {"sd", to_json(s->sd)},
          {"n_pairs", s->n_pairs}, {"mssd", to_json(s->mssd)}, {"rmssd", to_json(s->rmssd)},
          {"pac", to_json(s->pac)}, {"trend", trend}};
}

}  // namespace

Result<Stability> mood_stability(const knowledge::Knowledge& k, const PersonData& data,
                                 const StabilityOptions& options) {
  if (Status s = detail::check_span("--days", options.days, 3650, "days"); !s) return s.error();
  Stability out;
  out.tz = data.person.tz;
  out.days = options.days;
  out.to = options.now;
  out.from = options.now - std::chrono::days{options.days};
  if (Status s = detail::read_parameters(k, {{"stability_max_gap", &out.max_gap_h},
                                             {"acute_change_points", &out.acute_change_points}},
                                         out.sources);
      !s) {
    return s.error();
  }
  out.sources.emplace_back("spitzer2006");
  std::vector<TimedValue> anxiety, mood, gad7;
  std::set<journal::Date> days;
  for (const journal::Checkin& c : data.entries.checkins) {
    if (c.at < out.from || c.at >= out.to) continue;
    const double t_h = detail::local_hours_since(out.from, c.at, out.tz);
    if (c.anxiety) anxiety.push_back({t_h, static_cast<double>(*c.anxiety)});
    if (c.mood) mood.push_back({t_h, static_cast<double>(*c.mood)});
    if (auto score = c.gad7_score()) {
      out.gad7.push_back({c.at, *score, gad7_band(*score)});
    }
    if (c.anxiety || c.mood || c.gad7) days.insert(detail::local_day(c.at, out.tz));
  }
  out.days_with_data = static_cast<int>(days.size());
  out.anxiety = stability_of(anxiety, out.max_gap_h, out.acute_change_points);
  out.mood = stability_of(mood, out.max_gap_h, out.acute_change_points);
  return out;
}

nlohmann::json to_json(const Stability& s) {
  nlohmann::json gad7 = nlohmann::json::array();
  for (const Gad7Point& p : s.gad7) {
    gad7.push_back({{"at", journal::format_time(p.at, s.tz)}, {"score", p.score}, {"band", p.band}});
  }
  return {{"from", journal::format_time(s.from, s.tz)},
          {"to", journal::format_time(s.to, s.tz)},
          {"days", s.days},
          {"days_with_data", s.days_with_data},
          {"max_gap_h", s.max_gap_h},
          {"acute_change_points", s.acute_change_points},
          {"anxiety", scale_json(s.anxiety)},
          {"mood", scale_json(s.mood)},
          {"gad7", gad7},
          {"sources", s.sources}};
}

}  // namespace speciosa::analysis
