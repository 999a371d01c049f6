// `speciosa redflag TEXT...`: recognises symptoms that need care now.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "safety_output.hpp"
#include "speciosa/safety.hpp"
#include "speciosa/safety_json.hpp"

namespace speciosa::cli {
namespace {

struct RedFlagOptions {
  std::vector<std::string> words;
  std::string jurisdiction;
  FormatOptions format;
};

void print(const std::vector<safety::RedFlagAlert>& alerts, const std::string& number,
           OutputFormat format) {
  if (format == OutputFormat::kJson) {
    std::printf("%s\n", safety::red_flags_to_json(alerts, number).dump(2).c_str());
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
  if (alerts.empty()) std::printf("%s\n", safety::no_red_flag_text(number).c_str());
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
