#include <gtest/gtest.h>

#include <fmt/format.h>

#include "speciosa/knowledge.hpp"
#include "support/temp_dir.hpp"

namespace speciosa::knowledge {
namespace {

using testing::DataCopy;

// 1-based line of the first occurrence of `needle` in `file`.
int line_of(const DataCopy& data, const std::string& file, const std::string& needle) {
  const std::string text = testing::read_file(data.path() / file);
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

std::string load_error(const DataCopy& data) {
  auto k = load_knowledge(data.path());
  EXPECT_FALSE(k) << "expected the knowledge base to be rejected";
  return k ? "" : k.error().to_string();
}

TEST(LoadKnowledge, TheShippedDataIsValid) {
  auto k = load_knowledge(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(k) << k.error().to_string();
  EXPECT_NE(k->find_source("tanna2022"), nullptr);
  EXPECT_NE(k->find_compound("mitragynine"), nullptr);
  EXPECT_EQ(k->find_compound("7-OH"), k->find_compound("7-hydroxymitragynine"));
  EXPECT_NE(k->find_product("leaf-generic"), nullptr);
  EXPECT_EQ(k->find_product("LEAF-GENERIC"), k->find_product("leaf-generic"));
  EXPECT_EQ(k->find_product("no-such-product"), nullptr);
  const Parameter* kinact = k->find_parameter("kinact_cyp3a_liver");
  ASSERT_NE(kinact, nullptr);
  // Tanna 2021: 0.068 /min, stored canonically in 1/h.
  EXPECT_NEAR(kinact->value, 0.068 * 60, 1e-12);
  EXPECT_EQ(kinact->unit, "1/h");
  EXPECT_EQ(kinact->provenance.evidence, Evidence::kInVitro);
  EXPECT_EQ(kinact->provenance.file, "data/pk.toml");
  EXPECT_GT(kinact->provenance.line, 0);
}

TEST(LoadKnowledge, MissingSourceNamesFileLineAndField) {
  DataCopy data(SPECIOSA_TEST_DATA_DIR);
  const int line = line_of(data, "pk.toml", "id = \"ka_mg\"") - 1;  // the [[parameter]] line
  ASSERT_TRUE(data.edit("pk.toml", "source = \"tanna2022\"\nevidence = \"clinical\"\nmethod = \"fitted\"\nnote = \"Fitted to the Tanna 2022 median MG",
                        "evidence = \"clinical\"\nmethod = \"fitted\"\nnote = \"Fitted to the Tanna 2022 median MG"));
  EXPECT_EQ(load_error(data), fmt::format("data/pk.toml:{}: field 'source': is missing (accepted: a non-empty string)", line));
}

TEST(LoadKnowledge, SourceMustExistInSourcesToml) {
  DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("pk.toml", "source = \"anderson2008\"", "source = \"nobody1999\""));
  const int line = line_of(data, "pk.toml", "source = \"nobody1999\"");
  EXPECT_EQ(load_error(data),
            fmt::format("data/pk.toml:{}: field 'source': 'nobody1999' is not a key in sources.toml "
                        "(accepted: a key defined in data/sources.toml)", line));
}

TEST(LoadKnowledge, UnknownUnitIsRejected) {
  DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("pk.toml", "unit = \"1/h\"", "unit = \"per hour\""));
  const int line = line_of(data, "pk.toml", "unit = \"per hour\"");
  const std::string e = load_error(data);
  EXPECT_EQ(e.substr(0, e.find(" (accepted")),
            fmt::format("data/pk.toml:{}: field 'unit': unknown unit 'per hour'", line));
}

TEST(LoadKnowledge, ImplausibleValueIsRejected) {
  DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("pk.toml", "value = 18\n", "value = 0\n"));
  const int line = line_of(data, "pk.toml", "value = 0\n");
  EXPECT_EQ(load_error(data),
            fmt::format("data/pk.toml:{}: field 'value': 0 L/h is outside the plausible range (accepted: (0, 100000] L/h)", line));
}

TEST(LoadKnowledge, ValueOutsideItsOwnRangeIsRejected) {
  DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("pk.toml", "value = 4.1\n", "value = 41\n"));
  const int line = line_of(data, "pk.toml", "value = 41\n");
  EXPECT_EQ(load_error(data),
            fmt::format("data/pk.toml:{}: field 'value': 41 is outside its own range [3.2, 5] (accepted: low <= value <= high)", line));
}

TEST(LoadKnowledge, DuplicateIdIsRejected) {
  DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("pk.toml", "id = \"q_h\"", "id = \"q_ent\""));
  const int line = line_of(data, "pk.toml", "id = \"q_ent\"\nname = \"Hepatic");
  EXPECT_EQ(load_error(data),
            fmt::format("data/pk.toml:{}: field 'id': duplicate id 'q_ent' (accepted: unique ids)", line));
}

TEST(LoadKnowledge, UnknownEvidenceLevelIsRejected) {
  DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("pk.toml", "evidence = \"in-vitro\"", "evidence = \"anecdote\""));
  const int line = line_of(data, "pk.toml", "evidence = \"anecdote\"");
  EXPECT_EQ(load_error(data),
            fmt::format("data/pk.toml:{}: field 'evidence': unknown evidence level 'anecdote' (accepted: "
                        "clinical, observational, case-reports, in-vitro, animal, theoretical)", line));
}

TEST(LoadKnowledge, TomlSyntaxErrorNamesTheLine) {
  DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("compounds.toml", "id = \"mitragynine\"", "id = mitragynine\""));
  const int line = line_of(data, "compounds.toml", "id = mitragynine");
  const std::string e = load_error(data);
  EXPECT_EQ(e.substr(0, e.find(':', e.find(':') + 1)), fmt::format("data/compounds.toml:{}", line));
}

TEST(LoadKnowledge, ProductTypicalOutsideItsRangeIsRejected) {
  DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("products.toml", "typical = 1.5\n", "typical = 9.5\n"));
  const int line = line_of(data, "products.toml", "typical = 9.5");
  const std::string e = load_error(data);
  EXPECT_EQ(e.substr(0, e.find(':', e.find(':') + 1)), fmt::format("data/products.toml:{}", line));
  EXPECT_NE(e.find("field 'typical': 9.5 is outside [low, high]"), std::string::npos) << e;
}

TEST(LoadKnowledge, UnknownProductKindIsRejected) {
  DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("products.toml", "kind = \"leaf\"", "kind = \"tree\""));
  const std::string e = load_error(data);
  EXPECT_NE(e.find("field 'kind': unknown product kind 'tree' (accepted: leaf, extract, 7oh-concentrate)"),
            std::string::npos) << e;
}

TEST(LoadKnowledge, SourceWithoutDoiOrUrlIsRejected) {
  DataCopy data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(data.edit("sources.toml",
                        "doi = \"10.3390/pharmaceutics14030620\"\nurl = \"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8950611/\"",
                        "doi = \"\""));
  EXPECT_NE(load_error(data).find("field 'doi': a source needs a doi or a url"), std::string::npos);
}

TEST(LoadKnowledge, MissingDirectoryIsAClearError) {
  auto k = load_knowledge("/nonexistent/speciosa-data");
  ASSERT_FALSE(k);
  EXPECT_EQ(k.error().code, ErrorCode::kDataFile);
  EXPECT_NE(k.error().to_string().find("sources.toml: is missing"), std::string::npos);
}

TEST(Evidence, RoundTripsEveryLevel) {
  for (auto e : {Evidence::kClinical, Evidence::kObservational, Evidence::kCaseReports, Evidence::kInVitro,
                 Evidence::kAnimal, Evidence::kTheoretical}) {
    EXPECT_EQ(evidence_from_string(to_string(e)), e);
  }
  EXPECT_FALSE(evidence_from_string("strong"));
}

}  // namespace
}  // namespace speciosa::knowledge
