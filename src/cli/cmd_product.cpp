// speciosa product add|list: the current person's own products, tied to a knowledge-base
// product, with lab-tested alkaloid content (certificate of analysis) when they have it.
#include <cstdio>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "journal_cli.hpp"

namespace speciosa::cli {
namespace {

struct ProductOptions {
  std::string name;
  std::string kb_id;
  std::string mg_content;
  std::string oh_content;
  FormatOptions format;
};

Result<std::optional<double>> percent(const std::string& text, const char* option) {
  if (text.empty()) return std::optional<double>{};
  auto fraction = units::parse_fraction(text, option);
  if (!fraction) return fraction.error();
  return std::optional<double>(*fraction * 100);
}

int run_add(CliContext& ctx, const ProductOptions& o) {
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return ctx.exit_code;
  const auto* kb = k->find_product(o.kb_id);
  if (kb == nullptr) {
    return fail(ctx, invalid_input("--kb", "kb", fmt::format("unknown knowledge-base product '{}'", o.kb_id),
                                   fmt::format("{}", fmt::join(check::closest(o.kb_id, k->product_ids()), ", "))));
  }
  journal::PersonProduct p;
  p.name = o.name;
  p.kb_product_id = kb->id;
  auto mg = percent(o.mg_content, "--mg-content");
  if (!mg) return fail(ctx, mg.error());
  auto oh = percent(o.oh_content, "--oh-content");
  if (!oh) return fail(ctx, oh.error());
  p.mg_percent = *mg;
  p.oh_percent = *oh;
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  auto id = s->store->add_product(s->person.id, p);
  if (!id) return fail(ctx, id.error());
  std::printf("Added product '%s' (%s)%s.\n", p.name.c_str(), kb->id.c_str(),
              p.mg_percent ? fmt::format(", lab-tested mitragynine {}%", *p.mg_percent).c_str() : "");
  return 0;
}

int run_list(CliContext& ctx, const ProductOptions& o) {
  auto format = resolve_format(o.format);
  if (!format) return 2;
  auto s = open_session(ctx);
  if (!s) return ctx.exit_code;
  auto products = s->store->products(s->person.id);
  if (!products) return fail(ctx, products.error());
  auto num = [](const std::optional<double>& v) { return v ? fmt::format("{}", *v) : std::string(); };
  if (*format == OutputFormat::kJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : *products) {
      out.push_back({{"id", p.id}, {"name", p.name}, {"kb", p.kb_product_id},
                     {"mg_percent", p.mg_percent ? nlohmann::json(*p.mg_percent) : nlohmann::json(nullptr)},
                     {"oh_percent", p.oh_percent ? nlohmann::json(*p.oh_percent) : nlohmann::json(nullptr)}});
    }
    std::printf("%s\n", nlohmann::json{{"products", out}}.dump(2).c_str());
    return 0;
  }
  const bool csv = *format == OutputFormat::kCsv;
  if (csv) std::printf("id,name,kb,mg_percent,oh_percent\n");
  for (const auto& p : *products) {
    std::printf(csv ? "%lld,%s,%s,%s,%s\n" : "%4lld  %-20s %-16s MG %s%%  7-OH %s%%\n", static_cast<long long>(p.id),
                csv ? csv_field(p.name).c_str() : p.name.c_str(), p.kb_product_id.c_str(),
                num(p.mg_percent).c_str(), num(p.oh_percent).c_str());
  }
  return 0;
}

}  // namespace

void add_product_command(CLI::App& app, CliContext& ctx) {
  CLI::App* cmd = app.add_subcommand("product", "Your own products (with lab-tested content)");
  cmd->require_subcommand(1);
  auto add = std::make_shared<ProductOptions>();
  CLI::App* a = cmd->add_subcommand("add", "Add a product you use");
  a->add_option("name", add->name, "Your name for it")->required();
  a->add_option("--kb", add->kb_id, "Which knowledge-base product it is (speciosa knowledge products)")->required();
  a->add_option("--mg-content", add->mg_content, "Lab-tested mitragynine content, e.g. 1.6%");
  a->add_option("--oh-content", add->oh_content, "Lab-tested 7-OH content, e.g. 0.02%");
  a->callback([&ctx, add] { ctx.exit_code = run_add(ctx, *add); });
  auto list = std::make_shared<ProductOptions>();
  CLI::App* l = cmd->add_subcommand("list", "List your products");
  add_format_options(*l, list->format);
  l->callback([&ctx, list] { ctx.exit_code = run_list(ctx, *list); });
}

}  // namespace speciosa::cli
