// Shared by the journal commands: opening the store named by --db / SPECIOSA_DB / the default
// path, the current person, and the JSON form of entries (history, export, import).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "context.hpp"
#include "speciosa/journal.hpp"

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

/// The JSON form of entries: {"doses":[...], "checkins":[...], "side_effects":[...]} with
/// times as local ISO 8601 with offset. Keys are a contract (DESIGN.md); add, never rename.
nlohmann::json entries_to_json(const journal::Entries& entries, const std::string& tz);
/// The inverse of entries_to_json; ids are ignored, uids kept. Errors name the list and index.
Result<journal::Entries> entries_from_json(const nlohmann::json& doc, const std::string& tz);

/// One CSV row per entry, header first: kind,id,uid,at,amount,unit,product,form,anxiety,...
std::string entries_to_csv(const journal::Entries& entries, const std::string& tz);

/// "dose 12: 2 g maeng-da (powder) at 2026-11-24T08:30:00-05:00".
std::string describe(const journal::Entry& entry, const std::string& tz);


}  // namespace speciosa::cli
