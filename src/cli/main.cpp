// speciosa command-line entry point: parses global options, dispatches to one command,
// maps failures to exit codes (0 ok, 1 internal failure, 2 input rejected).
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "context.hpp"

int main(int argc, char** argv) {
  using speciosa::cli::CliContext;
  CLI::App app{
      "speciosa: a harm-reduction and research tool about kratom. Not medical advice."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "speciosa 0.1.0");
  CliContext ctx;
  app.add_option("--db", ctx.db_url,
                 "Journal database: a SQLite path or postgresql://... (default: $SPECIOSA_DB, "
                 "else the SQLite file in the user's data directory)");
  app.add_option("--data", ctx.data_dir, "Knowledge-base directory (default: $SPECIOSA_DATA)");

  speciosa::cli::add_simulate_command(app, ctx);
  speciosa::cli::add_fit_command(app, ctx);
  speciosa::cli::add_knowledge_command(app, ctx);
  speciosa::cli::add_demo_command(app, ctx);
  speciosa::cli::add_person_command(app, ctx);
  speciosa::cli::add_log_command(app, ctx);
  speciosa::cli::add_meds_command(app, ctx);
  speciosa::cli::add_product_command(app, ctx);
  speciosa::cli::add_history_command(app, ctx);
  speciosa::cli::add_edit_command(app, ctx);
  speciosa::cli::add_delete_command(app, ctx);
  speciosa::cli::add_export_command(app, ctx);
  speciosa::cli::add_import_command(app, ctx);
  speciosa::cli::add_interactions_command(app, ctx);
  speciosa::cli::add_legal_command(app, ctx);
  speciosa::cli::add_check_command(app, ctx);
  speciosa::cli::add_redflag_command(app, ctx);
  speciosa::cli::add_population_command(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints help/version with exit code 0; everything else is the user's input.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "speciosa: internal error: %s\n", e.what());
    return 1;
  }
  return ctx.exit_code;
}
