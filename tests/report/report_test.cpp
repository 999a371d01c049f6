// The report module: numbers in the use-pattern table computed by hand for a small journal, the
// sections and citations, path checks, HTML escaping and a PDF that is written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <tuple>

#include "speciosa/report.hpp"

namespace speciosa::report {
namespace {

using std::chrono::hours;
using std::chrono::sys_days;

const knowledge::Knowledge& kb() {
  static const knowledge::Knowledge k = *knowledge::load_knowledge(SPECIOSA_TEST_DATA_DIR);
  return k;
}
const knowledge::SafetyData& safety_data() {
  static const knowledge::SafetyData d = *knowledge::load_safety_data(SPECIOSA_TEST_DATA_DIR);
  return d;
}

journal::Instant day(int d, int hour) {
  return sys_days{std::chrono::year{2026} / 3 / d} + hours{hour};
}

// Two UTC days: 3 g + 3 g on the 2nd, 4 g on the 3rd; one check-in with a GAD-7 of 12.
ReportInput small_journal() {
  ReportInput in;
  in.data.person.name = "R <&> B";
  in.display_name = in.data.person.name;
  in.data.person.tz = "UTC";
  in.data.person.jurisdiction = "US-AL";
  for (auto [d, h, g] : std::vector<std::tuple<int, int, double>>{{2, 8, 3.0}, {2, 20, 3.0}, {3, 9, 4.0}}) {
    journal::Dose dose;
    dose.at = day(d, h);
    dose.amount = g;
    dose.unit = "g";
    dose.product = "leaf-generic";
    in.data.entries.doses.push_back(dose);
  }
  journal::Checkin c;
  c.at = day(3, 12);
  c.anxiety = 5;
  c.mood = 6;
  c.gad7 = std::array<int, 7>{2, 2, 2, 2, 2, 1, 1};
  in.data.entries.checkins.push_back(c);
  in.medications = {"sertraline"};
  in.window = {day(1, 0), day(4, 0)};
  in.generated_at = day(4, 0);
  return in;
}

template <typename T>
std::vector<const T*> blocks_of(const Report& r) {
  std::vector<const T*> out;
  for (const Block& b : r.blocks) {
    if (const T* t = std::get_if<T>(&b)) out.push_back(t);
  }
  return out;
}

std::string value(const Table& t, const std::string& measure) {
  for (const auto& row : t.rows) {
    if (row[0] == measure) return row[1];
  }
  return "(missing)";
}

TEST(Report, UsePatternMatchesHandComputedValues) {
  auto r = build_report(kb(), safety_data(), small_journal());
  ASSERT_TRUE(r) << r.error().to_string();
  const Table& use = *blocks_of<Table>(*r).front();
  // The charts start at the first day with data (the 2nd), so the period is two days.
  EXPECT_EQ(value(use, "Days with any dose"), "2 of 2 days");
  EXPECT_EQ(value(use, "Doses per day (days with use)"), "mean 1.5 (range 1–2)");
  EXPECT_EQ(value(use, "Product per day, by weight"), "mean 5 g (range 4–6 g)");
  EXPECT_EQ(value(use, "Mitragynine per day (estimated)"), "mean 75 mg (range 60–90 mg)");
  EXPECT_EQ(value(use, "First dose of the day (median local time)"), "08:30");
  EXPECT_EQ(value(use, "Time between doses"), "median 12.5 h; longest 13 h");
}

TEST(Report, HasEverySectionAndCitesItsSources) {
  auto r = build_report(kb(), safety_data(), small_journal());
  ASSERT_TRUE(r);
  std::vector<std::string> headings;
  for (const Heading* h : blocks_of<Heading>(*r)) headings.push_back(h->text);
  EXPECT_EQ(headings, (std::vector<std::string>{"Use pattern", "Products and their content", "Modelled exposure",
                                                "Mood, anxiety and GAD-7", "Anxiety between doses (rebound)",
                                                "Interactions with current medications",
                                                "Red flags, side effects and guidance", "Legal note",
                                                "Evidence levels and sources"}));
  EXPECT_EQ(blocks_of<Chart>(*r).size(), 2u);
  std::string sources;
  for (const std::string& item : blocks_of<Bullets>(*r).back()->items) sources += item + "\n";
  for (const char* key : {"[tanna2022]", "[spitzer2006]"}) EXPECT_NE(sources.find(key), std::string::npos) << key;
  EXPECT_EQ(r->header_lines.front(), "Person: R <&> B");
}

TEST(Report, AnonymousWithoutDisplayName) {
  ReportInput in = small_journal();
  in.display_name.clear();
  auto r = build_report(kb(), safety_data(), in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->header_lines.front(), "Person: anonymous");
}

TEST(Report, EmptyWindowIsRejected) {
  ReportInput in = small_journal();
  in.window.to = in.window.from;
  auto r = build_report(kb(), safety_data(), in);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
}

TEST(Report, PathMustEndInPdfOrHtml) {
  EXPECT_TRUE(check_report_path("a/report.pdf"));
  EXPECT_TRUE(check_report_path("report.html"));
  const Status s = check_report_path("report.txt");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().where, "--out");
  EXPECT_FALSE(paper_from_string("a3", "--paper"));
  EXPECT_EQ(*paper_from_string("letter", "--paper"), Paper::kLetter);
}

TEST(Report, HtmlEscapesTextAndInlinesCharts) {
  auto r = build_report(kb(), safety_data(), small_journal());
  ASSERT_TRUE(r);
  const std::string html = to_html(*r);
  EXPECT_NE(html.find("R &lt;&amp;&gt; B"), std::string::npos);
  EXPECT_EQ(html.find("R <&> B"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("<img src=\"data:image/png;base64,iVBORw0KGgo"), std::string::npos);  // PNG signature
}

TEST(Report, WritesAPdf) {
  auto r = build_report(kb(), safety_data(), small_journal());
  ASSERT_TRUE(r);
  const auto path = std::filesystem::temp_directory_path() / "speciosa_report_test.pdf";
  ASSERT_TRUE(write_report(path.string(), *r, Paper::kLetter));
  std::ifstream in(path, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  EXPECT_EQ(head, "%PDF-");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace speciosa::report
