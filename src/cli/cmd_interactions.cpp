// `speciosa interactions --with NAME ...`: medication interaction alerts.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "regimen.hpp"
#include "safety_output.hpp"
#include "speciosa/safety.hpp"

namespace speciosa::cli {
namespace {

struct InteractionsOptions {
  std::vector<std::string> with;
  RegimenOptions regimen;  ///< the kratom regimen the exposure prediction is for (default 2 g leaf)
  FormatOptions format;
};

nlohmann::json to_json(const safety::InteractionAlert& a) {
  nlohmann::json j{
      {"with", a.with},
      {"matched", a.matched.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.matched)},
      {"severity", safety::severity_name(a)},
      {"mechanism", a.mechanism.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.mechanism)},
      {"evidence", a.evidence ? nlohmann::json(knowledge::to_string(*a.evidence)) : nlohmann::json(nullptr)},
      {"sources", a.sources},
      {"also", a.also},
      {"direction", a.direction},
      {"class", a.class_id},
      {"match", safety::to_string(a.match)},
      {"summary", a.summary},
      {"what_to_do", a.what_to_do},
  };
  if (a.predicted_auc_ratio) j["predicted_auc_ratio"] = *a.predicted_auc_ratio;
  return j;
}

void print_table(const std::vector<safety::InteractionAlert>& alerts) {
  for (const auto& a : alerts) {
    const std::string matched = a.matched.empty() ? "not recognised" : "matched " + a.matched;
    std::printf("%s (%s): %s\n", a.with.c_str(), matched.c_str(),
                std::string(safety::severity_name(a)).c_str());
    if (!a.mechanism.empty()) std::printf("  Mechanism: %s\n", a.mechanism.c_str());
    std::printf("  %s\n  What to do: %s\n", a.summary.c_str(), a.what_to_do.c_str());
    if (a.predicted_auc_ratio) {
      std::printf("  Model: exposure to this drug about %.2f times higher with kratom\n",
                  *a.predicted_auc_ratio);
    }
    if (a.evidence) {
      std::printf("  Evidence: %s; sources: %s\n", std::string(knowledge::to_string(*a.evidence)).c_str(),
                  joined(a.sources, ", ").c_str());
    }
    std::printf("\n");
  }
  std::printf("This is not medical advice. Ask a pharmacist or prescriber before combining.\n");
}

void print_csv(const std::vector<safety::InteractionAlert>& alerts) {
  std::printf("with,matched,severity,mechanism,evidence,sources,what_to_do\n");
  for (const auto& a : alerts) {
    std::printf("%s\n", csv_line({a.with, a.matched, std::string(safety::severity_name(a)), a.mechanism,
                                  a.evidence ? std::string(knowledge::to_string(*a.evidence)) : "",
                                  joined(a.sources), a.what_to_do})
                            .c_str());
  }
}

void run(CliContext& ctx, const InteractionsOptions& o) {
  auto format = resolve_format(o.format);
  if (!format) {
    ctx.exit_code = 2;
    return;
  }
  if (o.with.empty()) {
    ctx.exit_code = report_error(invalid_input("--with", "with", "no medication given",
                                               "--with NAME, repeatable (e.g. --with xanax --with alcohol)"));
    return;
  }
  auto data = load_safety_data(ctx);
  if (!data) return;
  // The regimen is checked now so a bad --dose is rejected; the PK model turns it into an
  // ExposurePrediction for victim drugs (left empty until that model is wired in).
  if (!o.regimen.dose.empty()) {
    const knowledge::Knowledge* k = ctx.knowledge();
    if (k == nullptr) return;
    if (auto regimen = build_regimen(o.regimen, *k, 0.0); !regimen) {
      ctx.exit_code = report_error(regimen.error());
      return;
    }
  }
  const safety::ExposurePrediction predicted;
  const auto alerts = safety::check_interactions(*data, o.with, predicted);
  if (*format == OutputFormat::kJson) {
    nlohmann::json out{{"alerts", nlohmann::json::array()}};
    for (const auto& a : alerts) out["alerts"].push_back(to_json(a));
    std::printf("%s\n", out.dump(2).c_str());
  } else if (*format == OutputFormat::kCsv) {
    print_csv(alerts);
  } else {
    print_table(alerts);
  }
}

}  // namespace

void add_interactions_command(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<InteractionsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "interactions", "Check medications and substances for interactions with kratom");
  cmd->add_option("--with", options->with,
                  "Medication, brand name or substance (repeatable); misspellings are tolerated");
  cmd->add_option("--dose", options->regimen.dose, "Kratom dose for exposure predictions (default 2g leaf)");
  cmd->add_option("--as", options->regimen.as, "What the dose measures: leaf (default), mitragynine, 7-oh");
  cmd->add_option("--product", options->regimen.product, "Product id (speciosa knowledge products)");
  cmd->add_option("--mg-content", options->regimen.mg_content, "Mitragynine content of the leaf, e.g. 1.5%");
  cmd->add_option("--oh-content", options->regimen.oh_content, "7-OH content of the leaf, e.g. 0.01%");
  add_format_options(*cmd, options->format);
  cmd->callback([&ctx, options] { run(ctx, *options); });
}

}  // namespace speciosa::cli
