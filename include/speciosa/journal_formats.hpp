// speciosa journal exchange formats: one person's journal as JSON (lossless), CSV (entries,
// for spreadsheets) and FHIR R4 (a Bundle for clinics). `speciosa export`, `speciosa import`
// and the HTTP API all go through these functions, so every edge writes the same bytes.
//
// - Writers never fail; readers return an Error naming the list, index and field, and accept
//   exactly what the writers produce (plus times without an offset, read in a fallback zone).
// - Readers do not validate values (ranges, units); the store does that before any write.
// Pure functions of their arguments; thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "speciosa/journal.hpp"

namespace speciosa::journal {

/// Everything export writes for one person.
struct JournalDocument {
  Person person;  ///< name empty: the file does not say whose journal it is (CSV)
  std::vector<Medication> medications;
  std::vector<PersonProduct> products;
  Entries entries;
};

enum class ExchangeFormat { kJson, kCsv, kFhir };
std::string_view to_string(ExchangeFormat format);
/// "json", "csv" or "fhir"; the Error names `field`.
Result<ExchangeFormat> exchange_format_from_string(std::string_view text, std::string_view field);

/// {"doses":[...], "checkins":[...], "side_effects":[...]}, times as local ISO 8601 with offset.
/// Keys are a contract (DESIGN.md, `speciosa history --json`): add, never rename.
nlohmann::json entries_to_json(const Entries& entries, std::string_view tz);
/// The inverse of entries_to_json; ids are ignored, uids kept.
Result<Entries> entries_from_json(const nlohmann::json& doc, std::string_view tz);

/// One CSV row per entry, header first: kind,id,uid,at,amount,unit,product,form,anxiety,...
std::string entries_to_csv(const Entries& entries, std::string_view tz);
/// The inverse of entries_to_csv; ids are ignored, uids kept.
Result<Entries> entries_from_csv(std::string_view text, std::string_view tz);

/// {"format":"speciosa-journal", "schema_version":N, "person":{...}, "medications":[...],
///  "products":[...], "doses":[...], "checkins":[...], "side_effects":[...]}.
nlohmann::json document_to_json(const JournalDocument& doc);
Result<JournalDocument> document_from_json(const nlohmann::json& json);

/// A FHIR R4 Bundle (type collection): Patient, MedicationStatement per dose and medication,
/// Observation per check-in, GAD-7 panel (LOINC 69737-5) with items and total, side effect.
/// Person products (lab content) have no FHIR form here; JSON keeps them.
nlohmann::json document_to_fhir(const JournalDocument& doc);
/// Reads a Bundle written by document_to_fhir (entries, medications, person).
Result<JournalDocument> document_from_fhir(const nlohmann::json& bundle);

/// The text export writes: JSON and FHIR pretty-printed with a final newline, CSV as is.
std::string write_document(const JournalDocument& doc, ExchangeFormat format);
/// Recognises what write_document wrote by its content.
Result<ExchangeFormat> detect_format(std::string_view text);
/// Reads what write_document wrote. `fallback_tz` reads times that carry no offset (CSV
/// files edited by hand); a CSV document names no person.
Result<JournalDocument> read_document(std::string_view text, ExchangeFormat format,
                                      std::string_view fallback_tz);

}  // namespace speciosa::journal
