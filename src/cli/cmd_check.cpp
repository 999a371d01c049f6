// `speciosa check --dose 5g --product X [--history FILE]`: dose guardrails for a planned dose
// against recent use. The guardrails take a safety::GuardrailInput, so journal entries can be
// fed in the same way as the --history file.
#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "context.hpp"
#include "journal_safety.hpp"
#include "regimen.hpp"
#include "safety_output.hpp"
#include "speciosa/safety.hpp"
#include "speciosa/safety_json.hpp"

namespace speciosa::cli {
namespace {

struct CheckOptions {
  RegimenOptions dose;                 ///< dose, as, product, mg_content, oh_content
  std::string history;                 ///< CSV file: at,amount[,product]
  std::string at;                      ///< "YYYY-MM-DD HH:MM" (UTC); default now
  std::vector<std::string> with;       ///< medications
  std::vector<std::string> contexts;   ///< risk contexts
  FormatOptions format;
};

/// "YYYY-MM-DD HH:MM" (UTC) to a time point, with the journal's parser.
std::optional<std::chrono::sys_seconds> parse_datetime(std::string_view text) {
  auto at = journal::parse_time(text, "UTC", "--at");
  return at ? std::optional(*at) : std::nullopt;
}

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  for (std::string field; std::getline(ss, field, ',');) {
    const auto b = field.find_first_not_of(" \t\r");
    const auto e = field.find_last_not_of(" \t\r");
    out.push_back(b == std::string::npos ? "" : field.substr(b, e - b + 1));
  }
  return out;
}

// History file: a header `at,amount,product` then one dose per line, e.g.
// `2026-11-20 08:00,3g,leaf-generic`. The product column may be empty or absent.
Result<std::vector<safety::DoseRecord>> read_history(const std::string& path,
                                                     const knowledge::Knowledge& k) {
  std::ifstream in(path);
  if (!in) return invalid_input("--history", "history", "cannot read '" + path + "'", "a readable CSV file");
  std::vector<safety::DoseRecord> out;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const auto fields = split_csv(line);
    if (fields.empty() || fields[0].empty() || fields[0] == "at") continue;
    const std::string where = fmt::format("{}:{}", path, line_no);
    auto at = parse_datetime(fields[0]);
    if (!at || fields.size() < 2) {
      return invalid_input(where, "at", fmt::format("'{}' is not a dose line", line),
                           "at,amount,product e.g. 2026-11-20 08:00,3g,leaf-generic");
    }
    RegimenOptions o;
    o.dose = fields[1];
    if (fields.size() > 2) o.product = fields[2];
    auto dose = dose_record(o, k, *at);
    if (!dose) {
      Error e = dose.error();
      e.where = where;
      return e;
    }
    out.push_back(*dose);
  }
  return out;
}

void print(const std::vector<safety::GuardrailAlert>& alerts, const std::optional<safety::DoseRecord>& planned,
           OutputFormat format) {
  if (format == OutputFormat::kJson) {
    const nlohmann::json out = safety::guardrails_to_json(alerts, planned);
    std::printf("%s\n", out.dump(2).c_str());
    return;
  }
  if (format == OutputFormat::kCsv) {
    std::printf("id,topic,severity,reason,evidence,sources,what_to_do\n");
    for (const auto& a : alerts) {
      std::printf("%s\n", csv_line({a.id, a.topic, std::string(knowledge::to_string(a.severity)), a.reason,
                                    std::string(knowledge::to_string(a.evidence)), joined(a.sources),
                                    a.what_to_do})
                              .c_str());
    }
    return;
  }
  if (planned) {
    std::printf("Planned dose: about %.0f mg mitragynine, %.2f mg 7-OH\n\n", planned->mitragynine_mg,
                planned->hydroxymitragynine_mg);
  }
  if (alerts.empty()) std::printf("No guardrail was crossed.\n\n");
  for (const auto& a : alerts) {
    std::printf("%s: %s\n  What to do: %s\n  Evidence: %s; sources: %s\n",
                std::string(knowledge::to_string(a.severity)).c_str(), a.reason.c_str(), a.what_to_do.c_str(),
                std::string(knowledge::to_string(a.evidence)).c_str(), joined(a.sources, ", ").c_str());
    if (!a.raised_by.empty()) std::printf("  Raised by: %s\n", joined(a.raised_by, ", ").c_str());
    std::printf("\n");
  }
  std::printf("%s\n", std::string(safety::guardrail_notice()).c_str());
}

void run(CliContext& ctx, const CheckOptions& o) {
  auto format = resolve_format(o.format);
  if (!format) {
    ctx.exit_code = 2;
    return;
  }
  safety::GuardrailInput input;
  if (o.at.empty()) {
    // The edge reads the clock; the guardrails take the time as input.
    input.now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  } else if (auto at = parse_datetime(o.at)) {
    input.now = *at;
  } else {
    ctx.exit_code = report_error(invalid_input("--at", "at", "'" + o.at + "' is not a date and time",
                                               "\"YYYY-MM-DD HH:MM\" (UTC)"));
    return;
  }
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return;
  // Without --history, recent use, medications and risk contexts come from the current
  // person's journal, when there is one.
  std::optional<JournalSession> session;
  if (o.history.empty()) {
    session = existing_session(ctx);
    if (ctx.exit_code != 0) return;
    if (session) {
      auto from_journal = guardrail_input(*session, *k, input.now);
      if (!from_journal) {
        ctx.exit_code = report_error(from_journal.error());
        return;
      }
      input = std::move(from_journal).value();
    }
  }
  if (o.dose.dose.empty() && o.history.empty() && !session) {
    ctx.exit_code = report_error(invalid_input("--dose", "dose", "nothing to check",
                                               "--dose 2g [--product ID], --history FILE, or a journal "
                                               "(speciosa person add NAME; speciosa log dose ...)"));
    return;
  }
  auto data = load_safety_data(ctx);
  if (!data) return;
  if (!o.dose.dose.empty()) {
    auto planned = dose_record(o.dose, *k, input.now);
    if (!planned) {
      ctx.exit_code = report_error(planned.error());
      return;
    }
    input.planned = *planned;
  }
  if (!o.history.empty()) {
    auto history = read_history(o.history, *k);
    if (!history) {
      ctx.exit_code = report_error(history.error());
      return;
    }
    input.history = std::move(history).value();
  }
  input.medications.insert(input.medications.end(), o.with.begin(), o.with.end());
  input.risk_contexts.insert(input.risk_contexts.end(), o.contexts.begin(), o.contexts.end());
  auto alerts = safety::evaluate_guardrails(*data, input);
  if (!alerts) {
    ctx.exit_code = report_error(alerts.error());
    return;
  }
  print(*alerts, input.planned, *format);
}

}  // namespace

void add_check_command(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Check a planned dose and recent use against dose guardrails");
  cmd->add_option("--dose", options->dose.dose, "Planned dose: 2g (leaf), 25mg --as mitragynine, 1tablet");
  cmd->add_option("--as", options->dose.as, "What the dose measures: leaf (default), mitragynine, 7-oh");
  cmd->add_option("--product", options->dose.product, "Product id (speciosa knowledge products)");
  cmd->add_option("--mg-content", options->dose.mg_content, "Mitragynine content of the leaf, e.g. 1.5%");
  cmd->add_option("--oh-content", options->dose.oh_content, "7-OH content of the leaf, e.g. 0.01%");
  cmd->add_option("--history", options->history, "CSV of past doses: at,amount,product");
  cmd->add_option("--at", options->at, "Time of the planned dose, \"YYYY-MM-DD HH:MM\" UTC (default now)");
  cmd->add_option("--with", options->with, "Medication or substance taken too (repeatable)");
  cmd->add_option("--context", options->contexts,
                  "Risk context (repeatable): pregnancy, liver-disease, opioid-use-disorder, "
                  "seizure-disorder, heart-rhythm, under-21");
  add_format_options(*cmd, options->format);
  cmd->callback([&ctx, options] { run(ctx, *options); });
}

}  // namespace speciosa::cli
