// NONMEM-style datasets: columns, ADDL/II/SS, covariates, and errors that name line and column.
#include <gtest/gtest.h>

#include "speciosa/sim_population.hpp"

namespace speciosa::sim {
namespace {

std::string parse_error(std::string_view text) {
  auto parsed = parse_nonmem(text, "events.csv");
  EXPECT_FALSE(parsed) << "expected the dataset to be rejected";
  return parsed ? "" : parsed.error().to_string();
}

TEST(ParseNonmem, ReadsDosesObservationsAndCovariates) {
  auto parsed = parse_nonmem(
      "# a comment line\n"
      "id,time,amt,cmt,evid,ii,addl,ss,dv,wt,sex,age\n"
      "1,0,30,1,1,24,2,0,.,82.5,1,51\n"
      "1,1,0,2,0,0,0,0,12.3,82.5,1,51\n"
      "1,1,.,5,0,.,.,.,4.1,82.5,1,51\n"
      "2,0,25,1,1,12,0,1,.,.,.,.\n"
      "2,4,0,2,0,0,0,0,.,.,.,.\n",
      "events.csv");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  ASSERT_EQ(parsed->size(), 2u);
  const NonmemSubject& a = (*parsed)[0];
  EXPECT_EQ(a.id, 1);
  ASSERT_EQ(a.events.size(), 3u);  // ADDL 2 expanded
  EXPECT_EQ(a.events[2].t_h, 48);
  EXPECT_EQ(a.events[2].amt_mg, 30);
  EXPECT_EQ(a.events[0].cmt, Compartment::kGutMg);
  EXPECT_EQ(a.observation_times_h, std::vector<double>({1}));  // MG and 7-OH at 1 h
  EXPECT_EQ(a.covariates.weight_kg, 82.5);
  EXPECT_EQ(a.covariates.female, true);
  EXPECT_EQ(a.covariates.age_y, 51);
  const NonmemSubject& b = (*parsed)[1];
  EXPECT_TRUE(b.events[0].ss);
  EXPECT_EQ(b.events[0].ii_h, 12);
  EXPECT_FALSE(b.covariates.weight_kg.has_value());
}

TEST(ParseNonmem, EvidDefaultsFromAmountAndMdv) {
  auto parsed = parse_nonmem("ID,TIME,AMT,CMT,MDV\n1,0,20,1,1\n1,2,0,2,0\n1,3,0,2,1\n", "events.csv");
  ASSERT_TRUE(parsed) << parsed.error().to_string();
  EXPECT_EQ((*parsed)[0].events.size(), 1u);
  EXPECT_EQ((*parsed)[0].observation_times_h, std::vector<double>({2}));
}

TEST(ParseNonmem, TooManyExpandedDosesIsAnInputError) {
  // Two records of 60,000 doses each: 120,002 doses for one subject, above the 100,000 limit.
  const auto error = parse_error("ID,TIME,AMT,CMT,II,ADDL\n1,0,30,1,1,60000\n1,1,30,1,1,60000\n");
  EXPECT_NE(error.find("subject 1 has 120002 doses"), std::string::npos) << error;
  EXPECT_TRUE(parse_nonmem("ID,TIME,AMT,CMT,II,ADDL\n1,0,30,1,1,99999\n", "events.csv"));
}

TEST(ParseNonmem, ErrorsNameLineAndColumn) {
  EXPECT_EQ(parse_error("ID,TIME,AMT,CMT\n1,0,30,1\n1,abc,0,2\n"),
            "events.csv:3:2: field 'TIME': 'abc' is not a number (accepted: a number, or . for none)");
  EXPECT_EQ(parse_error("ID,TIME,AMT,CMT\n1,5,30,1\n1,2,0,2\n"),
            "events.csv:3:2: field 'TIME': 2 h is earlier than the previous record (5 h) (accepted: times in "
            "order within a subject)");
  EXPECT_EQ(parse_error("ID,TIME,AMT,CMT,ADDL\n1,0,30,1,3\n"),
            "events.csv:2:5: field 'ADDL': 3 additional doses need an interval (accepted: II > 0 with ADDL > 0)");
  EXPECT_EQ(parse_error("ID,TIME,AMT,CMT,EVID\n1,0,30,1,7\n"),
            "events.csv:2:5: field 'EVID': 7 is not supported (accepted: 0 (observation), 1 (dose), 2 (other), "
            "3 (reset), 4 (reset and dose), 8 (replace))");
  EXPECT_EQ(parse_error("ID,TIME,AMT,CMT\n1,0,0,3\n"),
            "events.csv:2:4: field 'CMT': observations of compartment 3 are not modelled (accepted: 2 (plasma MG) "
            "or 5 (plasma 7-OH))");
  EXPECT_EQ(parse_error("ID,TIME,AMT,CMT,WT\n1,0,30,1,500\n"),
            "events.csv:2:5: field 'WT': 500 is out of range (accepted: a body weight in kg from 30 to 250)");
  EXPECT_EQ(parse_error("ID,TIME,AMT,CMT\n1,0,30,1\n2,0,30,1\n1,4,30,1\n"),
            "events.csv:4:1: field 'ID': subject 1 appears again after other subjects (first at line 2) "
            "(accepted: all records of a subject together)");
  EXPECT_EQ(parse_error("ID,TIME,AMT,CMT,II,SS\n1,6,30,1,12,1\n"),
            "events.csv:2:6: field 'SS': steady state is supported for doses at TIME 0 only (accepted: SS = 1 at "
            "TIME 0)");
  EXPECT_EQ(parse_error("ID,TIME,AMT\n1,0,30\n"),
            "events.csv:1: field 'CMT': column is missing (accepted: a header with ID, TIME, AMT, CMT (and "
            "optionally EVID, II, ADDL, SS, RATE, MDV, WT, SEX, AGE))");
  EXPECT_EQ(parse_error("ID,TIME,AMT,CMT\n1,0\n"),
            "events.csv:2: field 'fields': 2 fields, the header has more (accepted: one field per header column)");
}

}  // namespace
}  // namespace speciosa::sim
