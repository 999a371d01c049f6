#include <gtest/gtest.h>

#include <limits>

#include "speciosa/common.hpp"

namespace speciosa::check {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(PositiveFinite, RejectsNaNInfinityZeroAndNegative) {
  EXPECT_TRUE(positive_finite("simulate", "dose_mg", 1.0));
  for (double bad : {kNaN, kInf, -kInf, 0.0, -1.0}) {
    auto s = positive_finite("simulate", "dose_mg", bad);
    ASSERT_FALSE(s) << bad;
    EXPECT_EQ(s.error().where, "simulate");
    EXPECT_EQ(s.error().field, "dose_mg");
    EXPECT_EQ(s.error().accepted, "a number > 0");
  }
}

TEST(NonNegativeFinite, AcceptsZero) {
  EXPECT_TRUE(non_negative_finite("f", "x", 0.0));
  EXPECT_FALSE(non_negative_finite("f", "x", -0.1));
  EXPECT_FALSE(non_negative_finite("f", "x", kNaN));
}

TEST(InRange, NamesTheRangeAndUnit) {
  EXPECT_TRUE(in_range("--weight", "weight", 70, 30, 250, "kg"));
  auto s = in_range("--weight", "weight", 5, 30, 250, "kg");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().to_string(),
            "--weight: 5 kg is not in [30, 250] kg (accepted: a number from 30 to 250 kg)");
  EXPECT_FALSE(in_range("--weight", "weight", kNaN, 30, 250));
}

TEST(Closest, RanksByEditDistanceCaseInsensitively) {
  const std::vector<std::string> names{"maeng-da", "red-vein", "green-vein", "bali"};
  EXPECT_EQ(closest("maengda", names, 1), (std::vector<std::string>{"maeng-da"}));
  EXPECT_EQ(closest("RED-VEIN", names, 1), (std::vector<std::string>{"red-vein"}));
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(ErrorFormatting, OmitsEmptyParts) {
  const Error io{ErrorCode::kIo, "", "", "disk full", ""};
  EXPECT_EQ(io.to_string(), "disk full");
  EXPECT_FALSE(io.is_user_error());
  EXPECT_TRUE(invalid_input("a", "b", "c").is_user_error());
}

}  // namespace
}  // namespace speciosa::check
