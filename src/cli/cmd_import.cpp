// speciosa import FILE: reads what `speciosa export --format json` wrote. Entries are matched by
// uid, medications by all their fields and products by name, so importing twice adds nothing.
#include <cstdio>
#include <fmt/format.h>
#include <fstream>

#include "journal_cli.hpp"

namespace speciosa::cli {
namespace {

using nlohmann::json;

struct ImportOptions {
  std::string file;
};

Error bad(const std::string& field, const std::string& why) {
  return invalid_input("import", field, why, "a file written by speciosa export --format json");
}

template <typename T>
std::optional<T> get_opt(const json& obj, const char* key) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

Result<journal::Person> person_from(const json& j) {
  journal::Person p;
  p.name = j.value("name", "");
  p.weight_kg = get_opt<double>(j, "weight_kg");
  p.birth_year = get_opt<int>(j, "birth_year");
  p.tz = j.value("tz", "UTC");
  p.jurisdiction = j.value("jurisdiction", "");
  auto sex = journal::sex_from_string(j.value("sex", "unspecified"));
  if (!sex) return sex.error();
  p.sex = *sex;
  for (const auto& r : j.value("risks", json::array())) {
    auto risk = journal::risk_from_string(r.get<std::string>());
    if (!risk) return risk.error();
    p.risks.push_back(*risk);
  }
  return p;
}

// The person the file belongs to: found by name, or added; the current person if it names none.
Result<journal::Person> target_person(journal::JournalStore& store, const json& doc) {
  if (!doc.contains("person")) return store.current_person();
  auto wanted = person_from(doc.at("person"));
  if (!wanted) return wanted.error();
  auto people = store.people();
  if (!people) return people.error();
  for (const auto& p : *people) {
    if (p.name == wanted->name) return p;
  }
  auto id = store.add_person(*wanted);
  if (!id) return id.error();
  wanted->id = *id;
  std::printf("Added %s from the file.\n", wanted->name.c_str());
  return *wanted;
}

Result<int> import_medications(journal::JournalStore& store, const journal::Person& p, const json& list) {
  auto existing = store.medications(p.id);
  if (!existing) return existing.error();
  int added = 0;
  for (const auto& j : list) {
    journal::Medication m;
    m.name = j.value("name", "");
    m.dose_text = j.value("dose", "");
    for (auto [key, field] : {std::pair{"start", &m.start}, std::pair{"stop", &m.stop}}) {
      if (auto text = get_opt<std::string>(j, key)) {
        auto d = journal::parse_date(*text, std::string("medications.") + key);
        if (!d) return d.error();
        *field = *d;
      }
    }
    const bool present = std::any_of(existing->begin(), existing->end(), [&](const journal::Medication& e) {
      return e.name == m.name && e.dose_text == m.dose_text && e.start == m.start && e.stop == m.stop;
    });
    if (present) continue;
    auto id = store.add_medication(p.id, m);
    if (!id) return id.error();
    ++added;
  }
  return added;
}

Result<int> import_products(journal::JournalStore& store, const journal::Person& p, const json& list) {
  auto existing = store.products(p.id);
  if (!existing) return existing.error();
  int added = 0;
  for (const auto& j : list) {
    journal::PersonProduct pr{0, j.value("name", ""), j.value("kb", ""), get_opt<double>(j, "mg_percent"),
                              get_opt<double>(j, "oh_percent")};
    const bool present = std::any_of(existing->begin(), existing->end(),
                                     [&](const journal::PersonProduct& e) { return e.name == pr.name; });
    if (present) continue;
    auto id = store.add_product(p.id, pr);
    if (!id) return id.error();
    ++added;
  }
  return added;
}

int run_import(CliContext& ctx, const ImportOptions& o) {
  std::ifstream in(o.file);
  if (!in) return fail(ctx, invalid_input("import", "file", "cannot read '" + o.file + "'", "a readable file"));
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::exception& e) {
    return fail(ctx, bad("file", fmt::format("'{}' is not valid JSON: {}", o.file, e.what())));
  }
  if (!doc.is_object() || doc.value("format", "") != "speciosa-journal") {
    return fail(ctx, bad("format", fmt::format("'{}' is not a speciosa journal export", o.file)));
  }
  auto store = open_store(ctx);
  if (!store) return ctx.exit_code;
  try {
    auto person = target_person(*store, doc);
    if (!person) return fail(ctx, person.error());
    // Entries first: they are validated as a whole and written in one transaction.
    auto entries = entries_from_json(doc, person->tz);
    if (!entries) return fail(ctx, entries.error());
    auto counts = store->import_entries(person->id, *entries);
    if (!counts) return fail(ctx, counts.error());
    auto meds = import_medications(*store, *person, doc.value("medications", json::array()));
    if (!meds) return fail(ctx, meds.error());
    auto products = import_products(*store, *person, doc.value("products", json::array()));
    if (!products) return fail(ctx, products.error());
    std::printf("Imported into %s: %d entries added, %d already present; %d medications, %d products added.\n",
                person->name.c_str(), counts->added, counts->skipped, *meds, *products);
  } catch (const json::exception& e) {
    return fail(ctx, bad("file", fmt::format("unexpected content: {}", e.what())));
  }
  return 0;
}

}  // namespace

void add_import_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand("import", "Read a journal written by speciosa export --format json");
  cmd->add_option("file", o->file, "The JSON file")->required();
  cmd->callback([&ctx, o] { ctx.exit_code = run_import(ctx, *o); });
}

}  // namespace speciosa::cli
