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

MechanismSeries single_dose(const MechanismParams& p, double mg_mg) {
  const testing::StandInPk pk({{0, mg_mg}});
  auto r = simulate_mechanism(p, std::cref(pk), testing::grid(12, 0.05), pk.dose_times());
  EXPECT_TRUE(r.has_value());
  return std::move(r).value();
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

}  // namespace
}  // namespace speciosa::sim
