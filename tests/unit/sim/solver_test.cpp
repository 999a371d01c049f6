// The exact path against closed forms and against the CVODE reference; mass balance,
// superposition, steady state and output-step independence.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "problems/pk_problems.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::sim {
namespace {

std::vector<Event> every(double tau_h, int count, double amt_mg, Compartment cmt = Compartment::kGutMg) {
  Event e;
  e.amt_mg = amt_mg;
  e.cmt = cmt;
  e.addl = count - 1;
  e.ii_h = tau_h;
  return expand_events({e});
}

SimulationOptions options(double end_h, double step_h, Method m, bool autoinhibition) {
  SimulationOptions o;
  o.end_h = end_h;
  o.step_h = step_h;
  o.method = m;
  o.autoinhibition = autoinhibition;
  return o;
}

double max_of(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

// Largest pointwise difference relative to the curve's maximum.
double max_relative_gap(const std::vector<double>& a, const std::vector<double>& b) {
  double gap = 0;
  for (std::size_t i = 0; i < a.size(); ++i) gap = std::max(gap, std::abs(a[i] - b[i]));
  return gap / max_of(b);
}

TEST(ExactPath, MatchesTheOneCompartmentClosedForm) {
  pharm::PkParams p = testing::typical_pk_params();
  p.q_mg_l_h = 0;  // one compartment
  auto s = simulate(p, every(24, 1, 39), options(48, 0.25, Method::kExact, false));
  ASSERT_TRUE(s) << s.error().to_string();
  for (std::size_t i = 0; i < s->t_h.size(); ++i) {
    EXPECT_NEAR(s->mg_ng_ml[i], testing::one_cmt_oral_conc_ng_ml(p, 39, s->t_h[i]), 1e-9) << s->t_h[i];
  }
}

TEST(ExactPath, MatchesCvodeWhenLinear) {
  const pharm::PkParams p = testing::typical_pk_params();
  const auto events = every(8, 9, 30);
  auto exact = simulate(p, events, options(96, 0.25, Method::kExact, false));
  auto ode = simulate(p, events, options(96, 0.25, Method::kOde, false));
  ASSERT_TRUE(exact && ode);
  EXPECT_LT(max_relative_gap(exact->mg_ng_ml, ode->mg_ng_ml), 1e-6);
  EXPECT_LT(max_relative_gap(exact->oh_ng_ml, ode->oh_ng_ml), 1e-6);
}

TEST(ExactPath, StaysWithinHalfAPercentOfATightCvodeReferenceWithAutoinhibition) {
  const pharm::PkParams p = testing::typical_pk_params();
  const auto events = every(8, 90, 45);  // 3 g of 1.5 % leaf three times a day for 30 days
  auto exact = simulate(p, events, options(720, 0.25, Method::kExact, true));
  SimulationOptions ref = options(720, 0.25, Method::kOde, true);
  ref.solver.rtol = 1e-11;
  ref.solver.atol = 1e-13;
  auto ode = simulate(p, events, ref);
  ASSERT_TRUE(exact && ode);
  EXPECT_LT(max_relative_gap(exact->mg_ng_ml, ode->mg_ng_ml), 5e-3);
  EXPECT_LT(max_relative_gap(exact->oh_ng_ml, ode->oh_ng_ml), 5e-3);
  EXPECT_LT(max_relative_gap(exact->enzyme_gut, ode->enzyme_gut), 5e-3);
  const Summary se = summarize(*exact, {0}), so = summarize(*ode, {0});
  EXPECT_NEAR(se.mitragynine.auc_total_ng_h_ml / so.mitragynine.auc_total_ng_h_ml, 1.0, 5e-3);
}

TEST(ExactPath, OutputStepDoesNotChangeTheAnswer) {
  const pharm::PkParams p = testing::typical_pk_params();
  const auto events = every(24, 5, 30);
  auto coarse = simulate(p, events, options(120, 1.0, Method::kExact, true));
  auto fine = simulate(p, events, options(120, 0.1, Method::kExact, true));
  ASSERT_TRUE(coarse && fine);
  for (std::size_t i = 0; i < coarse->t_h.size(); ++i) {
    const std::size_t j = i * 10;
    ASSERT_NEAR(fine->t_h[j], coarse->t_h[i], 1e-9);
    EXPECT_NEAR(fine->mg_ng_ml[j], coarse->mg_ng_ml[i], 2e-3 * max_of(coarse->mg_ng_ml));
  }
}

TEST(ExactPath, MassBalanceOfTheLinearModel) {
  // With CYP3A fixed: AUC(0-inf) × CL_sys = amount reaching the circulation = D·Fa·Fg·Fh.
  const pharm::PkParams p = testing::typical_pk_params();
  auto s = simulate(p, every(24, 1, 39), options(2000, 0.05, Method::kExact, false));
  ASSERT_TRUE(s);
  const pharm::PkRates r = pharm::pk_rates(p, 1, 1);
  double auc_nm_h = 0;
  for (std::size_t i = 1; i < s->t_h.size(); ++i) {
    auc_nm_h += 0.5 * (s->mg_ng_ml[i] + s->mg_ng_ml[i - 1]) * (s->t_h[i] - s->t_h[i - 1]) * 1000 / p.mw_mg_g_mol;
  }
  const double dose_nmol = 39e6 / p.mw_mg_g_mol;
  // 3e-4 allows for the trapezoid rule's error at the peak on a 0.05 h grid.
  EXPECT_NEAR(auc_nm_h * r.cl_sys_l_h / (dose_nmol * p.fa_mg * r.fg * (1 - r.eh)), 1.0, 3e-4);
}

TEST(ExactPath, SuperpositionHoldsWhenLinear) {
  const pharm::PkParams p = testing::typical_pk_params();
  const SimulationOptions o = options(48, 0.5, Method::kExact, false);
  auto both = simulate(p, expand_events({every(24, 1, 20)[0], [] { Event e; e.t_h = 6; e.amt_mg = 10; return e; }()}), o);
  auto first = simulate(p, every(24, 1, 20), o);
  auto second = simulate(p, every(24, 1, 10), o);
  ASSERT_TRUE(both && first && second);
  for (std::size_t i = 0; i < both->t_h.size(); ++i) {
    const double shifted = both->t_h[i] >= 6 ? second->mg_ng_ml[i - 12] : 0.0;
    EXPECT_NEAR(both->mg_ng_ml[i], first->mg_ng_ml[i] + shifted, 1e-9);
  }
}

TEST(Autoinhibition, RepeatedDosingRaisesMitragynineExposure) {
  // The model's prediction: MG inactivates its own CYP3A first pass, so daily dosing gives more
  // MG than the fixed-enzyme model and 7-OH formation falls relative to MG.
  const pharm::PkParams p = testing::typical_pk_params();
  const auto events = every(24, 14, 30);
  auto inhibited = simulate(p, events, options(336, 0.25, Method::kExact, true));
  auto fixed = simulate(p, events, options(336, 0.25, Method::kExact, false));
  ASSERT_TRUE(inhibited && fixed);
  const Summary si = summarize(*inhibited, {0, 24}), sf = summarize(*fixed, {0, 24});
  EXPECT_GT(si.mitragynine.auc_total_ng_h_ml, 1.1 * sf.mitragynine.auc_total_ng_h_ml);
  EXPECT_LT(*std::min_element(inhibited->enzyme_gut.begin(), inhibited->enzyme_gut.end()), 0.3);
  EXPECT_GT(*std::min_element(inhibited->enzyme_liver.begin(), inhibited->enzyme_liver.end()), 0.5);
}

TEST(SteadyState, EqualsTheStateAfterManyIntervals) {
  const pharm::PkParams p = testing::typical_pk_params();
  const SimulationOptions o = options(24, 1, Method::kExact, true);
  auto ss = steady_state(p, every(24, 1, 30), 24, o);
  ASSERT_TRUE(ss);
  auto long_run = simulate(p, every(24, 120, 30), options(120 * 24 - 1e-9, 1, Method::kExact, true));
  ASSERT_TRUE(long_run);
  EXPECT_NEAR(long_run->final_state[pharm::kCentralMg] / (*ss)[pharm::kCentralMg], 1.0, 1e-3);
}

TEST(Simulate, StartsFromAGivenStateAndResets) {
  const pharm::PkParams p = testing::typical_pk_params();
  SimulationOptions o = options(24, 1, Method::kExact, false);
  std::vector<double> start(pharm::kPkStateSize, 0.0);
  start[pharm::kCentralMg] = 1e4;
  start[pharm::kEnzymeGut] = start[pharm::kEnzymeLiver] = 1;
  o.initial_state = start;
  Event reset;
  reset.t_h = 12;
  reset.evid = EventKind::kReset;
  auto s = simulate(p, {reset}, o);
  ASSERT_TRUE(s);
  EXPECT_GT(s->mg_ng_ml[0], 0);
  EXPECT_EQ(s->mg_ng_ml[13], 0);
}

TEST(Simulate, RejectsBadOptions) {
  const pharm::PkParams p = testing::typical_pk_params();
  EXPECT_EQ(simulate(p, {}, options(10, 20, Method::kExact, true)).error().to_string(),
            "simulate: field 'step_h': the step (20 h) is longer than the span (10 h) (accepted: a step no longer than the span)");
  EXPECT_EQ(simulate(p, {}, options(10, -1, Method::kExact, true)).error().field, "step_h");
  EXPECT_EQ(simulate(p, {}, options(NAN, 1, Method::kExact, true)).error().field, "end_h");
}

TEST(Simulate, DirectSevenOhDoseReachesPlasmaQuickly) {
  const pharm::PkParams p = testing::typical_pk_params();
  auto s = simulate(p, every(24, 1, 10, Compartment::kGutOh), options(12, 0.05, Method::kExact, true));
  ASSERT_TRUE(s);
  const auto peak = std::max_element(s->oh_ng_ml.begin(), s->oh_ng_ml.end());
  EXPECT_LT(s->t_h[static_cast<std::size_t>(peak - s->oh_ng_ml.begin())], 1.0);
  EXPECT_EQ(max_of(s->mg_ng_ml), 0.0);
}

}  // namespace
}  // namespace speciosa::sim
