// mood_stability on a small journal, checked against values computed by hand.
#include <gtest/gtest.h>

#include "analysis_fixture.hpp"

namespace speciosa::analysis {
namespace {

using testing::hours_after;
using testing::test_day0;
using testing::test_knowledge;

journal::Checkin rating(double h, int anxiety, int mood) {
  journal::Checkin c;
  c.at = hours_after(test_day0(), h);
  c.anxiety = anxiety;
  c.mood = mood;
  return c;
}

journal::Checkin gad7(double h, std::array<int, 7> answers) {
  journal::Checkin c;
  c.at = hours_after(test_day0(), h);
  c.gad7 = answers;
  return c;
}

PersonData small_journal() {
  PersonData d;
  d.person.tz = "UTC";
  // Anxiety as in the ScaleStability hand example; mood constant 5 except one 8.
  for (auto [h, a, m] : {std::tuple{8.0, 2, 5}, {12.0, 5, 5}, {16.0, 4, 8}, {32.0, 6, 5}, {36.0, 6, 5},
                         {40.0, 3, 5}, {56.0, 7, 5}}) {
    d.entries.checkins.push_back(rating(h, a, m));
  }
  d.entries.checkins.push_back(gad7(9, {0, 1, 2, 1, 0, 3, 1}));   // 8: mild
  d.entries.checkins.push_back(gad7(33, {3, 3, 3, 3, 3, 0, 0}));  // 15: severe
  d.entries.checkins.push_back(rating(-30, 9, 9));                  // before the window
  std::sort(d.entries.checkins.begin(), d.entries.checkins.end(),
            [](const auto& a, const auto& b) { return a.at < b.at; });
  return d;
}

TEST(MoodStability, HandComputedMetricsOverTheWindow) {
  auto s = mood_stability(test_knowledge(), small_journal(), {hours_after(test_day0(), 72), 3});
  ASSERT_TRUE(s.has_value()) << s.error().to_string();
  EXPECT_EQ(s->days_with_data, 3);
  EXPECT_EQ(s->max_gap_h, 8.0);             // data/analysis.toml
  EXPECT_EQ(s->acute_change_points, 3.0);
  ASSERT_TRUE(s->anxiety.has_value());
  EXPECT_EQ(s->anxiety->n, 7);  // the rating before the window is left out
  EXPECT_NEAR(*s->anxiety->mssd, 19.0 / 4, 1e-12);
  EXPECT_NEAR(*s->anxiety->pac, 0.5, 1e-12);
  ASSERT_TRUE(s->mood.has_value());
  // Mood 5 5 8 | 5 5 5 | 5: pairs 0, 3, −3, 0, 0 minus the overnight ones -> 0, 3, 0, 0.
  EXPECT_EQ(s->mood->n_pairs, 4);
  EXPECT_NEAR(*s->mood->mssd, 9.0 / 4, 1e-12);
  EXPECT_NEAR(*s->mood->pac, 0.25, 1e-12);
  ASSERT_EQ(s->gad7.size(), 2u);
  EXPECT_EQ(s->gad7[0].score, 8);
  EXPECT_EQ(s->gad7[0].band, "mild");
  EXPECT_EQ(s->gad7[1].score, 15);
  EXPECT_EQ(s->gad7[1].band, "severe");
}

TEST(MoodStability, JsonCarriesEveryMetric) {
  auto s = mood_stability(test_knowledge(), small_journal(), {hours_after(test_day0(), 72), 3});
  ASSERT_TRUE(s.has_value());
  const nlohmann::json j = to_json(*s);
  EXPECT_EQ(j["days_with_data"], 3);
  EXPECT_NEAR(j["anxiety"]["rmssd"].get<double>(), std::sqrt(19.0 / 4), 1e-12);
  EXPECT_EQ(j["anxiety"]["n_pairs"], 4);
  EXPECT_TRUE(j["anxiety"]["trend"].contains("ci_low"));
  EXPECT_EQ(j["gad7"][1]["band"], "severe");
  EXPECT_EQ(j["from"], "2026-03-02T00:00:00+00:00");
}

TEST(MoodStability, EmptyWindowHasNoScales) {
  auto s = mood_stability(test_knowledge(), small_journal(), {hours_after(test_day0(), 24 * 30), 3});
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->days_with_data, 0);
  EXPECT_FALSE(s->anxiety.has_value());
  EXPECT_TRUE(to_json(*s)["anxiety"].is_null());
}

TEST(MoodStability, RejectsAWindowOutOfRange) {
  auto s = mood_stability(test_knowledge(), small_journal(), {hours_after(test_day0(), 72), 0});
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(s.error().where, "--days");
}

}  // namespace
}  // namespace speciosa::analysis
