// `speciosa interactions --with NAME ...`: medication interaction alerts.
#include <cstdio>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "journal_safety.hpp"
#include "regimen.hpp"
#include "speciosa/sim.hpp"
#include "safety_output.hpp"
#include "speciosa/safety.hpp"
#include "speciosa/safety_json.hpp"
#include "speciosa/safety_journal.hpp"

namespace speciosa::cli {
namespace {

struct InteractionsOptions {
  std::vector<std::string> with;
  RegimenOptions regimen;  ///< the kratom regimen the exposure prediction is for (default 2 g leaf)
  FormatOptions format;
};

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
  std::printf("with,matched,severity,mechanism,evidence,sources,what_to_do,predicted_auc_ratio\n");
  for (const auto& a : alerts) {
    std::printf("%s\n", csv_line({a.with, a.matched, std::string(safety::severity_name(a)), a.mechanism,
                                  a.evidence ? std::string(knowledge::to_string(*a.evidence)) : "",
                                  joined(a.sources), a.what_to_do,
                                  a.predicted_auc_ratio ? fmt::format("{:.3g}", *a.predicted_auc_ratio) : ""})
                            .c_str());
  }
}

// The PK model's prediction for other drugs taken with the last dose of the kratom regimen
// (default: one 2 g dose of typical leaf, as in the contract). Prints errors; nullopt on failure.
std::optional<safety::ExposurePrediction> exposure_prediction(CliContext& ctx, RegimenOptions regimen) {
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return std::nullopt;
  if (regimen.dose.empty()) regimen.dose = "2g";
  auto built = build_regimen(regimen, *k, 0.0);
  if (!built) {
    ctx.exit_code = report_error(built.error());
    return std::nullopt;
  }
  auto predicted = safety::predict_exposure(*k, built->events, built->dose_times_h.back());
  if (!predicted) {
    ctx.exit_code = report_error(predicted.error());
    return std::nullopt;
  }
  return *predicted;
}

void run(CliContext& ctx, const InteractionsOptions& o) {
  auto format = resolve_format(o.format);
  if (!format) {
    ctx.exit_code = 2;
    return;
  }
  // Without --with, the current person's medication list in the journal is checked.
  std::vector<std::string> names = o.with;
  if (names.empty()) {
    auto session = existing_session(ctx);
    if (ctx.exit_code != 0) return;
    if (!session) {
      ctx.exit_code = report_error(invalid_input(
          "--with", "with", "no medication given and no person in the journal",
          "--with NAME, repeatable (e.g. --with xanax --with alcohol), or medications in the journal "
          "(speciosa meds add NAME)"));
      return;
    }
    auto meds = session->store->medications(session->person.id);
    if (!meds) {
      ctx.exit_code = report_error(meds.error());
      return;
    }
    names = current_medications(*meds, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  }
  auto data = load_safety_data(ctx);
  if (!data) return;
  auto predicted = exposure_prediction(ctx, o.regimen);
  if (!predicted) return;
  const auto alerts = safety::check_interactions(*data, names, *predicted);
  if (*format == OutputFormat::kJson) {
    std::printf("%s\n", safety::interactions_to_json(alerts).dump(2).c_str());
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
  // The kratom regimen for predicted exposure changes (default: one 2 g dose of typical leaf).
  add_regimen_options(*cmd, options->regimen, /*dose_required=*/false);
  add_format_options(*cmd, options->format);
  cmd->callback([&ctx, options] { run(ctx, *options); });
}

}  // namespace speciosa::cli
