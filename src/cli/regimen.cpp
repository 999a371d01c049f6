#include "regimen.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace speciosa::cli {
namespace {

// Input sanity limits (not literature values): beyond these a dose is a typo or impossible to
// take, so it is rejected rather than simulated. 50 g of leaf is the limit the CLI contract
// names; 5,000 mg of MG is 100 g of typical leaf; 7-OH products carry at most tens of mg.
constexpr double kMaxLeafDoseMg = 50'000;
constexpr double kMaxMgDoseMg = 5'000;
constexpr double kMaxOhDoseMg = 1'000;
constexpr double kMaxServings = 20;
// More doses than one an hour for a year is a typo (--count 2000000000, --every 1s), and
// would exhaust memory before the simulation starts.
constexpr double kMaxDoses = 10'000;

enum class DoseAs { kLeaf, kMitragynine, kHydroxy };

Result<DoseAs> parse_as(const std::string& as) {
  if (as == "leaf" || as == "product") return DoseAs::kLeaf;
  if (as == "mitragynine" || as == "mg") return DoseAs::kMitragynine;
  if (as == "7-oh" || as == "7oh" || as == "7-hydroxymitragynine") return DoseAs::kHydroxy;
  return invalid_input("--as", "as", "unknown '" + as + "'", "leaf, mitragynine, 7-oh");
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = s.find(',', start);
    out.push_back(s.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

struct Content {
  double mg_fraction = 0;
  double oh_fraction = 0;
  const knowledge::Product* product = nullptr;
  std::string note;
};

Result<Content> resolve_content(const RegimenOptions& o, const knowledge::Knowledge& k) {
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

struct DoseAmounts {
  double mg_mg = 0;
  double oh_mg = 0;
};

Result<DoseAmounts> dose_amounts(const std::string& text, DoseAs as, const Content& c) {
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
    DoseAmounts d;
    d.oh_mg = q->value * c.product->oh_per_serving_mg->typical;
    if (c.product->mg_per_serving_mg) d.mg_mg = q->value * c.product->mg_per_serving_mg->typical;
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
      return DoseAmounts{mass_mg * c.mg_fraction, mass_mg * c.oh_fraction};
    case DoseAs::kMitragynine:
      if (mass_mg > kMaxMgDoseMg) {
        return invalid_input("--dose", "dose", fmt::format("{:g} mg of mitragynine in one dose is not plausible", mass_mg),
                             fmt::format("at most {:g} mg with --as mitragynine", kMaxMgDoseMg));
      }
      return DoseAmounts{mass_mg, 0};
    case DoseAs::kHydroxy:
      if (mass_mg > kMaxOhDoseMg) {
        return invalid_input("--dose", "dose", fmt::format("{:g} mg of 7-OH in one dose is not plausible", mass_mg),
                             fmt::format("at most {:g} mg with --as 7-oh", kMaxOhDoseMg));
      }
      return DoseAmounts{0, mass_mg};
  }
  return DoseAmounts{};
}

void add_dose_events(double t_h, const DoseAmounts& d, std::vector<sim::Event>& events) {
  for (auto [amount_mg, cmt] : {std::pair{d.mg_mg, sim::Compartment::kGutMg},
                                std::pair{d.oh_mg, sim::Compartment::kGutOh}}) {
    if (amount_mg <= 0) continue;
    sim::Event e;
    e.t_h = t_h;
    e.cmt = cmt;
    e.amt_mg = amount_mg;
    events.push_back(e);
  }
}

// Flags doses above the ranges in data/dose_bands.toml; they are still simulated.
void warn_if_high(const DoseAmounts& d, double mg_fraction, const knowledge::Knowledge& k,
                  std::vector<std::string>& warnings) {
  const knowledge::Parameter* leaf_high = k.find_parameter("leaf_single_dose_high");
  const knowledge::Parameter* oh_high = k.find_parameter("oh_serving_high");
  if (leaf_high != nullptr && mg_fraction > 0) {
    // Judge by alkaloid content: leaf_high grams of typical leaf, in mg of MG.
    const knowledge::Product* generic = k.find_product("leaf-generic");
    const double typical = generic != nullptr ? generic->mg_fraction.typical : mg_fraction;
    const double high_mg = leaf_high->value * typical;
    if (d.mg_mg > high_mg) {
      warnings.push_back(fmt::format(
          "a dose of {:.0f} mg mitragynine is above the ~{:.0f} mg ({:g} g of typical leaf) beyond which "
          "reviews describe strong sedation ({}, {} evidence); the model has not been checked at such doses",
          d.mg_mg, high_mg, leaf_high->value / 1000, leaf_high->provenance.source,
          knowledge::to_string(leaf_high->provenance.evidence)));
    }
  }
  if (oh_high != nullptr && d.oh_mg > oh_high->value) {
    warnings.push_back(fmt::format(
        "a dose of {:g} mg 7-OH is above the labelled servings of concentrate products (up to {:g} mg, {}); "
        "no human safety data exist for such amounts",
        d.oh_mg, oh_high->value, oh_high->provenance.source));
  }
}

Error too_many_doses(std::string_view option, double n_doses) {
  return invalid_input(std::string(option), std::string(option.substr(2)),
                       fmt::format("{:.0f} doses is more than a regimen can have", n_doses),
                       fmt::format("at most {:g} doses", kMaxDoses));
}

Result<std::vector<double>> dose_times(const RegimenOptions& o, double span_h) {
  if (!o.at.empty()) {
    if (!o.every.empty()) {
      return invalid_input("--at", "at", "--at and --every cannot be combined", "either --at 0,6,12 or --every 8h");
    }
    auto times = units::parse_time_list_h(o.at, "--at");
    if (!times) return times.error();
    for (double t : *times) {
      if (!(t >= 0)) {
        return invalid_input("--at", "at", fmt::format("{:g} h is not a time >= 0", t), "times >= 0 h, e.g. 0,6,12");
      }
    }
    if (static_cast<double>(times->size()) > kMaxDoses) return too_many_doses("--at", static_cast<double>(times->size()));
    return times;
  }
  if (o.every.empty()) {
    if (o.count > 1) return invalid_input("--count", "count", "--count needs --every", "--every 24h --count 7");
    return std::vector<double>{0.0};
  }
  auto tau = units::parse_duration_h(o.every, "--every");
  if (!tau) return tau.error();
  if (!(*tau > 0)) {
    return invalid_input("--every", "every", fmt::format("'{}' is not a positive interval", o.every), "e.g. 8h or 24h");
  }
  if (o.count < 0) return invalid_input("--count", "count", "is negative", "a count >= 1");
  const double n_doses = o.count > 0 ? o.count : std::floor(span_h / *tau + 1e-9) + 1;
  if (n_doses > kMaxDoses) return too_many_doses(o.count > 0 ? "--count" : "--every", n_doses);
  const int n = static_cast<int>(n_doses);
  std::vector<double> times;
  for (int i = 0; i < n; ++i) times.push_back(i * *tau);
  return times;
}

}  // namespace

void add_regimen_options(CLI::App& cmd, RegimenOptions& o, bool dose_required) {
  cmd.add_option("--dose", o.dose, "Amount per dose: 2g (leaf), 25mg --as mitragynine, 1tablet; "
                                   "or a comma list matching --at")->required(dose_required);
  cmd.add_option("--as", o.as, "What the dose amount measures: leaf (default), mitragynine, 7-oh");
  cmd.add_option("--product", o.product, "Product id (speciosa knowledge products)");
  cmd.add_option("--mg-content", o.mg_content, "Mitragynine content of the leaf, e.g. 1.5%");
  cmd.add_option("--oh-content", o.oh_content, "7-OH content of the leaf, e.g. 0.01%");
  cmd.add_option("--every", o.every, "Repeat the dose every interval, e.g. 24h");
  cmd.add_option("--count", o.count, "Number of doses with --every");
  cmd.add_option("--at", o.at, "Dose times in hours, e.g. 0,6,12");
}

Result<Regimen> build_regimen(const RegimenOptions& o, const knowledge::Knowledge& k, double span_h) {
  auto as = parse_as(o.as);
  if (!as) return as.error();
  auto content = resolve_content(o, k);
  if (!content) return content.error();
  auto times = dose_times(o, span_h);
  if (!times) return times.error();
  const std::vector<std::string> amounts = split_list(o.dose);
  if (amounts.size() != 1 && amounts.size() != times->size()) {
    return invalid_input("--dose", "dose",
                         fmt::format("{} amounts for {} dose times", amounts.size(), times->size()),
                         "one amount, or one per --at time");
  }
  Regimen r;
  r.content_note = content->note;
  for (std::size_t i = 0; i < times->size(); ++i) {
    auto d = dose_amounts(amounts.size() == 1 ? amounts[0] : amounts[i], *as, *content);
    if (!d) return d.error();
    if (i == 0) {
      r.mg_per_dose_mg = d->mg_mg;
      r.oh_per_dose_mg = d->oh_mg;
    }
    if (i == 0 || amounts.size() > 1) warn_if_high(*d, content->mg_fraction, k, r.warnings);
    add_dose_events((*times)[i], *d, r.events);
  }
  if (r.events.empty()) {
    return invalid_input("--dose", "dose", "the product contains no alkaloid to simulate",
                         "a product or --mg-content with mitragynine or 7-OH above zero");
  }
  r.events = sim::expand_events(r.events);
  r.dose_times_h = *times;
  std::sort(r.dose_times_h.begin(), r.dose_times_h.end());
  r.dose_times_h.erase(std::unique(r.dose_times_h.begin(), r.dose_times_h.end()), r.dose_times_h.end());
  return r;
}

}  // namespace speciosa::cli
