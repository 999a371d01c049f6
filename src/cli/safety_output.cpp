#include "safety_output.hpp"

namespace speciosa::cli {

std::optional<knowledge::SafetyData> load_safety_data(CliContext& ctx) {
  const std::filesystem::path dir =
      ctx.data_dir.empty() ? knowledge::default_data_dir() : std::filesystem::path(ctx.data_dir);
  auto loaded = knowledge::load_safety_data(dir);
  if (!loaded) {
    ctx.exit_code = report_error(loaded.error());
    return std::nullopt;
  }
  return std::move(loaded).value();
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

}  // namespace speciosa::cli
