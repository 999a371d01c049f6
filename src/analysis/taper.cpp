// Taper planner. From current use (the mean of the recent days' logged doses), levels fall by a
// fixed fraction each week. The whole plan is simulated with the model; where the daily mean of
// mu-opioid activity would fall by more than the limit (data/analysis.toml) from one day to the
// next, a level halfway between is inserted before that step, and the plan is simulated again.
// A plan to discuss with a clinician, never a prescription.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>

#include "speciosa/analysis.hpp"
#include "support.hpp"

namespace speciosa::analysis {
namespace {

using detail::hours_between;

constexpr int kStepDays = 7;          // one level per week, as opioid tapers are usually paced
constexpr int kLeadInDays = 14;       // current use simulated first, so tolerance has built up
constexpr double kStopFraction = 0.1; // below a tenth of the start, the next step is to stop
constexpr int kMaxRefinements = 8;    // each halves the offending steps
constexpr int kMaxLevels = 200;

struct Level {
  double fraction = 1;  // of current use
  std::string reason;
};

struct CurrentUse {
  AlkaloidDose per_day;
  double grams_per_day = 0;
  int doses_per_day = 1;
};

Result<CurrentUse> current_use(const knowledge::Knowledge& k, const PersonData& data, const TaperOptions& o) {
  CurrentUse use;
  const journal::Instant from = o.now - std::chrono::days{o.recent_days};
  int count = 0;
  for (const journal::Dose& d : data.entries.doses) {
    if (d.at < from || d.at >= o.now) continue;
    auto converted = convert_dose(k, d, data.products);
    if (!converted) return converted.error();
    use.per_day.mitragynine_mg += converted->alkaloids.mitragynine_mg / o.recent_days;
    use.per_day.hydroxymitragynine_mg += converted->alkaloids.hydroxymitragynine_mg / o.recent_days;
    if (d.unit == "g") use.grams_per_day += d.amount / o.recent_days;
    if (d.unit == "mg") use.grams_per_day += d.amount / 1000 / o.recent_days;
    ++count;
  }
  if (count == 0) {
    return invalid_input("journal", "doses", fmt::format("no doses logged in the last {} days", o.recent_days),
                         "a journal with recent doses: the plan starts from current use");
  }
  use.doses_per_day = std::max(1, static_cast<int>(std::lround(static_cast<double>(count) / o.recent_days)));
  return use;
}

std::vector<Level> initial_levels(const TaperOptions& o) {
  std::vector<Level> levels{{1.0, "current use"}};
  while (levels.back().fraction > kStopFraction && static_cast<int>(levels.size()) < kMaxLevels) {
    levels.push_back({levels.back().fraction * (1 - o.step_fraction),
                      fmt::format("cut by {:.0f} % of the level before", o.step_fraction * 100)});
  }
  levels.push_back({0.0, fmt::format("stop: below {:.0f} % of current use", kStopFraction * 100)});
  return levels;
}

// Each level held for a week; held steps (1-based, the current use is step 0) twice as long.
std::vector<int> level_days(const std::vector<Level>& levels, const std::vector<int>& held) {
  std::vector<int> days;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const bool hold = std::find(held.begin(), held.end(), static_cast<int>(i)) != held.end();
    days.push_back(levels[i].fraction == 0 ? kStepDays : kStepDays * (hold ? 2 : 1));
  }
  return days;
}

struct Simulated {
  std::vector<double> mean_mu;       // per plan day
  std::vector<double> peak_withdrawal;
  std::vector<int> level_of_day;
};

Result<Simulated> simulate_plan(const knowledge::Knowledge& k, const PersonData& data, const CurrentUse& use,
                                const std::vector<Level>& levels, const std::vector<int>& days,
                                journal::Instant plan_start) {
  std::vector<std::pair<journal::Instant, AlkaloidDose>> doses;
  Simulated out;
  // Doses spread over a 14-hour waking day from 08:00 (the person's clock).
  const double spacing_h = use.doses_per_day > 1 ? 14.0 / (use.doses_per_day - 1) : 0;
  const auto add_day = [&](int day, double fraction) {
    if (fraction <= 0) return;
    for (int i = 0; i < use.doses_per_day; ++i) {
      const double clock_h = 8 + i * spacing_h;
      const journal::Instant at = plan_start + std::chrono::days{day} +
                                  std::chrono::seconds{static_cast<long>(clock_h * 3600)};
      doses.emplace_back(at, AlkaloidDose{use.per_day.mitragynine_mg * fraction / use.doses_per_day,
                                          use.per_day.hydroxymitragynine_mg * fraction / use.doses_per_day});
    }
  };
  for (int day = -kLeadInDays; day < 0; ++day) add_day(day, 1.0);
  int day = 0;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    for (int d = 0; d < days[i]; ++d, ++day) {
      add_day(day, levels[i].fraction);
      out.level_of_day.push_back(static_cast<int>(i));
    }
  }
  ExposureOptions eo;
  eo.until = plan_start + std::chrono::days{day};
  eo.step_h = 0.5;
  auto exposure = detail::simulate_doses(k, data, std::move(doses), eo);
  if (!exposure) return exposure.error();
  const double offset_h = hours_between(exposure->start, plan_start);
  out.mean_mu.assign(static_cast<std::size_t>(day), 0.0);
  out.peak_withdrawal.assign(static_cast<std::size_t>(day), 0.0);
  std::vector<int> samples(static_cast<std::size_t>(day), 0);
  for (std::size_t i = 0; i < exposure->t_h.size(); ++i) {
    const double plan_h = exposure->t_h[i] - offset_h;
    if (plan_h < 0) continue;
    const auto d = static_cast<std::size_t>(plan_h / 24);
    if (d >= out.mean_mu.size()) break;
    out.mean_mu[d] += exposure->mu_activity[i];
    ++samples[d];
    out.peak_withdrawal[d] = std::max(out.peak_withdrawal[d], exposure->withdrawal[i]);
  }
  for (std::size_t d = 0; d < samples.size(); ++d) out.mean_mu[d] /= std::max(1, samples[d]);
  return out;
}

// Steps whose days see a fall above the limit (index of the level stepped down to).
std::vector<std::size_t> offending_levels(const Simulated& s, double limit) {
  std::vector<std::size_t> out;
  for (std::size_t d = 1; d < s.mean_mu.size(); ++d) {
    if (s.mean_mu[d - 1] - s.mean_mu[d] <= limit) continue;
    // The fall belongs to the latest step at or before this day.
    const auto level = static_cast<std::size_t>(s.level_of_day[d]);
    if (level > 0 && std::find(out.begin(), out.end(), level) == out.end()) out.push_back(level);
  }
  return out;
}

}  // namespace

Result<TaperPlan> plan_taper(const knowledge::Knowledge& k, const PersonData& data, const TaperOptions& o) {
  if (!(o.step_fraction >= 0.01 && o.step_fraction <= 0.5)) {
    return invalid_input("--step", "step", fmt::format("{:g} % is not a taper step", o.step_fraction * 100),
                         "a cut per step from 1 % to 50 %, e.g. 10%");
  }
  if (o.weeks != 0) {  // 0: the whole plan
    if (Status s = detail::check_span("--weeks", o.weeks, 104, "weeks"); !s) return s.error();
  }
  TaperPlan plan;
  double limit_fraction = 0;
  std::vector<std::string> sources;
  if (Status s = detail::read_parameters(k, {{"taper_daily_mu_fall", &limit_fraction}}, sources); !s) {
    return s.error();
  }
  const knowledge::Parameter* limit_param = k.find_parameter("taper_daily_mu_fall");
  plan.limit_source = limit_param->provenance.source;
  plan.limit_evidence = std::string(knowledge::to_string(limit_param->provenance.evidence));
  auto use = current_use(k, data, o);
  if (!use) return use.error();
  plan.start_mg_per_day = use->per_day.mitragynine_mg;
  plan.start_grams_per_day = use->grams_per_day;
  plan.doses_per_day = use->doses_per_day;
  for (int step : o.hold_steps) {
    if (step < 1) {
      return invalid_input("--hold-step", "hold-step", fmt::format("{} is not a step number", step),
                           "a step number from 1 (the first cut)");
    }
  }

  // Plan day 0 starts at the next local midnight.
  const double since_midnight_h = detail::local_hours_since(o.now, o.now, data.person.tz);
  const journal::Instant plan_start =
      o.now + std::chrono::seconds{static_cast<long>((24 - since_midnight_h) * 3600)};
  std::vector<Level> levels = initial_levels(o);
  Simulated sim;
  for (int refinement = 0;; ++refinement) {
    auto simulated = simulate_plan(k, data, *use, levels, level_days(levels, o.hold_steps), plan_start);
    if (!simulated) return simulated.error();
    sim = std::move(simulated).value();
    if (plan.fall_limit == 0) plan.fall_limit = limit_fraction * sim.mean_mu.front();
    const std::vector<std::size_t> offending = offending_levels(sim, plan.fall_limit);
    if (offending.empty()) break;
    if (refinement == kMaxRefinements || static_cast<int>(levels.size()) >= kMaxLevels) {
      return Error{ErrorCode::kSolver, "taper", "step",
                   "no schedule keeps the modelled daily fall under the limit", "a smaller --step"};
    }
    // Insert from the back so indices stay valid.
    for (auto it = offending.rbegin(); it != offending.rend(); ++it) {
      const Level& before = levels[*it - 1];
      const Level& after = levels[*it];
      levels.insert(levels.begin() + static_cast<std::ptrdiff_t>(*it),
                    {(before.fraction + after.fraction) / 2,
                     "half-size step: the full cut would make mu activity fall faster than the limit"});
    }
  }

  const std::vector<int> days = level_days(levels, o.hold_steps);
  const double grams_per_mg = use->per_day.mitragynine_mg > 0 ? use->grams_per_day / use->per_day.mitragynine_mg : 0;
  const int total_days = static_cast<int>(sim.mean_mu.size());
  const int shown_days = o.weeks > 0 ? std::min(total_days, 7 * o.weeks) : total_days;
  for (int d = 0; d < shown_days; ++d) {
    const int level = sim.level_of_day[static_cast<std::size_t>(d)];
    TaperDay day;
    day.day = d;
    day.step = level;
    day.mg_per_day = use->per_day.mitragynine_mg * levels[static_cast<std::size_t>(level)].fraction;
    day.grams_per_day = day.mg_per_day * grams_per_mg;
    day.mean_mu_activity = sim.mean_mu[static_cast<std::size_t>(d)];
    day.mu_fall = d > 0 ? sim.mean_mu[static_cast<std::size_t>(d) - 1] - day.mean_mu_activity : 0;
    day.peak_withdrawal = sim.peak_withdrawal[static_cast<std::size_t>(d)];
    const bool first_day_of_level = d == 0 || sim.level_of_day[static_cast<std::size_t>(d) - 1] != level;
    if (first_day_of_level) {
      day.reason = levels[static_cast<std::size_t>(level)].reason;
      if (days[static_cast<std::size_t>(level)] > kStepDays && levels[static_cast<std::size_t>(level)].fraction > 0) {
        day.reason += "; held for two weeks as asked";
      }
    }
    plan.days.push_back(day);
  }
  plan.reasons.push_back(fmt::format(
      "Starts from current use: the mean of the last {} days, {:.0f} mg mitragynine a day in {} dose(s).",
      o.recent_days, plan.start_mg_per_day, plan.doses_per_day));
  plan.reasons.push_back(fmt::format(
      "Each level is held for a week and cut by {:.0f} % of the one before, the pace opioid tapering guidance "
      "starts from (Dowell 2022); no kratom taper has been studied.", o.step_fraction * 100));
  plan.reasons.push_back(fmt::format(
      "Every day was simulated: the daily mean mu-opioid activity never falls by more than {:.0f} % of its "
      "current-use level from one day to the next ({}, {}); steps that would have are split in two.",
      limit_fraction * 100, plan.limit_source, plan.limit_evidence));
  if (shown_days < total_days) {
    plan.reasons.push_back(fmt::format("Shown for {} weeks; at this pace the plan reaches zero after {} weeks.",
                                       o.weeks, (total_days + 6) / 7));
  }
  plan.reasons.emplace_back(
      "This is a draft to discuss with a clinician, not a prescription. Withdrawal can be hard: a clinician can "
      "help with symptoms and adjust the pace. Get medical help for vomiting or diarrhoea you cannot keep up "
      "with, chest pain, confusion, or thoughts of harming yourself.");
  return plan;
}

nlohmann::json to_json(const TaperPlan& plan) {
  nlohmann::json days = nlohmann::json::array();
  for (const TaperDay& d : plan.days) {
    days.push_back({{"day", d.day}, {"step", d.step}, {"mg_per_day", d.mg_per_day},
                    {"grams_per_day", d.grams_per_day}, {"mean_mu_activity", d.mean_mu_activity},
                    {"mu_fall", d.mu_fall}, {"peak_withdrawal", d.peak_withdrawal}, {"reason", d.reason}});
  }
  return {{"start_mg_per_day", plan.start_mg_per_day},
          {"start_grams_per_day", plan.start_grams_per_day},
          {"doses_per_day", plan.doses_per_day},
          {"fall_limit", plan.fall_limit},
          {"limit_source", plan.limit_source},
          {"limit_evidence", plan.limit_evidence},
          {"days", days},
          {"reasons", plan.reasons}};
}

}  // namespace speciosa::analysis
