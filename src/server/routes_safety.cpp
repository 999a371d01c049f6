// Knowledge-base products, interactions, legal status and red flags: the same answers and
// JSON as the CLI's safety commands.
#include "api.hpp"
#include "speciosa/knowledge_json.hpp"
#include "speciosa/safety.hpp"
#include "speciosa/safety_json.hpp"

namespace speciosa::server {
namespace {

std::chrono::year_month_day today() {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

}  // namespace

Reply get_products(Call& call) {
  return json_reply({{"products", knowledge::products_to_json(call.app.knowledge)}});
}

Reply get_legal(Call& call) {
  return json_reply(safety::legal_to_json(take(safety::legal_status(call.app.safety, call.text_param(0), today()))));
}

Reply post_redflags(Call& call) {
  const Fields body(call.req.body, {"symptoms", "jurisdiction"});
  const std::vector<std::string> symptoms = body.texts("symptoms");
  if (symptoms.empty()) {
    reject(422, "symptoms", "no symptoms given", "a list of words describing how you feel, e.g. [\"chest pain\"]");
  }
  const knowledge::Jurisdiction* where = nullptr;
  if (auto code = body.opt_text("jurisdiction")) where = take(safety::find_jurisdiction(call.app.safety, *code));
  std::string text;
  for (const auto& s : symptoms) text += (text.empty() ? "" : ". ") + s;
  return json_reply(safety::red_flags_to_json(safety::check_red_flags(call.app.safety, text, where),
                                              safety::emergency_number(call.app.safety, where)));
}

}  // namespace speciosa::server
