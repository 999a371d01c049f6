// Exposure-linked anxiety, interdose rebound and tolerance drift.
//
// Rebound (interdose withdrawal) is the pattern Dyer et al. (1999, 2001) saw with methadone and
// Smith et al. (2024) before a regular kratom user's morning dose: anxiety highest when levels
// are lowest, relieved by the next dose. We look for it in two ways that must agree: anxiety
// rises with the modelled tone deficit (robust regression), and anxiety just before a dose is
// higher than shortly after it (paired differences). The regressor is the tone deficit, not the
// withdrawal index: the deficit follows the fall of mu activity below the adapted level within
// hours and closes within 1-2 h of the next dose, while the withdrawal index is its slow
// expression (t½ 12 h, docs/model.md), nearly flat within a day and still rising after a dose.
#include <algorithm>
#include <cmath>
#include <functional>
#include <fmt/format.h>
#include <map>
#include <numeric>
#include <set>

#include "speciosa/analysis.hpp"
#include "support.hpp"

namespace speciosa::analysis {
namespace {

using detail::hours_between;
using detail::to_json;

struct Constants {
  double min_checkins = 0;
  double min_days = 0;
  double before_dose_h = 0;
  double after_dose_h = 0;
  double min_after_dose_h = 0;
  double r_moderate = 0;
  double r_strong = 0;
  double escalation_rise = 0;
  double escalation_min_weeks = 0;
};

Status read_constants(const knowledge::Knowledge& k, Constants& c, std::vector<std::string>& sources) {
  return detail::read_parameters(k,
                                 {{"rebound_min_checkins", &c.min_checkins},
                                  {"rebound_min_days", &c.min_days},
                                  {"relief_before_dose", &c.before_dose_h},
                                  {"relief_after_dose", &c.after_dose_h},
                                  {"relief_min_after_dose", &c.min_after_dose_h},
                                  {"correlation_moderate", &c.r_moderate},
                                  {"correlation_strong", &c.r_strong},
                                  {"escalation_rise", &c.escalation_rise},
                                  {"escalation_min_weeks", &c.escalation_min_weeks}},
                                 sources);
}

// --- exposure under the check-ins -------------------------------------------------------------

struct Predictor {
  const char* name;
  const char* unit;
  double lag_h;
  double (*value)(const ExposurePoint&);
};

// The exposure measures anxiety is regressed on. MG is also taken 2 h earlier, because the
// effect site lags plasma (docs/model.md) and people rate how the last hours felt.
constexpr Predictor kPredictors[] = {
    {"tone_deficit", "fraction", 0, [](const ExposurePoint& p) { return p.tone_deficit; }},
    {"withdrawal", "index 0-1", 0, [](const ExposurePoint& p) { return p.withdrawal; }},
    {"mu_activity", "fraction", 0, [](const ExposurePoint& p) { return p.mu_activity; }},
    {"mg_ng_ml", "ng/mL", 0, [](const ExposurePoint& p) { return p.mg_ng_ml; }},
    {"mg_ng_ml", "ng/mL", 2, [](const ExposurePoint& p) { return p.mg_ng_ml; }},
    {"oh_ng_ml", "ng/mL", 0, [](const ExposurePoint& p) { return p.oh_ng_ml; }},
    {"hours_since_last_dose", "h", 0,
     [](const ExposurePoint& p) { return p.hours_since_last_dose.value_or(0.0); }},
};

std::vector<Association> associations(const std::vector<CheckinExposure>& rated, const Exposure& exposure) {
  std::vector<Association> out;
  for (const Predictor& p : kPredictors) {
    std::vector<double> x, y;
    for (const CheckinExposure& c : rated) {
      const journal::Instant at = c.at - std::chrono::seconds{static_cast<long>(p.lag_h * 3600)};
      x.push_back(p.value(p.lag_h == 0 ? c.exposure : exposure.at(at)));
      y.push_back(*c.anxiety);
    }
    if (auto fit = robust_fit_line(x, y)) out.push_back({p.name, p.unit, p.lag_h, *fit});
  }
  return out;
}

// --- rebound ------------------------------------------------------------------------------------

// Anxiety just before each dose minus anxiety shortly after it (before the next dose).
std::vector<double> relief_differences(const std::vector<CheckinExposure>& rated,
                                       const std::vector<journal::Instant>& doses, const Constants& c) {
  std::vector<double> out;
  for (std::size_t i = 0; i < doses.size(); ++i) {
    const journal::Instant dose = doses[i];
    const CheckinExposure* before = nullptr;
    const CheckinExposure* after = nullptr;
    for (const CheckinExposure& r : rated) {
      const double dt = hours_between(dose, r.at);
      if (dt < 0 && dt >= -c.before_dose_h) before = &r;  // the latest one before the dose
      const bool before_next = i + 1 == doses.size() || r.at < doses[i + 1];
      if (after == nullptr && dt >= c.min_after_dose_h && dt <= c.after_dose_h && before_next) after = &r;
    }
    if (before != nullptr && after != nullptr) out.push_back(*before->anxiety - *after->anxiety);
  }
  return out;
}

std::string strength_of(double r, const Constants& c) {
  if (r >= c.r_strong) return "strong";
  if (r >= c.r_moderate) return "moderate";
  return "weak";
}

// One step weaker, never below "weak".
std::string weaker(const std::string& strength) {
  return strength == "strong" ? "moderate" : "weak";
}

Rebound find_rebound(const std::vector<CheckinExposure>& rated, const std::vector<journal::Instant>& doses,
                     const std::string& tz, const Constants& c) {
  Rebound r;
  r.n_checkins = static_cast<int>(rated.size());
  r.n_needed = static_cast<int>(c.min_checkins);
  r.days_needed = static_cast<int>(c.min_days);
  std::set<journal::Date> days;
  for (const CheckinExposure& x : rated) days.insert(detail::local_day(x.at, tz));
  r.days_covered = static_cast<int>(days.size());
  if (r.n_checkins < r.n_needed || r.days_covered < r.days_needed) {
    r.finding = fmt::format(
        "Not enough data yet to say whether anxiety rises between doses: {} check-in(s) with an anxiety "
        "rating over {} day(s) while using; this needs at least {} over {} days (for example 3 a day for 3 "
        "weeks, some shortly before and 1-3 h after a dose).",
        r.n_checkins, r.days_covered, r.n_needed, r.days_needed);
    return r;
  }
  std::vector<double> deficit, anxiety;
  for (const CheckinExposure& x : rated) {
    deficit.push_back(x.exposure.tone_deficit);
    anxiety.push_back(*x.anxiety);
  }
  r.tone_deficit_fit = robust_fit_line(deficit, anxiety);
  const std::vector<double> relief = relief_differences(rated, doses, c);
  r.n_relief_pairs = static_cast<int>(relief.size());
  const auto relief_ci = detail::mean_ci(relief);
  if (relief_ci) {
    r.relief_mean = relief_ci->mean;
    r.relief_ci_low = relief_ci->ci_low;
    r.relief_ci_high = relief_ci->ci_high;
  }
  const bool rises = r.tone_deficit_fit && r.tone_deficit_fit->ci_low > 0;
  const bool relief_shown = relief_ci && relief_ci->ci_low > 0;
  const bool relief_contradicted = relief_ci && relief_ci->ci_high < 0;
  r.detected = rises && !relief_contradicted;
  if (!r.detected) {
    r.strength = "none";
    r.finding = fmt::format(
        "No interdose rebound pattern in {} check-ins over {} days: anxiety did not rise reliably as the "
        "modelled levels fell{}.",
        r.n_checkins, r.days_covered,
        r.tone_deficit_fit
            ? fmt::format(" (change per unit of modelled tone deficit {:+.1f}, 95 % CI {:+.1f} to {:+.1f})",
                          r.tone_deficit_fit->slope, r.tone_deficit_fit->ci_low, r.tone_deficit_fit->ci_high)
            : "");
    return r;
  }
  r.strength = strength_of(r.tone_deficit_fit->r, c);
  if (!relief_shown) r.strength = weaker(r.strength);
  r.finding = fmt::format(
      "Your anxiety tends to rise as the modelled kratom levels fall between doses ({} evidence from {} "
      "check-ins over {} days; correlation {:.2f}){}. This pattern is known as interdose withdrawal or "
      "rebound. It is a pattern in your own log, not a diagnosis: discuss it with a clinician, especially "
      "before changing how much or how often you take.",
      r.strength, r.n_checkins, r.days_covered, r.tone_deficit_fit->r,
      relief_shown ? fmt::format("; anxiety was {:.1f} points lower 0.5-3 h after a dose than just before it "
                                 "({} doses)", *r.relief_mean, r.n_relief_pairs)
                   : "; whether the next dose relieves it is not yet clear from check-ins around doses");
  return r;
}

// --- tolerance drift --------------------------------------------------------------------------

double grams_of(const journal::Dose& d) {
  if (d.unit == "g") return d.amount;
  if (d.unit == "mg") return d.amount / 1000;
  if (d.unit == "ug") return d.amount / 1e6;
  return 0;  // servings have no leaf mass
}

double median(std::vector<double> v) {
  SPECIOSA_ASSERT(!v.empty(), "median of an empty list");
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

struct LoggedDose {
  journal::Instant at;
  double grams = 0;
  double mg = 0;
};

WeekUse week_use(journal::Instant from, const std::vector<LoggedDose>& doses,
                 const std::vector<const journal::Checkin*>& checkins, const std::string& tz) {
  WeekUse w;
  w.week_start = detail::local_day(from, tz);
  w.doses = static_cast<int>(doses.size());
  std::map<journal::Date, std::vector<journal::Instant>> by_day;
  for (const LoggedDose& d : doses) {
    w.grams_per_day += d.grams / 7;
    w.mg_per_day += d.mg / 7;
    by_day[detail::local_day(d.at, tz)].push_back(d.at);
  }
  w.doses_per_day = w.doses / 7.0;
  std::vector<double> intervals, first_doses;
  for (const auto& [day, times] : by_day) {
    for (std::size_t i = 1; i < times.size(); ++i) intervals.push_back(hours_between(times[i - 1], times[i]));
    first_doses.push_back(detail::local_hours_since(times.front(), times.front(), tz));
  }
  if (!intervals.empty()) w.median_interval_h = median(intervals);
  if (!first_doses.empty()) w.first_dose_local_h = median(first_doses);
  std::vector<double> scores;
  for (const journal::Checkin* c : checkins) {
    if (c->withdrawal.empty()) continue;
    int total = 0;
    for (const auto& [symptom, score] : c->withdrawal) total += score;
    scores.push_back(total);
  }
  if (!scores.empty()) w.withdrawal_score = std::accumulate(scores.begin(), scores.end(), 0.0) / scores.size();
  return w;
}

// Trend of one weekly measure over the weeks that have it (x = week number).
std::optional<LineFit> weekly_trend(const std::vector<WeekUse>& weeks,
                                    const std::function<std::optional<double>(const WeekUse&)>& measure) {
  std::vector<double> x, y;
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    if (weeks[i].doses == 0 || !weeks[i].whole_week) continue;
    if (auto v = measure(weeks[i])) {
      x.push_back(static_cast<double>(i));
      y.push_back(*v);
    }
  }
  return fit_line(x, y);
}

// Relative change of a measure: mean of the last two weeks with use against the first two.
std::optional<double> relative_change(const std::vector<const WeekUse*>& used, double WeekUse::*measure) {
  if (used.size() < 4) return std::nullopt;
  const double first = (used[0]->*measure + used[1]->*measure) / 2;
  const double last = (used[used.size() - 2]->*measure + used.back()->*measure) / 2;
  if (!(first > 0)) return std::nullopt;
  return last / first - 1;
}

Escalation find_escalation(const std::vector<WeekUse>& weeks, const Constants& c, const std::string& source) {
  Escalation e;
  e.rise_threshold = c.escalation_rise;
  e.threshold_source = source;
  e.weeks_needed = static_cast<int>(c.escalation_min_weeks);
  std::vector<const WeekUse*> used;
  for (const WeekUse& w : weeks) {
    if (w.doses > 0 && w.whole_week) used.push_back(&w);
  }
  e.weeks_with_use = static_cast<int>(used.size());
  e.mg_per_day_trend = weekly_trend(weeks, [](const WeekUse& w) { return std::optional(w.mg_per_day); });
  e.doses_per_day_trend = weekly_trend(weeks, [](const WeekUse& w) { return std::optional(w.doses_per_day); });
  e.interval_trend = weekly_trend(weeks, [](const WeekUse& w) { return w.median_interval_h; });
  e.first_dose_trend = weekly_trend(weeks, [](const WeekUse& w) { return w.first_dose_local_h; });
  e.withdrawal_trend = weekly_trend(weeks, [](const WeekUse& w) { return w.withdrawal_score; });
  e.enough_data = e.weeks_with_use >= e.weeks_needed;
  if (!e.enough_data) {
    e.finding = fmt::format("Not enough data yet to judge escalation: {} week(s) with logged doses; this needs {}.",
                            e.weeks_with_use, e.weeks_needed);
    return e;
  }
  e.mg_per_day_change = relative_change(used, &WeekUse::mg_per_day);
  e.doses_per_day_change = relative_change(used, &WeekUse::doses_per_day);
  const auto rising = [&](const std::optional<double>& change, const std::optional<LineFit>& trend) {
    return change && *change >= c.escalation_rise && trend && trend->ci_low > 0;
  };
  const bool amount = rising(e.mg_per_day_change, e.mg_per_day_trend);
  const bool frequency = rising(e.doses_per_day_change, e.doses_per_day_trend);
  e.detected = amount || frequency;
  if (e.detected) {
    e.finding = fmt::format(
        "Use has been rising: {}{}{} over {} weeks. Rising use is how tolerance and dependence usually show "
        "(Singh 2014). Talk to a clinician about it; if you want to cut down, `speciosa taper` drafts a "
        "gradual plan to discuss with them.",
        amount ? fmt::format("mitragynine per day up {:.0f} %", *e.mg_per_day_change * 100) : "",
        amount && frequency ? ", " : "",
        frequency ? fmt::format("doses per day up {:.0f} %", *e.doses_per_day_change * 100) : "",
        e.weeks_with_use);
  } else {
    e.finding = fmt::format("No escalation: daily amount and dose frequency have not risen by {:.0f} % or more "
                            "with a clear upward trend over {} weeks.",
                            c.escalation_rise * 100, e.weeks_with_use);
  }
  return e;
}

// Plain-language lines for the drift signals whose trend is clear in the worrying direction.
void drift_findings(const Escalation& e, std::vector<std::string>& findings) {
  if (!e.enough_data) return;
  if (e.interval_trend && e.interval_trend->ci_high < 0) {
    findings.push_back(fmt::format("Doses have been moving closer together ({:+.2f} h per week between doses "
                                   "on the same day).", e.interval_trend->slope));
  }
  if (e.first_dose_trend && e.first_dose_trend->ci_high < 0) {
    findings.push_back(fmt::format("The first dose of the day has been getting earlier ({:+.0f} min per week).",
                                   e.first_dose_trend->slope * 60));
  }
  if (e.withdrawal_trend && e.withdrawal_trend->ci_low > 0) {
    findings.push_back(fmt::format("Withdrawal checklist scores have been rising ({:+.1f} points per week).",
                                   e.withdrawal_trend->slope));
  }
}

std::vector<WeekUse> weekly_use(const knowledge::Knowledge& k, const PersonData& data,
                                const InsightOptions& o, Status& status) {
  std::vector<WeekUse> weeks;
  const journal::Instant first = o.now - std::chrono::days{7 * o.weeks};
  std::vector<std::vector<LoggedDose>> doses(static_cast<std::size_t>(o.weeks));
  std::vector<std::vector<const journal::Checkin*>> checkins(static_cast<std::size_t>(o.weeks));
  const auto week_of = [&](journal::Instant at) {
    return static_cast<std::size_t>((at - first) / std::chrono::days{7});
  };
  for (const journal::Dose& d : data.entries.doses) {
    if (d.at < first || d.at >= o.now) continue;
    auto converted = convert_dose(k, d, data.products);
    if (!converted) {
      status = converted.error();
      return {};
    }
    doses[week_of(d.at)].push_back({d.at, grams_of(d), converted->alkaloids.mitragynine_mg});
  }
  for (const journal::Checkin& c : data.entries.checkins) {
    if (c.at >= first && c.at < o.now) checkins[week_of(c.at)].push_back(&c);
  }
  // A log that begins mid-week would make that week look like lower use (and the weeks after
  // like escalation), so that week is marked.
  const std::optional<journal::Date> log_start =
      data.entries.doses.empty() ? std::nullopt
                                 : std::optional(detail::local_day(data.entries.doses.front().at, data.person.tz));
  for (std::size_t i = 0; i < doses.size(); ++i) {
    WeekUse w = week_use(first + std::chrono::days{7 * i}, doses[i], checkins[i], data.person.tz);
    w.whole_week = !log_start || *log_start <= w.week_start;
    weeks.push_back(w);
  }
  return weeks;
}

}  // namespace

Result<Insight> insight(const knowledge::Knowledge& k, const PersonData& data, const InsightOptions& o) {
  if (Status s = detail::check_span("--days", o.days, 3650, "days"); !s) return s.error();
  if (Status s = detail::check_span("--weeks", o.weeks, 520, "weeks"); !s) return s.error();
  SPECIOSA_ASSERT(o.lead_in_days >= 0, "lead-in is not negative");
  Insight out;
  out.tz = data.person.tz;
  out.to = o.now;
  out.from = o.now - std::chrono::days{o.days};
  Constants c;
  if (Status s = read_constants(k, c, out.sources); !s) return s.error();

  std::optional<Exposure> exposure;
  const journal::Instant sim_from = out.from - std::chrono::days{o.lead_in_days};
  const bool any_dose = std::any_of(data.entries.doses.begin(), data.entries.doses.end(), [&](const auto& d) {
    return d.at >= sim_from && d.at < o.now;
  });
  if (any_dose) {
    ExposureOptions eo;
    eo.from = sim_from;
    eo.until = o.now;
    auto simulated = simulate_exposure(k, data, eo);
    if (!simulated) return simulated.error();
    exposure = std::move(simulated).value();
  }
  std::vector<CheckinExposure> rated;  // anxiety rated while doses were being taken
  for (const journal::Checkin& ch : data.entries.checkins) {
    if (ch.at < out.from || ch.at >= out.to || (!ch.anxiety && !ch.mood)) continue;
    CheckinExposure x{ch.at, ch.anxiety, ch.mood, exposure ? exposure->at(ch.at) : ExposurePoint{}};
    out.checkins.push_back(x);
    if (x.anxiety && x.exposure.hours_since_last_dose) rated.push_back(x);
  }
  if (exposure) out.associations = associations(rated, *exposure);
  out.rebound = find_rebound(rated, exposure ? exposure->dose_times : std::vector<journal::Instant>{}, out.tz, c);

  Status weekly_status = Ok{};
  out.weeks = weekly_use(k, data, o, weekly_status);
  if (!weekly_status) return weekly_status.error();
  out.escalation = find_escalation(out.weeks, c, k.find_parameter("escalation_rise")->provenance.source);

  out.findings.push_back(out.rebound.finding);
  out.findings.push_back(out.escalation.finding);
  drift_findings(out.escalation, out.findings);
  out.findings.emplace_back(
      "Modelled levels are estimates from average parameters, not measurements; the effect indices rest "
      "on theoretical parameters. If you feel unwell, have trouble breathing, or have thoughts of harming "
      "yourself, call your local emergency number now.");
  return out;
}

namespace {

nlohmann::json checkin_json(const CheckinExposure& c, const std::string& tz) {
  const auto rating = [](const std::optional<int>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"at", journal::format_time(c.at, tz)},
          {"anxiety", rating(c.anxiety)},
          {"mood", rating(c.mood)},
          {"mg_ng_ml", c.exposure.mg_ng_ml},
          {"oh_ng_ml", c.exposure.oh_ng_ml},
          {"mu_activity", c.exposure.mu_activity},
          {"tolerance", c.exposure.tolerance},
          {"withdrawal", c.exposure.withdrawal},
          {"tone_deficit", c.exposure.tone_deficit},
          {"hours_since_last_dose", to_json(c.exposure.hours_since_last_dose)}};
}

nlohmann::json week_json(const WeekUse& w) {
  return {{"week_start", journal::format_date(w.week_start)},
          {"doses", w.doses},
          {"grams_per_day", w.grams_per_day},
          {"mg_per_day", w.mg_per_day},
          {"doses_per_day", w.doses_per_day},
          {"median_interval_h", to_json(w.median_interval_h)},
          {"first_dose_local_h", to_json(w.first_dose_local_h)},
          {"withdrawal_score", to_json(w.withdrawal_score)},
          {"whole_week", w.whole_week}};
}

}  // namespace

nlohmann::json to_json(const Insight& in) {
  nlohmann::json checkins = nlohmann::json::array();
  for (const CheckinExposure& c : in.checkins) checkins.push_back(checkin_json(c, in.tz));
  nlohmann::json assoc = nlohmann::json::array();
  for (const Association& a : in.associations) {
    assoc.push_back({{"outcome", "anxiety"}, {"predictor", a.predictor}, {"unit", a.unit},
                     {"lag_h", a.lag_h}, {"method", "huber"}, {"fit", to_json(a.fit)}});
  }
  nlohmann::json weeks = nlohmann::json::array();
  for (const WeekUse& w : in.weeks) weeks.push_back(week_json(w));
  const Rebound& r = in.rebound;
  const Escalation& e = in.escalation;
  return {{"from", journal::format_time(in.from, in.tz)},
          {"to", journal::format_time(in.to, in.tz)},
          {"findings", in.findings},
          {"rebound",
           {{"detected", r.detected}, {"strength", r.strength}, {"n_checkins", r.n_checkins},
            {"n_needed", r.n_needed}, {"days_covered", r.days_covered}, {"days_needed", r.days_needed},
            {"tone_deficit_fit", to_json(r.tone_deficit_fit)}, {"n_relief_pairs", r.n_relief_pairs},
            {"relief_mean", to_json(r.relief_mean)}, {"relief_ci_low", to_json(r.relief_ci_low)},
            {"relief_ci_high", to_json(r.relief_ci_high)}, {"finding", r.finding}}},
          {"escalation",
           {{"detected", e.detected}, {"enough_data", e.enough_data}, {"weeks_with_use", e.weeks_with_use},
            {"weeks_needed", e.weeks_needed}, {"rise_threshold", e.rise_threshold},
            {"threshold_source", e.threshold_source}, {"mg_per_day_change", to_json(e.mg_per_day_change)},
            {"doses_per_day_change", to_json(e.doses_per_day_change)},
            {"mg_per_day_trend", to_json(e.mg_per_day_trend)},
            {"doses_per_day_trend", to_json(e.doses_per_day_trend)},
            {"interval_trend", to_json(e.interval_trend)}, {"first_dose_trend", to_json(e.first_dose_trend)},
            {"withdrawal_trend", to_json(e.withdrawal_trend)}, {"finding", e.finding}}},
          {"associations", assoc},
          {"weeks", weeks},
          {"checkins", checkins},
          {"sources", in.sources}};
}

}  // namespace speciosa::analysis
