#include "speciosa/pharm/pd.hpp"

#include <gtest/gtest.h>

#include <array>

#include "support/mechanism_fixture.hpp"

namespace speciosa::pharm {
namespace {

// PD state with effect-site concentrations equal to the given plasma values (nM).
ReceptorActivity at(double mg_nm, double oh_nm, const PdParams& p) {
  const std::array<double, kPdStateSize> y = {mg_nm, oh_nm};
  return receptor_activity(y, p);
}

TEST(OperationalModel, ReproducesTheInVitroEc50AndEmax) {
  const PdParams p = testing::typical_mechanism_params().pd;
  // Unbound concentration = fu·Kp,uu·Ce, so this total gives an unbound 7-OH at its EC50.
  const double ce_at_ec50 = p.ec50_mu_oh_nm / (p.fu_oh * p.kpuu);
  EXPECT_NEAR(at(0, ce_at_ec50, p).mu_activity, p.emax_mu_oh / 2, 1e-12);
  EXPECT_NEAR(at(0, 1e12, p).mu_activity, p.emax_mu_oh, 1e-6);
  EXPECT_NEAR(at(1e12, 0, p).mu_activity, p.emax_mu_mg, 1e-6);
  const Operational o = operational_from_ec50(34.5, 0.47);
  EXPECT_NEAR(o.tau, 0.8868, 1e-4);    // 0.47 / 0.53
  EXPECT_NEAR(o.ka_nm, 65.09, 0.01);   // 34.5 · (1 + tau)
}

TEST(OperationalModel, MixturesNeverExceedThePartialAgonistCeiling) {
  const PdParams p = testing::typical_mechanism_params().pd;
  EXPECT_DOUBLE_EQ(mu_ceiling(p), 0.47);
  for (double mg : {0.0, 1.0, 100.0, 1e4, 1e6, 1e9}) {
    for (double oh : {0.0, 1.0, 100.0, 1e4, 1e6, 1e9}) {
      const double mu = at(mg, oh, p).mu_activity;
      EXPECT_GE(mu, 0);
      EXPECT_LE(mu, mu_ceiling(p)) << mg << " nM MG, " << oh << " nM 7-OH";
    }
  }
}

TEST(OperationalModel, MgCompetesWith7OhAtSaturation) {
  // At a saturating 7-OH level, adding MG (the less efficacious partial agonist) displaces
  // 7-OH and lowers the response toward MG's own maximum.
  const PdParams p = testing::typical_mechanism_params().pd;
  const double oh_alone = at(0, 1e6, p).mu_activity;
  const double with_mg = at(1e8, 1e6, p).mu_activity;
  EXPECT_LT(with_mg, oh_alone - 0.05);
  EXPECT_GT(with_mg, p.emax_mu_mg - 0.01);
}

TEST(OperationalModel, ActivityRisesWithConcentration) {
  const PdParams p = testing::typical_mechanism_params().pd;
  double previous = -1;
  for (double scale = 0; scale <= 1000; scale += 5) {
    const double mu = at(5 * scale, scale, p).mu_activity;
    EXPECT_GT(mu, previous);
    previous = mu;
  }
}

TEST(Antagonism, KappaAndDeltaOccupancyFollowAffinity) {
  const PdParams p = testing::typical_mechanism_params().pd;
  const ReceptorActivity r = at(0, p.ki_kor_oh_nm / (p.fu_oh * p.kpuu), p);
  EXPECT_NEAR(r.kor_occupancy, 0.5, 1e-12);
  EXPECT_LT(r.dor_occupancy, 0.5);  // 7-OH binds delta less tightly than kappa
  EXPECT_EQ(at(0, 0, p).kor_occupancy, 0);
}

TEST(Balance, SedationMasksStimulation) {
  const PdParams p = testing::typical_mechanism_params().pd;
  ReceptorActivity r;
  r.mg_unbound_nm = p.stim_ec50_nm;
  const Balance awake = balance(r, 0, p);
  EXPECT_NEAR(awake.stimulant_index, 0.5, 1e-12);
  EXPECT_EQ(awake.sedative_index, 0);
  r.mu_activity = p.sed_ec50;
  const Balance drowsy = balance(r, 0, p);
  EXPECT_NEAR(drowsy.sedative_index, 0.5, 1e-12);
  EXPECT_NEAR(drowsy.stimulant_index, 0.25, 1e-12);
  // Tolerance removes part of the mu drive: less sedation at the same receptor activity.
  EXPECT_LT(balance(r, 0.5, p).sedative_index, drowsy.sedative_index);
}

TEST(EffectSite, RelaxesTowardPlasma) {
  const PdParams p = testing::typical_mechanism_params().pd;
  const std::array<double, kPdStateSize> y = {10, 0};
  std::array<double, kPdStateSize> dy{};
  derivatives(0, y, p, PlasmaConc{30, 5}, dy);
  EXPECT_NEAR(dy[kEffectMg], p.ke0_per_h * 20, 1e-12);
  EXPECT_NEAR(dy[kEffectOh], p.ke0_per_h * 5, 1e-12);
}

}  // namespace
}  // namespace speciosa::pharm
