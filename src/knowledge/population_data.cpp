// Reads data/population.toml into PopulationData. Every rejection names file, line and field.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <set>

#include "speciosa/knowledge_population.hpp"
#include "toml_reader.hpp"

namespace speciosa::knowledge {
namespace {

using detail::TomlReader;

constexpr const char* kFileName = "population.toml";

// Frequencies are written rounded; they must still describe a whole population.
constexpr double kFrequencySumTolerance = 1e-6;

Result<double> number_in(const TomlReader& r, std::string_view field, double lo, double hi) {
  auto v = r.required_number(field);
  if (!v) return v.error();
  if (!(*v >= lo && *v <= hi)) {
    return r.error(field, fmt::format("{:g} is outside the plausible range", *v),
                   fmt::format("{:g} to {:g}", lo, hi));
  }
  return *v;
}

Result<const toml::table*> required_table(const TomlReader& r, std::string_view field,
                                          std::string_view accepted) {
  const toml::table* t = r.subtable(field);
  if (t == nullptr) return r.error(field, "is missing", std::string(accepted));
  return t;
}

Result<IivTerm> read_iiv(const TomlReader& r, const Knowledge& k) {
  IivTerm term;
  auto parameter = r.required_string("parameter");
  if (!parameter) return parameter.error();
  term.parameter = *parameter;
  const Parameter* p = k.find_parameter(term.parameter);
  if (p == nullptr) {
    return r.error("parameter", "unknown parameter '" + term.parameter + "'",
                   "an id of a [[parameter]] in data/pk.toml");
  }
  auto cv = number_in(r, "cv", 0.001, 2.0);
  if (!cv) return cv.error();
  term.cv = *cv;
  if (p->iiv_cv > 0 && std::abs(p->iiv_cv - term.cv) > 1e-12) {
    return r.error("cv", fmt::format("{:g} differs from iiv_cv = {:g} in {}", term.cv, p->iiv_cv,
                                     p->provenance.file),
                   "the same CV in both files");
  }
  term.omega = std::sqrt(std::log1p(term.cv * term.cv));
  const std::string scale = r.optional_string("scale");
  if (scale.empty() || scale == "log") {
    term.scale = IivScale::kLog;
  } else if (scale == "logit") {
    term.scale = IivScale::kLogit;
    if (!(p->value > 0 && p->value < 1)) {
      return r.error("scale", fmt::format("logit needs a fraction strictly inside (0, 1), and {} is {:g}",
                                          term.parameter, p->value),
                     "log");
    }
  } else {
    return r.error("scale", "unknown scale '" + scale + "'", "log, logit");
  }
  auto prov = r.provenance(k.sources, /*evidence_required=*/true);
  if (!prov) return prov.error();
  term.provenance = *prov;
  return term;
}

Result<IivCorrelation> read_correlation(const TomlReader& r, const Knowledge& k,
                                        const std::vector<IivTerm>& iiv) {
  IivCorrelation c;
  auto names = r.string_list("parameters");
  if (!names) return names.error();
  if (names->size() != 2 || (*names)[0] == (*names)[1]) {
    return r.error("parameters", "must name two different parameters", "[\"clint_u_mg\", \"cl_oh\"]");
  }
  for (const std::string& name : *names) {
    const bool has_iiv = std::any_of(iiv.begin(), iiv.end(), [&](const IivTerm& t) { return t.parameter == name; });
    if (!has_iiv) return r.error("parameters", "'" + name + "' has no [[iiv]] entry", "parameters with [[iiv]]");
  }
  c.first = (*names)[0];
  c.second = (*names)[1];
  auto rho = number_in(r, "r", -0.99, 0.99);
  if (!rho) return rho.error();
  c.r = *rho;
  auto prov = r.provenance(k.sources, true);
  if (!prov) return prov.error();
  c.provenance = *prov;
  return c;
}

// `field = number` plus source and evidence in the table `r`.
Result<CitedValue> read_cited(const TomlReader& r, std::string_view field, double lo, double hi,
                              const Knowledge& k) {
  auto v = number_in(r, field, lo, hi);
  if (!v) return v.error();
  auto prov = r.provenance(k.sources, true);
  if (!prov) return prov.error();
  return CitedValue{*v, *prov};
}

Status read_phenotypes(const TomlReader& parent, std::string_view enzyme, const Knowledge& k,
                       std::vector<Phenotype>& out) {
  auto table = required_table(parent, enzyme, "a table with [[" + std::string(enzyme) + ".phenotype]] entries");
  if (!table) return table.error();
  std::set<std::string> ids;
  Status s = detail::for_each_table(**table, "phenotype", parent.file(), [&](const TomlReader& r) -> Status {
    Phenotype p;
    auto id = r.required_string("id");
    if (!id) return id.error();
    if (!ids.insert(*id).second) return r.error("id", "duplicate id '" + *id + "'", "unique ids");
    p.id = *id;
    auto frequency = number_in(r, "frequency", 0, 1);
    if (!frequency) return frequency.error();
    p.frequency = *frequency;
    auto activity = number_in(r, "activity", 0, 10);
    if (!activity) return activity.error();
    p.activity = *activity;
    auto prov = r.provenance(k.sources, true);
    if (!prov) return prov.error();
    p.provenance = *prov;
    out.push_back(std::move(p));
    return Ok{};
  });
  if (!s) return s;
  double total = 0;
  for (const Phenotype& p : out) total += p.frequency;
  if (out.empty() || std::abs(total - 1.0) > kFrequencySumTolerance) {
    return parent.error(enzyme, fmt::format("phenotype frequencies sum to {:g}", total), "a sum of 1");
  }
  return Ok{};
}

Status read_sex_and_weight(const TomlReader& root, const toml::table& table, const Knowledge& k,
                           PopulationData& d) {
  auto sex = required_table(root, "sex", "[sex] with female_fraction, source, evidence");
  if (!sex) return sex.error();
  const TomlReader sex_reader(**sex, root.file());
  auto female = read_cited(sex_reader, "female_fraction", 0, 1, k);
  if (!female) return female.error();
  d.female_fraction = *female;
  auto cyp3a = required_table(sex_reader, "female_cyp3a", "[sex.female_cyp3a] with multiplier");
  if (!cyp3a) return cyp3a.error();
  auto multiplier = read_cited(TomlReader(**cyp3a, root.file()), "multiplier", 0.2, 5, k);
  if (!multiplier) return multiplier.error();
  d.female_cyp3a_multiplier = *multiplier;
  std::set<std::string> seen;
  Status s = detail::for_each_table(table, "weight", root.file(), [&](const TomlReader& r) -> Status {
    auto which = r.required_string("sex");
    if (!which) return which.error();
    if (*which != "female" && *which != "male") return r.error("sex", "unknown sex '" + *which + "'", "female, male");
    if (!seen.insert(*which).second) return r.error("sex", "duplicate weight for '" + *which + "'", "one per sex");
    WeightDistribution w;
    auto median = number_in(r, "median_kg", 30, 250);
    if (!median) return median.error();
    auto cv = number_in(r, "cv", 0, 1);
    if (!cv) return cv.error();
    auto prov = r.provenance(k.sources, true);
    if (!prov) return prov.error();
    w = WeightDistribution{*median, *cv, *prov};
    (*which == "female" ? d.weight_female : d.weight_male) = w;
    return Ok{};
  });
  if (!s) return s;
  if (seen.size() != 2) return root.error("weight", "needs one [[weight]] per sex", "sex = \"female\" and sex = \"male\"");
  return Ok{};
}

Status read_age(const TomlReader& root, const Knowledge& k, PopulationData& d) {
  auto age = required_table(root, "age", "[age] with mean_y, sd_y, min_y, max_y");
  if (!age) return age.error();
  const TomlReader r(**age, root.file());
  double* fields[] = {&d.age.mean_y, &d.age.sd_y, &d.age.min_y, &d.age.max_y};
  const char* names[] = {"mean_y", "sd_y", "min_y", "max_y"};
  for (std::size_t i = 0; i < 4; ++i) {
    auto v = number_in(r, names[i], 0, 120);
    if (!v) return v.error();
    *fields[i] = *v;
  }
  if (!(d.age.min_y <= d.age.mean_y && d.age.mean_y <= d.age.max_y)) {
    return r.error("mean_y", "is outside [min_y, max_y]", "min_y <= mean_y <= max_y");
  }
  auto prov = r.provenance(k.sources, true);
  if (!prov) return prov.error();
  d.age.provenance = *prov;
  auto clearance = required_table(r, "clearance", "[age.clearance] with reference_y, change_per_decade");
  if (!clearance) return clearance.error();
  const TomlReader c(**clearance, root.file());
  auto reference = number_in(c, "reference_y", 0, 120);
  if (!reference) return reference.error();
  auto change = read_cited(c, "change_per_decade", -0.5, 0.5, k);
  if (!change) return change.error();
  d.age_clearance = {*reference, change->value, change->provenance};
  return Ok{};
}

Status read_enzymes(const TomlReader& root, const Knowledge& k, PopulationData& d) {
  auto cyp2d6 = required_table(root, "cyp2d6", "[cyp2d6] with fm_mg and [[cyp2d6.phenotype]]");
  if (!cyp2d6) return cyp2d6.error();
  auto fm = read_cited(TomlReader(**cyp2d6, root.file()), "fm_mg", 0, 1, k);
  if (!fm) return fm.error();
  d.cyp2d6_fm_mg = *fm;
  const Parameter* fm3a = k.find_parameter("fm_cyp3a_mg");
  if (fm3a != nullptr && fm->value + fm3a->value > 1) {
    return TomlReader(**cyp2d6, root.file())
        .error("fm_mg", fmt::format("{:g} plus fm_cyp3a_mg {:g} exceeds 1", fm->value, fm3a->value),
               "shares of clearance that sum to at most 1");
  }
  if (Status s = read_phenotypes(root, "cyp2d6", k, d.cyp2d6); !s) return s;
  return read_phenotypes(root, "cyp3a4", k, d.cyp3a4);
}

Status read_residual(const TomlReader& root, const Knowledge& k, PopulationData& d) {
  auto residual = required_table(root, "residual_error", "[residual_error] with proportional_cv, additive_ng_ml");
  if (!residual) return residual.error();
  const TomlReader r(**residual, root.file());
  auto proportional = number_in(r, "proportional_cv", 0, 1);
  if (!proportional) return proportional.error();
  auto additive = read_cited(r, "additive_ng_ml", 0, 100, k);
  if (!additive) return additive.error();
  d.residual = {*proportional, additive->value, additive->provenance};
  return Ok{};
}

Status read_thresholds(const toml::table& table, const std::string& file, const Knowledge& k,
                       PopulationData& d) {
  std::set<std::string> ids;
  return detail::for_each_table(table, "threshold", file, [&](const TomlReader& r) -> Status {
    ConcentrationThreshold t;
    auto id = r.required_string("id");
    if (!id) return id.error();
    if (!ids.insert(*id).second) return r.error("id", "duplicate id '" + *id + "'", "unique ids");
    t.id = *id;
    auto name = r.required_string("name");
    if (!name) return name.error();
    t.name = *name;
    auto analyte = r.required_string("analyte");
    if (!analyte) return analyte.error();
    if (*analyte != "mitragynine" && *analyte != "7-hydroxymitragynine") {
      return r.error("analyte", "unknown analyte '" + *analyte + "'", "mitragynine, 7-hydroxymitragynine");
    }
    t.analyte = *analyte;
    auto conc = read_cited(r, "conc_ng_ml", 1e-3, 1e5, k);
    if (!conc) return conc.error();
    t.conc_ng_ml = conc->value;
    t.provenance = conc->provenance;
    d.thresholds.push_back(std::move(t));
    return Ok{};
  });
}

}  // namespace

Result<PopulationData> load_population_data(const Knowledge& k) {
  const std::string file = (k.dir.filename() / kFileName).string();
  const auto path = k.dir / kFileName;
  if (!std::filesystem::exists(path)) {
    return Error{ErrorCode::kDataFile, path.string(), "", "is missing", "data/population.toml"};
  }
  auto root = detail::parse_file(path, file);
  if (!root) return root.error();
  const TomlReader top(*root, file);
  PopulationData d;
  Status s = detail::for_each_table(*root, "iiv", file, [&](const TomlReader& r) -> Status {
    auto term = read_iiv(r, k);
    if (!term) return term.error();
    const bool duplicate = std::any_of(d.iiv.begin(), d.iiv.end(),
                                       [&](const IivTerm& t) { return t.parameter == term->parameter; });
    if (duplicate) return r.error("parameter", "duplicate [[iiv]] for '" + term->parameter + "'", "one per parameter");
    d.iiv.push_back(std::move(term).value());
    return Ok{};
  });
  if (!s) return s.error();
  s = detail::for_each_table(*root, "correlation", file, [&](const TomlReader& r) -> Status {
    auto c = read_correlation(r, k, d.iiv);
    if (!c) return c.error();
    d.correlations.push_back(std::move(c).value());
    return Ok{};
  });
  if (!s) return s.error();
  if (s = read_sex_and_weight(top, *root, k, d); !s) return s.error();
  if (s = read_age(top, k, d); !s) return s.error();
  if (s = read_enzymes(top, k, d); !s) return s.error();
  if (s = read_residual(top, k, d); !s) return s.error();
  if (s = read_thresholds(*root, file, k, d); !s) return s.error();
  return d;
}

}  // namespace speciosa::knowledge
