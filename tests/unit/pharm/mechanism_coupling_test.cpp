// The mechanism on top of speciosa's own PK model (data/pk.toml), as `speciosa simulate` runs it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "speciosa/knowledge.hpp"
#include "speciosa/sim_mechanism.hpp"

namespace speciosa::sim {
namespace {

struct Setup {
  knowledge::Knowledge k;
  pharm::PkParams pk;
  MechanismParams mechanism;
};

const Setup& setup() {
  static const Setup s = [] {
    auto k = knowledge::load_knowledge(SPECIOSA_TEST_DATA_DIR);
    EXPECT_TRUE(k.has_value()) << (k ? "" : k.error().to_string());
    auto pk = pk_params_from(*k);
    EXPECT_TRUE(pk.has_value());
    auto m = mechanism_params(*k);
    EXPECT_TRUE(m.has_value());
    return Setup{std::move(k).value(), *pk, *m};
  }();
  return s;
}

std::vector<Event> leaf_doses(double grams, std::vector<double> times_h) {
  std::vector<Event> events;
  for (double t : times_h) {
    Event e;
    e.t_h = t;
    e.amt_mg = grams * 15.0;  // typical leaf, 1.5 % MG w/w
    events.push_back(e);
  }
  return events;
}

MechanismSeries run(const std::vector<Event>& events, double end_h, double plasma_step_h) {
  SimulationOptions o;
  o.end_h = end_h;
  o.step_h = 0.25;
  CouplingOptions c;
  c.plasma_step_h = plasma_step_h;
  auto r = simulate_mechanism_for(setup().pk, events, o, setup().mechanism, c);
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
  return std::move(r).value();
}

double area(const MechanismSeries& s, std::string_view column, double to_h) {
  const auto& v = s.column(column);
  double a = 0;
  for (std::size_t i = 1; i < v.size() && s.t_h[i] <= to_h; ++i) {
    a += 0.5 * (v[i] + v[i - 1]) * (s.t_h[i] - s.t_h[i - 1]);
  }
  return a;
}

TEST(MechanismCoupling, OutputsSitOnThePkGrid) {
  const MechanismSeries s = run(leaf_doses(2, {0}), 24, 1.0 / 60);
  ASSERT_EQ(s.t_h.size(), 97u);
  EXPECT_NEAR(s.t_h.back(), 24, 1e-9);
  EXPECT_NEAR(s.t_h[4], 1, 1e-9);
}

TEST(MechanismCoupling, PlasmaSamplingStepIsFineEnough) {
  const auto events = leaf_doses(3, {0, 8, 16, 24, 32, 40, 48, 56, 64});
  const MechanismSeries coarse = run(events, 96, 1.0 / 60);
  const MechanismSeries fine = run(events, 96, 0.1 / 60);
  for (std::size_t c = 0; c < kMechanismColumns.size(); ++c) {
    double d = 0;
    for (std::size_t i = 0; i < coarse.t_h.size(); ++i) {
      d = std::max(d, std::abs(coarse.columns[c][i] - fine.columns[c][i]));
    }
    // Measured: 1.3e-4 (stimulant index), 0.016 nmol/L (cortisol).
    const double bound = kMechanismColumns[c] == "cortisol_nmol_l" ? 0.05 : 5e-4;
    EXPECT_LT(d, bound) << kMechanismColumns[c];
  }
}

double value(std::string_view id) {
  const knowledge::Parameter* p = setup().k.find_parameter(id);
  EXPECT_NE(p, nullptr) << id;
  return p == nullptr ? 0 : p->value;
}

TEST(MechanismCoupling, BalanceCrossesOverInsideTheSurveyDoseBands) {
  // Bands from reviews of user reports (prozialeck2012; not controlled trials): mostly
  // stimulating from 1 to 5 g of leaf, increasingly sedating above. Typical leaf 1.5 % MG.
  // Compared over the 12 h after one dose, with speciosa's PK model.
  const double low_g = value("band_stimulant_leaf_low") / 1000;  // canonical mg
  const double high_g = value("band_stimulant_leaf_high") / 1000;
  for (double g = low_g; g <= 0.8 * high_g; g += 0.5) {
    const MechanismSeries s = run(leaf_doses(g, {0}), 12, 1.0 / 60);
    EXPECT_GT(area(s, "stimulant_index", 12), area(s, "sedative_index", 12)) << g << " g";
  }
  for (double g = 1.6 * high_g; g <= 3 * high_g; g += 2.5) {
    const MechanismSeries s = run(leaf_doses(g, {0}), 12, 1.0 / 60);
    EXPECT_LT(area(s, "stimulant_index", 12), area(s, "sedative_index", 12)) << g << " g";
  }
  const MechanismSeries two = run(leaf_doses(2, {0}), 12, 1.0 / 60);
  EXPECT_GT(area(two, "stimulant_index", 12), 4 * area(two, "sedative_index", 12));
}

std::size_t index_at(const MechanismSeries& s, double t_h) {
  const auto it = std::lower_bound(s.t_h.begin(), s.t_h.end(), t_h - 1e-9);
  return static_cast<std::size_t>(it - s.t_h.begin());
}

double at(const MechanismSeries& s, std::string_view column, double t_h) {
  return s.column(column)[index_at(s, t_h)];
}

double peak(const MechanismSeries& s, std::string_view column) {
  const auto& v = s.column(column);
  return *std::max_element(v.begin(), v.end());
}

TEST(MechanismCoupling, MoreLeafGivesMoreMuActivityNeverAboveTheCeiling) {
  const double ceiling = pharm::mu_ceiling(setup().mechanism.pd);
  MechanismSeries previous = run(leaf_doses(0.5, {0}), 24, 1.0 / 60);
  for (double g : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0}) {
    const MechanismSeries s = run(leaf_doses(g, {0}), 24, 1.0 / 60);
    const auto& mu = s.column("mu_activity");
    for (std::size_t i = 1; i < mu.size(); ++i) {
      EXPECT_GT(mu[i], previous.column("mu_activity")[i]) << g << " g at " << s.t_h[i] << " h";
    }
    EXPECT_LE(peak(s, "mu_activity"), ceiling) << g << " g";
    previous = s;
  }
  // Measured: 0.035 after 2 g, 0.126 after 10 g, about 0.24 after 50 g (ceiling 0.47).
  EXPECT_GT(peak(previous, "mu_activity"), 0.2);
}

TEST(MechanismCoupling, StimulantDominatesAtTwoGramsSedativeAtTenGrams) {
  const MechanismSeries two = run(leaf_doses(2, {0}), 12, 1.0 / 60);
  EXPECT_GT(peak(two, "stimulant_index"), peak(two, "sedative_index"));
  const MechanismSeries ten = run(leaf_doses(10, {0}), 12, 1.0 / 60);
  EXPECT_GT(area(ten, "sedative_index", 12), area(ten, "stimulant_index", 12));
  EXPECT_GT(peak(ten, "sedative_index"), peak(ten, "stimulant_index"));
}

TEST(MechanismCoupling, AcuteHighDoseLowersCortisol) {
  // 10 g at 08:00 (t = 0) against the drug-free axis: the afternoon is suppressed (zis1984).
  const MechanismSeries with = run(leaf_doses(10, {0}), 12, 1.0 / 60);
  const MechanismSeries without = run({}, 12, 1.0 / 60);
  for (double t = 4; t <= 8; t += 1) {  // 12:00 to 16:00
    EXPECT_LT(at(with, "cortisol_nmol_l", t), 0.8 * at(without, "cortisol_nmol_l", t)) << t;
  }
}

TEST(MechanismCoupling, OutputStepDoesNotChangeTheAnswer) {
  const auto events = leaf_doses(3, {0, 8, 16, 24, 32, 40});
  SimulationOptions o;
  o.end_h = 72;
  const auto with_step = [&](double step_h) {
    o.step_h = step_h;
    return simulate_mechanism_for(setup().pk, events, o, setup().mechanism);
  };
  const auto coarse = with_step(1.0);
  const auto fine = with_step(0.1);
  ASSERT_TRUE(coarse && fine);
  for (std::size_t c = 0; c < kMechanismColumns.size(); ++c) {
    double d = 0;
    for (std::size_t i = 0; i < coarse->t_h.size(); ++i) {
      d = std::max(d, std::abs(coarse->columns[c][i] - fine->columns[c][10 * i]));
    }
    const double bound = kMechanismColumns[c] == "cortisol_nmol_l" ? 0.05 : 5e-4;
    EXPECT_LT(d, bound) << kMechanismColumns[c];
  }
}

// 3 g of typical leaf every 8 h (08:00, 16:00, 00:00) for 30 days, then nothing for 15 days,
// on speciosa's PK model and the parameters in data/.
class StoppingAfterThirtyDays : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    for (int dose = 0; dose < 90; ++dose) times_.push_back(8.0 * dose);
    series_ = new MechanismSeries(run(leaf_doses(3, times_), 45 * 24, 1.0 / 60));
    drug_free_ = new MechanismSeries(run({}, 45 * 24, 1.0 / 60));
  }
  static void TearDownTestSuite() {
    delete series_;
    delete drug_free_;
  }
  static double last_dose_h() { return times_.back(); }
  static double w(double t_h) { return at(*series_, "withdrawal", t_h); }

  static inline std::vector<double> times_;
  static inline MechanismSeries* series_ = nullptr;
  static inline MechanismSeries* drug_free_ = nullptr;
};

const knowledge::Parameter& target(std::string_view id) {
  const knowledge::Parameter* p = setup().k.find_parameter(id);
  SPECIOSA_ASSERT(p != nullptr, "time-course target missing from data/pd.toml");
  return *p;
}

TEST_F(StoppingAfterThirtyDays, WithdrawalFollowsTheDescribedTimeCourse) {
  // Described course (clinic descriptions, not peer reviewed; data/pd.toml withdrawal_*_h):
  // onset 6-24 h, peak 1-3 days, acute phase over in 5-10 days. Onset: 25 % of the peak;
  // over: below 10 % of the peak. Measured: onset 12.6 h, peak 48 h (0.50), 10 % at 8.9 days.
  double peak_w = 0, peak_t = 0;
  for (double t = 0; t <= 15 * 24; t += 0.25) {
    if (w(last_dose_h() + t) > peak_w) {
      peak_w = w(last_dose_h() + t);
      peak_t = t;
    }
  }
  double onset_t = -1, over_t = -1;
  for (double t = 0; t <= 15 * 24; t += 0.25) {
    if (onset_t < 0 && w(last_dose_h() + t) >= 0.25 * peak_w) onset_t = t;
    if (over_t < 0 && t > peak_t && w(last_dose_h() + t) < 0.1 * peak_w) over_t = t;
  }
  const auto& onset = target("withdrawal_onset_h");
  const auto& peak_h = target("withdrawal_peak_h");
  const auto& over = target("withdrawal_acute_end_h");
  EXPECT_GE(onset_t, onset.low);
  EXPECT_LE(onset_t, onset.high);
  EXPECT_GE(peak_t, peak_h.low);
  EXPECT_LE(peak_t, peak_h.high);
  EXPECT_GE(over_t, over.low);
  EXPECT_LE(over_t, over.high);
  // Stopping is much worse than the usual trough before a dose.
  EXPECT_GT(peak_w, 5 * w(last_dose_h()));
}

TEST_F(StoppingAfterThirtyDays, WithdrawalRisesBeforeEachNextDose) {
  for (double dose_t : {20 * 24.0, 20 * 24.0 + 8, 20 * 24.0 + 16}) {
    const double before = w(dose_t);  // grid point at the dose: still the pre-dose state
    EXPECT_GT(before, w(dose_t - 2)) << "dose at " << dose_t << " h";
    EXPECT_GT(before, 0.01) << "dose at " << dose_t << " h";  // measured 0.03
  }
}

TEST_F(StoppingAfterThirtyDays, ToleranceGrowsWithUseAndDecaysAfterStopping) {
  const auto tol = [](double t) { return at(*series_, "tolerance", t); };
  EXPECT_LT(tol(24), tol(7 * 24));
  EXPECT_LE(tol(7 * 24), tol(29 * 24) + 1e-3);
  EXPECT_GT(tol(29 * 24), 0.15);  // measured 0.22
  EXPECT_LT(tol(last_dose_h() + 14 * 24), 0.05 * tol(29 * 24));
}

TEST_F(StoppingAfterThirtyDays, WithdrawalRaisesCortisolAndTheAnxietyIndex) {
  // Opioid withdrawal raises cortisol (bearn2001, cami1992; theoretical for kratom). Compare the
  // second night after stopping (00:00-03:00, 48 h after the last dose) with no drug at all.
  const double night_h = last_dose_h() + 48;
  double with = 0, without = 0;
  for (double t = night_h; t <= night_h + 3; t += 0.25) {
    with += at(*series_, "cortisol_nmol_l", t);
    without += at(*drug_free_, "cortisol_nmol_l", t);
  }
  EXPECT_GT(with, 1.2 * without);
  EXPECT_LT(with, 1.6 * without);
  EXPECT_GT(at(*series_, "anxiety_index", night_h), 0.2);
}

}  // namespace
}  // namespace speciosa::sim
