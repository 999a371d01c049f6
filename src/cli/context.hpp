// Shared state of one CLI invocation: global options, the knowledge base (loaded lazily,
// once), output format, and the mapping from Error to exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "speciosa/common.hpp"
#include "speciosa/knowledge.hpp"

namespace speciosa::cli {

/// Output format every data-printing command honours (--json, --format csv|table|json).
enum class OutputFormat { kTable, kCsv, kJson };

struct CliContext {
  std::string db_url;        ///< --db, else SPECIOSA_DB, else the default SQLite file
  std::string data_dir;      ///< --data, else knowledge::default_data_dir()
  int exit_code = 0;         ///< set by the command that ran

  /// Loads data/ on first use. On failure prints the error and returns nullptr.
  const knowledge::Knowledge* knowledge();

 private:
  std::optional<knowledge::Knowledge> knowledge_;
};

/// Adds --json and --format to a command; call resolve_format() in its callback.
struct FormatOptions {
  bool json = false;
  std::string format = "table";
};
void add_format_options(CLI::App& cmd, FormatOptions& options);
/// Resolves --json/--format; prints an error and returns nullopt for an unknown format.
std::optional<OutputFormat> resolve_format(const FormatOptions& options);

/// Prints "speciosa: <error>" to stderr and returns the exit code (2 for user errors, else 1).
int report_error(const Error& error);
/// Prints a warning line to stderr.
void warn(const std::string& message);

// One function per command, each in src/cli/cmd_<verb>.cpp.
void add_simulate_command(CLI::App& app, CliContext& ctx);
void add_fit_command(CLI::App& app, CliContext& ctx);
void add_knowledge_command(CLI::App& app, CliContext& ctx);
void add_demo_command(CLI::App& app, CliContext& ctx);
void add_person_command(CLI::App& app, CliContext& ctx);
void add_log_command(CLI::App& app, CliContext& ctx);
void add_meds_command(CLI::App& app, CliContext& ctx);
void add_product_command(CLI::App& app, CliContext& ctx);
void add_history_command(CLI::App& app, CliContext& ctx);
void add_edit_command(CLI::App& app, CliContext& ctx);
void add_delete_command(CLI::App& app, CliContext& ctx);
void add_export_command(CLI::App& app, CliContext& ctx);
void add_import_command(CLI::App& app, CliContext& ctx);
void add_interactions_command(CLI::App& app, CliContext& ctx);
void add_legal_command(CLI::App& app, CliContext& ctx);
void add_check_command(CLI::App& app, CliContext& ctx);
void add_redflag_command(CLI::App& app, CliContext& ctx);
void add_population_command(CLI::App& app, CliContext& ctx);

}  // namespace speciosa::cli
