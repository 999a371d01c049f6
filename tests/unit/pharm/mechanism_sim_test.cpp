// simulate_mechanism on the stand-in plasma model (tests/support/stand_in_pk.hpp), whose MG
// and 7-OH curves resemble Tanna 2022; speciosa's real PK replaces it at run time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "speciosa/sim_mechanism.hpp"
#include "support/mechanism_fixture.hpp"
#include "support/stand_in_pk.hpp"

namespace speciosa::sim {
namespace {

using testing::daily;
using testing::grid;
using testing::StandInPk;
using testing::typical_mechanism_params;

// Typical leaf is 1.5 % MG w/w (dossier §2.1): 2 g = 30 mg, 10 g = 150 mg.
constexpr double kMgPerGramLeaf = 15.0;

MechanismSeries run(const StandInPk& pk, const std::vector<double>& g,
                    const MechanismOptions& o = {}) {
  auto r = simulate_mechanism(typical_mechanism_params(), std::cref(pk), g, pk.dose_times(), o);
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
  return std::move(r).value();
}

double at(const MechanismSeries& s, std::string_view column, double t_h) {
  const auto it = std::lower_bound(s.t_h.begin(), s.t_h.end(), t_h - 1e-9);
  return s.column(column)[static_cast<std::size_t>(it - s.t_h.begin())];
}

double area(const MechanismSeries& s, std::string_view column, double from_h, double to_h) {
  const auto& v = s.column(column);
  double a = 0;
  for (std::size_t i = 1; i < s.t_h.size(); ++i) {
    if (s.t_h[i - 1] >= from_h && s.t_h[i] <= to_h) {
      a += 0.5 * (v[i] + v[i - 1]) * (s.t_h[i] - s.t_h[i - 1]);
    }
  }
  return a;
}

double peak(const MechanismSeries& s, std::string_view column) {
  const auto& v = s.column(column);
  return *std::max_element(v.begin(), v.end());
}

TEST(Mechanism, MoreDoseGivesMoreMuActivityAtEveryTime) {
  const auto g = grid(48, 0.25);
  MechanismSeries previous = run(StandInPk({}), g);
  for (double leaf_g : {0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0}) {
    const MechanismSeries s = run(StandInPk({{0, leaf_g * kMgPerGramLeaf}}), g);
    EXPECT_GT(peak(s, "mu_activity"), peak(previous, "mu_activity")) << leaf_g << " g";
    for (std::size_t i = 1; i < g.size(); ++i) {
      EXPECT_GT(s.column("mu_activity")[i], previous.column("mu_activity")[i]);
    }
    previous = s;
  }
}

TEST(Mechanism, MuActivityStaysBelowThePartialAgonistCeiling) {
  const MechanismParams p = typical_mechanism_params();
  const MechanismSeries s = run(StandInPk(daily(5000, 3, {0, 6, 12})), grid(72, 0.25));
  EXPECT_LE(peak(s, "mu_activity"), pharm::mu_ceiling(p.pd));
  EXPECT_GT(peak(s, "mu_activity"), 0.3);  // a huge dose gets close to it
}

TEST(Mechanism, StimulantDominatesAtTwoGramsSedativeAtTenGrams) {
  // Surveys and reviews (prozialeck2012; not controlled trials): about 1-5 g of leaf mostly
  // stimulating, 5-15 g opioid-like and sedating. Compared over the 12 h after one dose.
  const auto g = grid(12, 0.05);
  const MechanismSeries two = run(StandInPk({{0, 2 * kMgPerGramLeaf}}), g);
  EXPECT_GT(area(two, "stimulant_index", 0, 12), 2 * area(two, "sedative_index", 0, 12));
  EXPECT_GT(peak(two, "stimulant_index"), peak(two, "sedative_index"));
  const MechanismSeries ten = run(StandInPk({{0, 10 * kMgPerGramLeaf}}), g);
  EXPECT_GT(area(ten, "sedative_index", 0, 12), area(ten, "stimulant_index", 0, 12));
  EXPECT_GT(peak(ten, "sedative_index"), peak(ten, "stimulant_index"));
}

class ThirtyDaysThenStop : public ::testing::Test {
 protected:
  // 3 g (45 mg MG) every 8 h (08:00, 16:00, 00:00) for 30 days, then nothing for 15 days.
  static void SetUpTestSuite() {
    pk_ = new StandInPk(daily(3 * kMgPerGramLeaf, 30, {0, 8, 16}));
    series_ = new MechanismSeries(run(*pk_, grid(45 * 24, 0.25)));
    last_dose_h_ = pk_->dose_times().back();
  }
  static void TearDownTestSuite() {
    delete series_;
    delete pk_;
  }
  static double w(double t_h) { return at(*series_, "withdrawal", t_h); }

  static inline StandInPk* pk_ = nullptr;
  static inline MechanismSeries* series_ = nullptr;
  static inline double last_dose_h_ = 0;
};

TEST_F(ThirtyDaysThenStop, WithdrawalRisesPeaksAndResolvesOnThePublishedTimeScale) {
  // Described course (clinic descriptions, not peer reviewed; dossier §6.3): onset 6-24 h,
  // peak 1-3 days, acute phase 5-10 days.
  double peak_w = 0, peak_t = 0;
  for (double t = last_dose_h_; t <= last_dose_h_ + 15 * 24; t += 0.25) {
    if (w(t) > peak_w) {
      peak_w = w(t);
      peak_t = t - last_dose_h_;
    }
  }
  double onset_t = -1, resolved_t = -1;
  for (double t = last_dose_h_; t <= last_dose_h_ + 15 * 24; t += 0.25) {
    if (onset_t < 0 && w(t) >= 0.25 * peak_w) onset_t = t - last_dose_h_;
    if (t - last_dose_h_ > peak_t && resolved_t < 0 && w(t) < 0.1 * peak_w) {
      resolved_t = t - last_dose_h_;
    }
  }
  EXPECT_GE(onset_t, 6);
  EXPECT_LE(onset_t, 24);
  EXPECT_GE(peak_t, 24);
  EXPECT_LE(peak_t, 72);
  EXPECT_GE(resolved_t, 5 * 24);
  EXPECT_LE(resolved_t, 10 * 24);
  // Stopping is worse than any trough while still using.
  EXPECT_GT(peak_w, 1.5 * w(last_dose_h_ - 0.01));
}

TEST_F(ThirtyDaysThenStop, WithdrawalRisesBeforeEachNextDose) {
  for (double dose_t : {20 * 24.0, 20 * 24.0 + 8, 20 * 24.0 + 16}) {
    const double before = w(dose_t);  // grid point at the dose: still the pre-dose state
    EXPECT_GT(before, w(dose_t - 2)) << "dose at " << dose_t << " h";
    EXPECT_GT(before, 0.01) << "dose at " << dose_t << " h";  // measured 0.017
  }
}

TEST_F(ThirtyDaysThenStop, ToleranceGrowsWithUseAndDecaysAfterStopping) {
  const auto tol = [](double t) { return at(*series_, "tolerance", t); };
  EXPECT_LT(tol(24), tol(7 * 24));
  EXPECT_LE(tol(7 * 24), tol(29 * 24) + 1e-3);
  EXPECT_GT(tol(29 * 24), 0.15);
  EXPECT_LT(tol(last_dose_h_ + 14 * 24), 0.1 * tol(29 * 24));
}

TEST_F(ThirtyDaysThenStop, WithdrawalRaisesNightCortisol) {
  // Opioid withdrawal raises cortisol (Bearn 2001, Cami 1992; order +20-50 %, theoretical for
  // kratom). Compare the night after stopping (00:00-03:00 on day 31) with no drug at all.
  const StandInPk none({});
  const MechanismSeries ref = run(none, grid(45 * 24, 0.25));
  // The last dose is at 00:00; the next night starts 24 h later.
  const double night_h = last_dose_h_ + 24;
  double with = 0, without = 0;
  for (double t = night_h; t <= night_h + 3; t += 0.25) {
    with += at(*series_, "cortisol_nmol_l", t);
    without += at(ref, "cortisol_nmol_l", t);
  }
  EXPECT_GT(with, 1.15 * without);
  EXPECT_LT(with, 1.6 * without);
  // The anxiety index is above the drug-free baseline then.
  EXPECT_GT(at(*series_, "anxiety_index", night_h), 0.1);
}

TEST(Mechanism, DaytimeDosingPutsTheWithdrawalAfterTheNightGap) {
  // 08:00, 14:00, 20:00: the overnight gap is the longest, so the tone deficit builds before
  // the morning dose (cf. mild pre-dose SOWS in smith2024). Its expression lags by hours (the
  // b-process), so the day's withdrawal peaks late morning and is lowest before the evening dose.
  const MechanismSeries s = run(StandInPk(daily(3 * kMgPerGramLeaf, 10, {0, 6, 12})),
                                grid(10 * 24, 0.25));
  const auto w = [&](double clock_h) { return at(s, "withdrawal", 9 * 24 + clock_h - 8); };
  EXPECT_GT(w(8), 0.05);
  EXPECT_GT(w(8), w(6));   // rises over the night
  EXPECT_GT(w(8), w(20));  // before the evening dose
  EXPECT_GT(w(11), w(20));
  EXPECT_LT(w(20), w(18));  // falling through the afternoon
}

TEST(MechanismNumerics, EffectSiteMatchesItsExactSolution) {
  // Plasma MG = C0·e^(−k t), no 7-OH: Ce = C0·ke0/(ke0 − k)·(e^(−k t) − e^(−ke0 t)) exactly.
  const MechanismParams p = typical_mechanism_params();
  const double c0 = 500, k = 0.1, ke0 = p.pd.ke0_per_h;
  const PlasmaFunction plasma = [&](double t) {
    return pharm::PlasmaConc{c0 * std::exp(-k * t), 0};
  };
  MechanismOptions tight;
  tight.solver.rtol = 1e-10;
  tight.solver.atol = 1e-12;
  const auto g = grid(48, 0.5);
  for (const MechanismOptions& o : {MechanismOptions{}, tight}) {
    auto s = simulate_mechanism(p, plasma, g, {0.0}, o);
    ASSERT_TRUE(s.has_value());
    for (std::size_t i = 0; i < g.size(); ++i) {
      const double ce = c0 * ke0 / (ke0 - k) * (std::exp(-k * g[i]) - std::exp(-ke0 * g[i]));
      const std::array<double, 2> y = {ce, 0};
      const double exact = pharm::receptor_activity(y, p.pd).mu_activity;
      const double tol = o.solver.rtol == tight.solver.rtol ? 1e-9 : 2e-6;
      EXPECT_NEAR(s->column("mu_activity")[i], exact, tol) << "t = " << g[i];
    }
  }
}

double max_difference(const MechanismSeries& a, const MechanismSeries& b, std::size_t column,
                      std::size_t stride_b) {
  double d = 0;
  for (std::size_t i = 0; i < a.t_h.size(); ++i) {
    d = std::max(d, std::abs(a.columns[column][i] - b.columns[column][i * stride_b]));
  }
  return d;
}

TEST(MechanismNumerics, DefaultTolerancesMatchATightReference) {
  const StandInPk pk(daily(3 * kMgPerGramLeaf, 10, {0, 6, 12}));
  const auto g = grid(12 * 24, 0.5);
  MechanismOptions tight;
  tight.solver.rtol = 1e-10;
  tight.solver.atol = 1e-12;
  const MechanismSeries ref = run(pk, g, tight);
  const MechanismSeries def = run(pk, g);
  for (std::size_t c = 0; c < kMechanismColumns.size(); ++c) {
    const double bound = kMechanismColumns[c] == "cortisol_nmol_l" ? 0.01 : 1e-5;
    EXPECT_LT(max_difference(def, ref, c, 1), bound) << kMechanismColumns[c];
  }
}

TEST(MechanismNumerics, ResultsDoNotDependOnTheOutputStep) {
  const StandInPk pk(daily(3 * kMgPerGramLeaf, 5, {0, 6, 12}));
  const MechanismSeries coarse = run(pk, grid(6 * 24, 1.0));
  const MechanismSeries fine = run(pk, grid(6 * 24, 0.1));
  for (std::size_t c = 0; c < kMechanismColumns.size(); ++c) {
    const double bound = kMechanismColumns[c] == "cortisol_nmol_l" ? 0.01 : 1e-5;
    EXPECT_LT(max_difference(coarse, fine, c, 10), bound) << kMechanismColumns[c];
  }
}

TEST(MechanismInput, RejectsABackwardGridAndAnImpossibleClock) {
  const StandInPk pk({{0, 30}});
  auto r = simulate_mechanism(typical_mechanism_params(), std::cref(pk), {0, 2, 1}, {0});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "grid_h");
  EXPECT_TRUE(r.error().is_user_error());
  MechanismOptions o;
  o.clock_at_t0_h = 25;
  r = simulate_mechanism(typical_mechanism_params(), std::cref(pk), {0, 1}, {0}, o);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "clock_at_t0_h");
}

TEST(MechanismInput, SolverFailureNamesARemedy) {
  const StandInPk pk({{0, 30}});
  MechanismOptions o;
  o.solver.max_steps = 2;
  auto r = simulate_mechanism(typical_mechanism_params(), std::cref(pk), grid(24, 1), {0}, o);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kSolver);
  EXPECT_NE(r.error().accepted.find("max_steps (now 2)"), std::string::npos)
      << r.error().to_string();
}

}  // namespace
}  // namespace speciosa::sim
