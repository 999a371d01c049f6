#include <fmt/format.h>

#include "speciosa/analysis.hpp"
#include "speciosa/safety_journal.hpp"

namespace speciosa::safety {

Result<Comedication> comedication_effect(const knowledge::Knowledge& k, const SafetyData& data,
                                         const std::vector<std::string>& names) {
  Comedication out;
  for (const InteractionAlert& alert : check_interactions(data, names)) {
    if (!alert.severity) {
      out.warnings.push_back(fmt::format("'{}' could not be checked for interactions; ask a pharmacist",
                                         alert.with));
      continue;
    }
    out.warnings.push_back(fmt::format("{}: {} interaction ({}); see `speciosa interactions --with {}`",
                                       alert.matched, severity_name(alert), alert.mechanism, alert.matched));
    const std::string strength = cyp3a_inhibitor_strength(data, alert);
    if (strength.empty()) continue;
    auto activity = sim::comedication_cyp3a_activity(k, strength);
    if (!activity) return activity.error();
    if (*activity < out.cyp3a_activity) {
      out.cyp3a_activity = *activity;
      out.note = fmt::format("{} ({} CYP3A inhibitor: CYP3A activity taken as {:g} % of normal, from "
                             "the FDA inhibitor classes; theoretical)",
                             alert.matched, strength, *activity * 100);
    }
  }
  return out;
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

Result<GuardrailInput> guardrail_input(const knowledge::Knowledge& k, const journal::Person& person,
                                       const journal::Entries& recent,
                                       const std::vector<journal::PersonProduct>& products,
                                       const std::vector<journal::Medication>& medications,
                                       journal::Instant now) {
  GuardrailInput input;
  input.now = now;
  input.utc_offset = journal::utc_offset(now, person.tz);
  for (const journal::Dose& d : recent.doses) {
    auto converted = analysis::convert_dose(k, d, products);
    if (!converted) return converted.error();
    input.history.push_back(
        DoseRecord{d.at, converted->alkaloids.mitragynine_mg, converted->alkaloids.hydroxymitragynine_mg});
  }
  input.medications = current_medications(medications, now);
  input.risk_contexts = risk_contexts(person, now);
  return input;
}

Result<ExposurePrediction> predict_exposure(const knowledge::Knowledge& k,
                                            const std::vector<sim::Event>& events, double last_dose_h) {
  auto params = sim::pk_params_from(k);
  if (!params) return params.error();
  auto victim = sim::victim_model_from(k);
  if (!victim) return victim.error();
  auto ratios = sim::predict_victim_auc_ratios(*params, events, last_dose_h, *victim);
  if (!ratios) return ratios.error();
  return ExposurePrediction{ratios->cyp3a4, ratios->cyp2d6};
}

}  // namespace speciosa::safety
