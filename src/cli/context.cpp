#include "context.hpp"

#include <cstdio>
#include <cstdlib>

namespace speciosa::cli {

const knowledge::Knowledge* CliContext::knowledge() {
  if (knowledge_) return &*knowledge_;
  const std::filesystem::path dir =
      data_dir.empty() ? knowledge::default_data_dir() : std::filesystem::path(data_dir);
  auto loaded = knowledge::load_knowledge(dir);
  if (!loaded) {
    exit_code = report_error(loaded.error());
    return nullptr;
  }
  knowledge_ = std::move(loaded).value();
  return &*knowledge_;
}

void add_format_options(CLI::App& cmd, FormatOptions& options) {
  cmd.add_flag("--json", options.json, "Print JSON");
  cmd.add_option("--format", options.format, "Output format: table, csv or json");
}

std::optional<OutputFormat> resolve_format(const FormatOptions& options) {
  if (options.json) return OutputFormat::kJson;
  if (options.format == "table") return OutputFormat::kTable;
  if (options.format == "csv") return OutputFormat::kCsv;
  if (options.format == "json") return OutputFormat::kJson;
  report_error(invalid_input("--format", "format", "unknown format '" + options.format + "'",
                             "table, csv, json"));
  return std::nullopt;
}

int report_error(const Error& error) {
  std::fprintf(stderr, "speciosa: %s\n", error.to_string().c_str());
  return error.is_user_error() ? 2 : 1;
}

void warn(const std::string& message) { std::fprintf(stderr, "speciosa: warning: %s\n", message.c_str()); }

}  // namespace speciosa::cli
