// speciosa import FILE [--format json|csv|fhir]: reads what `speciosa export` wrote, in any of
// its formats (recognised by content unless --format says). Entries are matched by uid,
// medications by all their fields and products by name, so importing twice adds nothing.
// A file that names a person (JSON, FHIR) goes to that person, added if new; CSV goes to the
// current person.
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <iterator>

#include "journal_cli.hpp"

namespace speciosa::cli {
namespace {

struct ImportOptions {
  std::string file;
  std::string format;
};

// The person the file belongs to: found by name, or added; the current person if it names none.
Result<journal::Person> target_person(journal::JournalStore& store, const journal::Person& named) {
  if (named.name.empty()) return store.current_person();
  auto people = store.people();
  if (!people) return people.error();
  for (const auto& p : *people) {
    if (p.name == named.name) return p;
  }
  journal::Person added = named;
  auto id = store.add_person(added);
  if (!id) return id.error();
  added.id = *id;
  std::printf("Added %s from the file.\n", added.name.c_str());
  return added;
}

Result<int> import_medications(journal::JournalStore& store, const journal::Person& p,
                               const std::vector<journal::Medication>& meds) {
  auto existing = store.medications(p.id);
  if (!existing) return existing.error();
  int added = 0;
  for (const auto& m : meds) {
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

Result<int> import_products(journal::JournalStore& store, const journal::Person& p,
                            const std::vector<journal::PersonProduct>& products) {
  auto existing = store.products(p.id);
  if (!existing) return existing.error();
  int added = 0;
  for (const auto& pr : products) {
    const bool present = std::any_of(existing->begin(), existing->end(),
                                     [&](const journal::PersonProduct& e) { return e.name == pr.name; });
    if (present) continue;
    auto id = store.add_product(p.id, pr);
    if (!id) return id.error();
    ++added;
  }
  return added;
}

Result<journal::JournalDocument> read_file(const ImportOptions& o) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return invalid_input("import", "file", "cannot read '" + o.file + "'", "a readable file");
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  auto format = o.format.empty() ? journal::detect_format(text)
                                 : journal::exchange_format_from_string(o.format, "--format");
  if (!format) return format.error();
  // Times without an offset (hand-edited CSV) are read as UTC; speciosa always writes offsets.
  return journal::read_document(text, *format, "UTC");
}

int run_import(CliContext& ctx, const ImportOptions& o) {
  auto doc = read_file(o);
  if (!doc) return fail(ctx, doc.error());
  auto store = open_store(ctx);
  if (!store) return ctx.exit_code;
  auto person = target_person(*store, doc->person);
  if (!person) return fail(ctx, person.error());
  // Entries first: they are validated as a whole and written in one transaction.
  auto counts = store->import_entries(person->id, doc->entries);
  if (!counts) return fail(ctx, counts.error());
  auto meds = import_medications(*store, *person, doc->medications);
  if (!meds) return fail(ctx, meds.error());
  auto products = import_products(*store, *person, doc->products);
  if (!products) return fail(ctx, products.error());
  std::printf("Imported into %s: %d entries added, %d already present; %d medications, %d products added.\n",
              person->name.c_str(), counts->added, counts->skipped, *meds, *products);
  return 0;
}

}  // namespace

void add_import_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand("import", "Read a journal written by speciosa export (JSON, CSV or FHIR)");
  cmd->add_option("file", o->file, "The exported file")->required();
  cmd->add_option("--format", o->format, "json, csv or fhir (default: recognised by content)");
  cmd->callback([&ctx, o] { ctx.exit_code = run_import(ctx, *o); });
}

}  // namespace speciosa::cli
