// The safety sections: interactions with current medications, red flags and guardrails, and the
// legal note for the person's jurisdiction.
#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>

#include "sections.hpp"

namespace speciosa::report::detail {
namespace {

std::chrono::year_month_day today(const Context& ctx) {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(ctx.in.generated_at)};
}

// The model's prediction for a typical CYP3A4 / CYP2D6 substrate taken with the last logged dose.
Result<safety::ExposurePrediction> victim_prediction(const Context& ctx) {
  if (ctx.events.empty()) return safety::ExposurePrediction{};
  auto params = sim::pk_params_from(ctx.k, ctx.person().weight_kg.value_or(70));
  if (!params) return params.error();
  auto victim = sim::victim_model_from(ctx.k);
  if (!victim) return victim.error();
  auto ratios = sim::predict_victim_auc_ratios(*params, ctx.events, ctx.events.back().t_h, *victim);
  if (!ratios) return ratios.error();
  return safety::ExposurePrediction{ratios->cyp3a4, ratios->cyp2d6};
}

std::string evidence_text(const std::optional<knowledge::Evidence>& e, const std::vector<std::string>& sources) {
  return fmt::format("{} ({})", e ? knowledge::to_string(*e) : "unknown", fmt::join(sources, ", "));
}

std::vector<std::string> interaction_row(const safety::InteractionAlert& a) {
  std::string what = a.summary.empty() ? "Not recognised: could not be checked. Ask a pharmacist." : a.summary;
  if (a.predicted_auc_ratio) {
    what += fmt::format(" Model: its exposure (AUC) about x{} with this kratom use.", number(*a.predicted_auc_ratio));
  }
  return {a.with, std::string(safety::severity_name(a)), what, a.what_to_do, evidence_text(a.evidence, a.sources)};
}

struct EffectSummary {
  int times = 0;
  int worst = 0;
  journal::Instant last{};
};

void add_side_effects(Context& ctx) {
  std::map<std::string, EffectSummary> effects;
  for (const journal::SideEffect& e : ctx.entries.side_effects) {
    EffectSummary& s = effects[e.symptom];
    ++s.times;
    s.worst = std::max(s.worst, e.severity);
    s.last = std::max(s.last, e.at);
  }
  if (effects.empty()) {
    ctx.add(Paragraph{"No side effects were logged in this period."});
    return;
  }
  static constexpr const char* kSeverity[] = {"none", "mild", "moderate", "severe"};
  Table t{{"Side effect logged", "Times", "Worst", "Last"}, {}, {0.4, 0.15, 0.2, 0.25}};
  for (const auto& [symptom, s] : effects) {
    t.rows.push_back({symptom, std::to_string(s.times), kSeverity[std::clamp(s.worst, 0, 3)],
                      local_date(s.last, ctx.person().tz)});
  }
  ctx.add(t);
}

// Red flags in what the person wrote: side-effect names and check-in notes.
std::vector<safety::RedFlagAlert> logged_red_flags(Context& ctx, const knowledge::Jurisdiction* where) {
  std::vector<safety::RedFlagAlert> found;
  auto check = [&](const std::string& text) {
    for (safety::RedFlagAlert& a : safety::check_red_flags(ctx.safety, text, where)) {
      const bool seen = std::any_of(found.begin(), found.end(), [&](const auto& f) { return f.id == a.id; });
      if (!seen) found.push_back(std::move(a));
    }
  };
  for (const journal::SideEffect& e : ctx.entries.side_effects) check(e.symptom);
  for (const journal::Checkin& c : ctx.entries.checkins) check(c.note);
  return found;
}

const knowledge::Jurisdiction* jurisdiction(const Context& ctx) {
  if (ctx.person().jurisdiction.empty()) return nullptr;
  auto found = safety::find_jurisdiction(ctx.safety, ctx.person().jurisdiction);
  return found ? *found : nullptr;
}

Result<std::vector<safety::GuardrailAlert>> guardrails(const Context& ctx) {
  safety::GuardrailInput input;
  input.now = ctx.in.window.to;
  for (std::size_t i = 0; i < ctx.entries.doses.size(); ++i) {
    input.history.push_back({ctx.entries.doses[i].at, ctx.amounts[i].mitragynine_mg, ctx.amounts[i].hydroxymitragynine_mg});
  }
  input.utc_offset = journal::utc_offset(ctx.in.window.to, ctx.person().tz);
  input.medications = ctx.in.medications;
  input.risk_contexts = ctx.in.risk_contexts;
  return safety::evaluate_guardrails(ctx.safety, input);
}

void add_guidance(Context& ctx) {
  auto alerts = guardrails(ctx);
  if (!alerts) {
    ctx.add(Paragraph{"Dose guidance could not be checked: " + alerts.error().message, true});
    return;
  }
  Bullets list;
  for (const safety::GuardrailAlert& a : *alerts) {
    // Interactions have their own section above; do not repeat them here.
    if (a.id.starts_with("interaction-")) continue;
    ctx.cite(a.sources);
    list.items.push_back(fmt::format("{} ({}): {} {} Evidence: {}.", a.id, knowledge::to_string(a.severity), a.reason,
                                     a.what_to_do, evidence_text(a.evidence, a.sources)));
  }
  if (list.items.empty()) {
    ctx.add(Paragraph{"Dose guidance: the logged use raised none of the dose, frequency or combination alerts."});
    return;
  }
  ctx.add(Paragraph{"Dose guidance from the logged use (the same checks the person sees):"});
  ctx.add(list);
}

// When to get help, from the red flags in the data (emergency tier first).
std::string when_to_get_help(const Context& ctx, const knowledge::Jurisdiction* where) {
  std::vector<std::string> emergency, urgent;
  for (const knowledge::RedFlag& f : ctx.safety.red_flags) {
    (f.tier == knowledge::Tier::kEmergency ? emergency : urgent).push_back(f.name);
  }
  const std::string number = safety::emergency_number(ctx.safety, where);
  return fmt::format("Call {} now for: {}. Get medical care the same day for: {}.",
                     number.empty() ? "the local emergency number" : number, fmt::join(emergency, "; "),
                     fmt::join(urgent, "; "));
}

}  // namespace

Status add_interactions(Context& ctx) {
  ctx.add(Heading{"Interactions with current medications"});
  if (ctx.in.medications.empty()) {
    ctx.add(Paragraph{"No current medications are recorded. Ask about prescription, over-the-counter and "
                      "herbal products, and alcohol."});
    return Ok{};
  }
  auto predicted = victim_prediction(ctx);
  if (!predicted) return predicted.error();
  Table t{{"Medication", "Severity", "What is known", "What to do", "Evidence (sources)"},
          {},
          {0.13, 0.1, 0.34, 0.27, 0.16}};
  for (const safety::InteractionAlert& a : safety::check_interactions(ctx.safety, ctx.in.medications, *predicted)) {
    ctx.cite(a.sources);
    t.rows.push_back(interaction_row(a));
  }
  ctx.add(t);
  return Ok{};
}

void add_red_flags(Context& ctx) {
  ctx.add(Heading{"Red flags, side effects and guidance"});
  const knowledge::Jurisdiction* where = jurisdiction(ctx);
  const auto flags = logged_red_flags(ctx, where);
  if (flags.empty()) {
    ctx.add(Paragraph{"No red-flag symptom was recognised in what was logged in this period."});
  } else {
    Bullets list;
    for (const safety::RedFlagAlert& a : flags) {
      ctx.cite(a.sources);
      list.items.push_back(fmt::format("RED FLAG: {} (logged as \"{}\"). {} {}", a.name, fmt::join(a.matched, ", "),
                                       a.guidance, a.call_now));
    }
    ctx.add(list);
  }
  add_side_effects(ctx);
  add_guidance(ctx);
  ctx.add(Paragraph{when_to_get_help(ctx, where)});
}

void add_legal(Context& ctx) {
  ctx.add(Heading{"Legal note"});
  if (ctx.person().jurisdiction.empty()) {
    ctx.add(Paragraph{"No jurisdiction is recorded for this person."});
    return;
  }
  auto answer = safety::legal_status(ctx.safety, ctx.person().jurisdiction, today(ctx));
  if (!answer) {
    ctx.add(Paragraph{fmt::format("The status in {} is not in speciosa's data.", ctx.person().jurisdiction)});
    return;
  }
  ctx.cite(answer->sources);
  std::string text = fmt::format("{} ({}): kratom {}; 7-OH products {}", answer->name, answer->code,
                                 knowledge::to_string(answer->kratom), knowledge::to_string(answer->hydroxymitragynine));
  if (answer->min_age) text += fmt::format("; minimum age {}", *answer->min_age);
  text += fmt::format(". As of {} ({}).", knowledge::format_date(answer->as_of), fmt::join(answer->sources, ", "));
  if (answer->may_be_out_of_date) text += " This may be out of date.";
  ctx.add(Paragraph{text});
  ctx.add(Paragraph{answer->notice, true});
}

}  // namespace speciosa::report::detail
