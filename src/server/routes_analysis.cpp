// What the journal shows, with the model underneath: interactions with the person's
// medications, mood stability, insight (rebound, escalation) and a taper plan. The JSON is the
// analysis and safety modules' own (the same as the CLI's --json).
#include <algorithm>
#include <fmt/format.h>

#include "api.hpp"
#include "speciosa/analysis.hpp"
#include "speciosa/analysis_simulation.hpp"
#include "speciosa/journal_formats.hpp"
#include "speciosa/safety_journal.hpp"
#include "speciosa/safety_json.hpp"

namespace speciosa::server {

std::vector<std::string> medications_now(Call& call, const journal::Person& person) {
  return safety::current_medications(take(call.store().medications(person.id)), now());
}

analysis::PersonData person_data(Call& call, journal::TimeRange range) {
  analysis::PersonData data;
  data.person = call.person();
  data.entries = take(call.store().entries(data.person.id, range));
  data.products = take(call.store().products(data.person.id));
  const auto comed =
      take(safety::comedication_effect(call.app.knowledge, call.app.safety, medications_now(call, data.person)));
  data.comed_cyp3a_activity = comed.cyp3a_activity;
  data.comedication_note = comed.note;
  return data;
}

namespace {

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

// A simulated regimen is capped so that one request cannot hold a request thread for long:
// a year of doses, and at most this many time points in the answer.
constexpr double kMaxSimulatedHours = 24 * 365;
constexpr double kMaxRows = 20'000;
constexpr double kWeekH = 168;

// "hours" and "step" in the body are numbers of hours; the simulation reads them as text like
// the CLI options.
std::string hours_text(const Fields& body, const char* key, double lo, double hi, const std::string& fallback) {
  const auto value = body.opt_number(key);
  if (!value) return fallback;
  if (!(*value > lo && *value <= hi)) {
    reject(422, key, fmt::format("{:g} h is out of range", *value), fmt::format("hours above {:g}, at most {:g}", lo, hi));
  }
  return fmt::format("{:g}", *value);
}

analysis::RunRequest run_request(const Fields& body) {
  analysis::RunRequest q;
  q.regimen.dose = body.text("dose");
  q.regimen.as = body.opt_text("as").value_or("leaf");
  q.regimen.product = body.opt_text("product").value_or("");
  q.regimen.mg_content = body.opt_text("mg_content").value_or("");
  q.regimen.oh_content = body.opt_text("oh_content").value_or("");
  q.regimen.every = body.opt_text("every").value_or("");
  q.regimen.at = body.opt_text("at").value_or("");
  q.regimen.count = body.opt_int("count").value_or(0);
  if (q.regimen.count < 0 || q.regimen.count > 1000) {
    reject(422, "count", fmt::format("{} doses", q.regimen.count), "a count from 1 to 1000");
  }
  q.hours = hours_text(body, "hours", 0, kMaxSimulatedHours, "");
  q.step = hours_text(body, "step", 0, 24, q.step);
  q.weight_kg = body.opt_number("weight").value_or(q.weight_kg);
  return q;
}

// Rejects, before simulating, a regimen whose time series would exceed the caps. The span is
// bounded from above: "hours" when given, else the longest default of run_simulation (the
// last dose + 72 h, or a week).
void check_size(const Call& call, const analysis::RunRequest& q) {
  const auto regimen = take(analysis::build_regimen(q.regimen, call.app.knowledge, kWeekH));
  const double span_h = q.hours.empty() ? std::max(regimen.dose_times_h.back() + 72, kWeekH) : std::stod(q.hours);
  const double points = span_h / std::stod(q.step);
  if (span_h > kMaxSimulatedHours || points > kMaxRows) {
    reject(422, q.hours.empty() ? "count" : "step", fmt::format("{:g} h at {} h steps is too long to send", span_h, q.step),
           fmt::format("at most {:g} h and {} time points (fewer doses, or a larger step)", kMaxSimulatedHours, kMaxRows));
  }
}

}  // namespace

Reply post_simulate(Call& call) {
  const Fields body(call.req.body, {"dose", "as", "product", "mg_content", "oh_content", "every", "count", "at",
                                    "hours", "step", "weight", "with"});
  analysis::RunRequest q = run_request(body);
  check_size(call, q);
  const auto comed = take(safety::comedication_effect(call.app.knowledge, call.app.safety, body.texts("with")));
  q.comed_cyp3a_activity = comed.cyp3a_activity;
  q.comedication_note = comed.note;
  const auto run = take(analysis::run_simulation(call.app.knowledge, q));
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t i = 0; i < run.series.t_h.size(); ++i) rows.push_back(analysis::simulation_row(run, i));
  std::vector<std::string> warnings = run.regimen.warnings;
  warnings.insert(warnings.end(), comed.warnings.begin(), comed.warnings.end());
  return json_reply({{"columns", analysis::simulation_columns()},
                     {"rows", rows},
                     {"doses_h", run.regimen.dose_times_h},
                     {"warnings", warnings},
                     {"evidence", run.evidence_note},
                     {"mechanism_disclaimer", analysis::kMechanismDisclaimer},
                     {"disclaimer", analysis::kModelDisclaimer}});
}

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
  auto converted = analysis::convert_dose(
      call.app.knowledge, analysis::DoseSpec{body.text("amount"), body.opt_text("as").value_or("leaf"),
                                             body.opt_text("product").value_or(""),
                                             body.opt_text("mg_content").value_or(""), ""});
  // The shared dose parser speaks of the CLI's --dose; this request calls it "amount".
  if (!converted && converted.error().field == "--dose") {
    Error e = converted.error();
    e.field = "amount";
    e.accepted = "an amount with a unit, e.g. 2g, 25mg with \"as\":\"mitragynine\", 1tablet";
    reject(e);
  }
  const auto planned = take(std::move(converted));
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
