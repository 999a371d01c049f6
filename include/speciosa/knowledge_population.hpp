// speciosa knowledge, population part: how people differ, from data/population.toml.
//
// load_population_data(k) reads between-subject variability (log- or logit-normal random
// effects and their correlations), covariate distributions (sex, weight, age, CYP3A4 and CYP2D6
// phenotypes), residual error and concentration thresholds. Every number carries its source and
// evidence level; errors name file, line and field. Immutable once loaded; thread-safe to share.
#pragma once

#include <string>
#include <vector>

#include "speciosa/common.hpp"
#include "speciosa/knowledge.hpp"

namespace speciosa::knowledge {

/// How a random effect eta acts on a parameter: value·exp(eta), or logit(value) + eta.
enum class IivScale { kLog, kLogit };

/// Between-subject variability of one data/pk.toml parameter.
struct IivTerm {
  std::string parameter;  ///< id in data/pk.toml
  double cv = 0;          ///< coefficient of variation as written
  double omega = 0;       ///< SD of eta: sqrt(ln(1 + cv^2))
  IivScale scale = IivScale::kLog;
  Provenance provenance;
};

/// Correlation between the random effects of two parameters (off-diagonal of omega).
struct IivCorrelation {
  std::string first;
  std::string second;
  double r = 0;
  Provenance provenance;
};

/// A number with its citation.
struct CitedValue {
  double value = 0;
  Provenance provenance;
};

/// A metaboliser phenotype: its frequency and enzyme activity relative to normal.
struct Phenotype {
  std::string id;  ///< "poor", "normal", ...
  double frequency = 0;
  double activity = 1;
  Provenance provenance;
};

/// A log-normal body-weight distribution.
struct WeightDistribution {
  double median_kg = 0;
  double cv = 0;
  Provenance provenance;
};

/// A plasma level whose crossing a population run reports.
struct ConcentrationThreshold {
  std::string id;
  std::string name;
  std::string analyte;  ///< "mitragynine" or "7-hydroxymitragynine"
  double conc_ng_ml = 0;
  Provenance provenance;
};

struct PopulationData {
  std::vector<IivTerm> iiv;
  std::vector<IivCorrelation> correlations;
  CitedValue female_fraction;
  CitedValue female_cyp3a_multiplier;  ///< women's CYP3A clearance relative to men's
  WeightDistribution weight_female;
  WeightDistribution weight_male;
  struct {
    double mean_y = 0, sd_y = 0, min_y = 0, max_y = 0;
    Provenance provenance;
  } age;
  struct {
    double reference_y = 0;
    double change_per_decade = 0;  ///< relative change of MG intrinsic clearance above reference_y
    Provenance provenance;
  } age_clearance;
  CitedValue cyp2d6_fm_mg;  ///< share of MG hepatic intrinsic clearance through CYP2D6
  std::vector<Phenotype> cyp2d6;  ///< frequencies sum to 1
  std::vector<Phenotype> cyp3a4;  ///< frequencies sum to 1
  struct {
    double proportional_cv = 0;
    double additive_ng_ml = 0;
    Provenance provenance;
  } residual;
  std::vector<ConcentrationThreshold> thresholds;
};

/// Loads data/population.toml from k.dir, checking sources against `k` and that every [[iiv]]
/// parameter exists in `k` (and agrees with its iiv_cv where pk.toml gives one).
Result<PopulationData> load_population_data(const Knowledge& k);

}  // namespace speciosa::knowledge
