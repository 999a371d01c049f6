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
  auto entries = session.store->entries(session.person.id, {now - std::chrono::days{days}, now + std::chrono::days{1}});
  if (!entries) return entries.error();
  auto products = session.store->products(session.person.id);
  if (!products) return products.error();
  auto meds = session.store->medications(session.person.id);
  if (!meds) return meds.error();
  return safety::guardrail_input(k, session.person, *entries, *products, *meds, now);
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
