// `speciosa taper [--weeks N] [--step 10%] [--hold-step K] [--json] [--format csv] [--plot FILE]`:
// a gradual reduction plan from the current person's recent use, every step simulated so the
// daily fall in mu-opioid activity stays under a limit. A draft to discuss with a clinician.
#include <cstdio>
#include <fmt/format.h>

#include "journal_safety.hpp"
#include "speciosa/report.hpp"
#include "safety_output.hpp"

namespace speciosa::cli {
namespace {

struct TaperCliOptions {
  int weeks = 0;
  std::string step = "10%";
  std::vector<int> hold_steps;
  std::string plot;
  FormatOptions format;
};

void print_csv(const analysis::TaperPlan& plan) {
  std::printf("day,step,mg_per_day,grams_per_day,mean_mu_activity,mu_fall,peak_withdrawal,reason\n");
  for (const analysis::TaperDay& d : plan.days) {
    std::printf("%s\n", csv_line({std::to_string(d.day), std::to_string(d.step), fmt::format("{:.4g}", d.mg_per_day),
                                  fmt::format("{:.4g}", d.grams_per_day), fmt::format("{:.4g}", d.mean_mu_activity),
                                  fmt::format("{:.4g}", d.mu_fall), fmt::format("{:.4g}", d.peak_withdrawal),
                                  d.reason})
                            .c_str());
  }
}

void print_table(const analysis::TaperPlan& plan) {
  std::printf("Draft taper plan, to discuss with a clinician\n\n");
  std::printf("%5s %5s %12s %8s %10s %10s %11s  %s\n", "day", "step", "mg MG/day", "g/day", "mean mu",
              "fall", "withdrawal", "why");
  for (const analysis::TaperDay& d : plan.days) {
    if (d.reason.empty() && d.day % 7 != 0) continue;  // one line per week and per change
    std::printf("%5d %5d %12.1f %8.2f %10.4f %10.4f %11.3f  %s\n", d.day, d.step, d.mg_per_day, d.grams_per_day,
                d.mean_mu_activity, d.mu_fall, d.peak_withdrawal, d.reason.c_str());
  }
  std::printf("\n");
  for (const std::string& r : plan.reasons) std::printf("- %s\n", r.c_str());
  std::printf("(--format csv lists every day.)\n");
}

Status write_taper_plot(const std::string& path, const analysis::TaperPlan& plan) {
  std::vector<double> day, mg, mu, withdrawal;
  for (const analysis::TaperDay& d : plan.days) {
    day.push_back(d.day);
    mg.push_back(d.mg_per_day);
    mu.push_back(d.mean_mu_activity);
    withdrawal.push_back(d.peak_withdrawal);
  }
  report::PlotSpec spec;
  spec.title = "Draft taper plan (model estimate; discuss with a clinician)";
  spec.x_label = "day of the plan";
  spec.x = &day;
  spec.panels.push_back({"Planned amount", "mg mitragynine per day", {{"planned", &mg, false}}});
  spec.panels.push_back({"Modelled mu-opioid activity", "daily mean", {{"mu activity", &mu, false}}});
  spec.panels.push_back({"Modelled withdrawal index", "daily peak", {{"withdrawal", &withdrawal, true}}});
  spec.footnote = "Effect indices rest on theoretical parameters (docs/model.md, Part II).";
  return report::write_plot(path, spec);
}

int run_taper(CliContext& ctx, const TaperCliOptions& o) {
  auto format = resolve_format(o.format);
  if (!format) return 2;
  auto step = units::parse_fraction(o.step, "--step");
  if (!step) return fail(ctx, step.error());
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return 1;
  auto session = open_session(ctx);
  if (!session) return ctx.exit_code;
  analysis::TaperOptions options;
  options.now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  options.weeks = o.weeks;
  options.step_fraction = *step;
  options.hold_steps = o.hold_steps;
  auto data = person_data(ctx, *session, {options.now - std::chrono::days{options.recent_days + 1}, options.now},
                          options.now, true);
  if (!data) return ctx.exit_code;
  auto plan = analysis::plan_taper(*k, *data, options);
  if (!plan) return fail(ctx, plan.error());
  if (!o.plot.empty()) {
    if (Status s = write_taper_plot(o.plot, *plan); !s) return fail(ctx, s.error());
  }
  print_analysis(*format, *plan, print_csv, print_table);
  return 0;
}

}  // namespace

void add_taper_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<TaperCliOptions>();
  CLI::App* cmd = app.add_subcommand("taper", "A draft plan to cut down gradually, to discuss with a clinician");
  cmd->add_option("--weeks", o->weeks, "Show the first N weeks of the plan (default: all of it)");
  cmd->add_option("--step", o->step, "Cut per step, of the level before (default 10%)");
  cmd->add_option("--hold-step", o->hold_steps, "Hold step K for two weeks instead of one (repeatable)");
  cmd->add_option("--plot", o->plot, "Also draw the plan to FILE (.png, .svg or .pdf)");
  add_format_options(*cmd, o->format);
  cmd->callback([&ctx, o] { ctx.exit_code = run_taper(ctx, *o); });
}

}  // namespace speciosa::cli
