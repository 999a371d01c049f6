#include "journal_safety.hpp"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>

namespace speciosa::cli {

Result<safety::DoseRecord> dose_record(const RegimenOptions& o, const knowledge::Knowledge& k,
                                       journal::Instant at) {
  auto regimen = build_regimen(o, k, 0.0);
  if (!regimen) return regimen.error();
  return safety::DoseRecord{at, regimen->mg_per_dose_mg, regimen->oh_per_dose_mg};
}

Result<safety::DoseRecord> dose_record(const journal::Dose& dose,
                                       const std::vector<journal::PersonProduct>& products,
                                       const knowledge::Knowledge& k) {
  RegimenOptions o;
  o.dose = fmt::format("{:g}{}", dose.amount, dose.unit);
  o.product = dose.product;
  for (const journal::PersonProduct& own : products) {
    if (own.name != dose.product) continue;
    o.product = own.kb_product_id;
    if (own.mg_percent) o.mg_content = fmt::format("{:g}%", *own.mg_percent);
    if (own.oh_percent) o.oh_content = fmt::format("{:g}%", *own.oh_percent);
  }
  return dose_record(o, k, dose.at);
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
    if (!record) {
      Error e = record.error();
      e.where = fmt::format("journal dose {}", d.id);
      return e;
    }
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

}  // namespace speciosa::cli
