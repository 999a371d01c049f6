// Dose conversion: a logged amount of a product to mg of each alkaloid.
#include <fmt/format.h>

#include "speciosa/analysis.hpp"

namespace speciosa::analysis {
namespace {

// Input sanity limits (not literature values): beyond these a dose is a typo or impossible to
// take, so it is rejected rather than simulated. 50 g of leaf is the limit the CLI contract
// names; 5,000 mg of MG is 100 g of typical leaf; 7-OH products carry at most tens of mg.
constexpr double kMaxLeafDoseMg = 50'000;
constexpr double kMaxMgDoseMg = 5'000;
constexpr double kMaxOhDoseMg = 1'000;
constexpr double kMaxServings = 20;

enum class DoseAs { kLeaf, kMitragynine, kHydroxy };

Result<DoseAs> parse_as(const std::string& as) {
  if (as == "leaf" || as == "product") return DoseAs::kLeaf;
  if (as == "mitragynine" || as == "mg") return DoseAs::kMitragynine;
  if (as == "7-oh" || as == "7oh" || as == "7-hydroxymitragynine") return DoseAs::kHydroxy;
  return invalid_input("--as", "as", "unknown '" + as + "'", "leaf, mitragynine, 7-oh");
}

struct Content {
  double mg_fraction = 0;
  double oh_fraction = 0;
  const knowledge::Product* product = nullptr;
  std::string note;
};

Result<Content> resolve_content(const DoseSpec& o, const knowledge::Knowledge& k) {
  Content c;
  if (!o.product.empty()) {
    c.product = k.find_product(o.product);
    if (c.product == nullptr) {
      const auto near = check::closest(o.product, k.product_ids());
      std::string list;
      for (const auto& n : near) list += (list.empty() ? "" : ", ") + n;
      return Error{ErrorCode::kNotFound, "--product", "product",
                   "unknown product '" + o.product + "'", "a product id such as " + list +
                   " (all: speciosa knowledge products)"};
    }
    c.mg_fraction = c.product->mg_fraction.typical;
    c.oh_fraction = c.product->oh_fraction.typical;
    if (const auto& serving = c.product->oh_per_serving_mg) {
      c.note = fmt::format("{}: {:g} mg 7-OH per serving as labelled (range {:g}-{:g} mg, {}, {})", c.product->id,
                           serving->typical, serving->low, serving->high, serving->provenance.source,
                           knowledge::to_string(serving->provenance.evidence));
    } else {
      c.note = fmt::format("{}: MG {:g} % (range {:g}-{:g} %, {}, {})", c.product->id,
                           c.mg_fraction * 100, c.product->mg_fraction.low * 100,
                           c.product->mg_fraction.high * 100, c.product->mg_fraction.provenance.source,
                           knowledge::to_string(c.product->mg_fraction.provenance.evidence));
    }
  } else {
    const knowledge::Product* generic = k.find_product("leaf-generic");
    if (generic == nullptr) {
      return Error{ErrorCode::kDataFile, "data/products.toml", "leaf-generic", "is missing", ""};
    }
    c.mg_fraction = generic->mg_fraction.typical;
    c.oh_fraction = generic->oh_fraction.typical;
    c.note = fmt::format("typical leaf: MG {:g} % ({}, {})", c.mg_fraction * 100,
                         generic->mg_fraction.provenance.source,
                         knowledge::to_string(generic->mg_fraction.provenance.evidence));
  }
  if (!o.mg_content.empty()) {
    auto f = units::parse_fraction(o.mg_content, "--mg-content");
    if (!f) return f.error();
    if (*f <= 0 || *f > 1) {
      return invalid_input("--mg-content", "mg-content", fmt::format("{:g} % is not a content", *f * 100),
                           "a percentage above 0 and at most 100 %, e.g. 1.5%");
    }
    c.mg_fraction = *f;
    c.note = fmt::format("MG {:g} % as given by --mg-content", *f * 100);
  }
  if (!o.oh_content.empty()) {
    auto f = units::parse_fraction(o.oh_content, "--oh-content");
    if (!f) return f.error();
    if (*f < 0 || *f > 1) {
      return invalid_input("--oh-content", "oh-content", fmt::format("{:g} % is not a content", *f * 100),
                           "a percentage from 0 to 100 %, e.g. 0.01%");
    }
    c.oh_fraction = *f;
  }
  return c;
}

Result<AlkaloidDose> dose_amounts(const std::string& text, DoseAs as, const Content& c) {
  auto q = units::parse_quantity(text, "--dose");
  if (!q) {
    Error e = q.error();
    e.accepted = "an amount with a unit, e.g. --dose 2g, --dose 25mg --as mitragynine, --dose 1tablet";
    return e;
  }
  if (!(q->value > 0)) {
    return invalid_input("--dose", "dose", fmt::format("'{}' is not a positive amount", text),
                         "an amount above zero, e.g. 2g");
  }
  if (q->kind == units::Kind::kCount) {
    if (c.product == nullptr || !c.product->oh_per_serving_mg) {
      return invalid_input("--dose", "dose", "servings need a product sold by the serving",
                           "--product with per-serving content (speciosa knowledge products)");
    }
    if (q->value > kMaxServings) {
      return invalid_input("--dose", "dose", fmt::format("{:g} servings is not a plausible single dose", q->value),
                           fmt::format("at most {:g} servings", kMaxServings));
    }
    AlkaloidDose d;
    d.hydroxymitragynine_mg = q->value * c.product->oh_per_serving_mg->typical;
    if (c.product->mg_per_serving_mg) d.mitragynine_mg = q->value * c.product->mg_per_serving_mg->typical;
    return d;
  }
  if (q->kind != units::Kind::kMass) {
    return invalid_input("--dose", "dose", fmt::format("'{}' is not an amount", text),
                         "an amount such as 2g or 25mg, or servings such as 1tablet");
  }
  const double mass_mg = q->value;
  if (as == DoseAs::kLeaf && c.product != nullptr && c.product->oh_per_serving_mg) {
    // Concentrates are labelled per serving; their weight says nothing about their 7-OH.
    return invalid_input("--dose", "dose",
                         "'" + c.product->id + "' is sold by the serving, not by weight",
                         "servings, e.g. --dose 1tablet, or the labelled amount with --dose 15mg --as 7-oh");
  }
  switch (as) {
    case DoseAs::kLeaf:
      if (mass_mg > kMaxLeafDoseMg) {
        return invalid_input("--dose", "dose", fmt::format("{:g} g of leaf in one dose is not plausible", mass_mg / 1000),
                             "at most 50 g of leaf per dose");
      }
      return AlkaloidDose{mass_mg * c.mg_fraction, mass_mg * c.oh_fraction};
    case DoseAs::kMitragynine:
      if (mass_mg > kMaxMgDoseMg) {
        return invalid_input("--dose", "dose", fmt::format("{:g} mg of mitragynine in one dose is not plausible", mass_mg),
                             fmt::format("at most {:g} mg with --as mitragynine", kMaxMgDoseMg));
      }
      return AlkaloidDose{mass_mg, 0};
    case DoseAs::kHydroxy:
      if (mass_mg > kMaxOhDoseMg) {
        return invalid_input("--dose", "dose", fmt::format("{:g} mg of 7-OH in one dose is not plausible", mass_mg),
                             fmt::format("at most {:g} mg with --as 7-oh", kMaxOhDoseMg));
      }
      return AlkaloidDose{0, mass_mg};
  }
  return AlkaloidDose{};
}

// Flags doses above the ranges in data/dose_bands.toml; they are still simulated.
void warn_if_high(const AlkaloidDose& d, double mg_fraction, const knowledge::Knowledge& k,
                  std::vector<std::string>& warnings) {
  const knowledge::Parameter* leaf_high = k.find_parameter("leaf_single_dose_high");
  const knowledge::Parameter* oh_high = k.find_parameter("oh_serving_high");
  if (leaf_high != nullptr && mg_fraction > 0) {
    // Judge by alkaloid content: leaf_high grams of typical leaf, in mg of MG.
    const knowledge::Product* generic = k.find_product("leaf-generic");
    const double typical = generic != nullptr ? generic->mg_fraction.typical : mg_fraction;
    const double high_mg = leaf_high->value * typical;
    if (d.mitragynine_mg > high_mg) {
      warnings.push_back(fmt::format(
          "a dose of {:.0f} mg mitragynine is above the ~{:.0f} mg ({:g} g of typical leaf) beyond which "
          "reviews describe strong sedation ({}, {} evidence); the model has not been checked at such doses",
          d.mitragynine_mg, high_mg, leaf_high->value / 1000, leaf_high->provenance.source,
          knowledge::to_string(leaf_high->provenance.evidence)));
    }
  }
  if (oh_high != nullptr && d.hydroxymitragynine_mg > oh_high->value) {
    warnings.push_back(fmt::format(
        "a dose of {:g} mg 7-OH is above the labelled servings of concentrate products (up to {:g} mg, {}); "
        "no human safety data exist for such amounts",
        d.hydroxymitragynine_mg, oh_high->value, oh_high->provenance.source));
  }
}

}  // namespace

Result<ConvertedDose> convert_dose(const knowledge::Knowledge& k, const DoseSpec& dose) {
  auto as = parse_as(dose.as);
  if (!as) return as.error();
  auto content = resolve_content(dose, k);
  if (!content) return content.error();
  auto amounts = dose_amounts(dose.amount, *as, *content);
  if (!amounts) return amounts.error();
  ConvertedDose out;
  out.alkaloids = *amounts;
  out.content_note = content->note;
  warn_if_high(*amounts, content->mg_fraction, k, out.warnings);
  return out;
}

Result<ConvertedDose> convert_dose(const knowledge::Knowledge& k, const journal::Dose& dose,
                                   const std::vector<journal::PersonProduct>& products) {
  DoseSpec spec;
  spec.amount = fmt::format("{:g}{}", dose.amount, dose.unit);
  spec.product = dose.product;
  for (const journal::PersonProduct& own : products) {
    if (own.name != dose.product) continue;
    spec.product = own.kb_product_id;
    if (own.mg_percent) spec.mg_content = fmt::format("{:g}%", *own.mg_percent);
    if (own.oh_percent) spec.oh_content = fmt::format("{:g}%", *own.oh_percent);
  }
  auto converted = convert_dose(k, spec);
  if (!converted) {
    Error e = converted.error();
    e.where = fmt::format("journal dose {}", dose.id);
    return e;
  }
  return converted;
}

void append_dose_events(double t_h, const AlkaloidDose& d, std::vector<sim::Event>& events) {
  for (auto [amount_mg, cmt] : {std::pair{d.mitragynine_mg, sim::Compartment::kGutMg},
                                std::pair{d.hydroxymitragynine_mg, sim::Compartment::kGutOh}}) {
    if (amount_mg <= 0) continue;
    sim::Event e;
    e.t_h = t_h;
    e.cmt = cmt;
    e.amt_mg = amount_mg;
    events.push_back(e);
  }
}

}  // namespace speciosa::analysis
