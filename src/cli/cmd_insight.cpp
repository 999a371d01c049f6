// `speciosa insight [--days 56] [--weeks 26] [--json] [--format csv]`: what the current
// person's log shows with the model laid underneath: anxiety against modelled exposure, the
// interdose rebound pattern, and tolerance drift. CSV: one row per check-in with its exposure.
#include <cstdio>
#include <fmt/format.h>

#include "journal_safety.hpp"
#include "safety_output.hpp"
#include "simulation_run.hpp"

namespace speciosa::cli {
namespace {

struct InsightCliOptions {
  int days = 56;
  int weeks = 26;
  FormatOptions format;
};

// One table: `kind` says whether a row is a check-in with its modelled exposure or a week of use.
void print_csv(const analysis::Insight& in) {
  std::printf("kind,at,anxiety,mood,mitragynine_ng_ml,hydroxymitragynine_ng_ml,mu_activity,tolerance,withdrawal,"
              "tone_deficit,hours_since_last_dose,week_start,doses,grams_per_day,mg_per_day,doses_per_day,median_interval_h,"
              "first_dose_local_h,withdrawal_score,whole_week\n");
  for (const analysis::CheckinExposure& c : in.checkins) {
    const auto rating = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string(); };
    std::printf("%s,,,,,,,,,\n",
                csv_line({"checkin", journal::format_time(c.at, in.tz), rating(c.anxiety), rating(c.mood),
                          fmt::format("{:.4g}", c.exposure.mg_ng_ml), fmt::format("{:.4g}", c.exposure.oh_ng_ml),
                          fmt::format("{:.4g}", c.exposure.mu_activity), fmt::format("{:.4g}", c.exposure.tolerance),
                          fmt::format("{:.4g}", c.exposure.withdrawal), fmt::format("{:.4g}", c.exposure.tone_deficit),
                          optional_number(c.exposure.hours_since_last_dose, "{:.2f}")})
                    .c_str());
  }
  for (const analysis::WeekUse& w : in.weeks) {
    std::printf("week,,,,,,,,,,,%s\n",
                csv_line({journal::format_date(w.week_start), std::to_string(w.doses),
                          fmt::format("{:.4g}", w.grams_per_day), fmt::format("{:.4g}", w.mg_per_day),
                          fmt::format("{:.4g}", w.doses_per_day), optional_number(w.median_interval_h),
                          optional_number(w.first_dose_local_h), optional_number(w.withdrawal_score),
                          w.whole_week ? "true" : "false"})
                    .c_str());
  }
}

void print_table(const analysis::Insight& in, const std::string& name) {
  std::printf("What %s's journal shows (check-ins from %s to %s)\n\n", name.c_str(),
              journal::format_time(in.from, in.tz).c_str(), journal::format_time(in.to, in.tz).c_str());
  for (const std::string& line : in.findings) std::printf("- %s\n", line.c_str());
  if (!in.associations.empty()) {
    std::printf("\nAnxiety (0-10) against modelled exposure, robust (Huber) regression, 95 %% CI:\n");
    std::printf("  %-24s %6s %10s %22s %5s\n", "predictor", "lag h", "slope", "95% CI", "n");
    for (const analysis::Association& a : in.associations) {
      std::printf("  %-24s %6g %10.3g %10.3g to %-9.3g %5d   (points per %s)\n", a.predictor.c_str(), a.lag_h,
                  a.fit.slope, a.fit.ci_low, a.fit.ci_high, a.fit.n, a.unit.c_str());
    }
  }
  std::printf("\nUse per week (weeks with doses among the last %zu):\n", in.weeks.size());
  std::printf("  %-10s %8s %10s %10s %14s %12s\n", "week", "g/day", "mg MG/day", "doses/day", "interval h",
              "first dose");
  for (const analysis::WeekUse& w : in.weeks) {
    if (w.doses == 0) continue;
    std::printf("  %-10s %8.2f %10.1f %10.2f %14s %12s%s\n", journal::format_date(w.week_start).c_str(),
                w.grams_per_day, w.mg_per_day, w.doses_per_day,
                optional_number(w.median_interval_h, "{:.1f}").c_str(),
                w.first_dose_local_h ? fmt::format("{:02d}:{:02d}", static_cast<int>(*w.first_dose_local_h),
                                                   static_cast<int>(*w.first_dose_local_h * 60) % 60).c_str()
                                     : "",
                w.whole_week ? "" : "  (log began mid-week: left out of trends)");
  }
  std::printf("\n%s\n", kModelDisclaimer);
}

int run_insight(CliContext& ctx, const InsightCliOptions& o) {
  analysis::InsightOptions options;
  options.days = o.days;
  options.weeks = o.weeks;
  const int span_days = std::max(o.days + options.lead_in_days, 7 * o.weeks) + 1;
  return run_journal_analysis(
      ctx, o.format, span_days, true,
      [&](const knowledge::Knowledge& k, const analysis::PersonData& data, journal::Instant now) {
        options.now = now;
        return analysis::insight(k, data, options);
      },
      print_csv, [](const analysis::Insight& r, const journal::Person& p) { print_table(r, p.name); });
}

}  // namespace

void add_insight_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<InsightCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "insight", "Anxiety against modelled exposure, interdose rebound and tolerance drift (journal)");
  cmd->add_option("--days", o->days, "Check-ins analysed: the last N days (default 56)");
  cmd->add_option("--weeks", o->weeks, "Tolerance drift: the last N weeks of doses (default 26)");
  add_format_options(*cmd, o->format);
  cmd->callback([&ctx, o] { ctx.exit_code = run_insight(ctx, *o); });
}

}  // namespace speciosa::cli
