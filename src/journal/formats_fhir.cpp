// The FHIR R4 form of a journal: a Bundle of type "collection" for clinics, which
// `speciosa import` can read back. What it must satisfy is in docs/journal_schema.md (FHIR) and
// tests/journal/fhir_test.cpp. Our own codes and identifiers use "urn:speciosa:*" systems;
// standard concepts use LOINC (GAD-7) and UCUM (units).
#include <charconv>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "json_read.hpp"
#include "speciosa/journal_formats.hpp"

namespace speciosa::journal {
namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "fhir";
constexpr const char* kLoinc = "http://loinc.org";
constexpr const char* kUcum = "http://unitsofmeasure.org";
// Identifier systems: the entry's uid, so an import can match what it already has.
constexpr const char* kDoseId = "urn:speciosa:dose";
constexpr const char* kCheckinId = "urn:speciosa:checkin";
constexpr const char* kGad7Id = "urn:speciosa:gad7";
constexpr const char* kSideEffectId = "urn:speciosa:side-effect";
// Code systems of our own: check-in items, withdrawal checklist items, dose forms.
constexpr const char* kCheckinItem = "urn:speciosa:checkin-item";
constexpr const char* kWithdrawalItem = "urn:speciosa:withdrawal-item";
constexpr const char* kFormCode = "urn:speciosa:form";
constexpr const char* kObservationCode = "urn:speciosa:observation";
// Patient extensions: what a clinic record has no element for.
constexpr const char* kTimeZoneExt = "urn:speciosa:extension:time-zone";
constexpr const char* kJurisdictionExt = "urn:speciosa:extension:jurisdiction";
constexpr const char* kWeightExt = "urn:speciosa:extension:body-weight";
constexpr const char* kRiskExt = "urn:speciosa:extension:risk";
constexpr std::string_view kProductPrefix = "Kratom (Mitragyna speciosa): ";

constexpr const char* kGad7Panel = "69737-5";
constexpr const char* kGad7Total = "70274-6";
// GAD-7 item codes in questionnaire order (LOINC).
constexpr std::pair<const char*, const char*> kGad7Items[] = {
    {"69725-0", "Feeling nervous, anxious or on edge"},
    {"68509-0", "Not being able to stop or control worrying"},
    {"69733-4", "Worrying too much about different things"},
    {"69734-2", "Trouble relaxing"},
    {"69735-9", "Being so restless that it is hard to sit still"},
    {"69689-8", "Becoming easily annoyed or irritable"},
    {"69736-7", "Feeling afraid as if something awful might happen"}};

constexpr std::pair<Sex, const char*> kGender[] = {
    {Sex::kFemale, "female"}, {Sex::kMale, "male"}, {Sex::kIntersex, "other"}, {Sex::kUnspecified, "unknown"}};

// The 0..10 ratings of a check-in, as components coded in our own system.
struct Rating {
  const char* code;
  const char* text;
  std::optional<int> Checkin::*field;
};
constexpr Rating kRatings[] = {{"anxiety", "Anxiety self-rating, 0 (none) to 10 (worst)", &Checkin::anxiety},
                               {"mood", "Mood self-rating, 0 (worst) to 10 (best)", &Checkin::mood},
                               {"energy", "Energy self-rating, 0 to 10", &Checkin::energy}};

// FHIR wants UUIDs; entry uids are 32 hex digits, older ones may be anything, so hash them
// (FNV-1a, two seeds) into a stable RFC 4122-shaped name.
std::string uuid_for(const std::string& key) {
  auto fnv = [&](std::uint64_t h) {
    for (unsigned char c : key) h = (h ^ c) * 1099511628211ULL;
    return h;
  };
  const std::string hex = fmt::format("{:016x}{:016x}", fnv(14695981039346656037ULL), fnv(0x9e3779b97f4a7c15ULL));
  return fmt::format("urn:uuid:{}-{}-5{}-8{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(13, 3),
                     hex.substr(17, 3), hex.substr(20, 12));
}

json coded(const char* system, const std::string& code, const std::string& text) {
  return {{"coding", json::array({{{"system", system}, {"code", code}, {"display", text}}})}, {"text", text}};
}

json identifier(const char* system, const std::string& uid) {
  return json::array({{{"system", system}, {"value", uid}}});
}

json bundle_entry(const std::string& full_url, json resource) {
  return {{"fullUrl", full_url}, {"resource", std::move(resource)}};
}

json ucum(double value, const std::string& unit) {
  static const std::map<std::string, std::string> kCodes{
      {"g", "g"}, {"mg", "mg"}, {"ug", "ug"}, {"serving", "{serving}"}, {"h", "h"}, {"kg", "kg"}};
  return {{"value", value}, {"unit", unit}, {"system", kUcum}, {"code", kCodes.at(unit)}};
}

json note(const std::string& text) { return json::array({{{"text", text}}}); }

json observation(const std::string& patient, Instant at, std::string_view tz, json code, bool survey) {
  json o{{"resourceType", "Observation"}, {"status", "final"}, {"code", std::move(code)},
         {"subject", {{"reference", patient}}}, {"effectiveDateTime", format_time(at, tz)}};
  if (survey) {
    o["category"] = json::array({{{"coding", json::array({{{"system",
        "http://terminology.hl7.org/CodeSystem/observation-category"}, {"code", "survey"}}})}}});
  }
  return o;
}

json patient_resource(const Person& p) {
  json ext = json::array({{{"url", kTimeZoneExt}, {"valueCode", p.tz}}});
  if (!p.jurisdiction.empty()) ext.push_back({{"url", kJurisdictionExt}, {"valueCode", p.jurisdiction}});
  if (p.weight_kg) ext.push_back({{"url", kWeightExt}, {"valueQuantity", ucum(*p.weight_kg, "kg")}});
  for (Risk r : p.risks) ext.push_back({{"url", kRiskExt}, {"valueCode", to_string(r)}});
  const auto gender = std::find_if(std::begin(kGender), std::end(kGender), [&](auto g) { return g.first == p.sex; });
  json pat{{"resourceType", "Patient"}, {"extension", ext}, {"name", json::array({{{"text", p.name}}})},
           {"gender", gender->second}};
  if (p.birth_year) pat["birthDate"] = std::to_string(*p.birth_year);
  return pat;
}

json dose_resource(const Dose& d, const std::string& patient, std::string_view tz) {
  const std::string form(to_string(d.form));
  json dosage{{"text", fmt::format("{} {} {}", d.amount, d.unit, form)},
              {"method", coded(kFormCode, form, form)},
              {"doseAndRate", json::array({{{"doseQuantity", ucum(d.amount, d.unit)}}})}};
  json ms{{"resourceType", "MedicationStatement"}, {"identifier", identifier(kDoseId, d.uid)},
          {"status", "completed"}, {"medicationCodeableConcept", {{"text", std::string(kProductPrefix) + d.product}}},
          {"subject", {{"reference", patient}}}, {"effectiveDateTime", format_time(d.at, tz)},
          {"dosage", json::array({dosage})}};
  if (!d.note.empty()) ms["note"] = note(d.note);
  return ms;
}

json medication_resource(const Medication& m, const std::string& patient) {
  json ms{{"resourceType", "MedicationStatement"}, {"status", m.stop ? "completed" : "active"},
          {"medicationCodeableConcept", {{"text", m.name}}}, {"subject", {{"reference", patient}}}};
  if (!m.dose_text.empty()) ms["dosage"] = json::array({{{"text", m.dose_text}}});
  if (m.start || m.stop) {
    json period = json::object();
    if (m.start) period["start"] = format_date(*m.start);
    if (m.stop) period["end"] = format_date(*m.stop);
    ms["effectivePeriod"] = period;
  }
  return ms;
}

// The GAD-7 as LOINC wants it: one Observation per item, one for the total, and the panel
// that lists them in hasMember. The panel carries the check-in's uid.
void add_gad7(json& entries, const std::string& patient, const Checkin& c, std::string_view tz, bool with_note) {
  json members = json::array();
  auto add_member = [&](const std::string& key, const char* code, const char* display, int value) {
    const std::string url = uuid_for(c.uid + "/gad7/" + key);
    json item = observation(patient, c.at, tz, coded(kLoinc, code, display), true);
    item["valueInteger"] = value;
    entries.push_back(bundle_entry(url, item));
    members.push_back({{"reference", url}});
  };
  for (std::size_t i = 0; i < 7; ++i) {
    add_member(std::to_string(i), kGad7Items[i].first, kGad7Items[i].second, (*c.gad7)[i]);
  }
  add_member("total", kGad7Total, "Generalized anxiety disorder 7 item (GAD-7) total score", *c.gad7_score());
  json panel = observation(patient, c.at, tz, coded(kLoinc, kGad7Panel, "Generalized anxiety disorder 7 item (GAD-7)"), true);
  panel["identifier"] = identifier(kGad7Id, c.uid);
  panel["hasMember"] = members;
  if (with_note && !c.note.empty()) panel["note"] = note(c.note);
  entries.push_back(bundle_entry(uuid_for(c.uid + "/gad7"), panel));
}

// A check-in's ratings and checklist as components of one Observation; null when it has none.
json checkin_resource(const Checkin& c, const std::string& patient, std::string_view tz) {
  json components = json::array();
  for (const auto& rating : kRatings) {
    if (const auto& value = c.*rating.field) {
      components.push_back({{"code", coded(kCheckinItem, rating.code, rating.text)}, {"valueInteger", *value}});
    }
  }
  if (c.sleep_h) {
    components.push_back({{"code", coded(kCheckinItem, "sleep_h", "Hours slept")}, {"valueQuantity", ucum(*c.sleep_h, "h")}});
  }
  for (const auto& [symptom, score] : c.withdrawal) {
    components.push_back({{"code", coded(kWithdrawalItem, symptom, "Withdrawal symptom (0-4): " + symptom)},
                          {"valueInteger", score}});
  }
  if (components.empty()) return nullptr;
  json o = observation(patient, c.at, tz, coded(kObservationCode, "checkin", "speciosa self check-in"), true);
  o["identifier"] = identifier(kCheckinId, c.uid);
  o["component"] = components;
  if (!c.note.empty()) o["note"] = note(c.note);
  return o;
}

json side_effect_resource(const SideEffect& s, const std::string& patient, std::string_view tz) {
  json code = coded(kObservationCode, "side-effect", "Side effect");
  code["text"] = s.symptom;
  json o = observation(patient, s.at, tz, code, false);
  o["identifier"] = identifier(kSideEffectId, s.uid);
  o["valueInteger"] = s.severity;
  o["note"] = note("severity 0 none, 1 mild, 2 moderate, 3 severe");
  return o;
}

// ---- Reading -------------------------------------------------------------------------------

Error bad(const std::string& where, const std::string& key, const std::string& why) {
  return json_read::bad_member(where, key, why, kFormat);
}

// The value at a JSON pointer ("/dosage/0/text"), or null when any step is missing.
const json& at_path(const json& obj, const char* pointer) {
  static const json kNull;
  const json::json_pointer p(pointer);
  return obj.contains(p) ? obj.at(p) : kNull;
}

std::string text_at(const json& obj, const char* pointer) {
  const json& v = at_path(obj, pointer);
  return v.is_string() ? v.get<std::string>() : "";
}

// The uid of a resource with an identifier of `system`, if it has one.
std::optional<std::string> uid_in(const json& resource, const char* system) {
  for (const auto& id : resource.value("identifier", json::array())) {
    if (id.value("system", "") == system) return id.value("value", "");
  }
  return std::nullopt;
}

Result<Instant> effective(const json& resource, const std::string& where) {
  return parse_time(text_at(resource, "/effectiveDateTime"), "UTC", where + ".effectiveDateTime");
}

Result<Person> person_from(const json& pat) {
  Person p;
  p.name = text_at(pat, "/name/0/text");
  const std::string gender = pat.value("gender", "unknown");
  const auto g = std::find_if(std::begin(kGender), std::end(kGender), [&](auto x) { return gender == x.second; });
  if (g == std::end(kGender)) return bad("Patient", "gender", fmt::format("unknown gender '{}'", gender));
  p.sex = g->first;
  if (const std::string birth = text_at(pat, "/birthDate"); !birth.empty()) {
    int year = 0;
    const auto [end, ec] = std::from_chars(birth.data(), birth.data() + std::min<std::size_t>(4, birth.size()), year);
    if (ec != std::errc{} || end != birth.data() + 4) return bad("Patient", "birthDate", "'" + birth + "' is not a FHIR date");
    p.birth_year = year;
  }
  for (const auto& ext : pat.value("extension", json::array())) {
    const std::string url = ext.value("url", "");
    if (url == kTimeZoneExt) p.tz = ext.at("valueCode").get<std::string>();
    if (url == kJurisdictionExt) p.jurisdiction = ext.at("valueCode").get<std::string>();
    if (url == kWeightExt) p.weight_kg = ext.at("/valueQuantity/value"_json_pointer).get<double>();
    if (url == kRiskExt) {
      auto risk = risk_from_string(ext.at("valueCode").get<std::string>());
      if (!risk) return risk.error();
      p.risks.push_back(*risk);
    }
  }
  return p;
}

Result<Dose> dose_from(const json& ms, const std::string& uid, const std::string& where) {
  Dose d;
  d.uid = uid;
  auto at = effective(ms, where);
  if (!at) return at.error();
  d.at = *at;
  const json& quantity = at_path(ms, "/dosage/0/doseAndRate/0/doseQuantity");
  if (!quantity.is_object()) return bad(where, "dosage.doseAndRate.doseQuantity", "is missing");
  d.amount = quantity.at("value").get<double>();
  d.unit = quantity.value("unit", "");
  const std::string product = text_at(ms, "/medicationCodeableConcept/text");
  if (!product.starts_with(kProductPrefix)) return bad(where, "medicationCodeableConcept", "does not name a kratom product");
  d.product = product.substr(kProductPrefix.size());
  auto form = form_from_string(text_at(ms, "/dosage/0/method/coding/0/code"));
  if (!form) return form.error();
  d.form = *form;
  d.note = text_at(ms, "/note/0/text");
  return d;
}

Result<Medication> medication_from(const json& ms, const std::string& where) {
  Medication m;
  m.name = text_at(ms, "/medicationCodeableConcept/text");
  m.dose_text = text_at(ms, "/dosage/0/text");
  for (auto [pointer, out] : {std::pair{"/effectivePeriod/start", &m.start}, std::pair{"/effectivePeriod/end", &m.stop}}) {
    const std::string text = text_at(ms, pointer);
    if (text.empty()) continue;
    auto d = parse_date(text, where + pointer);
    if (!d) return d.error();
    *out = *d;
  }
  return m;
}

Status read_checkin(const json& o, const std::string& where, Checkin& c) {
  auto at = effective(o, where);
  if (!at) return at.error();
  c.at = *at;
  c.note = text_at(o, "/note/0/text");
  for (const auto& comp : o.value("component", json::array())) {
    const std::string system = text_at(comp, "/code/coding/0/system");
    const std::string code = text_at(comp, "/code/coding/0/code");
    if (system == kWithdrawalItem) {
      c.withdrawal[code] = comp.at("valueInteger").get<int>();
    } else if (code == "sleep_h") {
      c.sleep_h = comp.at("/valueQuantity/value"_json_pointer).get<double>();
    } else {
      const auto rating = std::find_if(std::begin(kRatings), std::end(kRatings), [&](const Rating& r) { return code == r.code; });
      if (rating == std::end(kRatings)) return bad(where, "component", "has an unknown code '" + code + "'");
      c.*(rating->field) = comp.at("valueInteger").get<int>();
    }
  }
  return Ok{};
}

Status read_gad7(const json& panel, const std::string& where, const std::map<std::string, const json*>& by_url,
                 Checkin& c) {
  auto at = effective(panel, where);
  if (!at) return at.error();
  c.at = *at;
  if (c.note.empty()) c.note = text_at(panel, "/note/0/text");
  std::array<std::optional<int>, 7> answers;
  for (const auto& member : panel.value("hasMember", json::array())) {
    const auto it = by_url.find(member.value("reference", ""));
    if (it == by_url.end()) return bad(where, "hasMember", "refers to an entry not in the bundle");
    const std::string code = text_at(*it->second, "/code/coding/0/code");
    for (std::size_t i = 0; i < 7; ++i) {
      if (code == kGad7Items[i].first) answers[i] = it->second->at("valueInteger").get<int>();
    }
  }
  c.gad7.emplace();
  for (std::size_t i = 0; i < 7; ++i) {
    if (!answers[i]) return bad(where, "hasMember", fmt::format("has no answer to GAD-7 item {}", i + 1));
    (*c.gad7)[i] = *answers[i];
  }
  return Ok{};
}

Result<SideEffect> side_effect_from(const json& o, const std::string& uid, const std::string& where) {
  SideEffect s;
  s.uid = uid;
  auto at = effective(o, where);
  if (!at) return at.error();
  s.at = *at;
  s.symptom = text_at(o, "/code/text");
  s.severity = o.at("valueInteger").get<int>();
  return s;
}

bool is_gad7_member(const json& o) {
  const std::string code = text_at(o, "/code/coding/0/code");
  return code == kGad7Total || std::any_of(std::begin(kGad7Items), std::end(kGad7Items),
                                           [&](auto item) { return code == item.first; });
}

// Check-ins come from two resources (ratings, GAD-7 panel) joined by uid, in first-seen order.
class CheckinCollector {
 public:
  Checkin& get(const std::string& uid) {
    auto [it, added] = index_.emplace(uid, checkins_.size());
    if (added) {
      checkins_.emplace_back();
      checkins_.back().uid = uid;
    }
    return checkins_[it->second];
  }
  std::vector<Checkin> take() { return std::move(checkins_); }

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<Checkin> checkins_;
};

Status read_resource(const json& r, const std::string& where, const std::map<std::string, const json*>& by_url,
                     JournalDocument& doc, CheckinCollector& checkins) {
  const std::string type = r.value("resourceType", "");
  if (type == "Patient") {
    auto p = person_from(r);
    if (!p) return p.error();
    doc.person = std::move(*p);
    return Ok{};
  }
  if (type == "MedicationStatement") {
    if (auto uid = uid_in(r, kDoseId)) {
      auto d = dose_from(r, *uid, where);
      if (!d) return d.error();
      doc.entries.doses.push_back(std::move(*d));
      return Ok{};
    }
    auto m = medication_from(r, where);
    if (!m) return m.error();
    doc.medications.push_back(std::move(*m));
    return Ok{};
  }
  if (type == "Observation") {
    if (auto uid = uid_in(r, kCheckinId)) return read_checkin(r, where, checkins.get(*uid));
    if (auto uid = uid_in(r, kGad7Id)) return read_gad7(r, where, by_url, checkins.get(*uid));
    if (auto uid = uid_in(r, kSideEffectId)) {
      auto s = side_effect_from(r, *uid, where);
      if (!s) return s.error();
      doc.entries.side_effects.push_back(std::move(*s));
      return Ok{};
    }
    if (is_gad7_member(r)) return Ok{};  // read through its panel
  }
  return bad(where, "resource", fmt::format("a {} that speciosa does not write", type.empty() ? "resource" : type));
}

}  // namespace

json document_to_fhir(const JournalDocument& doc) {
  const Person& p = doc.person;
  const std::string& tz = p.tz;
  const std::string patient = uuid_for("person/" + p.name);
  json entries = json::array({bundle_entry(patient, patient_resource(p))});
  for (const auto& d : doc.entries.doses) entries.push_back(bundle_entry(uuid_for(d.uid), dose_resource(d, patient, tz)));
  for (const auto& m : doc.medications) {
    const std::string key = fmt::format("medication/{}/{}/{}/{}", m.name, m.dose_text,
                                        m.start ? format_date(*m.start) : "", m.stop ? format_date(*m.stop) : "");
    entries.push_back(bundle_entry(uuid_for(key), medication_resource(m, patient)));
  }
  for (const auto& c : doc.entries.checkins) {
    json ratings = checkin_resource(c, patient, tz);
    if (!ratings.is_null()) entries.push_back(bundle_entry(uuid_for(c.uid), ratings));
    if (c.gad7) add_gad7(entries, patient, c, tz, ratings.is_null());
  }
  for (const auto& s : doc.entries.side_effects) {
    entries.push_back(bundle_entry(uuid_for(s.uid), side_effect_resource(s, patient, tz)));
  }
  return {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", entries}};
}

Result<JournalDocument> document_from_fhir(const json& bundle) {
  if (!bundle.is_object() || bundle.value("resourceType", "") != "Bundle" || !bundle.value("entry", json()).is_array()) {
    return bad("import", "resourceType", "is not a FHIR Bundle with entries");
  }
  const json& entries = bundle.at("entry");
  std::map<std::string, const json*> by_url;
  for (const auto& e : entries) {
    if (e.is_object() && e.contains("resource")) by_url[e.value("fullUrl", "")] = &e.at("resource");
  }
  JournalDocument doc;
  CheckinCollector checkins;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string where = fmt::format("entry[{}]", i);
    try {
      if (auto s = read_resource(entries[i].at("resource"), where, by_url, doc, checkins); !s) return s.error();
    } catch (const json::exception& e) {
      return bad(where, "resource", fmt::format("has unexpected content: {}", e.what()));
    }
  }
  doc.entries.checkins = checkins.take();
  return doc;
}

}  // namespace speciosa::journal
