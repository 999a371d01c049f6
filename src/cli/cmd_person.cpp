// speciosa person add|use|show|edit|list|delete: who the journal is about. The newest person is
// the current one until `person use NAME` picks another.
#include <cstdio>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "journal_cli.hpp"
#include "speciosa/journal_formats.hpp"
#include "journal_safety.hpp"
#include "safety_output.hpp"

namespace speciosa::cli {
namespace {

using journal::Person;

struct PersonOptions {
  std::string name;
  std::optional<double> weight_kg;
  std::string sex;
  std::optional<int> birth_year;
  std::string tz;
  std::string jurisdiction;
  std::vector<std::string> risks;
  bool clear_risks = false;
  FormatOptions format;
};

void add_person_fields(CLI::App* cmd, PersonOptions& o) {
  cmd->add_option("--weight", o.weight_kg, "Body weight in kg");
  cmd->add_option("--sex", o.sex, "female, male, intersex or unspecified");
  cmd->add_option("--birth-year", o.birth_year, "Year of birth");
  cmd->add_option("--tz", o.tz, "IANA time zone, e.g. America/New_York (default: this system's)");
  cmd->add_option("--jurisdiction", o.jurisdiction, "Where you live: ISO 3166 code like TH or US-AL");
  cmd->add_option("--risk", o.risks,
                  "A situation that changes what is safe (repeatable): pregnancy-or-breastfeeding, "
                  "liver-disease, opioid-use-disorder, seizure-disorder, heart-rhythm");
}

// Applies the options that were given on top of `p`.
Status apply(const PersonOptions& o, Person& p) {
  if (!o.name.empty()) p.name = o.name;
  if (o.weight_kg) p.weight_kg = o.weight_kg;
  if (o.birth_year) p.birth_year = o.birth_year;
  if (!o.tz.empty()) p.tz = o.tz;
  if (!o.jurisdiction.empty()) p.jurisdiction = o.jurisdiction;
  if (!o.sex.empty()) {
    auto sex = journal::sex_from_string(o.sex);
    if (!sex) return sex.error();
    p.sex = *sex;
  }
  if (o.clear_risks) p.risks.clear();
  for (const auto& text : o.risks) {
    auto risk = journal::risk_from_string(text);
    if (!risk) return risk.error();
    if (std::find(p.risks.begin(), p.risks.end(), *risk) == p.risks.end()) p.risks.push_back(*risk);
  }
  return Ok{};
}

nlohmann::json person_json(const Person& p) {
  nlohmann::json j = journal::person_to_json(p);
  j["id"] = p.id;
  return j;
}

int run_add(CliContext& ctx, const PersonOptions& o) {
  Person p;
  p.tz = journal::system_time_zone();
  if (auto s = apply(o, p); !s) return fail(ctx, s.error());
  auto store = open_store(ctx);
  if (!store) return ctx.exit_code;
  auto id = store->add_person(p);
  if (!id) return fail(ctx, id.error());
  std::printf("Added %s (id %lld, time zone %s); they are now the current person.\n", p.name.c_str(),
              static_cast<long long>(*id), p.tz.c_str());
  return 0;
}

// The person called `name`; the error names the command and suggests near names.
Result<Person> find_by_name(journal::JournalStore& store, const std::string& name,
                            std::string_view command) {
  auto people = store.people();
  if (!people) return people.error();
  std::vector<std::string> names;
  for (const auto& p : *people) {
    if (p.name == name) return p;
    names.push_back(p.name);
  }
  const auto near = check::closest(name, names);
  return Error{ErrorCode::kNotFound, std::string(command), "name",
               fmt::format("no person named '{}'", name),
               near.empty() ? "add one with: speciosa person add NAME"
                            : fmt::format("{}", fmt::join(near, ", "))};
}

int run_use(CliContext& ctx, const std::string& name) {
  auto store = open_store(ctx);
  if (!store) return ctx.exit_code;
  auto p = find_by_name(*store, name, "person use");
  if (!p) return fail(ctx, p.error());
  if (auto s = store->set_current_person(p->id); !s) return fail(ctx, s.error());
  std::printf("Now using %s.\n", p->name.c_str());
  return 0;
}

struct DeletePersonOptions {
  std::string name;
  bool yes = false;
};

// Data rights: everything stored about the person goes, after asking (or with --yes).
int run_delete_person(CliContext& ctx, const DeletePersonOptions& o) {
  auto store = open_store(ctx);
  if (!store) return ctx.exit_code;
  auto p = find_by_name(*store, o.name, "person delete");
  if (!p) return fail(ctx, p.error());
  auto confirmed = confirm_deletion(
      "person delete", o.yes,
      "Delete " + p->name + " and everything logged for them? This cannot be undone.");
  if (!confirmed) return fail(ctx, confirmed.error());
  if (!*confirmed) return 0;
  if (auto s = store->remove_person(p->id); !s) return fail(ctx, s.error());
  std::printf("Deleted %s and everything stored about them.\n", p->name.c_str());
  return 0;
}

int run_show(CliContext& ctx, const FormatOptions& f) {
  auto format = resolve_format(f);
  if (!format) return 2;
  auto session = open_session(ctx);
  if (!session) return ctx.exit_code;
  const Person& p = session->person;
  auto j = person_json(p);
  // The person's jurisdiction drives a legal notice (data/jurisdictions.toml).
  auto data = load_safety_data(ctx);
  if (!data) return ctx.exit_code;
  const std::string notice =
      legal_notice(*data, p, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  if (!notice.empty()) j["legal_notice"] = notice;
  if (*format == OutputFormat::kJson) {
    std::printf("%s\n", j.dump(2).c_str());
  } else if (*format == OutputFormat::kCsv) {
    std::printf("id,name,weight_kg,sex,birth_year,tz,jurisdiction,risks\n");
    std::vector<std::string> risks;
    for (auto r : p.risks) risks.emplace_back(journal::to_string(r));
    std::printf("%lld,%s,%s,%s,%s,%s,%s,%s\n", static_cast<long long>(p.id), csv_field(p.name).c_str(),
                p.weight_kg ? fmt::format("{}", *p.weight_kg).c_str() : "", std::string(journal::to_string(p.sex)).c_str(),
                p.birth_year ? std::to_string(*p.birth_year).c_str() : "", p.tz.c_str(), p.jurisdiction.c_str(),
                fmt::format("{}", fmt::join(risks, ";")).c_str());
  } else {
    for (const auto& [key, value] : j.items()) std::printf("%-13s %s\n", key.c_str(), value.dump().c_str());
  }
  return 0;
}

int run_edit(CliContext& ctx, const PersonOptions& o) {
  auto session = open_session(ctx);
  if (!session) return ctx.exit_code;
  Person p = session->person;
  if (auto s = apply(o, p); !s) return fail(ctx, s.error());
  if (auto s = session->store->update_person(p); !s) return fail(ctx, s.error());
  std::printf("Updated %s.\n", p.name.c_str());
  return 0;
}

int run_list(CliContext& ctx, const FormatOptions& f) {
  auto format = resolve_format(f);
  if (!format) return 2;
  auto store = open_store(ctx);
  if (!store) return ctx.exit_code;
  auto people = store->people();
  if (!people) return fail(ctx, people.error());
  auto current = store->current_person();
  const journal::PersonId current_id = current ? current->id : 0;
  if (*format == OutputFormat::kJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : *people) {
      auto j = person_json(p);
      j["current"] = p.id == current_id;
      out.push_back(j);
    }
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  if (*format == OutputFormat::kCsv) std::printf("id,name,tz,current\n");
  for (const auto& p : *people) {
    const bool is_current = p.id == current_id;
    if (*format == OutputFormat::kCsv) {
      std::printf("%lld,%s,%s,%s\n", static_cast<long long>(p.id), csv_field(p.name).c_str(), p.tz.c_str(),
                  is_current ? "true" : "false");
    } else {
      std::printf("%s %-20s %s\n", is_current ? "*" : " ", p.name.c_str(), p.tz.c_str());
    }
  }
  return 0;
}

}  // namespace

void add_person_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("person", "Who the journal is about");
  cmd->require_subcommand(1);

  auto add = std::make_shared<PersonOptions>();
  CLI::App* add_cmd = cmd->add_subcommand("add", "Add a person; they become the current one");
  add_cmd->add_option("name", add->name, "Name or nickname (unique in this journal)")->required();
  add_person_fields(add_cmd, *add);
  add_cmd->callback([&ctx, add] { ctx.exit_code = run_add(ctx, *add); });

  auto use_name = std::make_shared<std::string>();
  CLI::App* use = cmd->add_subcommand("use", "Make another person the current one");
  use->add_option("name", *use_name, "Their name")->required();
  use->callback([&ctx, use_name] { ctx.exit_code = run_use(ctx, *use_name); });

  auto show = std::make_shared<FormatOptions>();
  CLI::App* show_cmd = cmd->add_subcommand("show", "Show the current person");
  add_format_options(*show_cmd, *show);
  show_cmd->callback([&ctx, show] { ctx.exit_code = run_show(ctx, *show); });

  auto edit = std::make_shared<PersonOptions>();
  CLI::App* edit_cmd = cmd->add_subcommand("edit", "Change the current person's details");
  edit_cmd->add_option("--name", edit->name, "New name");
  add_person_fields(edit_cmd, *edit);
  edit_cmd->add_flag("--clear-risks", edit->clear_risks, "Remove all risk situations first");
  edit_cmd->callback([&ctx, edit] { ctx.exit_code = run_edit(ctx, *edit); });

  auto del = std::make_shared<DeletePersonOptions>();
  CLI::App* del_cmd = cmd->add_subcommand(
      "delete", "Delete a person and everything stored about them (asks first unless --yes)");
  del_cmd->add_option("name", del->name, "Their name")->required();
  del_cmd->add_flag("--yes", del->yes, "Do not ask");
  del_cmd->callback([&ctx, del] { ctx.exit_code = run_delete_person(ctx, *del); });

  auto list = std::make_shared<FormatOptions>();
  CLI::App* list_cmd = cmd->add_subcommand("list", "Everyone in this journal (* = current)");
  add_format_options(*list_cmd, *list);
  list_cmd->callback([&ctx, list] { ctx.exit_code = run_list(ctx, *list); });
}

}  // namespace speciosa::cli
