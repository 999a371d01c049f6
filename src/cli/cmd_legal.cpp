// `speciosa legal CODE`: legal status of kratom and 7-OH products in a place. Not legal advice.
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "safety_output.hpp"
#include "speciosa/safety.hpp"
#include "speciosa/safety_json.hpp"

namespace speciosa::cli {
namespace {

struct LegalOptions {
  std::string code;
  std::string today;  ///< YYYY-MM-DD; default: the clock's date (UTC)
  bool list = false;
  FormatOptions format;
};

void print_json(const safety::LegalAnswer& a) {
  std::printf("%s\n", safety::legal_to_json(a).dump(2).c_str());
}

std::string age_text(const std::optional<int>& age) { return age ? std::to_string(*age) : ""; }

void print_csv(const safety::LegalAnswer& a) {
  std::printf("code,name,kratom,hydroxymitragynine,min_age,as_of,may_be_out_of_date,sources\n");
  for (const auto& level : a.levels) {
    const knowledge::Jurisdiction& j = *level.jurisdiction;
    std::printf("%s\n", csv_line({j.code, j.name, std::string(knowledge::to_string(j.kratom)),
                                  std::string(knowledge::to_string(j.hydroxymitragynine)),
                                  age_text(j.min_age), knowledge::format_date(j.as_of),
                                  level.may_be_out_of_date ? "true" : "false", joined(j.sources)})
                            .c_str());
  }
}

void print_table(const safety::LegalAnswer& a) {
  std::printf("%s (%s)\n", a.name.c_str(), a.code.c_str());
  std::printf("  Kratom leaf: %s\n  Concentrated 7-OH products: %s\n",
              std::string(knowledge::to_string(a.kratom)).c_str(),
              std::string(knowledge::to_string(a.hydroxymitragynine)).c_str());
  if (a.min_age) std::printf("  Minimum age: %d\n", *a.min_age);
  std::printf("  Checked as of: %s%s\n\n", knowledge::format_date(a.as_of).c_str(),
              a.may_be_out_of_date ? " (may be out of date)" : "");
  for (const auto& level : a.levels) {
    const knowledge::Jurisdiction& j = *level.jurisdiction;
    std::printf("  %s %s: kratom %s, 7-OH %s%s; as of %s%s\n", j.code.c_str(), j.name.c_str(),
                std::string(knowledge::to_string(j.kratom)).c_str(),
                std::string(knowledge::to_string(j.hydroxymitragynine)).c_str(),
                j.min_age ? (", age " + std::to_string(*j.min_age) + "+").c_str() : "",
                knowledge::format_date(j.as_of).c_str(),
                level.may_be_out_of_date ? " (may be out of date)" : "");
    if (!j.law.empty()) std::printf("    Law: %s\n", j.law.c_str());
    if (!j.note.empty()) std::printf("    %s\n", j.note.c_str());
    std::printf("    Sources: %s (confidence %s)\n", joined(j.sources, ", ").c_str(), j.confidence.c_str());
  }
  std::printf("\n%s\n", a.notice.c_str());
}

void print_list(const knowledge::SafetyData& data, OutputFormat format) {
  if (format == OutputFormat::kJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& j : data.jurisdictions) out.push_back({{"code", j.code}, {"name", j.name}});
    std::printf("%s\n", nlohmann::json{{"jurisdictions", out}}.dump(2).c_str());
    return;
  }
  if (format == OutputFormat::kCsv) std::printf("code,name\n");
  for (const auto& j : data.jurisdictions) {
    if (format == OutputFormat::kCsv) {
      std::printf("%s\n", csv_line({j.code, j.name}).c_str());
    } else {
      std::printf("%-10s %s\n", j.code.c_str(), j.name.c_str());
    }
  }
}

std::optional<std::chrono::year_month_day> resolve_today(const std::string& text) {
  if (text.empty()) {
    // The edge reads the clock; the lookup itself takes the date as an argument.
    return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  }
  return knowledge::parse_date(text);
}

void run(CliContext& ctx, const LegalOptions& o) {
  auto format = resolve_format(o.format);
  if (!format) {
    ctx.exit_code = 2;
    return;
  }
  auto today = resolve_today(o.today);
  if (!today) {
    ctx.exit_code = report_error(invalid_input("--today", "today", "'" + o.today + "' is not a date",
                                               "YYYY-MM-DD"));
    return;
  }
  if (!o.list && o.code.empty()) {
    ctx.exit_code = report_error(invalid_input("legal", "code", "no jurisdiction code given",
                                               "a code like TH, US-AL or US-CA-SD, or --list"));
    return;
  }
  auto data = load_safety_data(ctx);
  if (!data) return;
  if (o.list) {
    print_list(*data, *format);
    return;
  }
  auto answer = safety::legal_status(*data, o.code, *today);
  if (!answer) {
    ctx.exit_code = report_error(answer.error());
    return;
  }
  if (*format == OutputFormat::kJson) {
    print_json(*answer);
  } else if (*format == OutputFormat::kCsv) {
    print_csv(*answer);
  } else {
    print_table(*answer);
  }
}

}  // namespace

void add_legal_command(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<LegalOptions>();
  CLI::App* cmd = app.add_subcommand(
      "legal", "Legal status of kratom and 7-OH products in a place (not legal advice)");
  cmd->add_option("code", options->code, "Country (TH), state (US-AL) or locality (US-CA-SD)");
  cmd->add_option("--today", options->today, "Date to judge staleness against (YYYY-MM-DD)");
  cmd->add_flag("--list", options->list, "List every jurisdiction code");
  add_format_options(*cmd, options->format);
  cmd->callback([&ctx, options] { run(ctx, *options); });
}

}  // namespace speciosa::cli
