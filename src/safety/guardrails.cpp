// Dose guardrails: the planned dose and recent history against thresholds.toml.
#include <algorithm>
#include <fmt/format.h>
#include <set>

#include "speciosa/safety.hpp"

namespace speciosa::safety {
namespace {

using knowledge::Guardrail;
using knowledge::Thresholds;
using std::chrono::hours;
using std::chrono::sys_seconds;

GuardrailAlert make_alert(std::string id, std::string topic, Severity severity, std::string reason,
                          const Guardrail& rule) {
  return GuardrailAlert{std::move(id), std::move(topic), severity, std::move(reason),
                        rule.citation.evidence, rule.citation.sources, rule.what_to_do, {}};
}

// Grams of typical leaf holding `mg` of mitragynine, for people who think in grams.
double leaf_g(const Thresholds& t, double mg) { return mg / (t.reference_mg_fraction * 1000.0); }

struct Doses {
  std::vector<DoseRecord> all;  ///< history plus the planned dose
  sys_seconds now;

  double mg_between(sys_seconds from, sys_seconds to) const {
    double sum = 0;
    for (const DoseRecord& d : all) {
      if (d.at > from && d.at <= to) sum += d.mitragynine_mg;
    }
    return sum;
  }
  int count_between(sys_seconds from, sys_seconds to) const {
    return static_cast<int>(std::count_if(all.begin(), all.end(), [&](const DoseRecord& d) {
      return d.at > from && d.at <= to;
    }));
  }
};

sys_seconds hours_before(sys_seconds t, double h) {
  return t - std::chrono::duration_cast<std::chrono::seconds>(std::chrono::duration<double, std::ratio<3600>>(h));
}

void check_new_user(const Thresholds& t, const GuardrailInput& in, std::vector<GuardrailAlert>& out) {
  const auto& rule = t.new_user_start;
  if (!in.planned || in.planned->mitragynine_mg <= rule.high_mg) return;
  const sys_seconds since = in.now - std::chrono::days{rule.lookback_days};
  const bool recent_use = std::any_of(in.history.begin(), in.history.end(), [&](const DoseRecord& d) {
    return d.at > since && d.at <= in.now;
  });
  if (recent_use) return;
  out.push_back(make_alert(
      "new-user-start", "dose", Severity::kModerate,
      fmt::format("No use is recorded in the last {} days. For someone new, the usual starting range "
                  "is {:.0f}-{:.0f} mg of mitragynine (about {:.0f}-{:.0f} g of typical leaf); this "
                  "dose has about {:.0f} mg.",
                  rule.lookback_days, rule.low_mg, rule.high_mg, leaf_g(t, rule.low_mg),
                  leaf_g(t, rule.high_mg), in.planned->mitragynine_mg),
      rule.rule));
}

void check_single_dose(const Thresholds& t, const GuardrailInput& in, std::vector<GuardrailAlert>& out) {
  const auto& rule = t.single_dose;
  if (!in.planned) return;
  const double mg = in.planned->mitragynine_mg;
  if (mg > rule.high_mg) {
    out.push_back(make_alert(
        "single-dose-high", "dose", Severity::kMajor,
        fmt::format("This dose has about {:.0f} mg of mitragynine, above {:.0f} mg (about {:.0f} g of "
                    "typical leaf), where effects become strongly sedating.",
                    mg, rule.high_mg, leaf_g(t, rule.high_mg)),
        rule.rule));
  } else if (mg > rule.typical_high_mg) {
    out.push_back(make_alert(
        "single-dose-above-typical", "dose", Severity::kMinor,
        fmt::format("This dose has about {:.0f} mg of mitragynine, above the low range that ends near "
                    "{:.0f} mg (about {:.0f} g of typical leaf).",
                    mg, rule.typical_high_mg, leaf_g(t, rule.typical_high_mg)),
        rule.rule));
  }
}

void check_daily_total(const Thresholds& t, const Doses& doses, std::vector<GuardrailAlert>& out) {
  const auto& rule = t.daily_total;
  const double total = doses.mg_between(hours_before(doses.now, rule.window_h), doses.now);
  if (total <= rule.high_mg) return;
  const bool very = total > rule.very_high_mg;
  const double limit = very ? rule.very_high_mg : rule.high_mg;
  out.push_back(make_alert(
      very ? "daily-total-very-high" : "daily-total-high", "dose",
      very ? Severity::kMajor : Severity::kModerate,
      fmt::format("About {:.0f} mg of mitragynine in the last {:.0f} h, above {:.0f} mg (about {:.0f} g "
                  "of typical leaf).",
                  total, rule.window_h, limit, leaf_g(t, limit)),
      rule.rule));
}

void check_frequency(const Thresholds& t, const Doses& doses, std::vector<GuardrailAlert>& out) {
  const auto& rule = t.frequency;
  const int n = doses.count_between(hours_before(doses.now, rule.window_h), doses.now);
  if (n <= rule.max_doses_per_day) return;
  out.push_back(make_alert(
      "frequency", "frequency", Severity::kModerate,
      fmt::format("{} doses in the last {:.0f} h; more than {} a day is linked to more severe "
                  "dependence.",
                  n, rule.window_h, rule.max_doses_per_day),
      rule.rule));
}

void check_escalation(const Thresholds& t, const Doses& doses, std::vector<GuardrailAlert>& out) {
  const auto& rule = t.escalation;
  const std::chrono::days span{rule.recent_days};
  const sys_seconds baseline_end = doses.now - std::chrono::days{rule.baseline_offset_days};
  const double recent = doses.mg_between(doses.now - span, doses.now) / rule.recent_days;
  const double baseline = doses.mg_between(baseline_end - span, baseline_end) / rule.recent_days;
  if (baseline <= 0 || recent < rule.ratio * baseline) return;
  out.push_back(make_alert(
      "escalation", "escalation", Severity::kModerate,
      fmt::format("Average use over the last {} days is about {:.0f} mg of mitragynine a day, {:.1f} "
                  "times the {:.0f} mg a day of {} days earlier.",
                  rule.recent_days, recent, recent / baseline, baseline, rule.baseline_offset_days),
      rule.rule));
}

long local_day(sys_seconds t, std::chrono::minutes offset) {
  return std::chrono::floor<std::chrono::days>(t + offset).time_since_epoch().count();
}

void check_consecutive_days(const Thresholds& t, const GuardrailInput& in, const Doses& doses,
                            std::vector<GuardrailAlert>& out) {
  const auto& rule = t.consecutive_days;
  std::set<long> days;
  for (const DoseRecord& d : doses.all) {
    if (d.at <= in.now) days.insert(local_day(d.at, in.utc_offset));
  }
  int run = 0;
  for (long day = local_day(in.now, in.utc_offset); days.contains(day); --day) ++run;
  if (run < rule.notice_days) return;
  const bool dependence = run >= rule.dependence_days;
  out.push_back(make_alert(
      dependence ? "consecutive-days-dependence" : "consecutive-days", "dependence",
      dependence ? Severity::kModerate : Severity::kMinor,
      fmt::format("Kratom on {} days in a row.", run), rule.rule));
}

void check_hydroxymitragynine(const Thresholds& t, const Doses& doses, std::vector<GuardrailAlert>& out) {
  const auto& rule = t.hydroxymitragynine;
  double largest = 0;
  for (const DoseRecord& d : doses.all) {
    if (d.at > hours_before(doses.now, 24) && d.at <= doses.now) {
      largest = std::max(largest, d.hydroxymitragynine_mg);
    }
  }
  if (largest <= rule.concentrate_dose_mg) return;
  out.push_back(make_alert(
      "hydroxymitragynine", "7-oh", Severity::kMajor,
      fmt::format("A dose with about {:.1f} mg of 7-OH: more than the {:.1f} mg that marks a "
                  "concentrated product, far above what leaf contains.",
                  largest, rule.concentrate_dose_mg),
      rule.rule));
}

bool is_depressant(const InteractionAlert& a) {
  constexpr std::string_view kDepression = "cns-respiratory-depression";
  return a.mechanism == kDepression ||
         std::find(a.also.begin(), a.also.end(), kDepression) != a.also.end();
}

// Depressants get one combined alert; every other interaction becomes an alert whose topic lets
// a risk context raise it (liver disease raises liver-injury interactions, and so on).
std::string_view interaction_topic(const InteractionAlert& a) {
  if (a.mechanism == "seizure-threshold") return "seizure";
  if (a.mechanism == "qt-prolongation") return "qt";
  if (a.mechanism == "liver-injury") return "liver";
  return "interactions";
}

void check_medications(const SafetyData& data, const GuardrailInput& in, std::vector<GuardrailAlert>& out) {
  std::vector<std::string> depressants;
  std::vector<GuardrailAlert> others;
  for (const InteractionAlert& a : check_interactions(data, in.medications)) {
    if (is_depressant(a)) {
      if (std::find(depressants.begin(), depressants.end(), a.matched) == depressants.end()) {
        depressants.push_back(a.matched);
      }
      continue;
    }
    const std::string id = a.severity ? "interaction-" + a.class_id : "interaction-unchecked-" + a.with;
    if (std::any_of(others.begin(), others.end(), [&](const GuardrailAlert& g) { return g.id == id; })) continue;
    if (!a.severity) {
      others.push_back(GuardrailAlert{id, "interactions", Severity::kMinor,
                                      fmt::format("'{}' could not be checked: {}", a.with, a.summary),
                                      Evidence::kTheoretical, data.thresholds.depressants.rule.citation.sources,
                                      a.what_to_do, {}});
      continue;
    }
    others.push_back(GuardrailAlert{id, std::string(interaction_topic(a)), *a.severity,
                                    fmt::format("Kratom together with {}: {}", a.matched, a.summary),
                                    *a.evidence, a.sources, a.what_to_do, {}});
  }
  if (!depressants.empty()) {
    out.push_back(make_alert(
        "depressants", "depressants", Severity::kMajor,
        fmt::format("Kratom together with {}: the effects on breathing and alertness add up.",
                    fmt::join(depressants, ", ")),
        data.thresholds.depressants.rule));
  }
  out.insert(out.end(), others.begin(), others.end());
}

Severity raised(Severity s) { return s == Severity::kMinor ? Severity::kModerate : Severity::kMajor; }

void apply_contexts(const std::vector<const knowledge::RiskContext*>& contexts,
                    std::vector<GuardrailAlert>& out) {
  for (GuardrailAlert& a : out) {
    for (const knowledge::RiskContext* c : contexts) {
      if (std::find(c->raises.begin(), c->raises.end(), a.topic) == c->raises.end()) continue;
      a.severity = raised(a.severity);
      a.raised_by.push_back(c->id);
    }
  }
  for (const knowledge::RiskContext* c : contexts) {
    out.push_back(GuardrailAlert{"context-" + c->id, "context", c->severity,
                                 fmt::format("{}.", c->name), c->citation.evidence,
                                 c->citation.sources, c->advice, {}});
  }
}

}  // namespace

DoseRecord dose_from_grams(std::chrono::sys_seconds at, double grams, double mg_fraction,
                           double oh_fraction) {
  return DoseRecord{at, grams * 1000.0 * mg_fraction, grams * 1000.0 * oh_fraction};
}

Result<std::vector<GuardrailAlert>> evaluate_guardrails(const SafetyData& data,
                                                        const GuardrailInput& input) {
  std::vector<const knowledge::RiskContext*> contexts;
  for (const auto& name : input.risk_contexts) {
    const knowledge::RiskContext* c = data.find_risk_context(name);
    if (c == nullptr) {
      std::vector<std::string> ids;
      for (const auto& rc : data.risk_contexts) ids.push_back(rc.id);
      return invalid_input("--context", "context", fmt::format("unknown risk context '{}'", name),
                           fmt::format("{}", fmt::join(ids, ", ")));
    }
    if (std::find(contexts.begin(), contexts.end(), c) == contexts.end()) contexts.push_back(c);
  }
  Doses doses{input.history, input.now};
  if (input.planned) doses.all.push_back(*input.planned);
  const Thresholds& t = data.thresholds;
  std::vector<GuardrailAlert> out;
  check_new_user(t, input, out);
  check_single_dose(t, input, out);
  check_daily_total(t, doses, out);
  check_frequency(t, doses, out);
  check_escalation(t, doses, out);
  check_consecutive_days(t, input, doses, out);
  check_hydroxymitragynine(t, doses, out);
  check_medications(data, input, out);
  apply_contexts(contexts, out);
  std::stable_sort(out.begin(), out.end(), [](const GuardrailAlert& x, const GuardrailAlert& y) {
    return static_cast<int>(x.severity) > static_cast<int>(y.severity);
  });
  return out;
}

}  // namespace speciosa::safety
