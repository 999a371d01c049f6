// speciosa edit ID: change fields of one entry of the current person. Options that do not
// belong to the entry's kind are rejected rather than ignored.
#include <cstdio>
#include <fmt/format.h>

#include "journal_cli.hpp"

namespace speciosa::cli {
namespace {

struct EditOptions {
  journal::EntryId id = 0;
  std::string at;
  std::string note;
  std::optional<double> amount;
  std::string unit;
  std::string product;
  std::string form;
  std::optional<int> anxiety;
  std::optional<int> mood;
  std::optional<int> energy;
  std::optional<double> sleep_h;
  std::string symptom;
  std::optional<int> severity;
};

Error not_for(std::string_view option, std::string_view kind) {
  return invalid_input(std::string(option), "",
                       fmt::format("does not apply to a {}", kind),
                       "for doses --amount --unit --product --form --note; for check-ins --anxiety "
                       "--mood --energy --sleep --note; for side effects --symptom --severity; --at for all");
}

Status edit_dose(const EditOptions& o, journal::Dose& d) {
  if (o.anxiety || o.mood || o.energy || o.sleep_h) return not_for("--anxiety/--mood/--energy/--sleep", "dose");
  if (!o.symptom.empty() || o.severity) return not_for("--symptom/--severity", "dose");
  if (o.amount) d.amount = *o.amount;
  if (!o.unit.empty()) d.unit = o.unit;
  if (!o.product.empty()) d.product = o.product;
  if (!o.note.empty()) d.note = o.note;
  if (!o.form.empty()) {
    auto f = journal::form_from_string(o.form);
    if (!f) return f.error();
    d.form = *f;
  }
  return Ok{};
}

Status edit_checkin(const EditOptions& o, journal::Checkin& c) {
  if (o.amount || !o.unit.empty() || !o.product.empty() || !o.form.empty()) {
    return not_for("--amount/--unit/--product/--form", "check-in");
  }
  if (!o.symptom.empty() || o.severity) return not_for("--symptom/--severity", "check-in");
  if (o.anxiety) c.anxiety = o.anxiety;
  if (o.mood) c.mood = o.mood;
  if (o.energy) c.energy = o.energy;
  if (o.sleep_h) c.sleep_h = o.sleep_h;
  if (!o.note.empty()) c.note = o.note;
  return Ok{};
}

Status edit_effect(const EditOptions& o, journal::SideEffect& e) {
  if (o.amount || !o.unit.empty() || !o.product.empty() || !o.form.empty()) {
    return not_for("--amount/--unit/--product/--form", "side effect");
  }
  if (o.anxiety || o.mood || o.energy || o.sleep_h || !o.note.empty()) {
    return not_for("--anxiety/--mood/--energy/--sleep/--note", "side effect");
  }
  if (!o.symptom.empty()) e.symptom = o.symptom;
  if (o.severity) e.severity = *o.severity;
  return Ok{};
}

int run_edit(CliContext& ctx, const EditOptions& o) {
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  auto entry = s->store->entry(s->person.id, o.id);
  if (!entry) return fail(ctx, entry.error());
  journal::Entry changed = *entry;
  Status st = std::visit(
      [&](auto& e) -> Status {
        if (!o.at.empty()) {
          auto at = journal::parse_time(o.at, s->person.tz, "--at");
          if (!at) return at.error();
          e.at = *at;
        }
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, journal::Dose>) return edit_dose(o, e);
        if constexpr (std::is_same_v<T, journal::Checkin>) return edit_checkin(o, e);
        if constexpr (std::is_same_v<T, journal::SideEffect>) return edit_effect(o, e);
      },
      changed);
  if (!st) return fail(ctx, st.error());
  if (auto u = s->store->update_entry(s->person.id, changed); !u) return fail(ctx, u.error());
  std::printf("Updated %s.\n", describe(changed, s->person.tz).c_str());
  return 0;
}

}  // namespace

void add_edit_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<EditOptions>();
  CLI::App* cmd = app.add_subcommand("edit", "Change an entry (ids are shown by speciosa history)");
  cmd->add_option("id", o->id, "Entry id")->required();
  cmd->add_option("--at", o->at, "New time, \"YYYY-MM-DD HH:MM\" in your time zone");
  cmd->add_option("--note", o->note, "New note");
  cmd->add_option("--amount", o->amount, "Dose: new amount (number, in --unit or the old unit)");
  cmd->add_option("--unit", o->unit, "Dose: g, mg, ug or serving");
  cmd->add_option("--product", o->product, "Dose: product");
  cmd->add_option("--form", o->form, "Dose: powder, capsule, tea, extract or tablet");
  cmd->add_option("--anxiety", o->anxiety, "Check-in: anxiety 0-10");
  cmd->add_option("--mood", o->mood, "Check-in: mood 0-10");
  cmd->add_option("--energy", o->energy, "Check-in: energy 0-10");
  cmd->add_option("--sleep", o->sleep_h, "Check-in: hours slept");
  cmd->add_option("--symptom", o->symptom, "Side effect: symptom");
  cmd->add_option("--severity", o->severity, "Side effect: severity 0-3");
  cmd->callback([&ctx, o] { ctx.exit_code = run_edit(ctx, *o); });
}

}  // namespace speciosa::cli
