// Shared by the journal commands: opening the store named by --db / SPECIOSA_DB / the default
// path, the current person, one-line descriptions of entries.
#pragma once

#include <memory>
#include <optional>

#include "context.hpp"
#include "speciosa/journal.hpp"
#include "speciosa/journal_formats.hpp"

namespace speciosa::cli {

/// --db, else $SPECIOSA_DB, else the default SQLite file.
std::string journal_url(const CliContext& ctx);

/// An open journal and the person commands act on.
struct JournalSession {
  std::unique_ptr<journal::JournalStore> store;
  journal::Person person;
};

/// Opens the journal; on failure reports the error, sets ctx.exit_code and returns nullptr.
std::unique_ptr<journal::JournalStore> open_store(CliContext& ctx);
/// Opens the journal and loads the current person; reports failures like open_store.
std::optional<JournalSession> open_session(CliContext& ctx);

/// Reports `error`, sets ctx.exit_code, and returns it.
int fail(CliContext& ctx, const Error& error);

/// Asks `question` on the terminal unless `yes`; true when the answer is yes. Without a terminal
/// and without --yes it refuses (an Error naming `command`), so scripts never delete by accident.
Result<bool> confirm_deletion(std::string_view command, bool yes, const std::string& question);

/// Parses --at in the person's zone; empty means now.
Result<journal::Instant> time_or_now(const std::string& text, const journal::Person& person);

/// "dose 12: 2 g maeng-da (powder) at 2026-11-24T08:30:00-05:00".
std::string describe(const journal::Entry& entry, const std::string& tz);

}  // namespace speciosa::cli
