// Population sampling: random streams, random effects against omega, covariate effects, and the
// population data file's validation.
#include <gtest/gtest.h>

#include <cmath>
#include <fmt/format.h>
#include <numeric>

#include "speciosa/knowledge_population.hpp"
#include "speciosa/sim_population.hpp"
#include "support/temp_dir.hpp"

namespace speciosa::sim {
namespace {

const knowledge::Knowledge& kb() {
  static const knowledge::Knowledge k = [] {
    auto loaded = knowledge::load_knowledge(SPECIOSA_TEST_DATA_DIR);
    SPECIOSA_ASSERT(loaded.has_value(), "the shipped data loads");
    return std::move(loaded).value();
  }();
  return k;
}

const knowledge::PopulationData& population_data() {
  static const knowledge::PopulationData d = [] {
    auto loaded = knowledge::load_population_data(kb());
    SPECIOSA_ASSERT(loaded.has_value(), "the shipped population data loads");
    return std::move(loaded).value();
  }();
  return d;
}

PopulationModel model() {
  auto m = PopulationModel::create(kb(), population_data());
  SPECIOSA_ASSERT(m.has_value(), "the shipped population model builds");
  return std::move(m).value();
}

std::size_t iiv_index(std::string_view id) {
  const auto& iiv = population_data().iiv;
  for (std::size_t i = 0; i < iiv.size(); ++i) {
    if (iiv[i].parameter == id) return i;
  }
  ADD_FAILURE() << "no [[iiv]] for " << id;
  return 0;
}

TEST(RandomStream, DependsOnlyOnSeedAndSubject) {
  RandomStream a(7, 12345), b(7, 12345), c(7, 12346), d(8, 12345);
  for (int i = 0; i < 100; ++i) {
    const std::uint64_t x = a.next_u64();
    EXPECT_EQ(x, b.next_u64());
    EXPECT_NE(x, c.next_u64());
    EXPECT_NE(x, d.next_u64());
  }
}

TEST(RandomStream, NormalHasUnitMoments) {
  RandomStream r(1, 0);
  constexpr int kN = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < kN; ++i) {
    const double z = r.normal();
    sum += z;
    sum2 += z * z;
  }
  EXPECT_NEAR(sum / kN, 0, 0.01);
  EXPECT_NEAR(sum2 / kN, 1, 0.01);
}

TEST(PopulationData, ShippedFileLoadsWithSources) {
  const auto& d = population_data();
  ASSERT_GE(d.iiv.size(), 5u);
  EXPECT_EQ(d.iiv[iiv_index("clint_u_mg")].provenance.source, "tanna2022");
  EXPECT_NEAR(d.iiv[iiv_index("clint_u_mg")].omega, std::sqrt(std::log1p(0.25)), 1e-12);
  EXPECT_EQ(d.iiv[iiv_index("fg0_mg")].scale, knowledge::IivScale::kLogit);
  EXPECT_EQ(d.cyp2d6.size(), 4u);
  EXPECT_EQ(d.thresholds.front().provenance.evidence, knowledge::Evidence::kClinical);
}

std::string population_load_error(testing::DataCopy& data) {
  auto k = knowledge::load_knowledge(data.path());
  EXPECT_TRUE(k) << k.error().to_string();
  if (!k) return "";
  auto d = knowledge::load_population_data(*k);
  EXPECT_FALSE(d) << "expected data/population.toml to be rejected";
  return d ? "" : d.error().to_string();
}

int line_of(testing::DataCopy& data, const std::string& needle) {
  const std::string text = testing::read_file(data.path() / "population.toml");
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

TEST(PopulationData, RejectsUnknownParameterWithFileAndLine) {
  testing::DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("population.toml", "parameter = \"v_oh\"", "parameter = \"v_ohh\""));
  const int line = line_of(data, "parameter = \"v_ohh\"");
  EXPECT_EQ(population_load_error(data),
            fmt::format("data/population.toml:{}: field 'parameter': unknown parameter 'v_ohh' (accepted: an id "
                        "of a [[parameter]] in data/pk.toml)", line));
}

TEST(PopulationData, RejectsCvThatDisagreesWithPkToml) {
  testing::DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("population.toml", "parameter = \"ka_mg\"\ncv = 0.3", "parameter = \"ka_mg\"\ncv = 0.4"));
  EXPECT_NE(population_load_error(data).find("field 'cv': 0.4 differs from iiv_cv = 0.3 in data/pk.toml"),
            std::string::npos);
}

TEST(PopulationData, RejectsFrequenciesThatDoNotSumToOne) {
  testing::DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("population.toml", "id = \"poor\"\nfrequency = 0.06", "id = \"poor\"\nfrequency = 0.16"));
  EXPECT_NE(population_load_error(data).find("field 'cyp2d6': phenotype frequencies sum to 1.1"), std::string::npos);
}

TEST(PopulationData, RejectsUnknownSource) {
  testing::DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("population.toml", "source = \"fryar2021\"", "source = \"nobody2020\""));
  EXPECT_NE(population_load_error(data).find("field 'source': 'nobody2020' is not a key in sources.toml"),
            std::string::npos);
}

TEST(PopulationModel, RejectsCorrelationsThatAreNotPositiveDefinite) {
  knowledge::PopulationData d = population_data();
  // Three effects pairwise correlated at -0.9 cannot hold together.
  d.correlations = {{"ka_mg", "vc_mg", -0.9, {}}, {"ka_mg", "vp_mg", -0.9, {}}, {"vc_mg", "vp_mg", -0.9, {}}};
  auto m = PopulationModel::create(kb(), d);
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message.find("positive definite"), std::string::npos);
}

TEST(PopulationModel, RandomEffectsMatchOmega) {
  const PopulationModel m = model();
  const auto& d = population_data();
  const std::size_t n = m.random_effects();
  constexpr int kSubjects = 40000;
  std::vector<double> sum(n, 0), sum2(n * n, 0);
  for (int i = 0; i < kSubjects; ++i) {
    const Subject s = m.sample(42, static_cast<std::uint64_t>(i), {});
    for (std::size_t a = 0; a < n; ++a) {
      sum[a] += s.eta[a];
      for (std::size_t b = 0; b < n; ++b) sum2[a * n + b] += s.eta[a] * s.eta[b];
    }
  }
  const auto cov = [&](std::size_t a, std::size_t b) {
    return sum2[a * n + b] / kSubjects - (sum[a] / kSubjects) * (sum[b] / kSubjects);
  };
  for (std::size_t a = 0; a < n; ++a) {
    EXPECT_NEAR(sum[a] / kSubjects, 0, 0.01) << d.iiv[a].parameter;
    EXPECT_NEAR(std::sqrt(cov(a, a)), d.iiv[a].omega, 0.02 * d.iiv[a].omega) << d.iiv[a].parameter;
  }
  for (const auto& c : d.correlations) {
    const std::size_t a = iiv_index(c.first), b = iiv_index(c.second);
    EXPECT_NEAR(cov(a, b) / std::sqrt(cov(a, a) * cov(b, b)), c.r, 0.02) << c.first << " " << c.second;
  }
  // Uncorrelated pairs stay uncorrelated.
  const std::size_t ka = iiv_index("ka_mg"), cl = iiv_index("clint_u_mg");
  EXPECT_NEAR(cov(ka, cl) / std::sqrt(cov(ka, ka) * cov(cl, cl)), 0, 0.02);
}

TEST(PopulationModel, CovariateFrequenciesMatchData) {
  const PopulationModel m = model();
  const auto& d = population_data();
  constexpr int kSubjects = 40000;
  int female = 0;
  std::vector<int> cyp2d6(d.cyp2d6.size(), 0);
  double log_weight_female = 0;
  for (int i = 0; i < kSubjects; ++i) {
    const Subject s = m.sample(3, static_cast<std::uint64_t>(i), {});
    female += s.covariates.female ? 1 : 0;
    ++cyp2d6[s.covariates.cyp2d6];
    if (s.covariates.female) log_weight_female += std::log(s.covariates.weight_kg);
    EXPECT_GE(s.covariates.age_y, d.age.min_y);
    EXPECT_LE(s.covariates.age_y, d.age.max_y);
  }
  EXPECT_NEAR(static_cast<double>(female) / kSubjects, d.female_fraction.value, 0.01);
  for (std::size_t p = 0; p < cyp2d6.size(); ++p) {
    EXPECT_NEAR(static_cast<double>(cyp2d6[p]) / kSubjects, d.cyp2d6[p].frequency, 0.006) << d.cyp2d6[p].id;
  }
  EXPECT_NEAR(std::exp(log_weight_female / female), d.weight_female.median_kg, 0.01 * d.weight_female.median_kg);
}

TEST(PopulationModel, OverridesChangeOnlyTheirCovariate) {
  const PopulationModel m = model();
  const Subject free = m.sample(5, 9, {});
  CovariateOverrides heavy;
  heavy.weight_kg = 120;
  const Subject fixed = m.sample(5, 9, {}, heavy);
  EXPECT_EQ(fixed.covariates.weight_kg, 120);
  EXPECT_EQ(fixed.covariates.age_y, free.covariates.age_y);
  EXPECT_EQ(fixed.covariates.cyp2d6, free.covariates.cyp2d6);
  EXPECT_EQ(fixed.eta, free.eta);
  // Allometry: volumes scale with weight, clearances with weight^0.75.
  const double ratio = 120 / free.covariates.weight_kg;
  EXPECT_NEAR(fixed.pk.vc_mg_l / free.pk.vc_mg_l, ratio, 1e-12);
  EXPECT_NEAR(fixed.pk.cl_oh_l_h / free.pk.cl_oh_l_h, std::pow(ratio, 0.75), 1e-12);
}

TEST(PopulationModel, EnzymePhenotypesScaleClearanceRoutes) {
  // Same subject, two CYP2D6 phenotypes: the poor metaboliser loses exactly the CYP2D6 route.
  knowledge::PopulationData poor = population_data(), normal = population_data();
  for (auto* d : {&poor, &normal}) {
    for (auto& p : d->cyp2d6) p.frequency = 0;
  }
  poor.cyp2d6[0].frequency = 1;    // "poor", activity 0
  normal.cyp2d6[2].frequency = 1;  // "normal", activity 1
  ASSERT_EQ(poor.cyp2d6[0].id, "poor");
  ASSERT_EQ(normal.cyp2d6[2].id, "normal");
  const Subject a = PopulationModel::create(kb(), poor)->sample(1, 1, {});
  const Subject b = PopulationModel::create(kb(), normal)->sample(1, 1, {});
  const double fm2d6 = poor.cyp2d6_fm_mg.value;
  const double fm3a = kb().find_parameter("fm_cyp3a_mg")->value;
  const double cyp3a = poor.cyp3a4[a.covariates.cyp3a4].activity *
                       (a.covariates.female ? poor.female_cyp3a_multiplier.value : 1.0);
  const double others = 1 - fm3a - fm2d6;
  EXPECT_NEAR(a.pk.clint_u_mg_l_h / b.pk.clint_u_mg_l_h,
              (fm3a * cyp3a + others) / (fm3a * cyp3a + fm2d6 + others), 1e-12);
  EXPECT_LT(a.pk.clint_u_mg_l_h, b.pk.clint_u_mg_l_h);
  EXPECT_GT(a.pk.fm_cyp3a_mg, b.pk.fm_cyp3a_mg);  // CYP3A carries more of what is left
}

TEST(PopulationModel, ContentRatioStaysInTheProductRange) {
  const PopulationModel m = model();
  const ContentSpread spread{0.5 / 1.5, 2.7 / 1.5};
  double sum = 0;
  constexpr int kSubjects = 20000;
  for (int i = 0; i < kSubjects; ++i) {
    const double r = m.sample(11, static_cast<std::uint64_t>(i), spread).covariates.content_ratio;
    EXPECT_GE(r, spread.low_ratio);
    EXPECT_LE(r, spread.high_ratio);
    sum += r;
  }
  // Triangular mean: (low + mode + high) / 3.
  EXPECT_NEAR(sum / kSubjects, (spread.low_ratio + 1 + spread.high_ratio) / 3, 0.01);
}

}  // namespace
}  // namespace speciosa::sim
