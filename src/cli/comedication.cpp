#include "comedication.hpp"

#include "safety_output.hpp"

namespace speciosa::cli {

std::optional<Comedication> comedication_from(CliContext& ctx, const std::vector<std::string>& names) {
  if (names.empty()) return Comedication{};
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return std::nullopt;
  auto data = load_safety_data(ctx);
  if (!data) return std::nullopt;
  auto effect = safety::comedication_effect(*k, *data, names);
  if (!effect) {
    ctx.exit_code = report_error(effect.error());
    return std::nullopt;
  }
  return std::move(*effect);
}

}  // namespace speciosa::cli
