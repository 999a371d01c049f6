#include "journal_cli.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace speciosa::cli {
namespace {

using journal::Checkin;
using journal::Dose;
using journal::SideEffect;

}  // namespace

std::string journal_url(const CliContext& ctx) {
  if (!ctx.db_url.empty()) return ctx.db_url;
  if (const char* env = std::getenv("SPECIOSA_DB"); env != nullptr && env[0] != '\0') return env;
  return journal::default_journal_path();
}

int fail(CliContext& ctx, const Error& error) {
  ctx.exit_code = report_error(error);
  return ctx.exit_code;
}

std::unique_ptr<journal::JournalStore> open_store(CliContext& ctx) {
  auto store = journal::open_journal(journal_url(ctx));
  if (!store) {
    fail(ctx, store.error());
    return nullptr;
  }
  return std::move(*store);
}

std::optional<JournalSession> open_session(CliContext& ctx) {
  auto store = open_store(ctx);
  if (!store) return std::nullopt;
  auto person = store->current_person();
  if (!person) {
    fail(ctx, person.error());
    return std::nullopt;
  }
  return JournalSession{std::move(store), std::move(*person)};
}

Result<bool> confirm_deletion(std::string_view command, bool yes, const std::string& question) {
  if (yes) return true;
  if (!::isatty(STDIN_FILENO)) {
    return invalid_input(std::string(command), "yes", "will not delete without confirmation",
                         "--yes when not running interactively");
  }
  std::fprintf(stderr, "%s [y/N] ", question.c_str());
  std::string answer;
  std::getline(std::cin, answer);
  if (answer == "y" || answer == "Y" || answer == "yes") return true;
  std::printf("Nothing deleted.\n");
  return false;
}

Result<journal::Instant> time_or_now(const std::string& text, const journal::Person& person) {
  if (text.empty()) {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
  return journal::parse_time(text, person.tz, "--at");
}

std::string describe(const journal::Entry& entry, const std::string& tz) {
  if (const auto* d = std::get_if<Dose>(&entry)) {
    return fmt::format("dose {}: {} {} {} ({}) at {}", d->id, d->amount, d->unit, d->product,
                       journal::to_string(d->form), journal::format_time(d->at, tz));
  }
  if (const auto* c = std::get_if<Checkin>(&entry)) {
    std::string what;
    if (c->anxiety) what += fmt::format(" anxiety {}", *c->anxiety);
    if (c->mood) what += fmt::format(" mood {}", *c->mood);
    if (c->gad7) what += fmt::format(" GAD-7 {}", *c->gad7_score());
    if (!c->withdrawal.empty()) what += fmt::format(" withdrawal items {}", c->withdrawal.size());
    return fmt::format("check-in {}:{} at {}", c->id, what, journal::format_time(c->at, tz));
  }
  const auto& e = std::get<SideEffect>(entry);
  return fmt::format("side effect {}: {} (severity {}) at {}", e.id, e.symptom, e.severity,
                     journal::format_time(e.at, tz));
}

}  // namespace speciosa::cli
