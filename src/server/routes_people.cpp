// People: list, add, show, change and delete. In multi-user mode a person belongs to the
// account that added them and is invisible (404) to every other account.
#include <algorithm>

#include "api.hpp"
#include "speciosa/journal_formats.hpp"

namespace speciosa::server {
namespace {

nlohmann::json person_json(const journal::Person& p) {
  nlohmann::json j = journal::person_to_json(p);
  j["id"] = p.id;
  return j;
}

// Applies the fields present in the body on top of `p`.
void apply(const Fields& body, journal::Person& p) {
  if (auto name = body.opt_text("name")) p.name = *name;
  if (body.has("weight_kg")) p.weight_kg = body.opt_number("weight_kg");
  if (auto sex = body.opt_text("sex")) p.sex = take(journal::sex_from_string(*sex));
  if (body.has("birth_year")) p.birth_year = body.opt_int("birth_year");
  if (auto tz = body.opt_text("tz")) p.tz = *tz;
  if (auto where = body.opt_text("jurisdiction")) p.jurisdiction = *where;
  if (body.has("risks")) {
    p.risks.clear();
    for (const auto& text : body.texts("risks")) {
      const auto risk = take(journal::risk_from_string(text));
      if (std::find(p.risks.begin(), p.risks.end(), risk) == p.risks.end()) p.risks.push_back(risk);
    }
  }
}

Fields person_fields(const Call& call) {
  return Fields(call.req.body, {"name", "weight_kg", "sex", "birth_year", "tz", "jurisdiction", "risks"});
}

}  // namespace

Reply get_people(Call& call) {
  nlohmann::json people = nlohmann::json::array();
  for (const auto& p : take(call.store().people())) {
    if (may_see(call, p)) people.push_back(person_json(p));
  }
  return json_reply({{"people", people}});
}

Reply post_people(Call& call) {
  const Fields body = person_fields(call);
  journal::Person p;
  p.name = body.text("name");
  p.tz = journal::system_time_zone();
  apply(body, p);
  p.account = call.session.account;
  p.id = take(call.store().add_person(p));
  return json_reply(person_json(p), 201);
}

Reply get_person(Call& call) { return json_reply(person_json(call.person())); }

Reply patch_person(Call& call) {
  journal::Person p = call.person();
  apply(person_fields(call), p);
  if (auto s = call.store().update_person(p); !s) reject(s.error());
  return json_reply(person_json(p));
}

Reply delete_person(Call& call) {
  const journal::Person p = call.person();
  if (auto s = call.store().remove_person(p.id); !s) reject(s.error());
  return json_reply({{"deleted", p.id}});
}

}  // namespace speciosa::server
