#include <nlohmann/json.hpp>

#include "speciosa/safety_json.hpp"

namespace speciosa::safety {
namespace {

using nlohmann::json;

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }
json age_json(const std::optional<int>& age) { return age ? json(*age) : json(nullptr); }

json alert_json(const InteractionAlert& a) {
  json j{
      {"with", a.with},
      {"matched", text_or_null(a.matched)},
      {"severity", severity_name(a)},
      {"mechanism", text_or_null(a.mechanism)},
      {"evidence", a.evidence ? json(knowledge::to_string(*a.evidence)) : json(nullptr)},
      {"sources", a.sources},
      {"also", a.also},
      {"direction", a.direction},
      {"class", a.class_id},
      {"match", to_string(a.match)},
      {"summary", a.summary},
      {"what_to_do", a.what_to_do},
  };
  if (a.predicted_auc_ratio) j["predicted_auc_ratio"] = *a.predicted_auc_ratio;
  return j;
}

json level_json(const LegalLevel& level) {
  const knowledge::Jurisdiction& j = *level.jurisdiction;
  return {{"code", j.code},
          {"name", j.name},
          {"kratom", knowledge::to_string(j.kratom)},
          {"hydroxymitragynine", knowledge::to_string(j.hydroxymitragynine)},
          {"min_age", age_json(j.min_age)},
          {"law", j.law},
          {"effective", j.effective},
          {"as_of", knowledge::format_date(j.as_of)},
          {"may_be_out_of_date", level.may_be_out_of_date},
          {"confidence", j.confidence},
          {"note", j.note},
          {"sources", j.sources}};
}

}  // namespace

json interactions_to_json(const std::vector<InteractionAlert>& alerts) {
  json out{{"alerts", json::array()}};
  for (const auto& a : alerts) out["alerts"].push_back(alert_json(a));
  return out;
}

json legal_to_json(const LegalAnswer& a) {
  json out{{"jurisdiction", a.code},
           {"name", a.name},
           {"kratom", knowledge::to_string(a.kratom)},
           {"hydroxymitragynine", knowledge::to_string(a.hydroxymitragynine)},
           {"min_age", age_json(a.min_age)},
           {"as_of", knowledge::format_date(a.as_of)},
           {"may_be_out_of_date", a.may_be_out_of_date},
           {"sources", a.sources},
           {"emergency", a.emergency},
           {"notice", a.notice},
           {"levels", json::array()}};
  for (const auto& level : a.levels) out["levels"].push_back(level_json(level));
  return out;
}

std::string no_red_flag_text(const std::string& number) {
  const std::string call = number.empty() ? "your local emergency number" : number;
  return "No red-flag symptom was recognised in what you wrote. That does not rule one out: if "
         "you feel unwell or unsure, contact a clinician, and in an emergency call " +
         call + ".";
}

json red_flags_to_json(const std::vector<RedFlagAlert>& alerts, const std::string& number) {
  json out{{"alerts", json::array()}, {"emergency", number}};
  for (const auto& a : alerts) {
    out["alerts"].push_back({{"id", a.id},
                             {"name", a.name},
                             {"severity", "urgent"},
                             {"tier", knowledge::to_string(a.tier)},
                             {"matched", a.matched},
                             {"call_now", a.call_now},
                             {"guidance", a.guidance},
                             {"emergency", a.emergency},
                             {"evidence", knowledge::to_string(a.evidence)},
                             {"sources", a.sources}});
  }
  if (alerts.empty()) out["message"] = no_red_flag_text(number);
  return out;
}

std::string_view guardrail_notice() {
  return "speciosa does not recommend kratom for any condition. These checks are not medical advice; "
         "talk to a clinician about your situation.";
}

json guardrails_to_json(const std::vector<GuardrailAlert>& alerts, const std::optional<DoseRecord>& planned) {
  json out{{"alerts", json::array()}, {"notice", guardrail_notice()}};
  for (const auto& a : alerts) {
    out["alerts"].push_back({{"id", a.id},
                             {"topic", a.topic},
                             {"severity", knowledge::to_string(a.severity)},
                             {"reason", a.reason},
                             {"evidence", knowledge::to_string(a.evidence)},
                             {"sources", a.sources},
                             {"what_to_do", a.what_to_do},
                             {"raised_by", a.raised_by}});
  }
  if (planned) {
    out["planned"] = {{"mitragynine_mg", planned->mitragynine_mg},
                      {"hydroxymitragynine_mg", planned->hydroxymitragynine_mg}};
  }
  return out;
}

}  // namespace speciosa::safety
