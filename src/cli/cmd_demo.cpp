// speciosa demo: what `make run` shows until the dashboard exists — a typical product, 2 g
// once daily for 7 days, as a summary table and a plot file.
#include <cstdio>

#include "context.hpp"
#include "simulation_run.hpp"

namespace speciosa::cli {
namespace {

int run_demo(CliContext& ctx, const std::string& plot) {
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return ctx.exit_code;
  RunRequest request;
  request.regimen.dose = "2g";
  request.regimen.product = "leaf-generic";
  request.regimen.every = "24h";
  request.regimen.count = 7;
  request.hours = "216";
  auto run = run_simulation(*k, request);
  if (!run) return report_error(run.error());
  std::printf("speciosa demonstration: 2 g of typical kratom leaf once a day for 7 days.\n\n");
  std::printf("%-6s %18s %18s %18s\n", "day", "MG peak ng/mL", "MG trough ng/mL", "7-OH peak ng/mL");
  const auto& s = run->series;
  for (int day = 0; day < 7; ++day) {
    double mg_peak = 0, oh_peak = 0, trough = 0;
    for (std::size_t i = 0; i < s.t_h.size(); ++i) {
      if (s.t_h[i] < day * 24.0 || s.t_h[i] >= (day + 1) * 24.0) continue;
      mg_peak = std::max(mg_peak, s.mg_ng_ml[i]);
      oh_peak = std::max(oh_peak, s.oh_ng_ml[i]);
      trough = s.mg_ng_ml[i];
    }
    std::printf("%-6d %18.1f %18.1f %18.2f\n", day + 1, mg_peak, trough, oh_peak);
  }
  std::printf("\nAccumulation (AUC day 7 / day 1): mitragynine %.2f, 7-OH %.2f\n",
              run->summary.mitragynine.accumulation_ratio, run->summary.hydroxymitragynine.accumulation_ratio);
  std::printf("%s\n%s\n", run->evidence_note.c_str(), kModelDisclaimer);
  if (!plot.empty()) {
    if (Status st = write_pk_plot(plot, *run); !st) return report_error(st.error());
    std::printf("Plot written to %s\n", plot.c_str());
  }
  return 0;
}

}  // namespace

void add_demo_command(CLI::App& app, CliContext& ctx) {
  auto plot = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("demo", "A worked example: 2 g typical leaf daily for a week");
  cmd->add_option("--plot", *plot, "Write the chart to FILE.png/.svg/.pdf");
  cmd->callback([&ctx, plot] { ctx.exit_code = run_demo(ctx, *plot); });
}

}  // namespace speciosa::cli
