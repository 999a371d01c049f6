// speciosa fit: re-derives the fitted PK parameters from published summary statistics, so that
// anyone can reproduce data/pk.toml (docs/model.md, "Fitting").
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "context.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::cli {
namespace {

struct FitOptions {
  std::string targets;
  std::string dose = "39mg";
  std::vector<std::string> free{"ka_mg", "clint_u_mg", "vc_mg", "q_mg", "vp_mg",
                                "cl_oh", "v_oh",  "fa_mg", "fg0_mg"};
  bool write = false;
};

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string item;
  while (std::getline(ss, item, sep)) out.push_back(item);
  return out;
}

// Reads analyte,metric,observed,low,high,weight,window_from_h,window_to_h (header required).
Result<std::vector<sim::FitTarget>> read_targets(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error{ErrorCode::kNotFound, "--targets", "targets", "cannot read " + path, "a CSV file"};
  std::vector<sim::FitTarget> targets;
  std::string line;
  std::getline(in, line);
  int row = 1;
  while (std::getline(in, line)) {
    ++row;
    if (line.empty() || line[0] == '#') continue;
    const auto cells = split(line, ',');
    if (cells.size() < 8) {
      return invalid_input(fmt::format("{}:{}", path, row), "row", fmt::format("has {} columns", cells.size()),
                           "analyte,metric,observed,low,high,weight,window_from_h,window_to_h");
    }
    try {
      targets.push_back({cells[0], cells[1], std::stod(cells[2]), std::stod(cells[5]), std::stod(cells[6]),
                         std::stod(cells[7])});
    } catch (const std::exception&) {
      return invalid_input(fmt::format("{}:{}", path, row), "row", "has a cell that is not a number", "numbers");
    }
  }
  return targets;
}

// Rewrites `value = ...` of each fitted [[parameter]] in pk.toml, leaving everything else.
Status write_values(const std::filesystem::path& file, const sim::FitResult& fit) {
  std::ifstream in(file);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  for (const auto& [id, value] : fit.values) {
    const std::size_t at = text.find("id = \"" + id + "\"");
    const std::size_t line = at == std::string::npos ? at : text.find("\nvalue = ", at);
    if (line == std::string::npos) {
      return Error{ErrorCode::kDataFile, file.string(), id, "has no 'value = ' line to update", ""};
    }
    const std::size_t start = line + 9;
    text.replace(start, text.find('\n', start) - start, fmt::format("{:.4g}", value));
  }
  std::ofstream out(file);
  out << text;
  if (!out) return Error{ErrorCode::kIo, file.string(), "", "cannot write", "a writable data directory"};
  return Ok{};
}

int run_fit(CliContext& ctx, const FitOptions& o) {
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return ctx.exit_code;
  auto targets = read_targets(o.targets);
  if (!targets) return report_error(targets.error());
  auto dose = units::parse_mass_mg(o.dose, "--dose");
  if (!dose) return report_error(dose.error());
  auto fit = sim::fit_single_dose(*k, *dose, o.free, *targets);
  if (!fit) return report_error(fit.error());
  std::printf("Fitted %zu parameters in %d iterations (objective %.4g):\n", fit->values.size(),
              fit->iterations, fit->objective);
  for (const auto& [id, value] : fit->values) std::printf("  %-14s %.4g\n", id.c_str(), value);
  std::printf("\n%-22s %-16s %10s %10s %8s\n", "analyte", "metric", "observed", "predicted", "ratio");
  for (const auto& [t, predicted] : fit->predicted) {
    std::printf("%-22s %-16s %10.3g %10.3g %8.2f\n", t.analyte.c_str(), t.metric.c_str(), t.observed,
                predicted, predicted / t.observed);
  }
  if (o.write) {
    if (Status s = write_values(k->dir / "pk.toml", *fit); !s) return report_error(s.error());
    std::printf("\nWrote the fitted values to %s\n", (k->dir / "pk.toml").c_str());
  }
  return 0;
}

}  // namespace

void add_fit_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<FitOptions>();
  CLI::App* cmd = app.add_subcommand("fit", "Fit PK parameters to published single-dose statistics");
  cmd->add_option("--targets", o->targets, "CSV of targets (tests/golden/tanna2022/nca.csv)")->required();
  cmd->add_option("--dose", o->dose, "Oral mitragynine dose of the study (default 39mg: Tanna 2022)");
  cmd->add_option("--free", o->free, "Parameter ids to fit")->delimiter(',');
  cmd->add_flag("--write", o->write, "Write the fitted values into data/pk.toml");
  cmd->callback([&ctx, o] { ctx.exit_code = run_fit(ctx, *o); });
}

}  // namespace speciosa::cli
