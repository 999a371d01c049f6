// speciosa safety: medication interactions, legal status by place, dose guardrails and red-flag
// symptoms, as pure functions of the validated SafetyData. No I/O, no clock: callers pass the
// current date or time. Every alert names its evidence level and sources; wording points to a
// clinician or pharmacist and never recommends kratom as a treatment. Legal answers are not legal
// advice.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "speciosa/common.hpp"
#include "speciosa/knowledge_safety.hpp"

namespace speciosa::safety {

using knowledge::Evidence;
using knowledge::LegalStatus;
using knowledge::SafetyData;
using knowledge::Severity;

// --- interactions ---------------------------------------------------------------------------

/// How a medication name was recognised.
enum class MatchKind { kName, kAlias, kCloseSpelling, kNone };
std::string_view to_string(MatchKind k);

/// One finding for one medication. `severity` is empty when the name was not recognised: the
/// alert then says it could not be checked (never silence).
struct InteractionAlert {
  std::string with;                     ///< as typed
  std::string matched;                  ///< generic name recognised, "" if unknown
  MatchKind match = MatchKind::kNone;
  std::string class_id;                 ///< "" if unknown
  std::string class_name;
  std::optional<Severity> severity;     ///< nullopt: could not be checked
  std::string mechanism;                ///< "" if unknown
  std::vector<std::string> also;
  std::string direction;
  std::optional<Evidence> evidence;
  std::vector<std::string> sources;
  std::string summary;
  std::string what_to_do;
  std::string pk_victim;                ///< "cyp3a4" / "cyp2d6" where the model can predict
  /// The other drug's AUC with kratom / without, from the PK model, for the regimen asked about.
  std::optional<double> predicted_auc_ratio;
};
/// "major", "moderate", "minor" or "unknown".
std::string_view severity_name(const InteractionAlert& a);

/// Model predictions for victim drugs (AUC ratio of a typical CYP3A4 / CYP2D6 substrate with the
/// kratom regimen in question). Filled by the caller from the PK model; empty means none.
struct ExposurePrediction {
  std::optional<double> cyp3a4_auc_ratio;
  std::optional<double> cyp2d6_auc_ratio;
};

/// Checks each name (generic, brand, or a close misspelling; case-insensitive; a trailing
/// strength such as "50 mg" is ignored). Alerts come grouped by input, most severe first.
std::vector<InteractionAlert> check_interactions(const SafetyData& data,
                                                 const std::vector<std::string>& names,
                                                 const ExposurePrediction& predicted = {});

// --- legal status ---------------------------------------------------------------------------

/// One level (locality, state, country) of a legal answer.
struct LegalLevel {
  const knowledge::Jurisdiction* jurisdiction = nullptr;
  bool may_be_out_of_date = false;  ///< as_of more than 12 months before `today`
};

/// The combined answer for a place: the strictest status across all levels that apply.
struct LegalAnswer {
  std::string code;
  std::string name;
  LegalStatus kratom = LegalStatus::kUnknown;
  LegalStatus hydroxymitragynine = LegalStatus::kUnknown;
  std::optional<int> min_age;                 ///< the highest across levels
  std::chrono::year_month_day as_of;          ///< the oldest across levels
  bool may_be_out_of_date = false;            ///< any level is
  std::vector<std::string> sources;           ///< all levels, no duplicates
  std::vector<LegalLevel> levels;             ///< most specific first
  std::string emergency;                      ///< from the nearest level that records one
  std::string notice;                         ///< "not legal advice" wording
};

/// Finds a place by code ("TH", "us-al", "US_CA_SD") or name ("Thailand"). An unknown code is
/// an Error that shows how codes look and suggests close ones.
Result<const knowledge::Jurisdiction*> find_jurisdiction(const SafetyData& data,
                                                         std::string_view code_or_name);

/// The legal answer for a place (see find_jurisdiction), judged against `today`.
Result<LegalAnswer> legal_status(const SafetyData& data, std::string_view code,
                                 std::chrono::year_month_day today);

// --- dose guardrails ------------------------------------------------------------------------

/// One dose, in mg of each alkaloid (grams of a product times its content).
struct DoseRecord {
  std::chrono::sys_seconds at;
  double mitragynine_mg = 0;
  double hydroxymitragynine_mg = 0;
};

/// mg of each alkaloid in `grams` of a product with the given w/w fractions.
DoseRecord dose_from_grams(std::chrono::sys_seconds at, double grams, double mg_fraction,
                           double oh_fraction);

/// What the guardrails look at. The journal (or the CLI) fills this.
struct GuardrailInput {
  std::chrono::sys_seconds now;
  std::optional<DoseRecord> planned;       ///< the dose about to be taken, if any
  std::vector<DoseRecord> history;         ///< past doses, any order
  std::chrono::minutes utc_offset{0};      ///< for counting local calendar days
  std::vector<std::string> medications;    ///< checked for interactions (depressants combined)
  std::vector<std::string> risk_contexts;  ///< ids or aliases from redflags.toml
};

struct GuardrailAlert {
  std::string id;                     ///< "single-dose-high", "hydroxymitragynine", ...
  std::string topic;                  ///< one of knowledge::alert_topics(), or "context"
  Severity severity = Severity::kModerate;
  std::string reason;                 ///< plain words with the numbers behind it
  Evidence evidence = Evidence::kTheoretical;
  std::vector<std::string> sources;
  std::string what_to_do;
  std::vector<std::string> raised_by; ///< risk contexts that raised the severity
};

/// Evaluates the planned dose and recent history. Unknown risk contexts are rejected.
Result<std::vector<GuardrailAlert>> evaluate_guardrails(const SafetyData& data,
                                                        const GuardrailInput& input);

// --- red flags ------------------------------------------------------------------------------

struct RedFlagAlert {
  std::string id;
  std::string name;
  knowledge::Tier tier = knowledge::Tier::kEmergency;
  std::vector<std::string> matched;   ///< the words that matched
  std::string guidance;
  std::string emergency;              ///< "911", or "" when the place is unknown
  std::string call_now;               ///< "Call 911 now." / "Call your local emergency number now."
  Evidence evidence = Evidence::kTheoretical;
  std::vector<std::string> sources;
};

/// Finds red-flag symptoms in what a person wrote. `jurisdiction` (may be null) supplies the
/// emergency number, from the nearest level that records one.
std::vector<RedFlagAlert> check_red_flags(const SafetyData& data, std::string_view text,
                                          const knowledge::Jurisdiction* jurisdiction);

/// The emergency number for a place or its enclosing levels; "" if none is recorded.
std::string emergency_number(const SafetyData& data, const knowledge::Jurisdiction* jurisdiction);

}  // namespace speciosa::safety
