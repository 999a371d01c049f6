// Exchange formats (journal_formats.hpp): every format reads back what it wrote, and bad files
// give errors that name the place. Pure functions, no database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "speciosa/journal_formats.hpp"

namespace speciosa::journal {
namespace {

JournalDocument sample() {
  const std::string tz = "America/New_York";
  JournalDocument doc;
  doc.person = Person{0, "Ana", 61.5, Sex::kFemale, 1990, tz, "US-AL", {Risk::kLiverDisease}};
  doc.medications = {{0, "sertraline", "50 mg daily", parse_date("2026-01-10", "s").value(), std::nullopt}};
  doc.products = {{0, "my red", "red-bali", 1.6, std::nullopt}};
  Dose d{0, "d1", parse_time("2026-11-01 01:30", tz, "at").value(), 2.5, "g", "my red", Form::kCapsule, "a, \"b\"\nc"};
  Checkin c{0, "c1", parse_time("2026-03-08 03:00", tz, "at").value(), 6, 4, std::nullopt, 7.5, "ok", std::nullopt,
            {{"restless", 2}}};
  Checkin gad_only{0, "c2", parse_time("2026-03-08 09:00", tz, "at").value(), std::nullopt, std::nullopt,
                   std::nullopt, std::nullopt, "gad note", std::array<int, 7>{0, 1, 2, 1, 0, 3, 1}, {}};
  doc.entries.doses = {d};
  doc.entries.checkins = {c, gad_only};
  doc.entries.side_effects = {{0, "s1", parse_time("2026-03-08 10:00", tz, "at").value(), "odd, taste", 1}};
  return doc;
}

void expect_same_entries(const Entries& a, const Entries& b) {
  ASSERT_EQ(a.doses.size(), b.doses.size());
  ASSERT_EQ(a.checkins.size(), b.checkins.size());
  ASSERT_EQ(a.side_effects.size(), b.side_effects.size());
  for (std::size_t i = 0; i < a.doses.size(); ++i) {
    const Dose &x = a.doses[i], &y = b.doses[i];
    EXPECT_EQ(std::tie(x.uid, x.at, x.amount, x.unit, x.product, x.form, x.note),
              std::tie(y.uid, y.at, y.amount, y.unit, y.product, y.form, y.note));
  }
  for (std::size_t i = 0; i < a.checkins.size(); ++i) {
    const Checkin &x = a.checkins[i], &y = b.checkins[i];
    EXPECT_EQ(std::tie(x.uid, x.at, x.anxiety, x.mood, x.energy, x.sleep_h, x.note, x.gad7, x.withdrawal),
              std::tie(y.uid, y.at, y.anxiety, y.mood, y.energy, y.sleep_h, y.note, y.gad7, y.withdrawal));
  }
  for (std::size_t i = 0; i < a.side_effects.size(); ++i) {
    const SideEffect &x = a.side_effects[i], &y = b.side_effects[i];
    EXPECT_EQ(std::tie(x.uid, x.at, x.symptom, x.severity), std::tie(y.uid, y.at, y.symptom, y.severity));
  }
}

TEST(JournalFormats, EveryFormatReadsBackWhatItWrote) {
  const JournalDocument doc = sample();
  for (auto format : {ExchangeFormat::kJson, ExchangeFormat::kCsv, ExchangeFormat::kFhir}) {
    SCOPED_TRACE(std::string(to_string(format)));
    const std::string text = write_document(doc, format);
    EXPECT_EQ(detect_format(text).value(), format);
    JournalDocument back = read_document(text, format, "UTC").value();
    expect_same_entries(doc.entries, back.entries);
    if (format == ExchangeFormat::kCsv) {
      EXPECT_TRUE(back.person.name.empty());  // CSV names no person
      back.person = doc.person;
    } else {
      EXPECT_EQ(back.person.name, "Ana");
      EXPECT_EQ(back.person.tz, doc.person.tz);
      EXPECT_EQ(back.person.weight_kg, 61.5);
      EXPECT_EQ(back.person.sex, Sex::kFemale);
      EXPECT_EQ(back.person.birth_year, 1990);
      EXPECT_EQ(back.person.jurisdiction, "US-AL");
      EXPECT_EQ(back.person.risks, doc.person.risks);
      ASSERT_EQ(back.medications.size(), 1u);
      EXPECT_EQ(back.medications[0].dose_text, "50 mg daily");
      EXPECT_EQ(back.medications[0].start, doc.medications[0].start);
      EXPECT_EQ(back.products.size(), format == ExchangeFormat::kJson ? 1u : 0u);  // FHIR has no products
    }
    EXPECT_EQ(write_document(back, format), text);  // written again, byte for byte the same
  }
}

TEST(JournalFormats, BadFilesNameWhereTheProblemIs) {
  const JournalDocument doc = sample();
  std::string csv = write_document(doc, ExchangeFormat::kCsv);
  csv += "dose,,u9,2026-13-01T08:00:00Z,1,g,x,powder,,,,,,,,,,\n";
  auto bad_time = read_document(csv, ExchangeFormat::kCsv, "UTC");
  ASSERT_FALSE(bad_time.has_value());
  EXPECT_NE(bad_time.error().to_string().find("line 6"), std::string::npos) << bad_time.error().to_string();
  EXPECT_EQ(read_document("kind,id\n", ExchangeFormat::kCsv, "UTC").error().field, "header");
  EXPECT_EQ(read_document(csv.substr(0, csv.size() - 4) + "\"\n", ExchangeFormat::kCsv, "UTC").error().code,
            ErrorCode::kInvalidInput);

  nlohmann::json json = document_to_json(doc);
  json["doses"][0]["amount"] = "two";
  auto wrong_type = document_from_json(json);
  ASSERT_FALSE(wrong_type.has_value());
  EXPECT_EQ(wrong_type.error().where, "doses[0]");
  EXPECT_EQ(wrong_type.error().field, "amount");
  EXPECT_EQ(document_from_json(nlohmann::json::object()).error().field, "format");

  nlohmann::json fhir = document_to_fhir(doc);
  for (auto& e : fhir["entry"]) {
    if (e["resource"]["resourceType"] == "Observation") e["resource"].erase("hasMember");
  }
  auto no_members = document_from_fhir(fhir);
  ASSERT_FALSE(no_members.has_value());
  EXPECT_EQ(no_members.error().field, "hasMember");
  EXPECT_FALSE(detect_format("hello").has_value());
  EXPECT_EQ(exchange_format_from_string("xml", "--format").error().where, "--format");
}

}  // namespace
}  // namespace speciosa::journal
