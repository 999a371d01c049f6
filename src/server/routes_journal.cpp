// One person's journal: history, logging doses, check-ins, GAD-7, side effects, medications
// and products, and editing or deleting entries. Every route first loads {pid} through
// Call::person(), which answers 404 for anyone else's person.
#include <fmt/format.h>

#include "api.hpp"
#include "speciosa/analysis.hpp"
#include "speciosa/journal_formats.hpp"

namespace speciosa::server {
namespace {

using journal::Entry;

// "at" as an ISO instant or "YYYY-MM-DD HH:MM" in the person's zone; missing means now.
journal::Instant read_at(const Fields& body, const journal::Person& person) {
  auto text = body.opt_text("at");
  return text ? take(journal::parse_time(*text, person.tz, "at")) : now();
}

// Responses carry UTC instants (the API contract); the person's zone is in GET /people/{pid}.
constexpr std::string_view kResponseZone = "UTC";

nlohmann::json entry_json(const Entry& entry) {
  journal::Entries one;
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, journal::Dose>) one.doses.push_back(e);
        if constexpr (std::is_same_v<T, journal::Checkin>) one.checkins.push_back(e);
        if constexpr (std::is_same_v<T, journal::SideEffect>) one.side_effects.push_back(e);
      },
      entry);
  static constexpr const char* kLists[] = {"doses", "checkins", "side_effects"};  // Entry's order
  return journal::entries_to_json(one, kResponseZone)[kLists[entry.index()]][0];
}

Reply saved(Call& call, const journal::Person& person, Entry entry) {
  const journal::EntryId id = take(call.store().add_entry(person.id, entry));
  std::visit([&](auto& e) { e.id = id; }, entry);
  return json_reply(entry_json(entry), 201);
}

template <typename T, typename F>
nlohmann::json list_json(const std::vector<T>& items, F to_json) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

std::string product_of(Call& call, const journal::Person& person, const std::string& name) {
  std::vector<std::string> own;
  for (const auto& p : take(call.store().products(person.id))) own.push_back(p.name);
  auto found = knowledge::resolve_product(call.app.knowledge, name, own);
  if (!found) {
    Error e = found.error();
    e.accepted = "a product id from GET /api/v1/products or one of GET /api/v1/people/{pid}/products";
    reject(e);
  }
  return *found;
}

// Fields shared by the check-in kinds.
void read_ratings(const Fields& body, journal::Checkin& c) {
  c.anxiety = body.opt_int("anxiety");
  c.mood = body.opt_int("mood");
  c.energy = body.opt_int("energy");
  c.sleep_h = body.opt_number("sleep_h");
  c.note = body.opt_text("note").value_or("");
}

}  // namespace

Reply get_history(Call& call) {
  const journal::Person person = call.person();
  const int days = call.int_query("days", 30, 1, 36500);
  const auto entries = take(call.store().entries(person.id, {now() - std::chrono::days{days}, journal::Instant::max()}));
  nlohmann::json out = journal::entries_to_json(entries, kResponseZone);
  // The API shape: GAD-7 as {"items","score"}, side effects also as "effects", medications.
  for (auto& c : out["checkins"]) {
    c["gad7"] = c["gad7"].is_null() ? nlohmann::json(nullptr)
                                    : nlohmann::json{{"items", c["gad7"]}, {"score", c["gad7_score"]}};
  }
  out["effects"] = out["side_effects"];
  out["medications"] = list_json(take(call.store().medications(person.id)), journal::medication_to_json);
  return json_reply(out);
}

Reply post_dose(Call& call) {
  const journal::Person person = call.person();
  const Fields body(call.req.body, {"amount", "product", "at", "form", "note"});
  journal::Dose d;
  if (auto s = journal::set_dose_amount(body.text("amount"), d); !s) reject(s.error());
  d.at = read_at(body, person);
  d.form = take(journal::form_from_string(body.opt_text("form").value_or("powder")));
  d.note = body.opt_text("note").value_or("");
  d.product = product_of(call, person, body.text("product"));
  return saved(call, person, d);
}

Reply post_checkin(Call& call) {
  const journal::Person person = call.person();
  const Fields body(call.req.body, {"anxiety", "mood", "energy", "sleep_h", "at", "note"});
  journal::Checkin c;
  read_ratings(body, c);
  c.at = read_at(body, person);
  return saved(call, person, c);
}

Reply post_gad7(Call& call) {
  const journal::Person person = call.person();
  const Fields body(call.req.body, {"items", "anxiety", "mood", "energy", "sleep_h", "at", "note"});
  const std::vector<int> items = body.ints("items");
  if (items.size() != 7) {
    reject(422, "items", fmt::format("{} answers given", items.size()), "seven answers, each 0-3, in questionnaire order");
  }
  journal::Checkin c;
  read_ratings(body, c);
  c.gad7 = std::array<int, 7>{};
  std::copy(items.begin(), items.end(), c.gad7->begin());
  c.at = read_at(body, person);
  const journal::EntryId id = take(call.store().add_entry(person.id, c));
  const int score = *c.gad7_score();
  return json_reply({{"id", id}, {"score", score}, {"severity", analysis::gad7_band(score)}}, 201);
}

Reply post_effect(Call& call) {
  const journal::Person person = call.person();
  const Fields body(call.req.body, {"symptom", "severity", "at"});
  journal::SideEffect e;
  e.symptom = body.text("symptom");
  const auto severity = body.opt_int("severity");
  if (!severity) reject(400, "severity", "is missing", "0 none, 1 mild, 2 moderate, 3 severe");
  e.severity = *severity;
  e.at = read_at(body, person);
  return saved(call, person, e);
}

Reply post_medication(Call& call) {
  const journal::Person person = call.person();
  const Fields body(call.req.body, {"name", "dose", "start", "stop"});
  journal::Medication m;
  m.name = body.text("name");
  m.dose_text = body.opt_text("dose").value_or("");
  if (auto start = body.opt_text("start")) m.start = take(journal::parse_date(*start, "start"));
  if (auto stop = body.opt_text("stop")) m.stop = take(journal::parse_date(*stop, "stop"));
  m.id = take(call.store().add_medication(person.id, m));
  return json_reply(journal::medication_to_json(m), 201);
}

Reply patch_entry(Call& call) {
  const journal::Person person = call.person();
  Entry entry = take(call.store().entry(person.id, call.id_param(1)));
  const Fields body(call.req.body, {"at", "amount", "product", "form", "note", "anxiety", "mood", "energy",
                                    "sleep_h", "items", "symptom", "severity"});
  // Only the fields of this entry's kind may change; the others are malformed here.
  const auto refuse = [&](std::initializer_list<const char*> keys, const char* kind) {
    for (const char* key : keys) {
      if (body.has(key)) reject(400, key, fmt::format("is not a field of a {}", kind));
    }
  };
  if (body.has("at")) std::visit([&](auto& e) { e.at = read_at(body, person); }, entry);
  if (auto* d = std::get_if<journal::Dose>(&entry)) {
    refuse({"anxiety", "mood", "energy", "sleep_h", "items", "symptom", "severity"}, "dose");
    if (auto amount = body.opt_text("amount")) {
      if (auto s = journal::set_dose_amount(*amount, *d); !s) reject(s.error());
    }
    if (auto product = body.opt_text("product")) d->product = product_of(call, person, *product);
    if (auto form = body.opt_text("form")) d->form = take(journal::form_from_string(*form));
    if (auto note = body.opt_text("note")) d->note = *note;
  } else if (auto* c = std::get_if<journal::Checkin>(&entry)) {
    refuse({"amount", "product", "form", "symptom", "severity"}, "check-in");
    if (body.has("anxiety")) c->anxiety = body.opt_int("anxiety");
    if (body.has("mood")) c->mood = body.opt_int("mood");
    if (body.has("energy")) c->energy = body.opt_int("energy");
    if (body.has("sleep_h")) c->sleep_h = body.opt_number("sleep_h");
    if (auto note = body.opt_text("note")) c->note = *note;
    if (body.has("items")) {
      const auto items = body.ints("items");
      if (items.size() != 7) reject(422, "items", fmt::format("{} answers given", items.size()), "seven answers, each 0-3");
      c->gad7 = std::array<int, 7>{};
      std::copy(items.begin(), items.end(), c->gad7->begin());
    }
  } else if (auto* e = std::get_if<journal::SideEffect>(&entry)) {
    refuse({"amount", "product", "form", "note", "anxiety", "mood", "energy", "sleep_h", "items"}, "side effect");
    if (auto symptom = body.opt_text("symptom")) e->symptom = *symptom;
    if (auto severity = body.opt_int("severity")) e->severity = *severity;
  }
  if (auto s = call.store().update_entry(person.id, entry); !s) reject(s.error());
  return json_reply(entry_json(entry));
}

Reply delete_entry(Call& call) {
  const journal::Person person = call.person();
  const journal::EntryId id = call.id_param(1);
  if (auto s = call.store().remove_entry(person.id, id); !s) reject(s.error());
  return json_reply({{"deleted", id}});
}

Reply get_person_products(Call& call) {
  const journal::Person person = call.person();
  return json_reply({{"products", list_json(take(call.store().products(person.id)), journal::product_to_json)}});
}

Reply post_person_product(Call& call) {
  const journal::Person person = call.person();
  const Fields body(call.req.body, {"name", "kb", "mg_percent", "oh_percent"});
  journal::PersonProduct p;
  p.name = body.text("name");
  const std::string kb = body.text("kb");
  const auto* known = call.app.knowledge.find_product(kb);
  if (known == nullptr) {
    reject(422, "kb", fmt::format("unknown product '{}'", kb), "a product id from GET /api/v1/products");
  }
  p.kb_product_id = known->id;
  p.mg_percent = body.opt_number("mg_percent");
  p.oh_percent = body.opt_number("oh_percent");
  p.id = take(call.store().add_product(person.id, p));
  return json_reply(journal::product_to_json(p), 201);
}

}  // namespace speciosa::server
