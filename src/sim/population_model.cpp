// Draws virtual subjects: covariates, correlated random effects, and the PkParams they imply.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "speciosa/sim_population.hpp"

namespace speciosa::sim {
namespace {

// The weight range the PK model's allometric scaling is checked for (pk_params_from); sampled
// weights are clamped into it rather than redrawn, so every subject uses the same draws.
constexpr double kMinWeightKg = 30;
constexpr double kMaxWeightKg = 250;

Error data_error(const knowledge::Provenance& where, std::string field, std::string message,
                 std::string accepted = {}) {
  return Error{ErrorCode::kDataFile, fmt::format("{}:{}", where.file, where.line), std::move(field),
               std::move(message), std::move(accepted)};
}

double logit(double p) { return std::log(p / (1 - p)); }
double logistic(double x) { return 1 / (1 + std::exp(-x)); }

// Inverse CDF of the triangular distribution on [lo, hi] with its mode at 1.
double triangular(double u, double lo, double hi) {
  if (hi <= lo) return 1;
  const double below = (1 - lo) / (hi - lo);
  if (u < below) return lo + std::sqrt(u * (hi - lo) * (1 - lo));
  return hi - std::sqrt((1 - u) * (hi - lo) * (hi - 1));
}

std::uint8_t pick_phenotype(double u, const std::vector<knowledge::Phenotype>& phenotypes) {
  double cumulative = 0;
  for (std::size_t i = 0; i < phenotypes.size(); ++i) {
    cumulative += phenotypes[i].frequency;
    if (u < cumulative) return static_cast<std::uint8_t>(i);
  }
  return static_cast<std::uint8_t>(phenotypes.size() - 1);  // rounding of the frequency sum
}

// Cholesky factor (row-major lower triangle) of omega, or nullopt if omega is not positive definite.
std::optional<std::vector<double>> cholesky(const std::vector<double>& omega, std::size_t n) {
  std::vector<double> l(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      double sum = omega[i * n + j];
      for (std::size_t m = 0; m < j; ++m) sum -= l[i * n + m] * l[j * n + m];
      if (i == j) {
        if (!(sum > 0)) return std::nullopt;
        l[i * n + i] = std::sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  return l;
}

}  // namespace

Result<PopulationModel> PopulationModel::create(const knowledge::Knowledge& k,
                                                const knowledge::PopulationData& data,
                                                double comed_cyp3a_activity) {
  PopulationModel m;
  m.data_ = data;
  const std::size_t n = data.iiv.size();
  if (n > kMaxRandomEffects) {
    return data_error(data.iiv.back().provenance, "iiv",
                      fmt::format("{} random effects", n), fmt::format("at most {}", kMaxRandomEffects));
  }
  for (const knowledge::IivTerm& t : data.iiv) {
    const PkBinding* b = pk_binding(t.parameter);
    if (b == nullptr) {
      return data_error(t.provenance, "parameter", "'" + t.parameter + "' is not a PK model parameter",
                        "an id that the PK model reads (speciosa knowledge parameters)");
    }
    m.terms_.push_back({b, t.scale});
  }
  std::vector<double> omega(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) omega[i * n + i] = data.iiv[i].omega * data.iiv[i].omega;
  const auto index_of = [&](const std::string& id) {
    std::size_t i = 0;
    while (data.iiv[i].parameter != id) ++i;  // the loader checked that every id has an [[iiv]]
    return i;
  };
  for (const knowledge::IivCorrelation& c : data.correlations) {
    const std::size_t i = index_of(c.first);
    const std::size_t j = index_of(c.second);
    omega[i * n + j] = omega[j * n + i] = c.r * data.iiv[i].omega * data.iiv[j].omega;
  }
  auto l = cholesky(omega, n);
  if (!l) {
    return data_error(data.correlations.empty() ? data.iiv.front().provenance : data.correlations.front().provenance,
                      "r", "the correlations do not form a valid (positive definite) omega matrix",
                      "correlations that can hold together, e.g. smaller |r|");
  }
  m.cholesky_ = std::move(*l);
  const double oldest_factor = 1 + data.age_clearance.change_per_decade *
                                       (data.age.max_y - data.age_clearance.reference_y) / 10;
  if (!(oldest_factor > 0)) {
    return data_error(data.age_clearance.provenance, "change_per_decade",
                      "leaves no clearance at the oldest age (max_y)", "a smaller decline per decade");
  }
  const knowledge::Parameter* reference = k.find_parameter("reference_weight");
  const knowledge::Parameter* exponent = k.find_parameter("allometric_exponent_cl");
  if (reference == nullptr || exponent == nullptr) {
    return Error{ErrorCode::kDataFile, "data/pk.toml", "reference_weight",
                 "reference_weight and allometric_exponent_cl are required", ""};
  }
  m.reference_weight_kg_ = reference->value;
  m.allometric_exponent_ = exponent->value;
  auto typical = pk_params_from(k, reference->value);
  if (!typical) return typical.error();
  m.reference_ = *typical;
  m.reference_.comed_cyp3a_activity = comed_cyp3a_activity;
  return m;
}

RandomStream PopulationModel::residual_stream(std::uint64_t seed, std::uint64_t index) {
  // A different key from the sampling stream: seed's bits flipped.
  return RandomStream(~seed, index);
}

Subject PopulationModel::sample(std::uint64_t seed, std::uint64_t index, const ContentSpread& content,
                                const CovariateOverrides& overrides) const {
  RandomStream rng(seed, index);
  // Always the same draws in the same order, whatever is overridden.
  const bool female_drawn = rng.uniform() < data_.female_fraction.value;
  const double z_weight = rng.normal();
  const double z_age = rng.normal();
  const double u_cyp2d6 = rng.uniform();
  const double u_cyp3a4 = rng.uniform();
  const double u_content = rng.uniform();
  std::array<double, kMaxRandomEffects> z{};
  const std::size_t n = terms_.size();
  for (std::size_t i = 0; i < n; ++i) z[i] = rng.normal();

  Subject s;
  s.index = index;
  Covariates& c = s.covariates;
  c.female = overrides.female.value_or(female_drawn);
  const knowledge::WeightDistribution& w = c.female ? data_.weight_female : data_.weight_male;
  const double weight_sd = std::sqrt(std::log1p(w.cv * w.cv));
  c.weight_kg = overrides.weight_kg.value_or(
      std::clamp(w.median_kg * std::exp(weight_sd * z_weight), kMinWeightKg, kMaxWeightKg));
  c.age_y = overrides.age_y.value_or(
      std::clamp(data_.age.mean_y + data_.age.sd_y * z_age, data_.age.min_y, data_.age.max_y));
  c.cyp2d6 = pick_phenotype(u_cyp2d6, data_.cyp2d6);
  c.cyp3a4 = pick_phenotype(u_cyp3a4, data_.cyp3a4);
  c.content_ratio = triangular(u_content, content.low_ratio, content.high_ratio);

  for (std::size_t i = 0; i < n; ++i) {
    double eta = 0;
    for (std::size_t j = 0; j <= i; ++j) eta += cholesky_[i * n + j] * z[j];
    s.eta[i] = eta;
  }

  pharm::PkParams& p = s.pk;
  p = reference_;
  // Size (Anderson & Holford 2008): clearances ·(W/Wref)^exponent, volumes ·W/Wref.
  const double size = c.weight_kg / reference_weight_kg_;
  const double clearance_scale = std::pow(size, allometric_exponent_);
  for (const std::string& id : pk_parameter_ids()) {
    const PkBinding* b = pk_binding(id);
    if (b->is_clearance) p.*(b->field) *= clearance_scale;
    if (b->is_volume) p.*(b->field) *= size;
  }
  for (std::size_t i = 0; i < n; ++i) {
    double& v = p.*(terms_[i].binding->field);
    v = terms_[i].scale == knowledge::IivScale::kLog ? v * std::exp(s.eta[i]) : logistic(logit(v) + s.eta[i]);
  }
  // Enzymes: the hepatic intrinsic clearance is the sum of its routes, each scaled by the
  // subject's enzyme activity; CYP3A's share is recomputed so that co-medication and MG's own
  // CYP3A inactivation act on this subject's CYP3A route.
  const double cyp3a = data_.cyp3a4[c.cyp3a4].activity *
                       (c.female ? data_.female_cyp3a_multiplier.value : 1.0);
  const double cyp2d6 = data_.cyp2d6[c.cyp2d6].activity;
  const double fm3a = p.fm_cyp3a_mg;
  const double fm2d6 = data_.cyp2d6_fm_mg.value;
  const double routes = fm3a * cyp3a + fm2d6 * cyp2d6 + (1 - fm3a - fm2d6);
  // Ages from a dataset may exceed the sampled range; the decline is only known up to max_y.
  const double above_reference_y =
      std::max(0.0, std::min(c.age_y, data_.age.max_y) - data_.age_clearance.reference_y);
  const double age_factor = 1 + data_.age_clearance.change_per_decade * above_reference_y / 10;
  p.clint_u_mg_l_h *= routes * age_factor;
  p.fm_cyp3a_mg = fm3a * cyp3a / routes;
  return s;
}

}  // namespace speciosa::sim
