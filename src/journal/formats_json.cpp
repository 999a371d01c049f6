// The lossless JSON form of a journal (speciosa export --format json, history --json, the API),
// and the format dispatch of write_document / read_document.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "json_read.hpp"
#include "speciosa/journal_formats.hpp"

namespace speciosa::journal {
namespace {

using json_read::first_error;
using json_read::member;
using json_read::read_into;
using json_read::read_or;
using json_read::required;
using nlohmann::json;

constexpr std::string_view kFormat = "json";
constexpr std::string_view kDocumentTag = "speciosa-journal";

template <typename T>
json or_null(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json date_or_null(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }

Error bad(const std::string& where, const std::string& key, const std::string& why) {
  return json_read::bad_member(where, key, why, kFormat);
}

// Fills the fields every entry has: uid and at.
template <typename E>
Status read_common(const json& obj, const std::string& where, std::string_view tz, E& out) {
  auto at = required<std::string>(obj, "at", where, kFormat);
  if (!at) return at.error();
  if (auto s = read_or<std::string>(obj, "uid", where, kFormat, out.uid, ""); !s) return s;
  auto t = parse_time(*at, tz, where + ".at");
  if (!t) return t.error();
  out.at = *t;
  return Ok{};
}

Result<Dose> dose_from(const json& obj, const std::string& where, std::string_view tz) {
  Dose d;
  auto amount = required<double>(obj, "amount", where, kFormat);
  auto unit = required<std::string>(obj, "unit", where, kFormat);
  auto product = required<std::string>(obj, "product", where, kFormat);
  std::optional<std::string> form;
  if (auto s = first_error({read_common(obj, where, tz, d), amount ? Status{Ok{}} : amount.error(),
                            unit ? Status{Ok{}} : unit.error(), product ? Status{Ok{}} : product.error(),
                            read_into(obj, "form", where, kFormat, form),
                            read_or<std::string>(obj, "note", where, kFormat, d.note, "")});
      !s) {
    return s.error();
  }
  d.amount = *amount;
  d.unit = *unit;
  d.product = *product;
  if (form) {
    auto f = form_from_string(*form);
    if (!f) return f.error();
    d.form = *f;
  }
  return d;
}

Result<Checkin> checkin_from(const json& obj, const std::string& where, std::string_view tz) {
  Checkin c;
  std::optional<std::vector<int>> gad7;
  if (auto s = first_error({read_common(obj, where, tz, c), read_into(obj, "anxiety", where, kFormat, c.anxiety),
                            read_into(obj, "mood", where, kFormat, c.mood),
                            read_into(obj, "energy", where, kFormat, c.energy),
                            read_into(obj, "sleep_h", where, kFormat, c.sleep_h),
                            read_or<std::string>(obj, "note", where, kFormat, c.note, ""),
                            read_into(obj, "gad7", where, kFormat, gad7),
                            read_or<std::map<std::string, int>>(obj, "withdrawal", where, kFormat,
                                                                c.withdrawal, {})});
      !s) {
    return s.error();
  }
  if (gad7) {
    if (gad7->size() != 7) return bad(where, "gad7", "does not have 7 answers");
    c.gad7.emplace();
    std::copy(gad7->begin(), gad7->end(), c.gad7->begin());
  }
  return c;
}

Result<SideEffect> side_effect_from(const json& obj, const std::string& where, std::string_view tz) {
  SideEffect e;
  auto symptom = required<std::string>(obj, "symptom", where, kFormat);
  auto severity = required<int>(obj, "severity", where, kFormat);
  if (auto s = first_error({read_common(obj, where, tz, e), symptom ? Status{Ok{}} : symptom.error(),
                            severity ? Status{Ok{}} : severity.error()});
      !s) {
    return s.error();
  }
  e.symptom = *symptom;
  e.severity = *severity;
  return e;
}

// Reads doc[key] (absent means empty) with `read` for each element.
template <typename E, typename F>
Status read_list(const json& doc, const char* key, std::vector<E>& out, F read) {
  const auto it = doc.find(key);
  if (it == doc.end()) return Ok{};
  if (!it->is_array()) return bad(key, key, "is not a list");
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string where = fmt::format("{}[{}]", key, i);
    if (!(*it)[i].is_object()) return bad(where, key, "is not an object");
    auto e = read((*it)[i], where);
    if (!e) return e.error();
    out.push_back(std::move(*e));
  }
  return Ok{};
}

json person_to_json(const Person& p) {
  json risks = json::array();
  for (auto r : p.risks) risks.push_back(to_string(r));
  return {{"name", p.name}, {"weight_kg", or_null(p.weight_kg)}, {"sex", to_string(p.sex)},
          {"birth_year", or_null(p.birth_year)}, {"tz", p.tz}, {"jurisdiction", p.jurisdiction},
          {"risks", risks}};
}

Result<Person> person_from(const json& obj) {
  const std::string where = "person";
  Person p;
  std::string sex;
  std::vector<std::string> risks;
  if (auto s = first_error({read_or<std::string>(obj, "name", where, kFormat, p.name, ""),
                            read_into(obj, "weight_kg", where, kFormat, p.weight_kg),
                            read_into(obj, "birth_year", where, kFormat, p.birth_year),
                            read_or<std::string>(obj, "tz", where, kFormat, p.tz, "UTC"),
                            read_or<std::string>(obj, "jurisdiction", where, kFormat, p.jurisdiction, ""),
                            read_or<std::string>(obj, "sex", where, kFormat, sex, "unspecified"),
                            read_or<std::vector<std::string>>(obj, "risks", where, kFormat, risks, {})});
      !s) {
    return s.error();
  }
  auto parsed_sex = sex_from_string(sex);
  if (!parsed_sex) return parsed_sex.error();
  p.sex = *parsed_sex;
  for (const auto& r : risks) {
    auto risk = risk_from_string(r);
    if (!risk) return risk.error();
    p.risks.push_back(*risk);
  }
  return p;
}

Result<Medication> medication_from(const json& obj, const std::string& where) {
  Medication m;
  std::optional<std::string> start, stop;
  if (auto s = first_error({read_or<std::string>(obj, "name", where, kFormat, m.name, ""),
                            read_or<std::string>(obj, "dose", where, kFormat, m.dose_text, ""),
                            read_into(obj, "start", where, kFormat, start),
                            read_into(obj, "stop", where, kFormat, stop)});
      !s) {
    return s.error();
  }
  for (auto [text, field, out] : {std::tuple{&start, ".start", &m.start}, std::tuple{&stop, ".stop", &m.stop}}) {
    if (!*text) continue;
    auto d = parse_date(**text, where + field);
    if (!d) return d.error();
    *out = *d;
  }
  return m;
}

Result<PersonProduct> product_from(const json& obj, const std::string& where) {
  PersonProduct p;
  if (auto s = first_error({read_or<std::string>(obj, "name", where, kFormat, p.name, ""),
                            read_or<std::string>(obj, "kb", where, kFormat, p.kb_product_id, ""),
                            read_into(obj, "mg_percent", where, kFormat, p.mg_percent),
                            read_into(obj, "oh_percent", where, kFormat, p.oh_percent)});
      !s) {
    return s.error();
  }
  return p;
}

Result<json> parse_json(std::string_view text) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    return bad("import", "file", fmt::format("is not valid JSON: {}", e.what()));
  }
}

}  // namespace

std::string_view to_string(ExchangeFormat format) {
  switch (format) {
    case ExchangeFormat::kJson: return "json";
    case ExchangeFormat::kCsv: return "csv";
    case ExchangeFormat::kFhir: return "fhir";
  }
  SPECIOSA_ASSERT(false, "unknown exchange format");
}

Result<ExchangeFormat> exchange_format_from_string(std::string_view text, std::string_view field) {
  for (auto f : {ExchangeFormat::kJson, ExchangeFormat::kCsv, ExchangeFormat::kFhir}) {
    if (to_string(f) == text) return f;
  }
  return invalid_input(std::string(field), "format", fmt::format("unknown format '{}'", text), "json, csv, fhir");
}

json entries_to_json(const Entries& entries, std::string_view tz) {
  json doses = json::array();
  for (const auto& d : entries.doses) {
    doses.push_back({{"id", d.id}, {"at", format_time(d.at, tz)}, {"amount", d.amount}, {"unit", d.unit},
                     {"product", d.product}, {"form", to_string(d.form)}, {"note", d.note}, {"uid", d.uid}});
  }
  json checkins = json::array();
  for (const auto& c : entries.checkins) {
    checkins.push_back({{"id", c.id}, {"at", format_time(c.at, tz)}, {"anxiety", or_null(c.anxiety)},
                        {"mood", or_null(c.mood)}, {"energy", or_null(c.energy)},
                        {"sleep_h", or_null(c.sleep_h)}, {"note", c.note}, {"gad7", or_null(c.gad7)},
                        {"gad7_score", or_null(c.gad7_score())}, {"withdrawal", c.withdrawal},
                        {"uid", c.uid}});
  }
  json effects = json::array();
  for (const auto& e : entries.side_effects) {
    effects.push_back({{"id", e.id}, {"at", format_time(e.at, tz)}, {"symptom", e.symptom},
                       {"severity", e.severity}, {"uid", e.uid}});
  }
  return {{"doses", doses}, {"checkins", checkins}, {"side_effects", effects}};
}

Result<Entries> entries_from_json(const json& doc, std::string_view tz) {
  Entries out;
  if (!doc.is_object()) return bad("import", "document", "is not a JSON object");
  auto in_zone = [tz](auto read) { return [tz, read](const json& obj, const std::string& where) { return read(obj, where, tz); }; };
  if (auto s = first_error({read_list(doc, "doses", out.doses, in_zone(dose_from)),
                            read_list(doc, "checkins", out.checkins, in_zone(checkin_from)),
                            read_list(doc, "side_effects", out.side_effects, in_zone(side_effect_from))});
      !s) {
    return s.error();
  }
  return out;
}

json document_to_json(const JournalDocument& doc) {
  json out = entries_to_json(doc.entries, doc.person.tz);
  out["format"] = kDocumentTag;
  out["schema_version"] = current_schema_version();
  out["person"] = person_to_json(doc.person);
  json meds = json::array();
  for (const auto& m : doc.medications) {
    meds.push_back({{"name", m.name}, {"dose", m.dose_text}, {"start", date_or_null(m.start)},
                    {"stop", date_or_null(m.stop)}});
  }
  out["medications"] = meds;
  json products = json::array();
  for (const auto& p : doc.products) {
    products.push_back({{"name", p.name}, {"kb", p.kb_product_id}, {"mg_percent", or_null(p.mg_percent)},
                        {"oh_percent", or_null(p.oh_percent)}});
  }
  out["products"] = products;
  return out;
}

Result<JournalDocument> document_from_json(const json& doc) {
  if (!doc.is_object() || doc.value("format", "") != kDocumentTag) {
    return bad("import", "format", "is not a speciosa journal export (no \"format\": \"speciosa-journal\")");
  }
  JournalDocument out;
  if (const auto it = doc.find("person"); it != doc.end()) {
    auto person = person_from(*it);
    if (!person) return person.error();
    out.person = std::move(*person);
  }
  auto entries = entries_from_json(doc, out.person.tz);
  if (!entries) return entries.error();
  out.entries = std::move(*entries);
  if (auto s = first_error({read_list(doc, "medications", out.medications, medication_from),
                            read_list(doc, "products", out.products, product_from)});
      !s) {
    return s.error();
  }
  return out;
}

std::string write_document(const JournalDocument& doc, ExchangeFormat format) {
  switch (format) {
    case ExchangeFormat::kJson: return document_to_json(doc).dump(2) + "\n";
    case ExchangeFormat::kCsv: return entries_to_csv(doc.entries, doc.person.tz);
    case ExchangeFormat::kFhir: return document_to_fhir(doc).dump(2) + "\n";
  }
  SPECIOSA_ASSERT(false, "unknown exchange format");
}

Result<ExchangeFormat> detect_format(std::string_view text) {
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos && text[start] == '{') {
    auto doc = parse_json(text);
    if (!doc) return doc.error();
    if (doc->is_object() && doc->value("resourceType", "") == "Bundle") return ExchangeFormat::kFhir;
    return ExchangeFormat::kJson;
  }
  if (text.starts_with("kind,id,uid,at,")) return ExchangeFormat::kCsv;
  return invalid_input("import", "file", "is not a journal export",
                       "a file written by speciosa export --format json, csv or fhir");
}

Result<JournalDocument> read_document(std::string_view text, ExchangeFormat format,
                                      std::string_view fallback_tz) {
  if (format == ExchangeFormat::kCsv) {
    auto entries = entries_from_csv(text, fallback_tz);
    if (!entries) return entries.error();
    JournalDocument doc;
    doc.entries = std::move(*entries);
    return doc;
  }
  auto doc = parse_json(text);
  if (!doc) return doc.error();
  return format == ExchangeFormat::kJson ? document_from_json(*doc) : document_from_fhir(*doc);
}

}  // namespace speciosa::journal
