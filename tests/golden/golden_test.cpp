// Golden scenario 1 (tests/golden/tanna2022): the model with the parameters in data/ against the
// published Tanna 2022 single-dose NCA. Acceptance from provenance.toml: Cmax and AUC within
// 1.25-fold, Tmax within 0.5 h; half-life within 1.25-fold as well.
#include <gtest/gtest.h>

#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "speciosa/knowledge.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::sim {
namespace {

std::vector<FitTarget> read_targets(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::vector<FitTarget> out;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::vector<std::string> c;
    for (std::string cell; std::getline(ss, cell, ',');) c.push_back(cell);
    if (c.size() < 8) continue;
    out.push_back({c[0], c[1], std::stod(c[2]), std::stod(c[5]), std::stod(c[6]), std::stod(c[7])});
  }
  return out;
}

TEST(GoldenTanna2022, SingleTwoGramDosePredictsPublishedNca) {
  auto k = knowledge::load_knowledge(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(k) << k.error().to_string();
  auto params = pk_params_from(*k);
  ASSERT_TRUE(params);
  const auto targets = read_targets(std::string(SPECIOSA_GOLDEN_DIR) + "/tanna2022/nca.csv");
  ASSERT_EQ(targets.size(), 8u);
  auto profile = single_dose_profile(*params, 39.0);  // 2 g of K51 leaf, 1.95 % MG
  ASSERT_TRUE(profile);
  for (const FitTarget& t : targets) {
    const double predicted = predicted_metric(*profile, t);
    const std::string what = fmt::format("{} {}: predicted {:.3g}, observed {:.3g}", t.analyte, t.metric,
                                         predicted, t.observed);
    std::printf("  %s (ratio %.2f)\n", what.c_str(), predicted / t.observed);
    if (t.metric == "tmax_h") {
      EXPECT_LE(std::abs(predicted - t.observed), 0.5) << what;
    } else {
      EXPECT_LE(predicted / t.observed, 1.25) << what;
      EXPECT_GE(predicted / t.observed, 0.8) << what;
    }
  }
}

TEST(GoldenTanna2022, SevenOhToMitragynineMolarRatiosMatchThePublishedTable) {
  // Derived from the same table (dossier section 1.2): 7-OH/MG molar Cmax ratio 0.20, AUC 0.25.
  auto k = knowledge::load_knowledge(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(k);
  auto params = pk_params_from(*k);
  ASSERT_TRUE(params);
  auto profile = single_dose_profile(*params, 39.0);
  ASSERT_TRUE(profile);
  const NcaMetrics mg = nca(profile->t_h, profile->mg_ng_ml, 24, 120);
  const NcaMetrics oh = nca(profile->t_h, profile->oh_ng_ml, 4, 24);
  const double to_molar = 398.50 / 414.50;
  EXPECT_NEAR(oh.cmax_ng_ml / mg.cmax_ng_ml * to_molar / 0.20, 1.0, 0.25);
  EXPECT_NEAR(oh.auc_inf_ng_h_ml / mg.auc_inf_ng_h_ml * to_molar / 0.25, 1.0, 0.25);
}

}  // namespace
}  // namespace speciosa::sim
