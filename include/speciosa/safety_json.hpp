// speciosa safety answers as JSON, shared by `speciosa interactions|legal|redflag --json` and
// the HTTP API so both print the same keys. The keys are contracts (DESIGN.md): add, never
// rename. Pure functions of their arguments; thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "speciosa/safety.hpp"

namespace speciosa::safety {

/// {"alerts":[{"with","matched","severity","mechanism","evidence","sources",...}]}
nlohmann::json interactions_to_json(const std::vector<InteractionAlert>& alerts);
/// {"jurisdiction","name","kratom","hydroxymitragynine","min_age","as_of","sources","levels",...}
nlohmann::json legal_to_json(const LegalAnswer& answer);
/// {"alerts":[...],"emergency":number} and, when nothing matched, "message".
nlohmann::json red_flags_to_json(const std::vector<RedFlagAlert>& alerts, const std::string& emergency_number);
/// {"alerts":[{"id","topic","severity","reason","evidence","sources","what_to_do","raised_by"}],
///  "notice", "planned":{"mitragynine_mg","hydroxymitragynine_mg"} when a dose was planned}
nlohmann::json guardrails_to_json(const std::vector<GuardrailAlert>& alerts,
                                  const std::optional<DoseRecord>& planned);
/// Printed under every dose check: no recommendation, not medical advice.
std::string_view guardrail_notice();
/// What to say when no red flag was recognised: it does not rule one out.
std::string no_red_flag_text(const std::string& emergency_number);

}  // namespace speciosa::safety
