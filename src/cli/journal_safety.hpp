// The bridge from a person's journal to the safety checks: their doses in mg of each alkaloid,
// their current medications, their risk contexts, and whether a journal exists at all (a check
// never creates an empty database as a side effect).
#pragma once

#include <chrono>
#include <cstdio>
#include <fmt/format.h>
#include <optional>
#include <string>
#include <vector>

#include "journal_cli.hpp"
#include "regimen.hpp"
#include "speciosa/analysis.hpp"
#include "speciosa/safety.hpp"
#include "speciosa/safety_journal.hpp"

namespace speciosa::cli {

/// mg of each alkaloid in one dose described by regimen options (amount, product, content).
Result<safety::DoseRecord> dose_record(const RegimenOptions& o, const knowledge::Knowledge& k,
                                       journal::Instant at);

using safety::current_medications;
using safety::risk_contexts;

/// The current person's journal when one exists: --db / SPECIOSA_DB, or the default SQLite file
/// only if it is already there. nullopt without an error when there is no journal or no person;
/// errors are reported and leave ctx.exit_code set.
std::optional<JournalSession> existing_session(CliContext& ctx);

/// Guardrail input from the journal: doses of the last `days` days, current medications, risk
/// contexts and the person's UTC offset.
Result<safety::GuardrailInput> guardrail_input(JournalSession& session, const knowledge::Knowledge& k,
                                               journal::Instant now, int days = 60);

/// One line on the legal status where the person lives (their jurisdiction), or "" when they
/// have none recorded or it is not in the data. Never legal advice, and says so.
std::string legal_notice(const knowledge::SafetyData& data, const journal::Person& person,
                         journal::Instant now);

/// What the analyses read about the current person: entries in `range`, their products and, when
/// the doses are to be simulated, the CYP3A activity their current medications leave
/// (co-medication warnings go to stderr). Errors are reported and leave ctx.exit_code set.
std::optional<analysis::PersonData> person_data(CliContext& ctx, JournalSession& session,
                                                journal::TimeRange range, journal::Instant now,
                                                bool simulated);

/// A number for CSV and tables in `spec` (a fmt format), or "" when there is none.
inline std::string optional_number(const std::optional<double>& v, const char* spec = "{:.4g}") {
  return v ? fmt::format(fmt::runtime(spec), *v) : "";
}

/// The body of the journal analysis verbs (stability, insight, taper): resolves the output format,
/// opens the journal, reads the person's data of the last `span_days` days (see person_data),
/// runs `analyse(knowledge, data, now)` (a Result) and prints it: its to_json with --json, else
/// `print_csv(result)` or `print_table(result, person)`. Returns the exit code.
template <typename Analyse, typename Csv, typename Table>
int run_journal_analysis(CliContext& ctx, const FormatOptions& format_options, int span_days, bool simulated,
                         Analyse analyse, Csv print_csv, Table print_table) {
  auto format = resolve_format(format_options);
  if (!format) return 2;
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return 1;
  auto session = open_session(ctx);
  if (!session) return ctx.exit_code;
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto data = person_data(ctx, *session, {now - std::chrono::days{span_days}, now}, now, simulated);
  if (!data) return ctx.exit_code;
  auto result = analyse(*k, *data, now);
  if (!result) return fail(ctx, result.error());
  if (*format == OutputFormat::kJson) {
    std::printf("%s\n", analysis::to_json(*result).dump(2).c_str());
  } else if (*format == OutputFormat::kCsv) {
    print_csv(*result);
  } else {
    print_table(*result, session->person);
  }
  return 0;
}

}  // namespace speciosa::cli
