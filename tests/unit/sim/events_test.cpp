#include <gtest/gtest.h>

#include "speciosa/sim.hpp"

namespace speciosa::sim {
namespace {

Event dose_at(double t, double amt = 10) {
  Event e;
  e.t_h = t;
  e.amt_mg = amt;
  return e;
}

TEST(ExpandEvents, AddlBecomesExplicitRecordsWithoutDrift) {
  Event e = dose_at(0.1);
  e.addl = 1000;
  e.ii_h = 0.1;
  const auto out = expand_events({e});
  ASSERT_EQ(out.size(), 1001u);
  // t0 + k·ii, not repeated addition: the last time is exactly 0.1 + 1000·0.1.
  EXPECT_EQ(out.back().t_h, 0.1 + 1000 * 0.1);
  for (const Event& x : out) EXPECT_EQ(x.addl, 0);
}

TEST(ExpandEvents, SortsStablyWithDosesBeforeObservationsAtEqualTimes) {
  Event obs = dose_at(5);
  obs.evid = EventKind::kObservation;
  Event a = dose_at(5, 1);
  Event b = dose_at(5, 2);
  const auto out = expand_events({obs, dose_at(8), a, b, dose_at(0)});
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0].t_h, 0);
  EXPECT_EQ(out[1].amt_mg, 1);
  EXPECT_EQ(out[2].amt_mg, 2);
  EXPECT_EQ(out[3].evid, EventKind::kObservation);
  EXPECT_EQ(out[4].t_h, 8);
}

TEST(ValidateEvents, NamesRecordAndField) {
  EXPECT_TRUE(validate_events({dose_at(0)}));
  auto negative_time = validate_events({dose_at(0), dose_at(-1)});
  ASSERT_FALSE(negative_time);
  EXPECT_EQ(negative_time.error().to_string(),
            "event 2: field 'time': -1 h is not a time >= 0 (accepted: a time >= 0 h)");
  EXPECT_EQ(validate_events({dose_at(0, 0)}).error().field, "amount");
  Event bad_cmt = dose_at(0);
  bad_cmt.cmt = static_cast<Compartment>(9);
  EXPECT_EQ(validate_events({bad_cmt}).error().field, "cmt");
  Event addl = dose_at(0);
  addl.addl = 3;
  EXPECT_EQ(validate_events({addl}).error().field, "ii");
  Event infusion = dose_at(0);
  infusion.rate_mg_h = 5;
  EXPECT_EQ(validate_events({infusion}).error().field, "rate");
  Event f = dose_at(0);
  f.f_bio = 1.5;
  EXPECT_EQ(validate_events({f}).error().field, "f");
}

}  // namespace
}  // namespace speciosa::sim
