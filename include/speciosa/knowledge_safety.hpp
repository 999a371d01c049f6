// speciosa knowledge, safety part: the cited safety facts in data/ (interactions.toml,
// jurisdictions.toml, thresholds.toml, redflags.toml), loaded and validated once.
//
// load_safety_data(dir) rejects a missing or unknown source, an unknown evidence level,
// severity, status or mechanism, a duplicate id and a malformed date, naming
// "data/file.toml:LINE: field 'x': ... (accepted: ...)". The result is immutable and safe to
// share between threads. (To be folded into Knowledge.)
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "speciosa/common.hpp"
#include "speciosa/knowledge.hpp"

namespace speciosa::knowledge {

/// How serious an interaction or guardrail finding is, mildest first.
enum class Severity { kMinor, kModerate, kMajor };
std::string_view to_string(Severity s);
std::optional<Severity> severity_from_string(std::string_view s);

/// Legal status of kratom leaf or of concentrated 7-OH products in one jurisdiction.
enum class LegalStatus { kLegal, kRegulated, kAgeRestricted, kBanned, kUnknown };
std::string_view to_string(LegalStatus s);
std::optional<LegalStatus> legal_status_from_string(std::string_view s);

/// A citation list plus evidence level and where it is written, shared by every safety fact.
struct Citation {
  std::vector<std::string> sources;  ///< keys into sources.toml, at least one
  Evidence evidence = Evidence::kTheoretical;
  std::string where;                 ///< "data/interactions.toml:42"
};

/// One drug within an interaction class: generic name plus brand names and misspellings.
struct DrugName {
  std::string name;                  ///< generic, lower case: "alprazolam"
  std::vector<std::string> aliases;  ///< lower case: "xanax", "alprazolan"
};

/// A class of drugs that interact with kratom through one main mechanism.
struct InteractionClass {
  std::string id;                    ///< "benzodiazepines-and-z-drugs"
  std::string name;
  std::string mechanism;             ///< one of interaction_mechanisms()
  std::vector<std::string> also;     ///< secondary mechanisms
  std::string direction;             ///< "additive", "kratom-raises-drug", ...
  std::string pk_victim;             ///< "cyp3a4" / "cyp2d6" when the PK model can predict an AUC ratio
  Severity severity = Severity::kModerate;
  Citation citation;
  std::string summary;
  std::string what_to_do;
  std::vector<DrugName> members;
};

/// The accepted mechanism ids, for messages and checks.
const std::vector<std::string>& interaction_mechanisms();

/// A country, subdivision or locality with the status of kratom and of 7-OH products.
struct Jurisdiction {
  std::string code;                  ///< "TH", "US-AL", "US-CA-SD" (upper case)
  std::string name;
  std::string parent;                ///< code of the enclosing jurisdiction, "" for countries
  LegalStatus kratom = LegalStatus::kUnknown;
  LegalStatus hydroxymitragynine = LegalStatus::kUnknown;
  std::optional<int> min_age;
  std::string law;
  std::string effective;             ///< "YYYY", "YYYY-MM" or "YYYY-MM-DD", may be empty
  std::chrono::year_month_day as_of;
  std::vector<std::string> sources;
  std::string confidence;            ///< high | medium | low
  std::string emergency;             ///< emergency phone number, "" if not recorded
  std::string note;
  std::string where;
};

/// Sources, evidence and advice behind one guardrail.
struct Guardrail {
  Citation citation;
  std::string what_to_do;
};

/// Dose guardrails from thresholds.toml; amounts are mg of alkaloid.
struct Thresholds {
  double reference_mg_fraction = 0;  ///< MG content of typical leaf, to show grams
  Citation reference_citation;
  struct {
    double low_mg = 0, high_mg = 0;
    int lookback_days = 0;
    Guardrail rule;
  } new_user_start;
  struct {
    double typical_high_mg = 0, high_mg = 0;
    Guardrail rule;
  } single_dose;
  struct {
    double high_mg = 0, very_high_mg = 0, window_h = 0;
    Guardrail rule;
  } daily_total;
  struct {
    int max_doses_per_day = 0;
    double window_h = 0;
    Guardrail rule;
  } frequency;
  struct {
    double ratio = 0;
    int recent_days = 0, baseline_offset_days = 0;
    Guardrail rule;
  } escalation;
  struct {
    int notice_days = 0, dependence_days = 0;
    Guardrail rule;
  } consecutive_days;
  struct {
    double concentrate_dose_mg = 0;
    Guardrail rule;
  } hydroxymitragynine;
  struct {
    Guardrail rule;
  } depressants;
};

/// How fast a red flag needs care.
enum class Tier { kEmergency, kUrgent };
std::string_view to_string(Tier t);

/// A symptom that needs care now.
struct RedFlag {
  std::string id;
  std::string name;
  std::vector<std::string> keywords;  ///< lower case words or phrases
  Tier tier = Tier::kEmergency;
  std::string guidance;
  Citation citation;
};

/// A personal circumstance that makes related alerts more serious.
struct RiskContext {
  std::string id;                     ///< "pregnancy"
  std::string name;
  std::vector<std::string> aliases;
  std::vector<std::string> raises;    ///< alert topics raised one step
  Severity severity = Severity::kMajor;
  std::string advice;
  Citation citation;
};

/// The accepted alert topics (for risk contexts), for messages and checks.
const std::vector<std::string>& alert_topics();

/// Everything safety-related in data/, validated. Immutable once loaded.
struct SafetyData {
  std::vector<InteractionClass> interactions;
  std::vector<Jurisdiction> jurisdictions;
  Thresholds thresholds;
  std::vector<RedFlag> red_flags;
  std::vector<RiskContext> risk_contexts;

  /// By code (case-insensitive).
  const Jurisdiction* find_jurisdiction(std::string_view code) const;
  /// By id or alias (case-insensitive).
  const RiskContext* find_risk_context(std::string_view id_or_alias) const;
};

/// Loads interactions, jurisdictions, thresholds and red flags from `dir`, checking every
/// source against `dir`/sources.toml.
Result<SafetyData> load_safety_data(const std::filesystem::path& dir);

/// Parses "YYYY-MM-DD" into a valid calendar date.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);
/// "YYYY-MM-DD".
std::string format_date(std::chrono::year_month_day d);

}  // namespace speciosa::knowledge
