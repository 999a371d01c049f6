// speciosa journal: what people log (doses, check-ins, side effects, medications, products),
// stored behind one interface with two backends that pass the same tests.
//
// - open_journal(url) opens SQLite (a file path) or PostgreSQL ("postgresql://...") and brings
//   the schema up to date. Every method is scoped by person id; every write is one transaction.
// - Values are validated here too: a rejected value names the field and what is accepted, and
//   nothing is written.
// - Instants are UTC; each person carries an IANA time zone used to read and show local times.
// A JournalStore is one connection: use it from one thread at a time (open one per thread).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "speciosa/common.hpp"

namespace speciosa::journal {

using Instant = std::chrono::sys_seconds;  ///< a UTC instant
using Date = std::chrono::sys_days;        ///< a calendar date (medication start/stop)
using PersonId = std::int64_t;
using EntryId = std::int64_t;
using AccountId = std::int64_t;

enum class Sex { kUnspecified, kFemale, kMale, kIntersex };
/// Situations that change what is safe; the safety module reads them.
enum class Risk { kPregnancyOrBreastfeeding, kLiverDisease, kOpioidUseDisorder, kSeizureDisorder,
                  kHeartRhythm };
enum class Form { kPowder, kCapsule, kTea, kExtract, kTablet };

std::string_view to_string(Sex v);
std::string_view to_string(Risk v);
std::string_view to_string(Form v);
/// Parse the spellings printed by to_string(); the Error lists the accepted ones.
Result<Sex> sex_from_string(std::string_view text);
Result<Risk> risk_from_string(std::string_view text);
Result<Form> form_from_string(std::string_view text);

struct Person {
  PersonId id = 0;
  std::string name;                ///< unique in one database
  std::optional<double> weight_kg;
  Sex sex = Sex::kUnspecified;
  std::optional<int> birth_year;
  std::string tz = "UTC";          ///< IANA zone, e.g. "America/New_York"
  std::string jurisdiction;        ///< ISO 3166-1 alpha-2 ("TH") or 3166-2 ("US-AL"), or empty
  std::vector<Risk> risks;
  /// The server login that owns this person (speciosa serve --multi-user); none in a
  /// single-person journal. Set when the person is added; never changed by update_person.
  std::optional<AccountId> account;
};

/// A login of the multi-user server. The hash is libsodium's argon2id string; the password
/// itself is never stored.
struct Account {
  AccountId id = 0;
  std::string name;  ///< unique in one database
  std::string password_hash;
};

struct Medication {
  EntryId id = 0;
  std::string name;
  std::string dose_text;  ///< as the person says it: "50 mg daily"
  std::optional<Date> start;
  std::optional<Date> stop;
};

/// A product the person uses, tied to a knowledge-base product; lab content (certificate of
/// analysis) overrides the typical value when present.
struct PersonProduct {
  EntryId id = 0;
  std::string name;
  std::string kb_product_id;
  std::optional<double> mg_percent;  ///< mitragynine, % w/w
  std::optional<double> oh_percent;  ///< 7-hydroxymitragynine, % w/w
};

/// `uid` identifies an entry across databases (export/import); empty means "make one".
struct Dose {
  EntryId id = 0;
  std::string uid;
  Instant at{};
  double amount = 0;
  std::string unit;     ///< "g", "mg", "ug" or "serving"
  std::string product;  ///< knowledge-base id or the person's product name
  Form form = Form::kPowder;
  std::string note;
};

struct Checkin {
  EntryId id = 0;
  std::string uid;
  Instant at{};
  std::optional<int> anxiety;     ///< 0..10; a check-in has at least one rating or list
  std::optional<int> mood;        ///< 0..10
  std::optional<int> energy;      ///< 0..10
  std::optional<double> sleep_h;  ///< 0..24
  std::string note;
  std::optional<std::array<int, 7>> gad7;  ///< GAD-7 answers, each 0..3, in questionnaire order
  std::map<std::string, int> withdrawal;   ///< withdrawal_symptoms() key -> 0..4
  /// Sum of the GAD-7 answers (0..21), when answered.
  std::optional<int> gad7_score() const;
};

struct SideEffect {
  EntryId id = 0;
  std::string uid;
  Instant at{};
  std::string symptom;  ///< from side_effect_symptoms() or free text
  int severity = 0;     ///< 0 none .. 3 severe
};

/// One timed entry. Entry ids are unique across the three kinds.
using Entry = std::variant<Dose, Checkin, SideEffect>;

struct Entries {
  std::vector<Dose> doses;
  std::vector<Checkin> checkins;
  std::vector<SideEffect> side_effects;
};

/// Half-open [from, to).
struct TimeRange {
  Instant from = Instant::min();
  Instant to = Instant::max();
};

struct ImportCounts {
  int added = 0;
  int skipped = 0;  ///< already present (same uid)
};

/// Storage for many people's journals. Every read and write names the person.
class JournalStore {
 public:
  virtual ~JournalStore() = default;

  /// Adds a person and makes them the current one.
  virtual Result<PersonId> add_person(const Person& person) = 0;
  virtual Status update_person(const Person& person) = 0;
  virtual Result<Person> person(PersonId id) = 0;
  /// Deletes the person and everything stored about them (entries, medications, products,
  /// risks), in one transaction; SQLite also overwrites the freed space (secure_delete) and
  /// empties its write-ahead log, so the text is gone from the files too.
  virtual Status remove_person(PersonId id) = 0;
  virtual Result<std::vector<Person>> people() = 0;
  /// The person chosen last with set_current_person() or added last; kNotFound if none.
  virtual Result<Person> current_person() = 0;
  virtual Status set_current_person(PersonId id) = 0;

  /// kConflict when the name is taken.
  virtual Result<AccountId> add_account(const Account& account) = 0;
  /// kNotFound when there is no account of that name.
  virtual Result<Account> account(std::string_view name) = 0;

  virtual Result<EntryId> add_medication(PersonId person, const Medication& medication) = 0;
  virtual Status update_medication(PersonId person, const Medication& medication) = 0;
  virtual Result<std::vector<Medication>> medications(PersonId person) = 0;

  virtual Result<EntryId> add_product(PersonId person, const PersonProduct& product) = 0;
  virtual Result<std::vector<PersonProduct>> products(PersonId person) = 0;

  virtual Result<EntryId> add_entry(PersonId person, const Entry& entry) = 0;
  /// Replaces the entry with the same id (and kind); kNotFound if it is not this person's.
  virtual Status update_entry(PersonId person, const Entry& entry) = 0;
  virtual Result<Entry> entry(PersonId person, EntryId id) = 0;
  virtual Status remove_entry(PersonId person, EntryId id) = 0;
  /// Entries in the range, each list ordered by time then id.
  virtual Result<Entries> entries(PersonId person, TimeRange range) = 0;
  /// Adds entries whose uid is not present yet, all in one transaction.
  virtual Result<ImportCounts> import_entries(PersonId person, const Entries& entries) = 0;
};

/// Opens (creating if needed) and migrates the journal at `url`: "postgresql://..." or
/// "postgres://..." for PostgreSQL, anything else is a SQLite file path.
Result<std::unique_ptr<JournalStore>> open_journal(std::string_view url);

/// $XDG_DATA_HOME/speciosa/journal.db, else ~/.local/share/speciosa/journal.db.
std::string default_journal_path();

/// The schema version this build writes.
int current_schema_version();

/// Checks values and ranges; `now` bounds how far in the future an entry may be (one day).
Status validate(const Person& person);
Status validate(const Account& account);
Status validate(const Medication& medication);
Status validate(const PersonProduct& product);
Status validate(const Entry& entry, Instant now);

/// Sets a dose's amount and unit from what the person typed: a mass ("2g", "500mg", kept in
/// the unit typed; kilograms become grams) or servings ("2 tablets").
Status set_dose_amount(std::string_view text, Dose& dose);

/// Keys of the withdrawal checklist (our own wording), in display order.
const std::vector<std::string>& withdrawal_symptoms();
/// Common side effects offered as choices; other text is accepted too.
const std::vector<std::string>& side_effect_symptoms();

/// The system's IANA zone (from /etc/localtime), else "UTC".
std::string system_time_zone();

/// Parses "YYYY-MM-DD HH:MM[:SS]" (or with 'T') as local time in `tz`, or with a trailing "Z"
/// or "+HH:MM"/"-HH:MM" as that offset. A local time skipped by a DST change is rejected; a
/// repeated one means its first occurrence. `field` names the option in errors.
Result<Instant> parse_time(std::string_view text, std::string_view tz, std::string_view field);
/// Parses "YYYY-MM-DD".
Result<Date> parse_date(std::string_view text, std::string_view field);
/// "2026-11-24T08:30:00-05:00" in the zone.
std::string format_time(Instant at, std::string_view tz);
std::string format_date(Date day);
/// The zone's offset from UTC at that instant (0 for an unknown zone).
std::chrono::minutes utc_offset(Instant at, std::string_view tz);
/// Ok if `tz` is an IANA zone known to the system's tzdata.
Status check_time_zone(std::string_view tz, std::string_view field);

/// One local calendar day of a journal.
struct DaySummary {
  Date day;                    ///< local date in the person's zone
  int doses = 0;
  double dose_mass_mg = 0;     ///< doses given by mass only
  int checkins = 0;
  std::optional<double> mean_anxiety;
  std::optional<double> mean_mood;
  int side_effects = 0;
};
/// Groups entries by local day in `tz` (DST-safe: days of 23 or 25 hours), oldest first.
Result<std::vector<DaySummary>> summarize_local_days(const Entries& entries, std::string_view tz);

}  // namespace speciosa::journal
