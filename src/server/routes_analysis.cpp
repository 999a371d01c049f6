// What the journal shows, with the model underneath: interactions with the person's
// medications, mood stability, insight (rebound, escalation) and a taper plan. The JSON is the
// analysis and safety modules' own (the same as the CLI's --json).
#include <algorithm>

#include "api.hpp"
#include "speciosa/analysis.hpp"
#include "speciosa/journal_formats.hpp"
#include "speciosa/safety_journal.hpp"
#include "speciosa/safety_json.hpp"

namespace speciosa::server {
namespace {

journal::Instant now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::vector<std::string> medications_now(Call& call, const journal::Person& person) {
  return safety::current_medications(take(call.store().medications(person.id)), now());
}

// Everything the analyses read about one person, with their medications' effect on CYP3A.
analysis::PersonData person_data(Call& call) {
  analysis::PersonData data;
  data.person = call.person();
  data.entries = take(call.store().entries(data.person.id, journal::TimeRange{}));
  data.products = take(call.store().products(data.person.id));
  const auto comed =
      take(safety::comedication_effect(call.app.knowledge, call.app.safety, medications_now(call, data.person)));
  data.comed_cyp3a_activity = comed.cyp3a_activity;
  data.comedication_note = comed.note;
  return data;
}

// Interactions judged for one dose of the regimen given (default 2 g of typical leaf, like
// `speciosa interactions`), so alerts carry the model's predicted AUC ratio.
Reply interactions_reply(Call& call, const std::vector<std::string>& names, const analysis::DoseSpec& dose) {
  const auto converted = take(analysis::convert_dose(call.app.knowledge, dose));
  std::vector<sim::Event> events;
  analysis::append_dose_events(0.0, converted.alkaloids, events);
  const auto predicted = take(safety::predict_exposure(call.app.knowledge, events, 0.0));
  return json_reply(safety::interactions_to_json(safety::check_interactions(call.app.safety, names, predicted)));
}

// Tolerance builds over about two weeks of use, so doses this long before the window are
// simulated too (the same lead-in as analysis::InsightOptions).
constexpr auto kLeadIn = std::chrono::days{14};
// At most this many grid points per curve: smooth on a wide screen, small on a phone.
constexpr double kMaxPoints = 2000;

nlohmann::json model_json(const analysis::Exposure& e, journal::Instant from) {
  nlohmann::json at = nlohmann::json::array();
  nlohmann::json mg = nlohmann::json::array(), oh = nlohmann::json::array(), mu = nlohmann::json::array(),
                 withdrawal = nlohmann::json::array();
  for (std::size_t i = 0; i < e.t_h.size(); ++i) {
    const auto when = e.start + std::chrono::seconds{static_cast<std::int64_t>(e.t_h[i] * 3600)};
    if (when < from) continue;
    at.push_back(journal::format_time(when, "UTC"));
    mg.push_back(e.mg_ng_ml[i]);
    oh.push_back(e.oh_ng_ml[i]);
    mu.push_back(e.mu_activity[i]);
    withdrawal.push_back(e.withdrawal[i]);
  }
  return {{"at", at}, {"mitragynine_ng_ml", mg}, {"hydroxymitragynine_ng_ml", oh}, {"mu_activity", mu},
          {"withdrawal", withdrawal}};
}

}  // namespace

Reply get_timeline(Call& call) {
  const int days = call.int_query("days", 7, 1, 365);
  analysis::PersonData data = person_data(call);
  const journal::Instant to = now();
  const journal::Instant from = to - std::chrono::days{days};
  analysis::ExposureOptions o;
  o.from = from - kLeadIn;
  o.until = to;
  o.step_h = std::max(0.25, days * 24 / kMaxPoints);
  const bool any_dose = std::any_of(data.entries.doses.begin(), data.entries.doses.end(),
                                    [&](const journal::Dose& d) { return d.at >= o.from && d.at < to; });
  analysis::Exposure empty;
  const analysis::Exposure exposure = any_dose ? take(analysis::simulate_exposure(call.app.knowledge, data, o)) : empty;
  journal::Entries window;
  for (const auto& d : data.entries.doses) {
    if (d.at >= from) window.doses.push_back(d);
  }
  for (const auto& c : data.entries.checkins) {
    if (c.at >= from) window.checkins.push_back(c);
  }
  nlohmann::json out = journal::entries_to_json(window, "UTC");
  out.erase("side_effects");
  out["model"] = model_json(exposure, from);
  return json_reply(out);
}

Reply post_interactions(Call& call) {
  const Fields body(call.req.body, {"with", "dose", "as", "product", "mg_content"});
  const auto names = body.texts("with");
  if (names.empty()) {
    reject(422, "with", "no medication given", "a list of medications or substances, e.g. [\"xanax\", \"alcohol\"]");
  }
  analysis::DoseSpec dose{body.opt_text("dose").value_or("2g"), body.opt_text("as").value_or("leaf"),
                          body.opt_text("product").value_or(""), body.opt_text("mg_content").value_or(""), ""};
  return interactions_reply(call, names, dose);
}

Reply get_person_interactions(Call& call) {
  const journal::Person person = call.person();
  analysis::DoseSpec typical_dose;
  typical_dose.amount = "2g";
  return interactions_reply(call, medications_now(call, person), typical_dose);
}

// Guardrails for a planned dose against the last 60 days of the journal, the person's
// medications and risk situations (the same window as `speciosa check`).
Reply post_check(Call& call) {
  const journal::Person person = call.person();
  const Fields body(call.req.body, {"amount", "as", "product", "mg_content", "at"});
  const journal::Instant at = body.has("at") ? take(journal::parse_time(body.text("at"), person.tz, "at")) : now();
  const auto planned = take(analysis::convert_dose(
      call.app.knowledge, analysis::DoseSpec{body.text("amount"), body.opt_text("as").value_or("leaf"),
                                             body.opt_text("product").value_or(""),
                                             body.opt_text("mg_content").value_or(""), ""}));
  const auto recent = take(call.store().entries(person.id, {at - std::chrono::days{60}, at + std::chrono::days{1}}));
  auto input = take(safety::guardrail_input(call.app.knowledge, person, recent, take(call.store().products(person.id)),
                                            take(call.store().medications(person.id)), at));
  input.planned = safety::DoseRecord{at, planned.alkaloids.mitragynine_mg, planned.alkaloids.hydroxymitragynine_mg};
  const auto alerts = take(safety::evaluate_guardrails(call.app.safety, input));
  return json_reply(safety::guardrails_to_json(alerts, input.planned));
}

Reply get_stability(Call& call) {
  analysis::StabilityOptions o;
  o.now = now();
  o.days = call.int_query("days", o.days, 1, 3650);
  return json_reply(analysis::to_json(take(analysis::mood_stability(call.app.knowledge, person_data(call), o))));
}

Reply get_insight(Call& call) {
  analysis::InsightOptions o;
  o.now = now();
  o.days = call.int_query("days", o.days, 1, 3650);
  return json_reply(analysis::to_json(take(analysis::insight(call.app.knowledge, person_data(call), o))));
}

Reply get_taper(Call& call) {
  analysis::TaperOptions o;
  o.now = now();
  o.weeks = call.int_query("weeks", o.weeks, 0, 104);
  o.step_fraction = call.int_query("step", 10, 1, 50) / 100.0;
  return json_reply(analysis::to_json(take(analysis::plan_taper(call.app.knowledge, person_data(call), o))));
}

}  // namespace speciosa::server
