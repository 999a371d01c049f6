// The JournalStore over a Connection: one implementation, so both backends share every query
// and every rule. Each public method is one transaction; driver failures become Errors here.
#include <cstdlib>
#include <fmt/format.h>
#include <random>
#include <unordered_map>

#include "connection.hpp"

namespace speciosa::journal {
namespace {

constexpr std::string_view kCurrentPersonKey = "current_person";

std::int64_t as_int(const Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  return std::get<std::int64_t>(v);
}
double as_real(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return std::get<double>(v);
}
std::string as_text(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return {};
}
// Moves the text out of a row that is about to be dropped.
std::string take_text(Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return std::move(*s);
  return {};
}
bool is_null(const Value& v) { return std::holds_alternative<std::monostate>(v); }
template <typename T, typename F>
std::optional<T> opt(const Value& v, F read) {
  if (is_null(v)) return std::nullopt;
  return static_cast<T>(read(v));
}
template <typename T>
Value nullable(const std::optional<T>& v) {
  if (!v) return std::monostate{};
  if constexpr (std::is_integral_v<T>) {
    return std::int64_t{*v};
  } else {
    return *v;
  }
}
Value date_value(const std::optional<Date>& d) {
  return d ? Value{format_date(*d)} : Value{std::monostate{}};
}
std::optional<Date> date_of(const Value& v) {
  if (is_null(v)) return std::nullopt;
  auto parsed = parse_date(as_text(v), "date");
  return parsed ? std::optional<Date>(*parsed) : std::nullopt;
}
std::int64_t seconds(Instant t) { return t.time_since_epoch().count(); }
Instant instant(const Value& v) { return Instant{std::chrono::seconds{as_int(v)}}; }

std::string new_uid() {
  static thread_local std::random_device device;
  return fmt::format("{:08x}{:08x}{:08x}{:08x}", device(), device(), device(), device());
}

std::string gad7_text(const std::array<int, 7>& items) { return fmt::format("{}", fmt::join(items, ",")); }
std::optional<std::array<int, 7>> gad7_of(const Value& v) {
  if (is_null(v)) return std::nullopt;
  std::array<int, 7> items{};
  const std::string text = as_text(v);
  std::size_t pos = 0;
  for (int& item : items) {
    item = std::atoi(text.c_str() + pos);
    pos = text.find(',', pos);
    pos = pos == std::string::npos ? text.size() : pos + 1;
  }
  return items;
}

std::string_view kind_of(const Entry& e) {
  static constexpr std::string_view kKinds[] = {"dose", "checkin", "side_effect"};
  return kKinds[e.index()];
}

Error not_found(std::string_view what, std::int64_t id) {
  return Error{ErrorCode::kNotFound, "journal", std::string(what),
               fmt::format("no {} with id {} for this person", what, id), {}};
}

// Entry reads share one filter: "e.person_id = $1 AND <extra>".
const std::string kDoseSelect =
    "SELECT e.id, e.uid, e.at_utc, d.amount, d.unit, d.product, d.form, d.note "
    "FROM entry e JOIN dose d ON d.entry_id = e.id WHERE e.person_id = $1 AND e.kind = 'dose' AND ";
const std::string kCheckinSelect =
    "SELECT e.id, e.uid, e.at_utc, c.anxiety, c.mood, c.energy, c.sleep_h, c.note, c.gad7 "
    "FROM entry e JOIN checkin c ON c.entry_id = e.id WHERE e.person_id = $1 AND e.kind = 'checkin' AND ";
const std::string kWithdrawalSelect =
    "SELECT w.entry_id, w.symptom, w.score FROM withdrawal_item w JOIN entry e ON e.id = "
    "w.entry_id WHERE e.person_id = $1 AND e.kind = 'checkin' AND ";
const std::string kSideEffectSelect =
    "SELECT e.id, e.uid, e.at_utc, s.symptom, s.severity "
    "FROM entry e JOIN side_effect s ON s.entry_id = e.id WHERE e.person_id = $1 AND e.kind = 'side_effect' AND ";
const std::string kOrder = " ORDER BY e.at_utc, e.id";

class SqlStore final : public JournalStore {
 public:
  explicit SqlStore(std::unique_ptr<Connection> db) : db_(std::move(db)) {}

  Result<PersonId> add_person(const Person& p) override {
    if (auto s = validate(p); !s) return s.error();
    return write<PersonId>("person", [&]() -> Result<PersonId> {
      if (!db_->query("SELECT id FROM person WHERE name = $1", {p.name}).empty()) {
        return name_taken(p.name);
      }
      const auto rows = db_->query(
          "INSERT INTO person (name, weight_kg, sex, birth_year, tz, jurisdiction, created_utc, "
          "account_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
          {p.name, nullable(p.weight_kg), std::string(to_string(p.sex)), nullable(p.birth_year),
           p.tz, p.jurisdiction, seconds(now()), nullable(p.account)});
      const PersonId id = as_int(rows.at(0).at(0));
      write_risks(id, p.risks);
      set_setting(kCurrentPersonKey, std::to_string(id));
      return id;
    });
  }

  Status update_person(const Person& p) override {
    if (auto s = validate(p); !s) return s;
    return write<Ok>("person", [&]() -> Status {
      const auto clash = db_->query("SELECT id FROM person WHERE name = $1 AND id <> $2", {p.name, p.id});
      if (!clash.empty()) return name_taken(p.name);
      const auto rows = db_->query(
          "UPDATE person SET name = $1, weight_kg = $2, sex = $3, birth_year = $4, tz = $5, "
          "jurisdiction = $6 WHERE id = $7 RETURNING id",
          {p.name, nullable(p.weight_kg), std::string(to_string(p.sex)), nullable(p.birth_year),
           p.tz, p.jurisdiction, p.id});
      if (rows.empty()) return not_found("person", p.id);
      db_->query("DELETE FROM person_risk WHERE person_id = $1", {p.id});
      write_risks(p.id, p.risks);
      return Ok{};
    });
  }

  Result<Person> person(PersonId id) override {
    return read<Person>("person", [&] { return load_person(id); });
  }

  Status remove_person(PersonId id) override {
    // The schema cascades from person to every table that holds their rows.
    Status removed = write<Ok>("person", [&]() -> Status {
      if (db_->query("DELETE FROM person WHERE id = $1 RETURNING id", {id}).empty()) {
        return not_found("person", id);
      }
      db_->query("DELETE FROM setting WHERE key = $1 AND value = $2",
                 {std::string(kCurrentPersonKey), std::to_string(id)});
      return Ok{};
    });
    if (!removed) return removed;
    try {
      db_->flush_deleted();
    } catch (const DbError& e) {
      return Error{ErrorCode::kIo, "journal", "person",
                   fmt::format("the person was deleted, but the log still holds old pages: {}", e.what()),
                   "run the command again when no other speciosa is using the journal"};
    }
    return Ok{};
  }

  Result<std::vector<Person>> people() override {
    return read<std::vector<Person>>("person", [&]() -> Result<std::vector<Person>> {
      std::vector<Person> out;
      for (const auto& row : db_->query("SELECT id FROM person ORDER BY id", {})) {
        auto p = load_person(as_int(row[0]));
        if (!p) return p.error();
        out.push_back(std::move(*p));
      }
      return out;
    });
  }

  Result<Person> current_person() override {
    return read<Person>("person", [&]() -> Result<Person> {
      const auto chosen = db_->query("SELECT value FROM setting WHERE key = $1",
                                     {std::string(kCurrentPersonKey)});
      if (!chosen.empty()) {
        auto p = load_person(std::atoll(as_text(chosen[0][0]).c_str()));
        if (p) return p;
      }
      const auto newest = db_->query("SELECT max(id) FROM person", {});
      if (newest.empty() || is_null(newest[0][0])) {
        return Error{ErrorCode::kNotFound, "journal", "person", "no person in this journal yet",
                     "add one with: speciosa person add NAME --tz ZONE"};
      }
      return load_person(as_int(newest[0][0]));
    });
  }

  Status set_current_person(PersonId id) override {
    return write<Ok>("person", [&]() -> Status {
      if (auto s = require_person(id); !s) return s;
      set_setting(kCurrentPersonKey, std::to_string(id));
      return Ok{};
    });
  }

  Result<AccountId> add_account(const Account& a) override {
    if (auto s = validate(a); !s) return s.error();
    return write<AccountId>("account", [&]() -> Result<AccountId> {
      if (!db_->query("SELECT id FROM account WHERE name = $1", {a.name}).empty()) {
        return Error{ErrorCode::kConflict, "journal", "name",
                     fmt::format("an account named '{}' already exists", a.name),
                     "a name not used yet in this journal"};
      }
      const auto rows = db_->query(
          "INSERT INTO account (name, password_hash, created_utc) VALUES ($1, $2, $3) RETURNING id",
          {a.name, a.password_hash, seconds(now())});
      return as_int(rows.at(0).at(0));
    });
  }

  Result<Account> account(std::string_view name) override {
    return read<Account>("account", [&]() -> Result<Account> {
      const auto rows =
          db_->query("SELECT id, name, password_hash FROM account WHERE name = $1", {std::string(name)});
      if (rows.empty()) {
        return Error{ErrorCode::kNotFound, "journal", "account", "no such account", {}};
      }
      return Account{as_int(rows[0][0]), as_text(rows[0][1]), as_text(rows[0][2])};
    });
  }

  Result<EntryId> add_medication(PersonId person, const Medication& m) override {
    if (auto s = validate(m); !s) return s.error();
    return write<EntryId>("medication", [&]() -> Result<EntryId> {
      if (auto s = require_person(person); !s) return s.error();
      const auto rows = db_->query(
          "INSERT INTO medication (person_id, name, dose_text, start_date, stop_date) "
          "VALUES ($1, $2, $3, $4, $5) RETURNING id",
          {person, m.name, m.dose_text, date_value(m.start), date_value(m.stop)});
      return as_int(rows.at(0).at(0));
    });
  }

  Status update_medication(PersonId person, const Medication& m) override {
    if (auto s = validate(m); !s) return s;
    return write<Ok>("medication", [&]() -> Status {
      const auto rows = db_->query(
          "UPDATE medication SET name = $1, dose_text = $2, start_date = $3, stop_date = $4 "
          "WHERE id = $5 AND person_id = $6 RETURNING id",
          {m.name, m.dose_text, date_value(m.start), date_value(m.stop), m.id, person});
      if (rows.empty()) return not_found("medication", m.id);
      return Ok{};
    });
  }

  Result<std::vector<Medication>> medications(PersonId person) override {
    return read<std::vector<Medication>>("medication", [&]() -> Result<std::vector<Medication>> {
      std::vector<Medication> out;
      for (const auto& r : db_->query("SELECT id, name, dose_text, start_date, stop_date FROM "
                                      "medication WHERE person_id = $1 ORDER BY id",
                                      {person})) {
        out.push_back(Medication{as_int(r[0]), as_text(r[1]), as_text(r[2]), date_of(r[3]),
                                 date_of(r[4])});
      }
      return out;
    });
  }

  Result<EntryId> add_product(PersonId person, const PersonProduct& p) override {
    if (auto s = validate(p); !s) return s.error();
    return write<EntryId>("product", [&]() -> Result<EntryId> {
      if (auto s = require_person(person); !s) return s.error();
      if (!db_->query("SELECT id FROM person_product WHERE person_id = $1 AND name = $2",
                      {person, p.name})
               .empty()) {
        return Error{ErrorCode::kConflict, "journal", "name",
                     fmt::format("a product named '{}' already exists", p.name),
                     "a name not used yet for this person"};
      }
      const auto rows = db_->query(
          "INSERT INTO person_product (person_id, name, kb_product_id, mg_percent, oh_percent) "
          "VALUES ($1, $2, $3, $4, $5) RETURNING id",
          {person, p.name, p.kb_product_id, nullable(p.mg_percent), nullable(p.oh_percent)});
      return as_int(rows.at(0).at(0));
    });
  }

  Result<std::vector<PersonProduct>> products(PersonId person) override {
    return read<std::vector<PersonProduct>>("product", [&]() -> Result<std::vector<PersonProduct>> {
      std::vector<PersonProduct> out;
      for (const auto& r : db_->query("SELECT id, name, kb_product_id, mg_percent, oh_percent "
                                      "FROM person_product WHERE person_id = $1 ORDER BY id",
                                      {person})) {
        out.push_back(PersonProduct{as_int(r[0]), as_text(r[1]), as_text(r[2]),
                                    opt<double>(r[3], as_real), opt<double>(r[4], as_real)});
      }
      return out;
    });
  }

  Result<EntryId> add_entry(PersonId person, const Entry& entry) override {
    if (auto s = validate(entry, now()); !s) return s.error();
    return write<EntryId>("entry", [&]() -> Result<EntryId> {
      if (auto s = require_person(person); !s) return s.error();
      auto id = insert_entry(person, entry, false);
      if (!id) {
        return Error{ErrorCode::kConflict, "journal", "uid", "an entry with this uid exists",
                     "a new uid, or none"};
      }
      return *id;
    });
  }

  Status update_entry(PersonId person, const Entry& entry) override {
    if (auto s = validate(entry, now()); !s) return s;
    const EntryId id = std::visit([](const auto& e) { return e.id; }, entry);
    return write<Ok>("entry", [&]() -> Status {
      const auto rows = db_->query(
          "UPDATE entry SET at_utc = $1 WHERE id = $2 AND person_id = $3 AND kind = $4 RETURNING id",
          {seconds(std::visit([](const auto& e) { return e.at; }, entry)), id, person,
           std::string(kind_of(entry))});
      if (rows.empty()) return not_found(kind_of(entry), id);
      write_details(id, entry, true);
      return Ok{};
    });
  }

  Result<Entry> entry(PersonId person, EntryId id) override {
    return read<Entry>("entry", [&]() -> Result<Entry> {
      const std::string filter = "e.id = $2";
      Entries found = load_entries(filter, {person, id});
      if (!found.doses.empty()) return Entry{found.doses[0]};
      if (!found.checkins.empty()) return Entry{found.checkins[0]};
      if (!found.side_effects.empty()) return Entry{found.side_effects[0]};
      return not_found("entry", id);
    });
  }

  Status remove_entry(PersonId person, EntryId id) override {
    return write<Ok>("entry", [&]() -> Status {
      if (db_->query("DELETE FROM entry WHERE id = $1 AND person_id = $2 RETURNING id", {id, person})
              .empty()) {
        return not_found("entry", id);
      }
      return Ok{};
    });
  }

  Result<Entries> entries(PersonId person, TimeRange range) override {
    return read<Entries>("entry", [&]() -> Result<Entries> {
      return load_entries("e.at_utc >= $2 AND e.at_utc < $3",
                          {person, seconds(range.from), seconds(range.to)});
    });
  }

  Result<ImportCounts> import_entries(PersonId person, const Entries& in) override {
    const Instant t = now();
    std::vector<Entry> all;
    for (const auto& e : in.doses) all.emplace_back(e);
    for (const auto& e : in.checkins) all.emplace_back(e);
    for (const auto& e : in.side_effects) all.emplace_back(e);
    for (const auto& e : all) {
      if (auto s = validate(e, t); !s) return s.error();
    }
    return write<ImportCounts>("import", [&]() -> Result<ImportCounts> {
      if (auto s = require_person(person); !s) return s.error();
      ImportCounts counts;
      for (const auto& e : all) ++(insert_entry(person, e, true) ? counts.added : counts.skipped);
      return counts;
    });
  }

 private:
  static Instant now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }

  static Error name_taken(const std::string& name) {
    return Error{ErrorCode::kConflict, "journal", "name",
                 fmt::format("a person named '{}' already exists", name),
                 "a name not used yet in this journal"};
  }

  // Runs `body` in one transaction; commits when it returns a value, rolls back otherwise.
  template <typename T, typename F>
  Result<T> transact(bool for_write, std::string_view what, F&& body) {
    try {
      for_write ? db_->begin_write() : db_->begin_read();
      Result<T> result = body();
      if (result) {
        db_->commit();
      } else {
        db_->rollback();
      }
      return result;
    } catch (const DbError& e) {
      try {
        db_->rollback();
      } catch (const DbError&) {
        // The connection is already unusable; the first error is the one to report.
      }
      return Error{ErrorCode::kIo, "journal", std::string(what), e.what(), {}};
    }
  }
  template <typename T, typename F>
  Result<T> write(std::string_view what, F&& body) {
    return transact<T>(true, what, std::forward<F>(body));
  }
  template <typename T, typename F>
  Result<T> read(std::string_view what, F&& body) {
    return transact<T>(false, what, std::forward<F>(body));
  }

  Status require_person(PersonId id) {
    if (db_->query("SELECT id FROM person WHERE id = $1", {id}).empty()) return not_found("person", id);
    return Ok{};
  }

  void set_setting(std::string_view key, const std::string& value) {
    db_->query("INSERT INTO setting (key, value) VALUES ($1, $2) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
               {std::string(key), value});
  }

  void write_risks(PersonId id, const std::vector<Risk>& risks) {
    for (Risk r : risks) {
      db_->query("INSERT INTO person_risk (person_id, risk) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                 {id, std::string(to_string(r))});
    }
  }

  Result<Person> load_person(PersonId id) {
    const auto rows = db_->query(
        "SELECT id, name, weight_kg, sex, birth_year, tz, jurisdiction, account_id FROM person "
        "WHERE id = $1",
        {id});
    if (rows.empty()) return not_found("person", id);
    const Row& r = rows[0];
    Person p;
    p.id = as_int(r[0]);
    p.name = as_text(r[1]);
    p.weight_kg = opt<double>(r[2], as_real);
    p.sex = sex_from_string(as_text(r[3])).value();
    p.birth_year = opt<int>(r[4], as_int);
    p.tz = as_text(r[5]);
    p.jurisdiction = as_text(r[6]);
    p.account = opt<AccountId>(r[7], as_int);
    for (const auto& risk : db_->query("SELECT risk FROM person_risk WHERE person_id = $1 ORDER BY risk", {id})) {
      if (auto parsed = risk_from_string(as_text(risk[0]))) p.risks.push_back(*parsed);
    }
    return p;
  }

  // Returns the new id, or nothing when `skip_existing` and the uid is already there.
  std::optional<EntryId> insert_entry(PersonId person, const Entry& entry, bool skip_existing) {
    std::string uid = std::visit([](const auto& e) { return e.uid; }, entry);
    if (uid.empty()) uid = new_uid();
    const Instant at = std::visit([](const auto& e) { return e.at; }, entry);
    const std::string sql = std::string("INSERT INTO entry (person_id, uid, kind, at_utc) VALUES ($1, $2, $3, $4)") +
                            (skip_existing ? " ON CONFLICT (person_id, uid) DO NOTHING" : "") +
                            " RETURNING id";
    if (!skip_existing && !db_->query("SELECT id FROM entry WHERE person_id = $1 AND uid = $2", {person, uid}).empty()) {
      return std::nullopt;
    }
    const auto rows = db_->query(sql, {person, uid, std::string(kind_of(entry)), seconds(at)});
    if (rows.empty()) return std::nullopt;
    const EntryId id = as_int(rows[0][0]);
    write_details(id, entry, false);
    return id;
  }

  // Writes the kind-specific row of entry `id` (replacing it when `replace`).
  void write_details(EntryId id, const Entry& entry, bool replace) {
    if (const auto* d = std::get_if<Dose>(&entry)) {
      if (replace) db_->query("DELETE FROM dose WHERE entry_id = $1", {id});
      db_->query("INSERT INTO dose (entry_id, amount, unit, product, form, note) "
                 "VALUES ($1, $2, $3, $4, $5, $6)",
                 {id, d->amount, d->unit, d->product, std::string(to_string(d->form)), d->note});
    } else if (const auto* c = std::get_if<Checkin>(&entry)) {
      if (replace) db_->query("DELETE FROM checkin WHERE entry_id = $1", {id});
      db_->query("INSERT INTO checkin (entry_id, anxiety, mood, energy, sleep_h, note, gad7, "
                 "gad7_score) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                 {id, nullable(c->anxiety), nullable(c->mood), nullable(c->energy),
                  nullable(c->sleep_h), c->note,
                  c->gad7 ? Value{gad7_text(*c->gad7)} : Value{std::monostate{}},
                  nullable(c->gad7_score())});
      for (const auto& [symptom, score] : c->withdrawal) {
        db_->query("INSERT INTO withdrawal_item (entry_id, symptom, score) VALUES ($1, $2, $3)",
                   {id, symptom, std::int64_t{score}});
      }
    } else if (const auto* s = std::get_if<SideEffect>(&entry)) {
      if (replace) db_->query("DELETE FROM side_effect WHERE entry_id = $1", {id});
      db_->query("INSERT INTO side_effect (entry_id, symptom, severity) VALUES ($1, $2, $3)",
                 {id, s->symptom, std::int64_t{s->severity}});
    }
  }

  Entries load_entries(const std::string& filter, const std::vector<Value>& params) {
    Entries out;
    auto dose_rows = db_->query(kDoseSelect + filter + kOrder, params);
    out.doses.reserve(dose_rows.size());
    for (auto& r : dose_rows) {
      auto form = form_from_string(as_text(r[6]));
      out.doses.push_back(Dose{as_int(r[0]), take_text(r[1]), instant(r[2]), as_real(r[3]),
                               take_text(r[4]), take_text(r[5]), form ? *form : Form::kPowder,
                               take_text(r[7])});
    }
    std::unordered_map<EntryId, std::size_t> checkin_index;
    auto checkin_rows = db_->query(kCheckinSelect + filter + kOrder, params);
    out.checkins.reserve(checkin_rows.size());
    for (auto& r : checkin_rows) {
      Checkin c;
      c.id = as_int(r[0]);
      c.uid = take_text(r[1]);
      c.at = instant(r[2]);
      c.anxiety = opt<int>(r[3], as_int);
      c.mood = opt<int>(r[4], as_int);
      c.energy = opt<int>(r[5], as_int);
      c.sleep_h = opt<double>(r[6], as_real);
      c.note = take_text(r[7]);
      c.gad7 = gad7_of(r[8]);
      checkin_index.emplace(c.id, out.checkins.size());
      out.checkins.push_back(std::move(c));
    }
    if (!checkin_index.empty()) {
      for (const auto& r : db_->query(kWithdrawalSelect + filter, params)) {
        out.checkins[checkin_index.at(as_int(r[0]))].withdrawal.emplace(
            as_text(r[1]), static_cast<int>(as_int(r[2])));
      }
    }
    for (const auto& r : db_->query(kSideEffectSelect + filter + kOrder, params)) {
      out.side_effects.push_back(SideEffect{as_int(r[0]), as_text(r[1]), instant(r[2]),
                                            as_text(r[3]), static_cast<int>(as_int(r[4]))});
    }
    return out;
  }

  std::unique_ptr<Connection> db_;
};

}  // namespace

Status migrate(Connection& db, int target) {
  const auto list = migrations(db.dialect());
  SPECIOSA_ASSERT(target >= 0 && target <= static_cast<int>(list.size()), "known schema version");
  try {
    db.begin_write();
    // Two processes opening a fresh PostgreSQL database at once must not both create tables.
    if (db.dialect() == Dialect::kPostgres) db.query("SELECT pg_advisory_xact_lock(7312026)", {});
    db.exec_script("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    const auto rows = db.query("SELECT version FROM schema_version", {});
    if (rows.empty()) db.query("INSERT INTO schema_version (version) VALUES (0)", {});
    const int version = rows.empty() ? 0 : static_cast<int>(as_int(rows[0][0]));
    if (version > static_cast<int>(list.size())) {
      db.rollback();
      return Error{ErrorCode::kIo, "--db", "schema_version",
                   fmt::format("the journal has schema version {}, newer than this speciosa "
                               "understands ({})", version, list.size()),
                   "a newer speciosa, or another --db"};
    }
    for (int v = version; v < target; ++v) db.exec_script(list[static_cast<std::size_t>(v)]);
    if (target > version) db.query("UPDATE schema_version SET version = $1", {std::int64_t{target}});
    db.commit();
    return Ok{};
  } catch (const DbError& e) {
    try {
      db.rollback();
    } catch (const DbError&) {
      // Report the migration failure, not the failed cleanup.
    }
    return Error{ErrorCode::kIo, "--db", "schema", fmt::format("cannot migrate the journal: {}", e.what()), {}};
  }
}

Result<std::unique_ptr<JournalStore>> make_sql_store(std::unique_ptr<Connection> db) {
  if (auto s = migrate(*db, current_schema_version()); !s) return s.error();
  return std::unique_ptr<JournalStore>(std::make_unique<SqlStore>(std::move(db)));
}

Result<std::unique_ptr<Connection>> open_connection(std::string_view url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return open_postgres(std::string(url));
  }
  if (url.empty()) {
    return invalid_input("--db", "db", "is empty", "a SQLite file path or postgresql://...");
  }
  return open_sqlite(std::string(url));
}

Result<std::unique_ptr<JournalStore>> open_journal(std::string_view url) {
  auto db = open_connection(url);
  if (!db) return db.error();
  return make_sql_store(std::move(*db));
}

int current_schema_version() { return static_cast<int>(migrations(Dialect::kSqlite).size()); }

std::string default_journal_path() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  std::string base;
  if (xdg != nullptr && xdg[0] == '/') {
    base = xdg;
  } else {
    const char* home = std::getenv("HOME");
    base = std::string(home != nullptr ? home : ".") + "/.local/share";
  }
  return base + "/speciosa/journal.db";
}

}  // namespace speciosa::journal
