// What the analysis module finds in the journal: mood stability, the rebound (interdose
// withdrawal) finding and escalation, in plain words with the numbers and their basis.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sections.hpp"

namespace speciosa::report::detail {
namespace {

constexpr const char* kNotAvailable = "—";

std::string optional_number(const std::optional<double>& v) { return v ? number(*v) : kNotAvailable; }

std::vector<std::string> stability_row(const std::string& scale, const std::optional<analysis::ScaleStability>& s) {
  if (!s) return {scale, "0", kNotAvailable, kNotAvailable, kNotAvailable, kNotAvailable, kNotAvailable};
  std::string pac = kNotAvailable;
  if (s->pac) pac = fmt::format("{:.0f} % of {} pairs", *s->pac * 100, s->n_pairs);
  const std::string trend = s->trend ? fit_text(*s->trend) : kNotAvailable;  // per week
  return {scale, std::to_string(s->n), number(s->mean), optional_number(s->sd), optional_number(s->rmssd), pac, trend};
}

std::vector<std::vector<std::string>> rebound_rows(const analysis::Rebound& r) {
  std::vector<std::vector<std::string>> rows{
      {"Pattern found", r.detected ? "yes" : "no"},
      {"Strength of evidence", r.strength},
      {"Check-ins with anxiety and modelled levels", fmt::format("{} (needs {})", r.n_checkins, r.n_needed)},
      {"Days covered", fmt::format("{} (needs {})", r.days_covered, r.days_needed)}};
  if (r.tone_deficit_fit) {
    rows.push_back({"Anxiety points per unit of the modelled tone deficit", fit_text(*r.tone_deficit_fit)});
  }
  if (r.relief_mean) {
    rows.push_back({"Anxiety just before a dose minus just after",
                    fmt::format("{} points (95 % CI {} to {}; {} doses)", number(*r.relief_mean),
                                optional_number(r.relief_ci_low), optional_number(r.relief_ci_high), r.n_relief_pairs)});
  }
  return rows;
}

}  // namespace

int window_days(const ReportInput& in) {
  return std::max(1, static_cast<int>(std::chrono::round<std::chrono::days>(in.window.to - in.window.from).count()));
}

std::string fit_text(const analysis::LineFit& fit) {
  return fmt::format("{} (95 % CI {} to {}; n = {})", number(fit.slope), number(fit.ci_low), number(fit.ci_high),
                     fit.n);
}

void add_stability(Context& ctx) {
  auto s = analysis::mood_stability(ctx.k, ctx.in.data, {ctx.in.window.to, window_days(ctx.in)});
  if (!s) {
    ctx.add(Paragraph{"Mood stability could not be computed: " + s.error().message + ".", true});
    return;
  }
  if (!s->anxiety && !s->mood) return;  // add_mood already said that nothing was rated
  ctx.cite(s->sources);
  Table t{{"Rating (0-10)", "n", "Mean", "SD", "RMSSD", "Big changes", "Trend per week"},
          {stability_row("Anxiety", s->anxiety), stability_row("Mood", s->mood)},
          {0.13, 0.06, 0.08, 0.08, 0.09, 0.19, 0.37}};
  ctx.add(t);
  ctx.add(Paragraph{fmt::format("Ratings on {} of {} days. RMSSD: typical change between successive ratings, "
                                "counted only between ratings at most {} h apart; a big change is {} points or "
                                "more. Trend: slope of daily means ({}).",
                                s->days_with_data, s->days, number(s->max_gap_h), number(s->acute_change_points),
                                fmt::join(s->sources, ", ")),
                    true});
}

void add_rebound(Context& ctx) {
  ctx.add(Heading{"Anxiety between doses (rebound)"});
  if (!ctx.insight) {
    ctx.add(Paragraph{"The rebound analysis could not be run: " + ctx.insight.error().message + "."});
    return;
  }
  const analysis::Rebound& r = ctx.insight->rebound;
  ctx.cite(ctx.insight->sources);
  ctx.add(Paragraph{r.finding});
  // Without a single rated check-in the finding (how much is needed) says all there is.
  if (r.n_checkins > 0) ctx.add(Table{{"Measure", "Value"}, rebound_rows(r), {0.45, 0.55}});
  ctx.add(Paragraph{"Anxiety is compared with the model's tone deficit (how far opioid tone has fallen below "
                    "the adapted level between doses) and with anxiety just before and after doses. The "
                    "deficit rests on theoretical parameters (docs/model.md), and an "
                    "association in one person's log does not prove cause.",
                    true});
}

std::string escalation_text(const Context& ctx) {
  if (!ctx.insight) return "not available: " + ctx.insight.error().message;
  return ctx.insight->escalation.finding;
}

}  // namespace speciosa::report::detail
