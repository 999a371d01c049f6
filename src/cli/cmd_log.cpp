// speciosa log dose|checkin|gad7|withdrawal|effect: one journal entry per call, written in
// one transaction; rejected input writes nothing.
#include <cstdio>
#include <fmt/format.h>

#include "journal_cli.hpp"

namespace speciosa::cli {
namespace {

using journal::Entry;

struct LogOptions {
  std::string at;
  std::string note;
  // dose
  std::string amount;
  std::string product;
  std::string form = "powder";
  // check-in
  std::optional<int> anxiety;
  std::optional<int> mood;
  std::optional<int> energy;
  std::optional<double> sleep_h;
  // gad7 / withdrawal / effect
  std::vector<int> answers;
  std::vector<std::string> items;
  std::string symptom;
  int severity = -1;
};

// Without --product, the product of the person's latest dose.
Result<std::string> last_product(const JournalSession& s) {
  auto past = s.store->entries(s.person.id, journal::TimeRange{});
  if (!past) return past.error();
  if (past->doses.empty()) {
    return invalid_input("--product", "product", "is needed for the first dose",
                         "a product id (see: speciosa knowledge products) or one of your products");
  }
  return past->doses.back().product;
}

// The product must be in the knowledge base or one of the person's own products.
Result<std::string> resolve_product(CliContext& ctx, const JournalSession& s, const std::string& id) {
  auto own = s.store->products(s.person.id);
  if (!own) return own.error();
  std::vector<std::string> names;
  for (const auto& p : *own) names.push_back(p.name);
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return Error{ErrorCode::kDataFile, "log dose", "product", "the knowledge base did not load", {}};
  return knowledge::resolve_product(*k, id, names);
}

int save(CliContext& ctx, JournalSession& s, const Entry& entry) {
  auto id = s.store->add_entry(s.person.id, entry);
  if (!id) return fail(ctx, id.error());
  Entry saved = entry;
  std::visit([&](auto& e) { e.id = *id; }, saved);
  std::printf("Logged %s.\n", describe(saved, s.person.tz).c_str());
  return 0;
}

template <typename E>
Status stamp(const LogOptions& o, const journal::Person& person, E& e) {
  auto at = time_or_now(o.at, person);
  if (!at) return at.error();
  e.at = *at;
  return Ok{};
}

int run_dose(CliContext& ctx, const LogOptions& o) {
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  journal::Dose d;
  d.note = o.note;
  auto form = journal::form_from_string(o.form);
  if (!form) return fail(ctx, form.error());
  d.form = *form;
  if (auto st = journal::set_dose_amount(o.amount, d); !st) return fail(ctx, st.error());
  if (auto st = stamp(o, s->person, d); !st) return fail(ctx, st.error());
  auto product = o.product.empty() ? last_product(*s) : resolve_product(ctx, *s, o.product);
  if (!product) return fail(ctx, product.error());
  d.product = *product;
  return save(ctx, *s, d);
}

int run_checkin(CliContext& ctx, const LogOptions& o) {
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  journal::Checkin c;
  c.anxiety = o.anxiety;
  c.mood = o.mood;
  c.energy = o.energy;
  c.sleep_h = o.sleep_h;
  c.note = o.note;
  if (auto st = stamp(o, s->person, c); !st) return fail(ctx, st.error());
  return save(ctx, *s, c);
}

int run_gad7(CliContext& ctx, const LogOptions& o) {
  if (o.answers.size() != 7) {
    return fail(ctx, invalid_input("log gad7", "answers", fmt::format("{} answers given", o.answers.size()),
                                   "seven answers, each 0-3, in questionnaire order"));
  }
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  journal::Checkin c;
  c.gad7 = std::array<int, 7>{};
  std::copy(o.answers.begin(), o.answers.end(), c.gad7->begin());
  c.anxiety = o.anxiety;
  c.mood = o.mood;
  c.note = o.note;
  if (auto st = stamp(o, s->person, c); !st) return fail(ctx, st.error());
  return save(ctx, *s, c);
}

int run_withdrawal(CliContext& ctx, const LogOptions& o) {
  journal::Checkin c;
  for (const auto& item : o.items) {
    const auto eq = item.find('=');
    int score = -1;
    if (eq != std::string::npos) score = std::atoi(item.c_str() + eq + 1);
    if (eq == std::string::npos || item.find_first_not_of("0123456789", eq + 1) != std::string::npos) {
      return fail(ctx, invalid_input("log withdrawal", "item", fmt::format("'{}' is not SYMPTOM=SCORE", item),
                                     fmt::format("SYMPTOM=0..4 with SYMPTOM one of {}",
                                                 fmt::join(journal::withdrawal_symptoms(), ", "))));
    }
    c.withdrawal[item.substr(0, eq)] = score;
  }
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  c.note = o.note;
  if (auto st = stamp(o, s->person, c); !st) return fail(ctx, st.error());
  return save(ctx, *s, c);
}

int run_effect(CliContext& ctx, const LogOptions& o) {
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  journal::SideEffect e;
  e.symptom = o.symptom;
  e.severity = o.severity;
  if (auto st = stamp(o, s->person, e); !st) return fail(ctx, st.error());
  return save(ctx, *s, e);
}

void add_at(CLI::App* cmd, LogOptions& o) {
  cmd->add_option("--at", o.at, "When, \"YYYY-MM-DD HH:MM\" in your time zone (default: now)");
}

}  // namespace

void add_log_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("log", "Add an entry to the current person's journal");
  cmd->require_subcommand(1);

  auto dose = std::make_shared<LogOptions>();
  CLI::App* d = cmd->add_subcommand("dose", "A dose taken");
  d->add_option("amount", dose->amount, "Amount with unit: 2g, 500mg, 1 tablet")->required();
  d->add_option("--product", dose->product,
                "Knowledge-base product id or one of your products (default: that of your last dose)");
  d->add_option("--form", dose->form, "powder, capsule, tea, extract or tablet (default: powder)");
  d->add_option("--note", dose->note, "Free text");
  add_at(d, *dose);
  d->callback([&ctx, dose] { ctx.exit_code = run_dose(ctx, *dose); });

  auto checkin = std::make_shared<LogOptions>();
  CLI::App* c = cmd->add_subcommand("checkin", "How you feel now");
  c->add_option("--anxiety", checkin->anxiety, "0 (none) to 10 (worst)")->required();
  c->add_option("--mood", checkin->mood, "0 (worst) to 10 (best)")->required();
  c->add_option("--energy", checkin->energy, "0 to 10");
  c->add_option("--sleep", checkin->sleep_h, "Hours slept last night");
  c->add_option("--note", checkin->note, "Free text");
  add_at(c, *checkin);
  c->callback([&ctx, checkin] { ctx.exit_code = run_checkin(ctx, *checkin); });

  auto gad7 = std::make_shared<LogOptions>();
  CLI::App* g = cmd->add_subcommand("gad7", "GAD-7 answers (each 0-3), in questionnaire order");
  g->add_option("answers", gad7->answers, "Seven answers 0-3")->required();
  g->add_option("--anxiety", gad7->anxiety, "Also rate anxiety 0-10");
  g->add_option("--mood", gad7->mood, "Also rate mood 0-10");
  g->add_option("--note", gad7->note, "Free text");
  add_at(g, *gad7);
  g->callback([&ctx, gad7] { ctx.exit_code = run_gad7(ctx, *gad7); });

  auto withdrawal = std::make_shared<LogOptions>();
  CLI::App* w = cmd->add_subcommand("withdrawal", "Withdrawal checklist: SYMPTOM=0..4 ...");
  w->add_option("items", withdrawal->items,
                fmt::format("SYMPTOM=SCORE pairs; symptoms: {}", fmt::join(journal::withdrawal_symptoms(), ", ")))
      ->required();
  w->add_option("--note", withdrawal->note, "Free text");
  add_at(w, *withdrawal);
  w->callback([&ctx, withdrawal] { ctx.exit_code = run_withdrawal(ctx, *withdrawal); });

  auto effect = std::make_shared<LogOptions>();
  CLI::App* e = cmd->add_subcommand("effect", "A side effect");
  e->add_option("symptom", effect->symptom,
                fmt::format("One of {} or your own words", fmt::join(journal::side_effect_symptoms(), ", ")))
      ->required();
  e->add_option("--severity", effect->severity, "0 none, 1 mild, 2 moderate, 3 severe")->required();
  add_at(e, *effect);
  e->callback([&ctx, effect] { ctx.exit_code = run_effect(ctx, *effect); });
}

}  // namespace speciosa::cli
