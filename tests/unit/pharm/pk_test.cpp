#include <gtest/gtest.h>

#include <array>

#include "problems/pk_problems.hpp"
#include "speciosa/pharm/pk.hpp"

namespace speciosa::pharm {
namespace {

TEST(PkRates, UninhibitedEnzymeGivesBaselineAvailability) {
  const PkParams p = testing::typical_pk_params();
  const PkRates r = pk_rates(p, 1.0, 1.0);
  EXPECT_NEAR(r.fg, p.fg0_mg, 1e-12);
  const double fu_clint = p.fu_mg * p.clint_u_mg_l_h;
  EXPECT_NEAR(r.eh, fu_clint / (p.q_h_l_h + fu_clint), 1e-12);  // well-stirred liver
  EXPECT_NEAR(r.cl_sys_l_h, p.q_h_l_h * r.eh, 1e-12);
  EXPECT_NEAR(r.cyp3a_share, p.fm_cyp3a_mg, 1e-12);
}

TEST(PkRates, InactivatedEnzymeRaisesAvailabilityAndStopsCyp3aShare) {
  const PkParams p = testing::typical_pk_params();
  const PkRates off = pk_rates(p, 0.0, 0.0);
  EXPECT_DOUBLE_EQ(off.fg, 1.0);
  EXPECT_DOUBLE_EQ(off.cyp3a_share, 0.0);
  EXPECT_LT(off.eh, pk_rates(p, 1.0, 1.0).eh);
}

TEST(PkRates, CoMedicationInhibitorActsLikeLostEnzyme) {
  PkParams p = testing::typical_pk_params();
  p.comed_cyp3a_activity = 0.2;
  const PkRates with = pk_rates(p, 1.0, 1.0);
  p.comed_cyp3a_activity = 1.0;
  const PkRates same = pk_rates(p, 0.2, 0.2);
  EXPECT_NEAR(with.fg, same.fg, 1e-12);
  EXPECT_NEAR(with.eh, same.eh, 1e-12);
}

TEST(PkMatrix, NeverCreatesMass) {
  // Off-diagonal flows are non-negative and every column loses at least what it passes on
  // (7-OH is formed 1:1 in nmol from MG), at any enzyme state.
  const PkParams p = testing::typical_pk_params();
  for (double e : {0.0, 0.3, 1.0}) {
    const PkMatrix a = pk_matrix(p, e, e);
    for (int j = 0; j < kPkLinearSize; ++j) {
      double column = 0;
      for (int i = 0; i < kPkLinearSize; ++i) {
        if (i != j) {
          EXPECT_GE(a(i, j), 0.0) << i << "," << j;
        }
        column += a(i, j);
      }
      EXPECT_LE(column, 1e-12) << "column " << j << " at enzyme " << e;
    }
  }
}

TEST(PkDerivatives, DrugFreeBodyStaysPut) {
  const PkParams p = testing::typical_pk_params();
  std::array<double, kPkStateSize> s{};
  s[kEnzymeGut] = 1;
  s[kEnzymeLiver] = 1;
  std::array<double, kPkStateSize> d{};
  pk_derivatives(0, s, p, d);
  for (double v : d) EXPECT_DOUBLE_EQ(v, 0.0);
}

TEST(PkDerivatives, MitragynineInTheGutInactivatesGutCyp3a) {
  const PkParams p = testing::typical_pk_params();
  std::array<double, kPkStateSize> s{};
  s[kGutMg] = 1e5;  // ~40 mg
  s[kEnzymeGut] = 1;
  s[kEnzymeLiver] = 1;
  std::array<double, kPkStateSize> d{};
  pk_derivatives(0, s, p, d);
  EXPECT_LT(d[kEnzymeGut], 0.0);
  EXPECT_LT(d[kEnzymeLiver], 0.0);
  EXPECT_LT(d[kEnzymeLiver], 0.0);
  EXPECT_GT(d[kCentralOh], 0.0);  // first-pass formation of 7-OH
}

TEST(Concentrations, ConvertNmolToNgPerMl) {
  const PkParams p = testing::typical_pk_params();
  // 100 L central volume: 1e5 nmol -> 1000 nM -> 398.5 ng/mL.
  EXPECT_NEAR(mg_conc_ng_ml(p, 1e5), 398.5, 1e-9);
  EXPECT_NEAR(oh_conc_ng_ml(p, 8e3), 100 * 0.4145, 1e-9);
}

}  // namespace
}  // namespace speciosa::pharm
