// speciosa simulate: plasma MG and 7-OH for a regimen, as a summary table, CSV time series,
// JSON summary, or a plot.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "comedication.hpp"
#include "plot.hpp"
#include "regimen.hpp"
#include "simulation_run.hpp"

namespace speciosa::cli {
namespace {

struct SimulateOptions {
  RegimenOptions regimen;
  std::string hours;
  std::string step = "0.25";
  double weight_kg = 70;
  std::string method = "exact";
  bool no_autoinhibition = false;
  bool steady_state = false;
  std::vector<std::string> with;
  std::string plot;
  FormatOptions format;
};

nlohmann::json summary_json(const sim::AnalyteSummary& s) {
  nlohmann::json j{{"cmax_ng_ml", s.cmax_ng_ml},
                   {"tmax_h", s.tmax_h},
                   {"auc_total_ng_h_ml", s.auc_total_ng_h_ml},
                   {"auc_last_interval_ng_h_ml", s.auc_last_tau_ng_h_ml},
                   {"trough_ng_ml", s.trough_ng_ml},
                   {"accumulation_ratio", s.accumulation_ratio}};
  j["time_to_90pct_steady_state_h"] = s.t90_ss_h ? nlohmann::json(*s.t90_ss_h) : nlohmann::json(nullptr);
  return j;
}

void print_json(const SimulationRun& run) {
  nlohmann::json j;
  j["regimen"] = {{"doses", run.regimen.dose_times_h.size()},
                  {"dose_times_h", run.regimen.dose_times_h},
                  {"mitragynine_per_dose_mg", run.regimen.mg_per_dose_mg},
                  {"hydroxymitragynine_per_dose_mg", run.regimen.oh_per_dose_mg},
                  {"content", run.regimen.content_note},
                  {"weight_kg", run.weight_kg}};
  j["units"] = {{"concentration", "ng/mL"}, {"time", "h"}, {"auc", "ng*h/mL"}};
  j["summary"] = {{"mitragynine", summary_json(run.summary.mitragynine)},
                  {"hydroxymitragynine", summary_json(run.summary.hydroxymitragynine)}};
  j["evidence"] = run.evidence_note;
  nlohmann::json mechanism;
  for (std::size_t c = 0; c < sim::kMechanismColumns.size(); ++c) {
    const auto& values = run.mechanism.columns[c];
    mechanism[std::string(sim::kMechanismColumns[c])] = {
        {"min", *std::min_element(values.begin(), values.end())},
        {"max", *std::max_element(values.begin(), values.end())},
        {"final", values.back()},
        {"rests_on_theoretical", run.mechanism_theoretical[c].second}};
  }
  j["mechanism"] = mechanism;
  j["mechanism_disclaimer"] = kMechanismDisclaimer;
  j["disclaimer"] = kModelDisclaimer;
  std::printf("%s\n", j.dump(2).c_str());
}

// Solver round-off in an effect index (far below the integration tolerance) is printed as the
// zero it stands for, so outputs do not depend on it.
double shown(double v) { return std::abs(v) < 1e-9 ? 0.0 : v; }

void print_csv(const SimulationRun& run) {
  // The first three columns are a contract (DESIGN.md); more may follow.
  std::string header = "time_h,mitragynine_ng_ml,hydroxymitragynine_ng_ml";
  for (std::string_view c : sim::kMechanismColumns) header += "," + std::string(c);
  std::printf("%s,cyp3a_gut_activity,cyp3a_liver_activity\n", header.c_str());
  const sim::Series& s = run.series;
  for (std::size_t i = 0; i < s.t_h.size(); ++i) {
    std::string row = fmt::format("{:g},{:.6g},{:.6g}", s.t_h[i], s.mg_ng_ml[i], s.oh_ng_ml[i]);
    for (const auto& column : run.mechanism.columns) row += fmt::format(",{:.6g}", shown(column[i]));
    std::printf("%s,%.6g,%.6g\n", row.c_str(), s.enzyme_gut[i], s.enzyme_liver[i]);
  }
}

std::string optional_hours(const std::optional<double>& v) {
  return v ? fmt::format("{:.0f}", *v) : "not yet";
}

void print_table(const SimulationRun& run) {
  const auto& r = run.regimen;
  std::printf("Regimen: %zu dose(s); %.1f mg mitragynine%s per dose; %s\n", r.dose_times_h.size(),
              r.mg_per_dose_mg,
              r.oh_per_dose_mg > 0 ? fmt::format(" + {:.2f} mg 7-OH", r.oh_per_dose_mg).c_str() : "",
              r.content_note.c_str());
  std::printf("Body weight %.0f kg; %.0f h simulated.\n\n", run.weight_kg, run.series.t_h.back());
  std::printf("%-22s %10s %8s %14s %14s %10s %8s %10s\n", "analyte", "Cmax", "Tmax", "AUC last int.",
              "AUC total", "trough", "accum.", "t90% SS");
  std::printf("%-22s %10s %8s %14s %14s %10s %8s %10s\n", "", "ng/mL", "h", "ng*h/mL", "ng*h/mL",
              "ng/mL", "ratio", "h");
  for (auto [name, s] : {std::pair{"mitragynine", &run.summary.mitragynine},
                         std::pair{"7-hydroxymitragynine", &run.summary.hydroxymitragynine}}) {
    std::printf("%-22s %10.2f %8.2f %14.1f %14.1f %10.2f %8.2f %10s\n", name, s->cmax_ng_ml, s->tmax_h,
                s->auc_last_tau_ng_h_ml, s->auc_total_ng_h_ml, s->trough_ng_ml, s->accumulation_ratio,
                optional_hours(s->t90_ss_h).c_str());
  }
  std::printf("\nModelled effects over the span (min / max / theoretical parameters):\n");
  std::vector<std::string> theoretical;
  for (std::size_t c = 0; c < sim::kMechanismColumns.size(); ++c) {
    const auto& v = run.mechanism.columns[c];
    const auto& ids = run.mechanism_theoretical[c].second;
    std::printf("  %-18s %10.3g %10.3g %6zu\n", std::string(sim::kMechanismColumns[c]).c_str(),
                shown(*std::min_element(v.begin(), v.end())),
                shown(*std::max_element(v.begin(), v.end())), ids.size());
    for (const std::string& id : ids) {
      if (std::find(theoretical.begin(), theoretical.end(), id) == theoretical.end()) {
        theoretical.push_back(id);
      }
    }
  }
  std::printf("Theoretical (not identified from human data): %s\n",
              fmt::format("{}", fmt::join(theoretical, ", ")).c_str());
  std::printf("\n%s\n%s\n%s\n", run.evidence_note.c_str(), kMechanismDisclaimer, kModelDisclaimer);
}

int run_simulate(CliContext& ctx, const SimulateOptions& o) {
  auto format = resolve_format(o.format);
  if (!format) return 2;
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return ctx.exit_code;
  RunRequest request;
  request.regimen = o.regimen;
  request.hours = o.hours;
  request.step = o.step;
  request.weight_kg = o.weight_kg;
  request.method = o.method;
  request.autoinhibition = !o.no_autoinhibition;
  request.steady_state = o.steady_state;
  auto comedication = comedication_from(ctx, o.with);
  if (!comedication) return ctx.exit_code;
  request.comed_cyp3a_activity = comedication->cyp3a_activity;
  request.comedication_note = comedication->note;
  auto run = run_simulation(*k, request);
  if (!run) return report_error(run.error());
  for (const std::string& w : run->regimen.warnings) warn(w);
  for (const std::string& w : comedication->warnings) warn(w);
  if (!o.plot.empty()) {
    if (Status s = write_pk_plot(o.plot, *run); !s) return report_error(s.error());
  }
  switch (*format) {
    case OutputFormat::kJson: print_json(*run); break;
    case OutputFormat::kCsv: print_csv(*run); break;
    case OutputFormat::kTable: print_table(*run); break;
  }
  return 0;
}

}  // namespace

void add_simulate_command(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand("simulate", "Simulate plasma mitragynine and 7-OH for a regimen");
  add_regimen_options(*cmd, options->regimen);
  cmd->add_option("--hours", options->hours, "Span to simulate in hours (default: last dose + 72 h)");
  cmd->add_option("--step", options->step, "Output step in hours (default 0.25)");
  cmd->add_option("--weight", options->weight_kg, "Body weight in kg (default 70)");
  cmd->add_option("--method", options->method, "exact (default) or ode (CVODE reference)");
  cmd->add_flag("--no-autoinhibition", options->no_autoinhibition,
                "Hold CYP3A fixed (switch off MG's time-dependent inhibition)");
  cmd->add_flag("--steady-state", options->steady_state, "Start at steady state of the --every regimen");
  cmd->add_option("--with", options->with,
                  "Another medicine taken (repeatable); CYP3A inhibitors change the simulation");
  cmd->add_option("--plot", options->plot, "Write a chart: FILE.png, FILE.svg or FILE.pdf");
  add_format_options(*cmd, options->format);
  cmd->callback([&ctx, options] { ctx.exit_code = run_simulate(ctx, *options); });
}

}  // namespace speciosa::cli
