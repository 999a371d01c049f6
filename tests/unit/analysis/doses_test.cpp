// Dose conversion and the simulated exposure of a journal.
#include <gtest/gtest.h>

#include "analysis_fixture.hpp"

namespace speciosa::analysis {
namespace {

using testing::hours_after;
using testing::test_day0;
using testing::test_knowledge;

journal::Dose dose(double h, double grams, std::string product) {
  journal::Dose d;
  d.id = 7;
  d.at = hours_after(test_day0(), h);
  d.amount = grams;
  d.unit = "g";
  d.product = std::move(product);
  return d;
}

TEST(ConvertDose, LeafThroughTheProductContent) {
  auto c = convert_dose(test_knowledge(), DoseSpec{"2g", "leaf", "maeng-da", "", ""});
  ASSERT_TRUE(c.has_value()) << c.error().to_string();
  const double mg = test_knowledge().find_product("maeng-da")->mg_fraction.typical;
  EXPECT_NEAR(c->alkaloids.mitragynine_mg, 2000 * mg, 1e-9);
  EXPECT_NE(c->content_note.find("maeng-da"), std::string::npos);
}

TEST(ConvertDose, ThePersonsLabTestedProductWins) {
  journal::PersonProduct own;
  own.name = "my batch";
  own.kb_product_id = "maeng-da";
  own.mg_percent = 2.0;
  own.oh_percent = 0.05;
  auto c = convert_dose(test_knowledge(), dose(0, 3, "my batch"), {own});
  ASSERT_TRUE(c.has_value()) << c.error().to_string();
  EXPECT_NEAR(c->alkaloids.mitragynine_mg, 60, 1e-9);
  EXPECT_NEAR(c->alkaloids.hydroxymitragynine_mg, 1.5, 1e-9);
}

TEST(ConvertDose, AnUnknownJournalProductNamesTheDose) {
  auto c = convert_dose(test_knowledge(), dose(0, 2, "no-such-product"), {});
  ASSERT_FALSE(c.has_value());
  EXPECT_EQ(c.error().where, "journal dose 7");
  EXPECT_EQ(c.error().code, ErrorCode::kNotFound);
}

TEST(Exposure, TimeSinceLastDoseAndLevelsAtAnyInstant) {
  PersonData data;
  data.person.tz = "UTC";
  data.entries.doses = {dose(8, 2, "leaf-generic"), dose(20, 2, "leaf-generic")};
  auto e = simulate_exposure(test_knowledge(), data);
  ASSERT_TRUE(e.has_value()) << e.error().to_string();
  EXPECT_EQ(e->start, hours_after(test_day0(), 8));
  EXPECT_NEAR(e->t_h.back(), 12 + 24, 1e-9);  // last dose + 24 h
  const ExposurePoint before = e->at(hours_after(test_day0(), 7));
  EXPECT_FALSE(before.hours_since_last_dose.has_value());
  EXPECT_EQ(before.mg_ng_ml, 0);
  const ExposurePoint p = e->at(hours_after(test_day0(), 21.5));
  EXPECT_NEAR(*p.hours_since_last_dose, 1.5, 1e-12);
  // Between grid points the value is interpolated: 13.5 h lies on the grid (step 0.25 h).
  const auto i = static_cast<std::size_t>(13.5 / 0.25);
  EXPECT_NEAR(p.mg_ng_ml, e->mg_ng_ml[i], 1e-12);
  EXPECT_GT(p.mg_ng_ml, 0);
  EXPECT_GT(p.mu_activity, 0);
}

TEST(Exposure, AStrongCyp3aInhibitorRaisesMitragynine) {
  PersonData data;
  data.person.tz = "UTC";
  data.entries.doses = {dose(8, 2, "leaf-generic")};
  auto plain = simulate_exposure(test_knowledge(), data);
  data.comed_cyp3a_activity = 0.2;
  auto inhibited = simulate_exposure(test_knowledge(), data);
  ASSERT_TRUE(plain && inhibited);
  const journal::Instant t = hours_after(test_day0(), 14);
  EXPECT_GT(inhibited->at(t).mg_ng_ml, 1.2 * plain->at(t).mg_ng_ml);
}

TEST(Exposure, NoDosesIsAnInputError) {
  PersonData data;
  auto e = simulate_exposure(test_knowledge(), data);
  ASSERT_FALSE(e.has_value());
  EXPECT_EQ(e.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace speciosa::analysis
