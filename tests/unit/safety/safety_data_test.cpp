// Loader checks for the safety data, and the rule that every entry in every data file cites a
// source that exists in sources.toml.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <toml++/toml.h>

#include "speciosa/knowledge_safety.hpp"

namespace speciosa::knowledge {
namespace {

namespace fs = std::filesystem;

// Source keys referenced anywhere under `node` (source, sources, *_source).
void collect_sources(const toml::node& node, std::vector<std::string>& out) {
  if (const toml::table* t = node.as_table()) {
    for (const auto& [key, value] : *t) {
      const std::string_view k = key.str();
      if (k == "source" || (k.size() > 7 && k.ends_with("_source"))) {
        if (auto s = value.value<std::string>()) out.push_back(*s);
      } else if (k == "sources" && value.is_array()) {
        for (const auto& item : *value.as_array()) {
          if (auto s = item.value<std::string>()) out.push_back(*s);
        }
      } else {
        collect_sources(value, out);
      }
    }
  } else if (const toml::array* a = node.as_array()) {
    for (const auto& item : *a) collect_sources(item, out);
  }
}

TEST(DataFiles, EveryEntryCitesAKnownSource) {
  const fs::path dir = SPECIOSA_TEST_DATA_DIR;
  const toml::table sources = toml::parse_file((dir / "sources.toml").string());
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".toml" || entry.path().filename() == "sources.toml") continue;
    ++files;
    const std::string file = entry.path().filename().string();
    const toml::table root = toml::parse_file(entry.path().string());
    for (const auto& [key, value] : root) {
      // Each top-level table, and each table of a top-level [[array]], is one entry.
      std::vector<const toml::node*> entries;
      if (const toml::array* a = value.as_array(); a != nullptr && a->is_array_of_tables()) {
        for (const auto& item : *a) entries.push_back(&item);
      } else if (value.is_table()) {
        entries.push_back(&value);
      }
      for (const toml::node* e : entries) {
        std::vector<std::string> keys;
        collect_sources(*e, keys);
        EXPECT_FALSE(keys.empty()) << file << ":" << e->source().begin.line << " [" << key.str()
                                   << "] cites no source";
        for (const auto& k : keys) {
          EXPECT_TRUE(sources.contains(k)) << file << ":" << e->source().begin.line << " cites '" << k
                                           << "', which is not in sources.toml";
        }
      }
    }
  }
  EXPECT_GE(files, 4U);
}

TEST(SafetyData, LoadsTheShippedFiles) {
  auto d = load_safety_data(SPECIOSA_TEST_DATA_DIR);
  ASSERT_TRUE(d.has_value()) << d.error().to_string();
  EXPECT_GE(d->interactions.size(), 20U);
  EXPECT_GE(d->jurisdictions.size(), 100U);
  EXPECT_GE(d->red_flags.size(), 7U);
  EXPECT_EQ(d->risk_contexts.size(), 6U);
  EXPECT_DOUBLE_EQ(d->thresholds.reference_mg_fraction, 0.015);
}

// Copies data/ to a scratch directory and appends `extra` to one file.
class BrokenData : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("speciosa_safety_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::copy(SPECIOSA_TEST_DATA_DIR, dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Error load_with(const std::string& file, const std::string& extra) {
    std::ofstream(dir_ / file, std::ios::app) << "\n" << extra << "\n";
    auto d = load_safety_data(dir_);
    EXPECT_FALSE(d.has_value());
    return d.has_value() ? Error{} : d.error();
  }

  fs::path dir_;
};

constexpr const char* kGoodClass = R"([[class]]
id = "test-class"
name = "Test"
mechanism = "serotonergic"
direction = "additive"
severity = "minor"
evidence = "theoretical"
sources = ["olsen2019"]
summary = "s"
what_to_do = "w"
members = [{ name = "testdrug" }])";

std::string with(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST_F(BrokenData, UnknownSeverityNamesFileLineAndAccepted) {
  const Error e = load_with("interactions.toml", with(kGoodClass, "\"minor\"", "\"avoid\""));
  EXPECT_EQ(e.field, "severity");
  EXPECT_EQ(e.where.rfind("data/interactions.toml:", 0), 0U) << e.where;
  EXPECT_NE(e.to_string().find("accepted: minor, moderate, major"), std::string::npos) << e.to_string();
}

TEST_F(BrokenData, UnknownSourceKey) {
  const Error e = load_with("interactions.toml", with(kGoodClass, "olsen2019", "nobody1999"));
  EXPECT_EQ(e.field, "sources");
  EXPECT_NE(e.message.find("nobody1999"), std::string::npos);
}

TEST_F(BrokenData, MissingSource) {
  const Error e = load_with("interactions.toml", with(kGoodClass, "sources = [\"olsen2019\"]\n", ""));
  EXPECT_EQ(e.field, "source");
}

TEST_F(BrokenData, UnknownEvidence) {
  const Error e = load_with("interactions.toml", with(kGoodClass, "\"theoretical\"", "\"anecdote\""));
  EXPECT_EQ(e.field, "evidence");
  EXPECT_NE(e.accepted.find("case-reports"), std::string::npos);
}

TEST_F(BrokenData, DuplicateId) {
  const Error e = load_with("interactions.toml", with(kGoodClass, "test-class", "alcohol"));
  EXPECT_EQ(e.field, "id");
  EXPECT_NE(e.message.find("duplicate"), std::string::npos);
}

constexpr const char* kGoodPlace = R"([[jurisdiction]]
code = "ZZ"
name = "Testland"
kratom = "legal"
hydroxymitragynine = "legal"
as_of = 2026-01-01
sources = ["olsen2019"]
confidence = "low")";

TEST_F(BrokenData, UnknownStatus) {
  const Error e = load_with("jurisdictions.toml", with(kGoodPlace, "kratom = \"legal\"", "kratom = \"pending\""));
  EXPECT_EQ(e.field, "kratom");
  EXPECT_NE(e.accepted.find("age-restricted"), std::string::npos);
}

TEST_F(BrokenData, BadDate) {
  const Error e = load_with("jurisdictions.toml", with(kGoodPlace, "2026-01-01", "\"2026-02-30\""));
  EXPECT_EQ(e.field, "as_of");
}

TEST_F(BrokenData, BadEffectiveDate) {
  const Error e = load_with("jurisdictions.toml", std::string(kGoodPlace) + "\neffective = \"2026-13\"");
  EXPECT_EQ(e.field, "effective");
}

TEST_F(BrokenData, DuplicateCode) {
  const Error e = load_with("jurisdictions.toml", with(kGoodPlace, "\"ZZ\"", "\"th\""));
  EXPECT_EQ(e.field, "code");
}

TEST_F(BrokenData, UnknownParent) {
  const Error e = load_with("jurisdictions.toml",
                            with(kGoodPlace, "\"ZZ\"", "\"QQ-AB\"") + "\nparent = \"QQ\"");
  EXPECT_EQ(e.field, "parent");
  EXPECT_NE(e.message.find("not a jurisdiction code in this file"), std::string::npos) << e.message;
}

TEST_F(BrokenData, ParentMustPrefixCode) {
  const Error e = load_with("jurisdictions.toml", std::string(kGoodPlace) + "\nparent = \"TH\"");
  EXPECT_EQ(e.field, "parent");
}

TEST_F(BrokenData, MalformedCode) {
  const Error e = load_with("jurisdictions.toml", with(kGoodPlace, "\"ZZ\"", "\"Z-Z\""));
  EXPECT_EQ(e.field, "code");
}

TEST(SafetyData, ParseDateRejectsImpossibleDates) {
  EXPECT_TRUE(parse_date("2024-02-29").has_value());
  EXPECT_FALSE(parse_date("2025-02-29").has_value());
  EXPECT_FALSE(parse_date("2025-1-01").has_value());
  EXPECT_FALSE(parse_date("yesterday").has_value());
}

}  // namespace
}  // namespace speciosa::knowledge
