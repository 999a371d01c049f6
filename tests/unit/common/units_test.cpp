#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "speciosa/common.hpp"

namespace speciosa::units {
namespace {

TEST(ParseMass, AcceptsCommonSpellings) {
  EXPECT_DOUBLE_EQ(*parse_mass_mg("2g", "--dose"), 2000.0);
  EXPECT_DOUBLE_EQ(*parse_mass_mg("2 g", "--dose"), 2000.0);
  EXPECT_DOUBLE_EQ(*parse_mass_mg("2000mg", "--dose"), 2000.0);
  EXPECT_DOUBLE_EQ(*parse_mass_mg(" 0.5kg ", "--dose"), 500000.0);
  EXPECT_DOUBLE_EQ(*parse_mass_mg("500ug", "--dose"), 0.5);
  EXPECT_DOUBLE_EQ(*parse_mass_mg("1.5G", "--dose"), 1500.0);
  EXPECT_DOUBLE_EQ(*parse_mass_mg("+3mg", "--dose"), 3.0);
}

TEST(ParseMass, BareNumberIsRejectedWithAnExample) {
  auto r = parse_mass_mg("2", "--dose");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().to_string(),
            "--dose: '2' has no unit (accepted: an amount (mg, g, kg, ug), e.g. 2g or 25mg)");
  EXPECT_TRUE(r.error().is_user_error());
}

TEST(ParseMass, RejectsWrongKindsAndJunk) {
  EXPECT_EQ(parse_mass_mg("8h", "--dose").error().message, "'8h' is not an amount (mg, g, kg, ug)");
  EXPECT_EQ(parse_mass_mg("2 grams", "--dose").error().message, "unknown unit 'grams'");
  EXPECT_EQ(parse_mass_mg("g2", "--dose").error().message, "'g2' does not start with a number");
  EXPECT_EQ(parse_mass_mg("", "--dose").error().message, "is empty");
  EXPECT_FALSE(parse_mass_mg("nan g", "--dose"));
  EXPECT_FALSE(parse_mass_mg("inf g", "--dose"));
  EXPECT_FALSE(parse_mass_mg("1e999g", "--dose"));
}

TEST(ParseMass, NegativeIsParsedSoCallersCanNameTheProblem) {
  // The parser reports numbers faithfully; range checks belong to the caller.
  EXPECT_DOUBLE_EQ(*parse_mass_mg("-2g", "--dose"), -2000.0);
}

TEST(ParseFraction, PercentAndBareFractions) {
  EXPECT_DOUBLE_EQ(*parse_fraction("1.5%", "--mg-content"), 0.015);
  EXPECT_DOUBLE_EQ(*parse_fraction("1.5 %", "--mg-content"), 0.015);
  EXPECT_DOUBLE_EQ(*parse_fraction("0.015", "--mg-content"), 0.015);
  EXPECT_EQ(parse_fraction("1.5", "--mg-content").error().message, "a bare number must be a fraction in [0, 1]");
  EXPECT_FALSE(parse_fraction("2g", "--mg-content"));
}

TEST(ParseDuration, Units) {
  EXPECT_DOUBLE_EQ(*parse_duration_h("8h", "--every"), 8.0);
  EXPECT_DOUBLE_EQ(*parse_duration_h("30min", "--every"), 0.5);
  EXPECT_DOUBLE_EQ(*parse_duration_h("2d", "--every"), 48.0);
  EXPECT_DOUBLE_EQ(*parse_duration_h("1w", "--every"), 168.0);
  EXPECT_DOUBLE_EQ(*parse_duration_h("12 hours", "--every"), 12.0);
  EXPECT_FALSE(parse_duration_h("8", "--every"));
  EXPECT_FALSE(parse_duration_h("8g", "--every"));
}

TEST(ParseTimeList, BareHoursAndUnits) {
  auto r = parse_time_list_h("0,6,12", "--at");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, (std::vector<double>{0, 6, 12}));
  EXPECT_EQ(*parse_time_list_h("0h, 30min, 1d", "--at"), (std::vector<double>{0, 0.5, 24}));
  EXPECT_FALSE(parse_time_list_h("0,,6", "--at"));
  EXPECT_FALSE(parse_time_list_h("0,6g", "--at"));
}

TEST(ParseQuantity, Servings) {
  auto q = parse_quantity("2 tablets", "--dose");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->kind, Kind::kCount);
  EXPECT_DOUBLE_EQ(q->value, 2.0);
}

TEST(Conversions, MolarAndMass) {
  // 1 nM of mitragynine (398.50 g/mol) is 0.3985 ng/mL.
  EXPECT_NEAR(ng_ml_from_nm(1.0, 398.50), 0.3985, 1e-12);
  EXPECT_NEAR(nm_from_ng_ml(0.3985, 398.50), 1.0, 1e-12);
  EXPECT_NEAR(nmol_from_mg(39.0, 398.50), 97867.0, 1.0);
}

}  // namespace
}  // namespace speciosa::units
