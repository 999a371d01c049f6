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
using nlohmann::json;

template <typename T>
json or_null(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

Error bad_field(const std::string& where, const std::string& field, const std::string& why) {
  return invalid_input(where, field, why, "the JSON written by speciosa export --format json");
}

// Reads an optional member of type T; a present member of the wrong type is an error.
template <typename T>
Result<std::optional<T>> member(const json& obj, const char* key, const std::string& where) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<T>{};
  try {
    return std::optional<T>(it->get<T>());
  } catch (const json::exception&) {
    return bad_field(where, key, "has the wrong type");
  }
}

template <typename T>
Result<T> required(const json& obj, const char* key, const std::string& where) {
  auto v = member<T>(obj, key, where);
  if (!v) return v.error();
  if (!*v) return bad_field(where, key, "is missing");
  return **v;
}

// Fills the fields every entry has: uid and at.
template <typename E>
Status read_common(const json& obj, const std::string& where, const std::string& tz, E& out) {
  auto uid = member<std::string>(obj, "uid", where);
  auto at = required<std::string>(obj, "at", where);
  if (!uid) return uid.error();
  if (!at) return at.error();
  out.uid = uid->value_or("");
  auto t = journal::parse_time(*at, tz, where + ".at");
  if (!t) return t.error();
  out.at = *t;
  return Ok{};
}

Result<Dose> dose_from(const json& obj, const std::string& where, const std::string& tz) {
  Dose d;
  if (auto s = read_common(obj, where, tz, d); !s) return s.error();
  auto amount = required<double>(obj, "amount", where);
  auto unit = required<std::string>(obj, "unit", where);
  auto product = required<std::string>(obj, "product", where);
  auto form = member<std::string>(obj, "form", where);
  auto note = member<std::string>(obj, "note", where);
  for (const Status& s : {amount ? Status{Ok{}} : amount.error(), unit ? Status{Ok{}} : unit.error(),
                          product ? Status{Ok{}} : product.error(), form ? Status{Ok{}} : form.error(),
                          note ? Status{Ok{}} : note.error()}) {
    if (!s) return s.error();
  }
  d.amount = *amount;
  d.unit = *unit;
  d.product = *product;
  d.note = note->value_or("");
  if (*form) {
    auto f = journal::form_from_string(**form);
    if (!f) return f.error();
    d.form = *f;
  }
  return d;
}

Result<Checkin> checkin_from(const json& obj, const std::string& where, const std::string& tz) {
  Checkin c;
  if (auto s = read_common(obj, where, tz, c); !s) return s.error();
  auto anxiety = member<int>(obj, "anxiety", where);
  auto mood = member<int>(obj, "mood", where);
  auto energy = member<int>(obj, "energy", where);
  auto sleep = member<double>(obj, "sleep_h", where);
  auto note = member<std::string>(obj, "note", where);
  auto gad7 = member<std::vector<int>>(obj, "gad7", where);
  auto withdrawal = member<std::map<std::string, int>>(obj, "withdrawal", where);
  for (const Status& s : {anxiety ? Status{Ok{}} : anxiety.error(), mood ? Status{Ok{}} : mood.error(),
                          energy ? Status{Ok{}} : energy.error(), sleep ? Status{Ok{}} : sleep.error(),
                          note ? Status{Ok{}} : note.error(), gad7 ? Status{Ok{}} : gad7.error(),
                          withdrawal ? Status{Ok{}} : withdrawal.error()}) {
    if (!s) return s.error();
  }
  c.anxiety = *anxiety;
  c.mood = *mood;
  c.energy = *energy;
  c.sleep_h = *sleep;
  c.note = note->value_or("");
  if (*gad7) {
    if ((*gad7)->size() != 7) return bad_field(where, "gad7", "does not have 7 answers");
    std::array<int, 7> items{};
    std::copy((*gad7)->begin(), (*gad7)->end(), items.begin());
    c.gad7 = items;
  }
  c.withdrawal = withdrawal->value_or(std::map<std::string, int>{});
  return c;
}

Result<SideEffect> side_effect_from(const json& obj, const std::string& where, const std::string& tz) {
  SideEffect e;
  if (auto s = read_common(obj, where, tz, e); !s) return s.error();
  auto symptom = required<std::string>(obj, "symptom", where);
  auto severity = required<int>(obj, "severity", where);
  if (!symptom) return symptom.error();
  if (!severity) return severity.error();
  e.symptom = *symptom;
  e.severity = *severity;
  return e;
}

template <typename E, typename F>
Status read_list(const json& doc, const char* key, const std::string& tz, std::vector<E>& out, F read) {
  const auto it = doc.find(key);
  if (it == doc.end()) return Ok{};
  if (!it->is_array()) return bad_field(key, key, "is not a list");
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string where = fmt::format("{}[{}]", key, i);
    if (!(*it)[i].is_object()) return bad_field(where, key, "is not an object");
    auto e = read((*it)[i], where, tz);
    if (!e) return e.error();
    out.push_back(std::move(*e));
  }
  return Ok{};
}

std::string opt_text(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }
std::string opt_text(const std::optional<double>& v) { return v ? fmt::format("{}", *v) : ""; }

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

json entries_to_json(const journal::Entries& entries, const std::string& tz) {
  json doses = json::array();
  for (const auto& d : entries.doses) {
    doses.push_back({{"id", d.id}, {"at", journal::format_time(d.at, tz)}, {"amount", d.amount},
                     {"unit", d.unit}, {"product", d.product}, {"form", journal::to_string(d.form)},
                     {"note", d.note}, {"uid", d.uid}});
  }
  json checkins = json::array();
  for (const auto& c : entries.checkins) {
    checkins.push_back({{"id", c.id}, {"at", journal::format_time(c.at, tz)}, {"anxiety", or_null(c.anxiety)},
                        {"mood", or_null(c.mood)}, {"energy", or_null(c.energy)},
                        {"sleep_h", or_null(c.sleep_h)}, {"note", c.note},
                        {"gad7", c.gad7 ? json(*c.gad7) : json(nullptr)},
                        {"gad7_score", or_null(c.gad7_score())}, {"withdrawal", c.withdrawal},
                        {"uid", c.uid}});
  }
  json effects = json::array();
  for (const auto& e : entries.side_effects) {
    effects.push_back({{"id", e.id}, {"at", journal::format_time(e.at, tz)}, {"symptom", e.symptom},
                       {"severity", e.severity}, {"uid", e.uid}});
  }
  return {{"doses", doses}, {"checkins", checkins}, {"side_effects", effects}};
}

Result<journal::Entries> entries_from_json(const json& doc, const std::string& tz) {
  journal::Entries out;
  if (!doc.is_object()) return bad_field("import", "document", "is not a JSON object");
  for (const Status& s : {read_list(doc, "doses", tz, out.doses, dose_from),
                          read_list(doc, "checkins", tz, out.checkins, checkin_from),
                          read_list(doc, "side_effects", tz, out.side_effects, side_effect_from)}) {
    if (!s) return s.error();
  }
  return out;
}

std::string entries_to_csv(const journal::Entries& entries, const std::string& tz) {
  std::string out =
      "kind,id,uid,at,amount,unit,product,form,anxiety,mood,energy,sleep_h,gad7,gad7_score,"
      "withdrawal,symptom,severity,note\n";
  for (const auto& d : entries.doses) {
    out += fmt::format("dose,{},{},{},{},{},{},{},,,,,,,,,,{}\n", d.id, d.uid, journal::format_time(d.at, tz),
                       d.amount, d.unit, csv_field(d.product), journal::to_string(d.form), csv_field(d.note));
  }
  for (const auto& c : entries.checkins) {
    std::string withdrawal;
    for (const auto& [symptom, score] : c.withdrawal) {
      withdrawal += (withdrawal.empty() ? "" : ";") + symptom + "=" + std::to_string(score);
    }
    out += fmt::format("checkin,{},{},{},,,,,{},{},{},{},{},{},{},,,{}\n", c.id, c.uid,
                       journal::format_time(c.at, tz), opt_text(c.anxiety), opt_text(c.mood),
                       opt_text(c.energy), opt_text(c.sleep_h),
                       c.gad7 ? fmt::format("{}", fmt::join(*c.gad7, " ")) : "", opt_text(c.gad7_score()),
                       withdrawal, csv_field(c.note));
  }
  for (const auto& e : entries.side_effects) {
    out += fmt::format("side_effect,{},{},{},,,,,,,,,,,,{},{},\n", e.id, e.uid, journal::format_time(e.at, tz),
                       csv_field(e.symptom), e.severity);
  }
  return out;
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
