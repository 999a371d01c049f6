// speciosa knowledge: validate data/ and list what it holds, with sources and evidence.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "context.hpp"
#include "speciosa/knowledge_json.hpp"

namespace speciosa::cli {
namespace {

int run_check(CliContext& ctx) {
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return ctx.exit_code;
  std::printf("%s: %zu sources, %zu compounds, %zu products, %zu parameters; all valid.\n",
              k->dir.c_str(), k->sources.size(), k->compounds.size(), k->products.size(),
              k->parameters.size());
  return 0;
}

// The format and the knowledge base every listing needs; nullopt once an error is printed.
struct Listing {
  OutputFormat format;
  const knowledge::Knowledge* k;
};
std::optional<Listing> prepare(CliContext& ctx, const FormatOptions& f) {
  auto format = resolve_format(f);
  if (!format) {
    ctx.exit_code = 2;
    return std::nullopt;
  }
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return std::nullopt;
  return Listing{*format, k};
}

int run_products(CliContext& ctx, const FormatOptions& f) {
  const auto listing = prepare(ctx, f);
  if (!listing) return ctx.exit_code;
  const auto [format, k] = *listing;
  if (format == OutputFormat::kJson) {
    const nlohmann::json out = knowledge::products_to_json(*k);
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  const bool csv = format == OutputFormat::kCsv;
  std::printf(csv ? "id,kind,mg_percent,mg_low,mg_high,oh_percent,source,evidence\n"
                  : "%-22s %-16s %8s %15s %8s  %s\n",
              "id", "kind", "MG %", "range", "7-OH %", "source (evidence)");
  for (const auto& p : k->products) {
    const auto& mg = p.mg_fraction;
    if (csv) {
      std::printf("%s,%s,%g,%g,%g,%g,%s,%s\n", p.id.c_str(), std::string(knowledge::to_string(p.kind)).c_str(),
                  mg.typical * 100, mg.low * 100, mg.high * 100, p.oh_fraction.typical * 100,
                  mg.provenance.source.c_str(), std::string(knowledge::to_string(mg.provenance.evidence)).c_str());
    } else {
      std::printf("%-22s %-16s %8.2f %6.2f-%-8.2f %8.3f  %s (%s)\n", p.id.c_str(),
                  std::string(knowledge::to_string(p.kind)).c_str(), mg.typical * 100, mg.low * 100,
                  mg.high * 100, p.oh_fraction.typical * 100, mg.provenance.source.c_str(),
                  std::string(knowledge::to_string(mg.provenance.evidence)).c_str());
    }
  }
  return 0;
}

int run_parameters(CliContext& ctx, const FormatOptions& f) {
  const auto listing = prepare(ctx, f);
  if (!listing) return ctx.exit_code;
  const auto [format, k] = *listing;
  if (format == OutputFormat::kJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : k->parameters) {
      out.push_back({{"id", p.id}, {"name", p.name}, {"value", p.value}, {"unit", p.unit}, {"low", p.low},
                     {"high", p.high}, {"iiv_cv", p.iiv_cv}, {"method", p.method},
                     {"source", p.provenance.source}, {"evidence", knowledge::to_string(p.provenance.evidence)},
                     {"file", p.provenance.file}, {"line", p.provenance.line}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  const bool csv = format == OutputFormat::kCsv;
  if (csv) std::printf("id,value,unit,low,high,iiv_cv,method,source,evidence\n");
  for (const auto& p : k->parameters) {
    const std::string ev(knowledge::to_string(p.provenance.evidence));
    if (csv) {
      std::printf("%s,%g,%s,%g,%g,%g,%s,%s,%s\n", p.id.c_str(), p.value, p.unit.c_str(), p.low, p.high,
                  p.iiv_cv, p.method.c_str(), p.provenance.source.c_str(), ev.c_str());
    } else {
      std::printf("%-24s %12.4g %-9s %-10s %-16s %s\n", p.id.c_str(), p.value, p.unit.c_str(),
                  p.method.c_str(), p.provenance.source.c_str(), ev.c_str());
    }
  }
  return 0;
}

}  // namespace

void add_knowledge_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("knowledge", "Validate and list the knowledge base (data/)");
  cmd->require_subcommand(1);
  cmd->add_subcommand("check", "Validate every file")->callback([&ctx] { ctx.exit_code = run_check(ctx); });
  auto products_format = std::make_shared<FormatOptions>();
  CLI::App* products = cmd->add_subcommand("products", "Products and their alkaloid content");
  add_format_options(*products, *products_format);
  products->callback([&ctx, products_format] { ctx.exit_code = run_products(ctx, *products_format); });
  auto params_format = std::make_shared<FormatOptions>();
  CLI::App* params = cmd->add_subcommand("parameters", "Model parameters with source and evidence");
  add_format_options(*params, *params_format);
  params->callback([&ctx, params_format] { ctx.exit_code = run_parameters(ctx, *params_format); });
}

}  // namespace speciosa::cli
