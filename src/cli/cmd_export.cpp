// speciosa export --format json|csv|fhir: the current person's whole journal. JSON is the
// lossless form; CSV holds the entries, for spreadsheets; FHIR R4 is for clinics. `speciosa
// import` reads all three back (journal_formats.hpp).
#include <cstdio>

#include "journal_cli.hpp"

namespace speciosa::cli {
namespace {

struct ExportOptions {
  std::string format = "json";
};

int run_export(CliContext& ctx, const ExportOptions& o) {
  auto format = journal::exchange_format_from_string(o.format, "--format");
  if (!format) return fail(ctx, format.error());
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  journal::JournalDocument doc{s->person, {}, {}, {}};
  auto entries = s->store->entries(doc.person.id, journal::TimeRange{});
  if (!entries) return fail(ctx, entries.error());
  auto meds = s->store->medications(doc.person.id);
  if (!meds) return fail(ctx, meds.error());
  auto products = s->store->products(doc.person.id);
  if (!products) return fail(ctx, products.error());
  doc.entries = std::move(*entries);
  doc.medications = std::move(*meds);
  doc.products = std::move(*products);
  std::fputs(journal::write_document(doc, *format).c_str(), stdout);
  return 0;
}

}  // namespace

void add_export_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "Write the current person's whole journal to stdout");
  cmd->add_option("--format", o->format, "json (lossless), csv (entries only), or fhir (FHIR R4 Bundle)");
  cmd->callback([&ctx, o] { ctx.exit_code = run_export(ctx, *o); });
}

}  // namespace speciosa::cli
