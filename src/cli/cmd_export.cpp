// speciosa export --format json|csv|fhir: the current person's whole journal. JSON is the
// lossless form `speciosa import` reads back; CSV is for spreadsheets; FHIR R4 is for clinics.
#include <cstdio>
#include <fmt/format.h>

#include "journal_cli.hpp"

namespace speciosa::cli {
namespace {

using nlohmann::json;

struct ExportOptions {
  std::string format = "json";
};

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

json loinc(const char* code, const char* display) {
  return {{"coding", json::array({{{"system", "http://loinc.org"}, {"code", code}, {"display", display}}})},
          {"text", display}};
}

json text_code(const std::string& text) { return {{"text", text}}; }

json entry(const std::string& full_url, json resource) {
  return {{"fullUrl", full_url}, {"resource", std::move(resource)}};
}

json ucum(double value, const std::string& unit) {
  static const std::map<std::string, std::string> kCodes{{"g", "g"}, {"mg", "mg"}, {"ug", "ug"}, {"serving", "{serving}"}, {"h", "h"}};
  return {{"value", value}, {"unit", unit}, {"system", "http://unitsofmeasure.org"}, {"code", kCodes.at(unit)}};
}

// GAD-7 item codes in questionnaire order, then the total score (LOINC).
constexpr std::pair<const char*, const char*> kGad7Items[] = {
    {"69725-0", "Feeling nervous, anxious or on edge"},
    {"68509-0", "Not being able to stop or control worrying"},
    {"69733-4", "Worrying too much about different things"},
    {"69734-2", "Trouble relaxing"},
    {"69735-9", "Being so restless that it is hard to sit still"},
    {"69689-8", "Becoming easily annoyed or irritable"},
    {"69736-7", "Feeling afraid as if something awful might happen"}};

json observation(const std::string& patient, const std::string& at, json code, bool survey) {
  json o{{"resourceType", "Observation"}, {"status", "final"}, {"code", std::move(code)},
         {"subject", {{"reference", patient}}}, {"effectiveDateTime", at}};
  if (survey) {
    o["category"] = json::array({{{"coding", json::array({{{"system",
        "http://terminology.hl7.org/CodeSystem/observation-category"}, {"code", "survey"}}})}}});
  }
  return o;
}

void add_gad7(json& entries, const std::string& patient, const journal::Checkin& c, const std::string& at) {
  const std::string base = uuid_for(c.uid + "/gad7");
  json members = json::array();
  for (std::size_t i = 0; i < 7; ++i) {
    const std::string url = uuid_for(c.uid + "/gad7/" + std::to_string(i));
    json item = observation(patient, at, loinc(kGad7Items[i].first, kGad7Items[i].second), true);
    item["valueInteger"] = (*c.gad7)[i];
    entries.push_back(entry(url, item));
    members.push_back({{"reference", url}});
  }
  const std::string total_url = uuid_for(c.uid + "/gad7/total");
  json total = observation(patient, at, loinc("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score"), true);
  total["valueInteger"] = *c.gad7_score();
  entries.push_back(entry(total_url, total));
  members.push_back({{"reference", total_url}});
  json panel = observation(patient, at, loinc("69737-5", "Generalized anxiety disorder 7 item (GAD-7)"), true);
  panel["hasMember"] = members;
  entries.push_back(entry(base, panel));
}

json fhir_bundle(const journal::Person& p, const std::vector<journal::Medication>& meds, const journal::Entries& e) {
  const std::string& tz = p.tz;
  const std::string patient = uuid_for("person/" + std::to_string(p.id) + "/" + p.name);
  static const std::map<journal::Sex, const char*> kGender{{journal::Sex::kFemale, "female"},
      {journal::Sex::kMale, "male"}, {journal::Sex::kIntersex, "other"}, {journal::Sex::kUnspecified, "unknown"}};
  json pat{{"resourceType", "Patient"}, {"name", json::array({{{"text", p.name}}})}, {"gender", kGender.at(p.sex)}};
  if (p.birth_year) pat["birthDate"] = std::to_string(*p.birth_year);
  json entries = json::array({entry(patient, pat)});
  for (const auto& d : e.doses) {
    json dosage{{"text", fmt::format("{} {} {}", d.amount, d.unit, journal::to_string(d.form))},
                {"doseAndRate", json::array({{{"doseQuantity", ucum(d.amount, d.unit)}}})}};
    json ms{{"resourceType", "MedicationStatement"}, {"status", "completed"},
            {"medicationCodeableConcept", text_code("Kratom (Mitragyna speciosa): " + d.product)},
            {"subject", {{"reference", patient}}}, {"effectiveDateTime", journal::format_time(d.at, tz)},
            {"dosage", json::array({dosage})}};
    if (!d.note.empty()) ms["note"] = json::array({{{"text", d.note}}});
    entries.push_back(entry(uuid_for(d.uid), ms));
  }
  for (const auto& m : meds) {
    json ms{{"resourceType", "MedicationStatement"}, {"status", m.stop ? "completed" : "active"},
            {"medicationCodeableConcept", text_code(m.name)}, {"subject", {{"reference", patient}}}};
    if (!m.dose_text.empty()) ms["dosage"] = json::array({{{"text", m.dose_text}}});
    if (m.start || m.stop) {
      json period = json::object();
      if (m.start) period["start"] = journal::format_date(*m.start);
      if (m.stop) period["end"] = journal::format_date(*m.stop);
      ms["effectivePeriod"] = period;
    }
    entries.push_back(entry(uuid_for("medication/" + std::to_string(m.id) + "/" + m.name), ms));
  }
  for (const auto& c : e.checkins) {
    const std::string at = journal::format_time(c.at, tz);
    json components = json::array();
    auto rating = [&](const char* what, const std::optional<int>& v) {
      if (v) components.push_back({{"code", text_code(what)}, {"valueInteger", *v}});
    };
    rating("Anxiety self-rating, 0 (none) to 10 (worst)", c.anxiety);
    rating("Mood self-rating, 0 (worst) to 10 (best)", c.mood);
    rating("Energy self-rating, 0 to 10", c.energy);
    if (c.sleep_h) components.push_back({{"code", text_code("Hours slept")}, {"valueQuantity", ucum(*c.sleep_h, "h")}});
    for (const auto& [symptom, score] : c.withdrawal) {
      components.push_back({{"code", text_code("Withdrawal symptom (0-4): " + symptom)}, {"valueInteger", score}});
    }
    if (!components.empty()) {
      json o = observation(patient, at, text_code("speciosa self check-in"), true);
      o["component"] = components;
      if (!c.note.empty()) o["note"] = json::array({{{"text", c.note}}});
      entries.push_back(entry(uuid_for(c.uid), o));
    }
    if (c.gad7) add_gad7(entries, patient, c, at);
  }
  for (const auto& s : e.side_effects) {
    json o = observation(patient, journal::format_time(s.at, tz), text_code("Side effect: " + s.symptom), false);
    o["valueInteger"] = s.severity;
    o["note"] = json::array({{{"text", "severity 0 none, 1 mild, 2 moderate, 3 severe"}}});
    entries.push_back(entry(uuid_for(s.uid), o));
  }
  return {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", entries}};
}

int run_export(CliContext& ctx, const ExportOptions& o) {
  if (o.format != "json" && o.format != "csv" && o.format != "fhir") {
    return fail(ctx, invalid_input("--format", "format", "unknown format '" + o.format + "'", "json, csv, fhir"));
  }
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  const journal::Person& p = s->person;
  auto entries = s->store->entries(p.id, journal::TimeRange{});
  if (!entries) return fail(ctx, entries.error());
  auto meds = s->store->medications(p.id);
  if (!meds) return fail(ctx, meds.error());
  auto products = s->store->products(p.id);
  if (!products) return fail(ctx, products.error());
  if (o.format == "csv") {
    std::fputs(entries_to_csv(*entries, p.tz).c_str(), stdout);
    return 0;
  }
  if (o.format == "fhir") {
    std::printf("%s\n", fhir_bundle(p, *meds, *entries).dump(2).c_str());
    return 0;
  }
  json doc = entries_to_json(*entries, p.tz);
  doc["format"] = "speciosa-journal";
  doc["schema_version"] = journal::current_schema_version();
  json risks = json::array();
  for (auto r : p.risks) risks.push_back(journal::to_string(r));
  doc["person"] = {{"name", p.name}, {"weight_kg", p.weight_kg ? json(*p.weight_kg) : json(nullptr)},
                   {"sex", journal::to_string(p.sex)},
                   {"birth_year", p.birth_year ? json(*p.birth_year) : json(nullptr)},
                   {"tz", p.tz}, {"jurisdiction", p.jurisdiction}, {"risks", risks}};
  json med_list = json::array();
  for (const auto& m : *meds) {
    med_list.push_back({{"name", m.name}, {"dose", m.dose_text},
                        {"start", m.start ? json(journal::format_date(*m.start)) : json(nullptr)},
                        {"stop", m.stop ? json(journal::format_date(*m.stop)) : json(nullptr)}});
  }
  doc["medications"] = med_list;
  json product_list = json::array();
  for (const auto& pr : *products) {
    product_list.push_back({{"name", pr.name}, {"kb", pr.kb_product_id},
                            {"mg_percent", pr.mg_percent ? json(*pr.mg_percent) : json(nullptr)},
                            {"oh_percent", pr.oh_percent ? json(*pr.oh_percent) : json(nullptr)}});
  }
  doc["products"] = product_list;
  std::printf("%s\n", doc.dump(2).c_str());
  return 0;
}

}  // namespace

void add_export_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "Write the current person's whole journal to stdout");
  cmd->add_option("--format", o->format, "json (lossless, for import), csv, or fhir (FHIR R4 Bundle)");
  cmd->callback([&ctx, o] { ctx.exit_code = run_export(ctx, *o); });
}

}  // namespace speciosa::cli
