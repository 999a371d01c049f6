#include "speciosa/pharm/hpa.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "speciosa/sim_mechanism.hpp"
#include "support/mechanism_fixture.hpp"
#include "support/stand_in_pk.hpp"

namespace speciosa::pharm {
namespace {

using testing::grid;
using testing::typical_mechanism_params;

constexpr double kNoon = 12.0;

struct Extremum {
  double clock_h;
  double cortisol_nmol_l;
};

// Cortisol over day 3 of a simulation whose t = 0 is midnight (so t mod 24 is clock time).
sim::MechanismSeries day_profile(const sim::PlasmaFunction& plasma, std::vector<double> doses) {
  sim::MechanismOptions o;
  o.clock_at_t0_h = 0;
  auto r = sim::simulate_mechanism(typical_mechanism_params(), plasma, grid(72, 0.05), doses, o);
  EXPECT_TRUE(r.has_value());
  return std::move(r).value();
}

std::pair<Extremum, Extremum> peak_and_nadir(const sim::MechanismSeries& s) {
  Extremum peak{0, -1}, nadir{0, 1e9};
  const auto& f = s.column("cortisol_nmol_l");
  for (std::size_t i = 0; i < s.t_h.size(); ++i) {
    if (s.t_h[i] < 48) continue;
    const double clock = std::fmod(s.t_h[i], 24.0);
    if (f[i] > peak.cortisol_nmol_l) peak = {clock, f[i]};
    if (f[i] < nadir.cortisol_nmol_l) nadir = {clock, f[i]};
  }
  return {peak, nadir};
}

TEST(Hpa, InitialStateIsAFixedPointOfTheDriveAtThatTime) {
  const HpaParams p = typical_mechanism_params().hpa;
  std::array<double, kHpaStateSize> y{}, dy{};
  hpa_initial_state(kNoon, p, y);
  derivatives(0, y, p, HpaInputs{kNoon, 0, 0}, dy);
  for (double d : dy) EXPECT_NEAR(d, 0, 1e-6);
}

TEST(Hpa, DrugFreeCortisolFollowsTheHumanCircadianProfile) {
  // Debono et al. 2009 (33 healthy adults): peak 15.5 ug/dL (428 nmol/L; 95 % reference
  // 323-568) at 08:32, nadir < 2 ug/dL (95 % reference 41-69 nmol/L) at 00:18.
  const auto s = day_profile([](double) { return PlasmaConc{}; }, {});
  const auto [peak, nadir] = peak_and_nadir(s);
  EXPECT_GE(peak.clock_h, 6.0);
  EXPECT_LE(peak.clock_h, 9.0);
  EXPECT_GE(peak.cortisol_nmol_l, 323);
  EXPECT_LE(peak.cortisol_nmol_l, 568);
  EXPECT_TRUE(nadir.clock_h >= 22.0 || nadir.clock_h <= 3.0) << nadir.clock_h;
  EXPECT_GE(nadir.cortisol_nmol_l, 41);
  EXPECT_LE(nadir.cortisol_nmol_l, 69);
}

TEST(Hpa, AcuteHighDoseLowersCortisol) {
  // 10 g of 1.5 % leaf (150 mg MG) at 08:00 on day 3 versus no drug.
  const testing::StandInPk pk({{56.0, 150.0}});
  const auto with = day_profile(std::cref(pk), pk.dose_times());
  const auto without = day_profile([](double) { return PlasmaConc{}; }, {});
  const auto& f = with.column("cortisol_nmol_l");
  const auto& f0 = without.column("cortisol_nmol_l");
  for (std::size_t i = 0; i < with.t_h.size(); ++i) {
    if (with.t_h[i] >= 60 && with.t_h[i] <= 64) {  // 12:00 to 16:00
      EXPECT_LT(f[i], 0.8 * f0[i]) << "at t = " << with.t_h[i] << " h";
    }
  }
}

TEST(Hpa, CouplingSignsFollowTheHumanOpioidData) {
  // Acute mu activity suppresses the drive (Zis 1984), withdrawal raises it (Bearn 2001).
  const HpaParams p = typical_mechanism_params().hpa;
  std::array<double, kHpaStateSize> y{}, base{}, opioid{}, withdrawal{};
  hpa_initial_state(8, p, y);
  derivatives(0, y, p, HpaInputs{8, 0, 0}, base);
  derivatives(0, y, p, HpaInputs{8, 0.1, 0}, opioid);
  derivatives(0, y, p, HpaInputs{8, 0, 0.3}, withdrawal);
  EXPECT_LT(opioid[kCrh], base[kCrh]);
  EXPECT_GT(withdrawal[kCrh], base[kCrh]);
}

}  // namespace
}  // namespace speciosa::pharm
