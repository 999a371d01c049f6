// `speciosa redflag TEXT...`: recognises symptoms that need care now.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "safety_output.hpp"
#include "speciosa/safety.hpp"

namespace speciosa::cli {
namespace {

struct RedFlagOptions {
  std::vector<std::string> words;
  std::string jurisdiction;
  FormatOptions format;
};

std::string no_match_text(const std::string& number) {
  const std::string call = number.empty() ? "your local emergency number" : number;
  return "No red-flag symptom was recognised in what you wrote. That does not rule one out: if "
         "you feel unwell or unsure, contact a clinician, and in an emergency call " +
         call + ".";
}

void print(const std::vector<safety::RedFlagAlert>& alerts, const std::string& number,
           OutputFormat format) {
  if (format == OutputFormat::kJson) {
    nlohmann::json out{{"alerts", nlohmann::json::array()}, {"emergency", number}};
    for (const auto& a : alerts) {
      out["alerts"].push_back({{"id", a.id},
                               {"name", a.name},
                               {"severity", "urgent"},
                               {"tier", knowledge::to_string(a.tier)},
                               {"matched", a.matched},
                               {"call_now", a.call_now},
                               {"guidance", a.guidance},
                               {"emergency", a.emergency},
                               {"evidence", knowledge::to_string(a.evidence)},
                               {"sources", a.sources}});
    }
    if (alerts.empty()) out["message"] = no_match_text(number);
    std::printf("%s\n", out.dump(2).c_str());
    return;
  }
  if (format == OutputFormat::kCsv) {
    std::printf("id,tier,matched,call_now,guidance,evidence,sources\n");
    for (const auto& a : alerts) {
      std::printf("%s\n", csv_line({a.id, std::string(knowledge::to_string(a.tier)), joined(a.matched),
                                    a.call_now, a.guidance, std::string(knowledge::to_string(a.evidence)),
                                    joined(a.sources)})
                              .c_str());
    }
    return;
  }
  if (alerts.empty()) std::printf("%s\n", no_match_text(number).c_str());
  for (const auto& a : alerts) {
    std::printf("URGENT: %s. %s\n  %s\n  Recognised: %s\n  Evidence: %s; sources: %s\n\n", a.name.c_str(),
                a.call_now.c_str(), a.guidance.c_str(), joined(a.matched, ", ").c_str(),
                std::string(knowledge::to_string(a.evidence)).c_str(), joined(a.sources, ", ").c_str());
  }
}

void run(CliContext& ctx, const RedFlagOptions& o) {
  auto format = resolve_format(o.format);
  if (!format) {
    ctx.exit_code = 2;
    return;
  }
  if (o.words.empty()) {
    ctx.exit_code = report_error(invalid_input("redflag", "symptoms", "no symptoms given",
                                               "words describing how you feel, e.g. \"chest pain\""));
    return;
  }
  auto data = load_safety_data(ctx);
  if (!data) return;
  const knowledge::Jurisdiction* where = nullptr;
  if (!o.jurisdiction.empty()) {
    // A typo in the code is reported, not ignored: the number matters here.
    auto found = safety::find_jurisdiction(*data, o.jurisdiction);
    if (!found) {
      Error e = found.error();
      e.where = "--jurisdiction";
      e.field = "jurisdiction";
      ctx.exit_code = report_error(e);
      return;
    }
    where = *found;
  }
  const auto alerts = safety::check_red_flags(*data, joined(o.words, " "), where);
  print(alerts, safety::emergency_number(*data, where), *format);
}

}  // namespace

void add_redflag_command(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<RedFlagOptions>();
  CLI::App* cmd = app.add_subcommand("redflag", "Check symptoms that need medical care now");
  cmd->add_option("symptoms", options->words, "What is happening, in your own words");
  cmd->add_option("--jurisdiction", options->jurisdiction,
                  "Where you are (TH, US-AL, ...), for the emergency number");
  add_format_options(*cmd, options->format);
  cmd->callback([&ctx, options] { run(ctx, *options); });
}

}  // namespace speciosa::cli
