// `speciosa stability [--days 28] [--json] [--format csv]`: how steady the current person's
// anxiety and mood ratings have been, and their GAD-7 scores with severity bands.
#include <cstdio>
#include <fmt/format.h>

#include "journal_safety.hpp"
#include "safety_output.hpp"

namespace speciosa::cli {
namespace {

struct StabilityCliOptions {
  int days = 28;
  FormatOptions format;
};

std::string number(const std::optional<double>& v, const char* spec = "{:.2f}") {
  return v ? fmt::format(fmt::runtime(spec), *v) : "";
}

void print_csv(const analysis::Stability& s) {
  std::printf("scale,n,mean,sd,n_pairs,mssd,rmssd,pac,trend_per_week,trend_ci_low,trend_ci_high\n");
  for (const auto& [name, scale] : {std::pair{"anxiety", &s.anxiety}, std::pair{"mood", &s.mood}}) {
    if (!*scale) continue;
    const analysis::ScaleStability& v = **scale;
    const auto& t = v.trend;
    std::printf("%s\n", csv_line({name, std::to_string(v.n), fmt::format("{:.4g}", v.mean),
                                  number(v.sd, "{:.4g}"), std::to_string(v.n_pairs),
                                  number(v.mssd, "{:.4g}"), number(v.rmssd, "{:.4g}"),
                                  number(v.pac, "{:.4g}"),
                                  t ? fmt::format("{:.4g}", t->slope) : "",
                                  t ? fmt::format("{:.4g}", t->ci_low) : "",
                                  t ? fmt::format("{:.4g}", t->ci_high) : ""})
                            .c_str());
  }
}

void print_scale(const char* name, const std::optional<analysis::ScaleStability>& s) {
  if (!s) {
    std::printf("%s: no ratings in this period.\n", name);
    return;
  }
  std::printf("%s (0-10): %d ratings, mean %.1f, SD %s\n", name, s->n, s->mean,
              s->sd ? fmt::format("{:.2f}", *s->sd).c_str() : "n/a (one rating)");
  if (s->rmssd) {
    std::printf("  instability: RMSSD %.2f (MSSD %.2f) over %d successive pairs; acute changes in %.0f %% of pairs\n",
                *s->rmssd, *s->mssd, s->n_pairs, *s->pac * 100);
  } else {
    std::printf("  instability: no two ratings close enough in time to compare\n");
  }
  if (s->trend) {
    std::printf("  trend: %+.2f points per week (95 %% CI %+.2f to %+.2f, %d days)\n", s->trend->slope,
                s->trend->ci_low, s->trend->ci_high, s->trend->n);
  }
}

void print_table(const analysis::Stability& s, const std::string& name) {
  std::printf("Mood stability for %s, last %d days (%d days with ratings)\n\n", name.c_str(), s.days,
              s.days_with_data);
  print_scale("Anxiety", s.anxiety);
  print_scale("Mood", s.mood);
  if (s.gad7.empty()) {
    std::printf("GAD-7: none in this period (`speciosa log gad7` records one).\n");
  } else {
    std::printf("GAD-7:\n");
    for (const analysis::Gad7Point& p : s.gad7) {
      std::printf("  %s  %2d  %s\n", journal::format_time(p.at, s.tz).c_str(), p.score, p.band.c_str());
    }
  }
  std::printf("\nSuccessive differences only between ratings at most %g h apart (Jahng 2008); an acute change "
              "is %g points or more (after Trull 2008). GAD-7 bands from Spitzer 2006. No clinical cut-off "
              "exists for RMSSD: compare with your own earlier weeks.\n",
              s.max_gap_h, s.acute_change_points);
  std::printf("If anxiety is severe or you have thoughts of harming yourself, contact a doctor or your local "
              "emergency number now.\n");
}

int run_stability(CliContext& ctx, const StabilityCliOptions& o) {
  auto format = resolve_format(o.format);
  if (!format) return 2;
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return 1;
  auto session = open_session(ctx);
  if (!session) return ctx.exit_code;
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto data = person_data(ctx, *session, {now - std::chrono::days{o.days + 1}, now}, now, false);
  if (!data) return ctx.exit_code;
  auto result = analysis::mood_stability(*k, *data, {now, o.days});
  if (!result) return fail(ctx, result.error());
  print_analysis(*format, *result, print_csv, [&](const auto& r) { print_table(r, session->person.name); });
  return 0;
}

}  // namespace

void add_stability_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<StabilityCliOptions>();
  CLI::App* cmd = app.add_subcommand("stability", "How steady anxiety and mood ratings have been (journal)");
  cmd->add_option("--days", o->days, "Window: the last N days (default 28)");
  add_format_options(*cmd, o->format);
  cmd->callback([&ctx, o] { ctx.exit_code = run_stability(ctx, *o); });
}

}  // namespace speciosa::cli
