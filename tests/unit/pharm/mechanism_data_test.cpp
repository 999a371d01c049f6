// The mechanism parameters as loaded from data/pd.toml and data/hpa.toml.
#include <gtest/gtest.h>

#include <algorithm>

#include "speciosa/knowledge.hpp"
#include "speciosa/sim_mechanism.hpp"
#include "support/mechanism_fixture.hpp"
#include "support/stand_in_pk.hpp"

namespace speciosa::sim {
namespace {

const knowledge::Knowledge& data() {
  static const knowledge::Knowledge k = [] {
    auto r = knowledge::load_knowledge(SPECIOSA_TEST_DATA_DIR);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
    return std::move(r).value();
  }();
  return k;
}

bool contains(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

double value(std::string_view id) {
  const knowledge::Parameter* p = data().find_parameter(id);
  EXPECT_NE(p, nullptr) << id;
  return p == nullptr ? 0 : p->value;
}

MechanismSeries single_dose(const MechanismParams& p, double mg_mg) {
  const testing::StandInPk pk({{0, mg_mg}});
  auto r = simulate_mechanism(p, std::cref(pk), testing::grid(12, 0.05), pk.dose_times());
  EXPECT_TRUE(r.has_value());
  return std::move(r).value();
}

double area(const MechanismSeries& s, std::string_view column) {
  const auto& v = s.column(column);
  double a = 0;
  for (std::size_t i = 1; i < v.size(); ++i) {
    a += 0.5 * (v[i] + v[i - 1]) * (s.t_h[i] - s.t_h[i - 1]);
  }
  return a;
}

TEST(MechanismData, LoadsAndMatchesTheTestFixture) {
  auto p = mechanism_params(data());
  ASSERT_TRUE(p.has_value()) << p.error().to_string();
  // Same parameters, same outputs, bit for bit.
  const MechanismSeries from_data = single_dose(*p, 45);
  const MechanismSeries from_fixture = single_dose(testing::typical_mechanism_params(), 45);
  for (std::size_t c = 0; c < kMechanismColumns.size(); ++c) {
    EXPECT_EQ(from_data.columns[c], from_fixture.columns[c]) << kMechanismColumns[c];
  }
}

TEST(MechanismData, EveryOutputSaysWhichTheoreticalParametersItRestsOn) {
  for (std::string_view column : kMechanismColumns) {
    EXPECT_FALSE(theoretical_parameters(data(), column).empty()) << column;
    for (const std::string& id : parameters_of(column)) {
      EXPECT_TRUE(contains(mechanism_parameter_ids(), id)) << id;
    }
  }
  const auto mu = theoretical_parameters(data(), "mu_activity");
  EXPECT_TRUE(contains(mu, "ke0_mor"));
  EXPECT_TRUE(contains(mu, "kpuu_brain"));
  EXPECT_FALSE(contains(mu, "ec50_mu_7oh"));  // in vitro, not theoretical
  const auto cortisol = theoretical_parameters(data(), "cortisol_nmol_l");
  EXPECT_TRUE(contains(cortisol, "hpa_opioid_imax"));
  EXPECT_FALSE(contains(cortisol, "hpa_k_cortisol"));  // human hormone half-life
  EXPECT_TRUE(parameters_of("no_such_column").empty());
}

TEST(MechanismData, AMissingParameterIsNamed) {
  knowledge::Knowledge k = data();
  std::erase_if(k.parameters, [](const knowledge::Parameter& p) { return p.id == "ktol"; });
  auto p = mechanism_params(k);
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().field, "ktol");
  EXPECT_EQ(p.error().message, "parameter is missing");
}

TEST(MechanismData, AParameterInTheWrongUnitIsRejected) {
  knowledge::Knowledge k = data();
  for (auto& p : k.parameters) {
    if (p.id == "ke0_mor") p.unit = "h";
  }
  auto p = mechanism_params(k);
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().field, "ke0_mor");
  EXPECT_EQ(p.error().accepted, "a value in 1/h");
}

TEST(MechanismData, BalanceCrossesOverInsideTheSurveyDoseBands) {
  // Bands from reviews of user reports (prozialeck2012; not controlled trials): mostly
  // stimulating from 1 to 5 g of leaf, increasingly sedating above. Typical leaf 1.5 % MG.
  auto p = mechanism_params(data());
  ASSERT_TRUE(p.has_value());
  const knowledge::Product* leaf = data().find_product("leaf-generic");
  ASSERT_NE(leaf, nullptr);
  const double mg_per_g = 1000 * leaf->mg_fraction.typical;
  const double low_g = value("band_stimulant_leaf_low") / 1000;   // canonical mg
  const double high_g = value("band_stimulant_leaf_high") / 1000;
  for (double g = low_g; g <= 0.8 * high_g; g += 0.5) {
    const MechanismSeries s = single_dose(*p, g * mg_per_g);
    EXPECT_GT(area(s, "stimulant_index"), area(s, "sedative_index")) << g << " g";
  }
  for (double g = 1.6 * high_g; g <= 3 * high_g; g += 2.5) {
    const MechanismSeries s = single_dose(*p, g * mg_per_g);
    EXPECT_LT(area(s, "stimulant_index"), area(s, "sedative_index")) << g << " g";
  }
}

}  // namespace
}  // namespace speciosa::sim
