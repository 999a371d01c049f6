// speciosa history: the current person's recent entries, newest last, in their local time.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "journal_cli.hpp"

namespace speciosa::cli {
namespace {

struct HistoryOptions {
  int days = 30;
  FormatOptions format;
};

int run_history(CliContext& ctx, const HistoryOptions& o) {
  auto format = resolve_format(o.format);
  if (!format) return 2;
  if (o.days < 1 || o.days > 36500) {
    return fail(ctx, invalid_input("--days", "days", std::to_string(o.days) + " is out of range",
                                   "a whole number of days from 1 to 36500"));
  }
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto entries = s->store->entries(s->person.id, {now - std::chrono::days{o.days}, journal::Instant::max()});
  if (!entries) return fail(ctx, entries.error());
  const std::string& tz = s->person.tz;
  if (*format == OutputFormat::kJson) {
    std::printf("%s\n", journal::entries_to_json(*entries, tz).dump(2).c_str());
    return 0;
  }
  if (*format == OutputFormat::kCsv) {
    std::fputs(journal::entries_to_csv(*entries, tz).c_str(), stdout);
    return 0;
  }
  std::vector<std::pair<journal::Instant, std::string>> lines;
  for (const auto& e : entries->doses) lines.emplace_back(e.at, describe(e, tz));
  for (const auto& e : entries->checkins) lines.emplace_back(e.at, describe(e, tz));
  for (const auto& e : entries->side_effects) lines.emplace_back(e.at, describe(e, tz));
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  if (lines.empty()) std::printf("No entries in the last %d days for %s.\n", o.days, s->person.name.c_str());
  for (const auto& [at, line] : lines) std::printf("%s\n", line.c_str());
  return 0;
}

}  // namespace

void add_history_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<HistoryOptions>();
  CLI::App* cmd = app.add_subcommand("history", "The current person's recent journal entries");
  cmd->add_option("--days", o->days, "How many days back (default 30)");
  add_format_options(*cmd, o->format);
  cmd->callback([&ctx, o] { ctx.exit_code = run_history(ctx, *o); });
}

}  // namespace speciosa::cli
