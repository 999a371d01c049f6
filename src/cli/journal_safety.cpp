#include "journal_safety.hpp"

#include "comedication.hpp"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>

namespace speciosa::cli {

namespace {

safety::DoseRecord record_of(const analysis::ConvertedDose& dose, journal::Instant at) {
  return safety::DoseRecord{at, dose.alkaloids.mitragynine_mg, dose.alkaloids.hydroxymitragynine_mg};
}

}  // namespace

Result<safety::DoseRecord> dose_record(const RegimenOptions& o, const knowledge::Knowledge& k,
                                       journal::Instant at) {
  auto converted = analysis::convert_dose(k, {o.dose, o.as, o.product, o.mg_content, o.oh_content});
  if (!converted) return converted.error();
  return record_of(*converted, at);
}

Result<safety::DoseRecord> dose_record(const journal::Dose& dose,
                                       const std::vector<journal::PersonProduct>& products,
                                       const knowledge::Knowledge& k) {
  auto converted = analysis::convert_dose(k, dose, products);
  if (!converted) return converted.error();
  return record_of(*converted, dose.at);
}

std::vector<std::string> current_medications(const std::vector<journal::Medication>& meds,
                                             journal::Instant now) {
  std::vector<std::string> names;
  const auto today = std::chrono::floor<std::chrono::days>(now);
  for (const journal::Medication& m : meds) {
    if (!m.stop || *m.stop >= today) names.push_back(m.name);
  }
  return names;
}

std::vector<std::string> risk_contexts(const journal::Person& person, journal::Instant now) {
  std::vector<std::string> ids;
  for (journal::Risk r : person.risks) {
    // redflags.toml lists the journal's spelling of each risk as an id or alias.
    ids.emplace_back(journal::to_string(r));
  }
  const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(now)};
  // Kratom use under 21 is restricted in many places (data/jurisdictions.toml).
  if (person.birth_year && static_cast<int>(today.year()) - *person.birth_year < 21) {
    ids.emplace_back("under-21");
  }
  return ids;
}

std::optional<JournalSession> existing_session(CliContext& ctx) {
  const std::string url = journal_url(ctx);
  const bool postgres = url.rfind("postgres", 0) == 0;
  std::error_code ec;
  if (!postgres && !std::filesystem::exists(url, ec)) return std::nullopt;
  auto store = open_store(ctx);
  if (!store) return std::nullopt;
  auto person = store->current_person();
  if (!person) {
    if (person.error().code != ErrorCode::kNotFound) fail(ctx, person.error());
    return std::nullopt;
  }
  return JournalSession{std::move(store), std::move(*person)};
}

Result<safety::GuardrailInput> guardrail_input(JournalSession& session, const knowledge::Knowledge& k,
                                               journal::Instant now, int days) {
  safety::GuardrailInput input;
  input.now = now;
  input.utc_offset = journal::utc_offset(now, session.person.tz);
  auto entries = session.store->entries(session.person.id, {now - std::chrono::days{days}, now + std::chrono::days{1}});
  if (!entries) return entries.error();
  auto products = session.store->products(session.person.id);
  if (!products) return products.error();
  for (const journal::Dose& d : entries->doses) {
    auto record = dose_record(d, *products, k);
    if (!record) return record.error();
    input.history.push_back(*record);
  }
  auto meds = session.store->medications(session.person.id);
  if (!meds) return meds.error();
  input.medications = current_medications(*meds, now);
  input.risk_contexts = risk_contexts(session.person, now);
  return input;
}

std::string legal_notice(const knowledge::SafetyData& data, const journal::Person& person,
                         journal::Instant now) {
  if (person.jurisdiction.empty()) return "";
  auto answer = safety::legal_status(data, person.jurisdiction,
                                     std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)});
  if (!answer) return "";
  std::string line = fmt::format("Legal status in {} ({}): kratom {}", answer->name, answer->code,
                                 knowledge::to_string(answer->kratom));
  if (answer->min_age) line += fmt::format(" (minimum age {})", *answer->min_age);
  line += fmt::format("; 7-OH products {}.", knowledge::to_string(answer->hydroxymitragynine));
  if (answer->may_be_out_of_date) line += " This may be out of date.";
  return line + " " + answer->notice;
}

std::optional<analysis::PersonData> person_data(CliContext& ctx, JournalSession& session,
                                                journal::TimeRange range, journal::Instant now,
                                                bool simulated) {
  analysis::PersonData data;
  data.person = session.person;
  auto entries = session.store->entries(session.person.id, range);
  auto products = session.store->products(session.person.id);
  auto meds = session.store->medications(session.person.id);
  if (!entries || !products || !meds) {
    fail(ctx, !entries ? entries.error() : !products ? products.error() : meds.error());
    return std::nullopt;
  }
  data.entries = std::move(entries).value();
  data.products = std::move(products).value();
  if (!simulated) return data;
  auto comed = comedication_from(ctx, current_medications(*meds, now));
  if (!comed) return std::nullopt;
  for (const std::string& w : comed->warnings) warn(w);
  data.comed_cyp3a_activity = comed->cyp3a_activity;
  data.comedication_note = comed->note;
  return data;
}

}  // namespace speciosa::cli
