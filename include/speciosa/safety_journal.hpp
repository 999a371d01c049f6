// speciosa safety for a person's journal and regimen: which medications count as current,
// what they do to the kratom simulation (CYP3A inhibition), and the model's prediction of how
// kratom changes other drugs' exposure. Shared by the CLI and the HTTP API. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "speciosa/journal.hpp"
#include "speciosa/safety.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::safety {

/// What a person's other medicines do to the kratom simulation: CYP3A inhibitors slow MG's
/// metabolism (pharm::PkParams::comed_cyp3a_activity); every medication is also checked for
/// interactions so a simulation never runs silently past one.
struct Comedication {
  double cyp3a_activity = 1.0;        ///< CYP3A activity left by the strongest inhibitor
  std::string note;                   ///< "clarithromycin (strong CYP3A inhibitor: ...)"
  std::vector<std::string> warnings;  ///< one line per interaction found or name not recognised
};
Result<Comedication> comedication_effect(const knowledge::Knowledge& k, const SafetyData& data,
                                         const std::vector<std::string>& names);

/// Medications without a stop date before `now`.
std::vector<std::string> current_medications(const std::vector<journal::Medication>& meds,
                                             journal::Instant now);

/// The person's risk contexts as redflags.toml ids, adding "under-21" from the birth year.
std::vector<std::string> risk_contexts(const journal::Person& person, journal::Instant now);

/// Guardrail input from a person's journal: their `recent` doses in mg of each alkaloid (their
/// own products' lab content first), medications current at `now`, risk contexts and UTC offset.
Result<GuardrailInput> guardrail_input(const knowledge::Knowledge& k, const journal::Person& person,
                                       const journal::Entries& recent,
                                       const std::vector<journal::PersonProduct>& products,
                                       const std::vector<journal::Medication>& medications,
                                       journal::Instant now);

/// The PK model's prediction for other drugs taken with the dose at `last_dose_h` of the
/// kratom regimen `events` (sim records).
Result<ExposurePrediction> predict_exposure(const knowledge::Knowledge& k,
                                            const std::vector<sim::Event>& events, double last_dose_h);

}  // namespace speciosa::safety
