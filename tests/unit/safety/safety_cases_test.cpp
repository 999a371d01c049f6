// Table-driven safety tests: every row of tests/cases/safety/*.tsv is one expectation.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "speciosa/knowledge_safety.hpp"
#include "speciosa/safety.hpp"

namespace speciosa::safety {
namespace {

using namespace std::chrono;

const SafetyData& data() {
  static const SafetyData loaded = [] {
    auto d = knowledge::load_safety_data(SPECIOSA_TEST_DATA_DIR);
    if (!d) throw std::runtime_error(d.error().to_string());
    return std::move(d).value();
  }();
  return loaded;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string part; std::getline(ss, part, sep);) out.push_back(part);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

struct Row {
  int line;
  std::vector<std::string> cols;
};

// Non-comment, non-empty lines of a case file, split on tabs.
std::vector<Row> read_cases(const std::string& name, std::size_t columns) {
  std::ifstream in(std::string(SPECIOSA_TEST_CASES_DIR) + "/safety/" + name);
  EXPECT_TRUE(in.good()) << name;
  std::vector<Row> rows;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = split(line, '\t');
    EXPECT_EQ(cols.size(), columns) << name << ":" << n;
    if (cols.size() == columns) rows.push_back({n, cols});
  }
  return rows;
}

TEST(SafetyCases, Interactions) {
  const auto rows = read_cases("interactions.tsv", 4);
  std::size_t inputs = 0;
  for (const Row& row : rows) {
    const auto names = split(row.cols[0], '|');
    const auto matched = split(row.cols[1], '|');
    const auto severity = split(row.cols[2], '|');
    const auto mechanism = split(row.cols[3], '|');
    ASSERT_EQ(names.size(), matched.size()) << "line " << row.line;
    ASSERT_EQ(names.size(), severity.size()) << "line " << row.line;
    ASSERT_EQ(names.size(), mechanism.size()) << "line " << row.line;
    const auto alerts = check_interactions(data(), names);
    for (std::size_t i = 0; i < names.size(); ++i, ++inputs) {
      SCOPED_TRACE("interactions.tsv:" + std::to_string(row.line) + " '" + names[i] + "'");
      std::vector<const InteractionAlert*> mine;
      for (const auto& a : alerts) {
        if (a.with == names[i]) mine.push_back(&a);
      }
      ASSERT_FALSE(mine.empty()) << "no alert at all";
      EXPECT_EQ(severity_name(*mine.front()), severity[i]);
      std::set<std::string> got_names, got_mechanisms;
      for (const auto* a : mine) {
        got_names.insert(a->matched.empty() ? "-" : a->matched);
        got_mechanisms.insert(a->mechanism.empty() ? "-" : a->mechanism);
        EXPECT_FALSE(a->what_to_do.empty());
        if (a->severity) {
          EXPECT_FALSE(a->sources.empty());
        }
      }
      EXPECT_TRUE(got_names.contains(matched[i])) << "matched " << *got_names.begin();
      EXPECT_TRUE(got_mechanisms.contains(mechanism[i])) << "first mechanism " << *got_mechanisms.begin();
    }
  }
  EXPECT_GE(inputs, 60U);
}

TEST(SafetyCases, Legal) {
  const auto rows = read_cases("legal.tsv", 6);
  const year_month_day today{year{2026}, month{11}, day{25}};
  EXPECT_GE(rows.size(), 40U);
  for (const Row& row : rows) {
    SCOPED_TRACE("legal.tsv:" + std::to_string(row.line) + " '" + row.cols[0] + "'");
    auto answer = legal_status(data(), row.cols[0], today);
    if (row.cols[1] == "error") {
      ASSERT_FALSE(answer.has_value());
      EXPECT_TRUE(answer.error().is_user_error());
      EXPECT_NE(answer.error().accepted.find("US-CA-SD"), std::string::npos);
      continue;
    }
    ASSERT_TRUE(answer.has_value()) << answer.error().to_string();
    EXPECT_EQ(knowledge::to_string(answer->kratom), row.cols[1]);
    EXPECT_EQ(knowledge::to_string(answer->hydroxymitragynine), row.cols[2]);
    EXPECT_EQ(answer->min_age ? std::to_string(*answer->min_age) : "-", row.cols[3]);
    EXPECT_EQ(answer->may_be_out_of_date ? "true" : "false", row.cols[4]);
    EXPECT_EQ(std::to_string(answer->levels.size()), row.cols[5]);
    EXPECT_FALSE(answer->sources.empty());
    EXPECT_NE(answer->notice.find("not legal advice"), std::string::npos);
  }
}

constexpr sys_seconds kNow = sys_days{year{2026} / 11 / 25} + hours{12};

DoseRecord dose_at(double hours_ago, double mg, double oh) {
  return DoseRecord{kNow - duration_cast<seconds>(duration<double, std::ratio<3600>>(hours_ago)), mg, oh};
}

std::vector<DoseRecord> parse_history(const std::string& text) {
  std::vector<DoseRecord> out;
  if (text == "-") return out;
  for (const auto& item : split(text, ';')) {
    const auto f = split(item, ':');
    if (f[0] == "daily") {
      for (int d = std::stoi(f[1]); d <= std::stoi(f[2]); ++d) out.push_back(dose_at(24.0 * d + 1, std::stod(f[3]), 0));
    } else {
      out.push_back(dose_at(std::stod(f[0]), std::stod(f[1]), f.size() > 2 ? std::stod(f[2]) : 0));
    }
  }
  return out;
}

std::vector<std::string> list_or_empty(const std::string& text) {
  return text == "-" ? std::vector<std::string>{} : split(text, '|');
}

TEST(SafetyCases, Guardrails) {
  const auto rows = read_cases("guardrails.tsv", 6);
  EXPECT_GE(rows.size(), 20U);
  for (const Row& row : rows) {
    SCOPED_TRACE("guardrails.tsv:" + std::to_string(row.line) + " " + row.cols[0]);
    GuardrailInput input;
    input.now = kNow;
    if (row.cols[1] != "-") {
      const auto p = split(row.cols[1], ':');
      input.planned = DoseRecord{kNow, std::stod(p[0]), std::stod(p[1])};
    }
    input.history = parse_history(row.cols[2]);
    input.medications = list_or_empty(row.cols[3]);
    input.risk_contexts = list_or_empty(row.cols[4]);
    auto alerts = evaluate_guardrails(data(), input);
    if (row.cols[5] == "error") {
      ASSERT_FALSE(alerts.has_value());
      EXPECT_TRUE(alerts.error().is_user_error());
      continue;
    }
    ASSERT_TRUE(alerts.has_value()) << alerts.error().to_string();
    std::map<std::string, std::string> got;
    for (const auto& a : *alerts) {
      got[a.id] = std::string(knowledge::to_string(a.severity));
      EXPECT_FALSE(a.sources.empty()) << a.id;
      EXPECT_FALSE(a.what_to_do.empty()) << a.id;
      EXPECT_FALSE(a.reason.empty()) << a.id;
    }
    std::map<std::string, std::string> want;
    if (row.cols[5] != "none") {
      for (const auto& item : split(row.cols[5], ';')) {
        const auto kv = split(item, '=');
        want[kv[0]] = kv[1];
      }
    }
    EXPECT_EQ(got, want);
    for (std::size_t i = 1; i < alerts->size(); ++i) {
      EXPECT_GE(static_cast<int>((*alerts)[i - 1].severity), static_cast<int>((*alerts)[i].severity));
    }
  }
}

TEST(SafetyCases, RedFlags) {
  const auto rows = read_cases("redflags.tsv", 4);
  std::set<std::string> covered;
  for (const Row& row : rows) {
    SCOPED_TRACE("redflags.tsv:" + std::to_string(row.line) + " '" + row.cols[0] + "'");
    const knowledge::Jurisdiction* where =
        row.cols[1] == "-" ? nullptr : data().find_jurisdiction(row.cols[1]);
    ASSERT_TRUE(row.cols[1] == "-" || where != nullptr);
    const auto alerts = check_red_flags(data(), row.cols[0], where);
    std::vector<std::string> ids;
    for (const auto& a : alerts) {
      ids.push_back(a.id);
      covered.insert(a.id);
      EXPECT_FALSE(a.sources.empty());
      EXPECT_NE(a.call_now.find(row.cols[3] == "-" ? "local emergency number" : row.cols[3]),
                std::string::npos);
    }
    EXPECT_EQ(ids.empty() ? "none" : [&] {
      std::string s;
      for (const auto& id : ids) s += (s.empty() ? "" : ",") + id;
      return s;
    }(), row.cols[2]);
    EXPECT_EQ(emergency_number(data(), where), row.cols[3] == "-" ? "" : row.cols[3]);
  }
  for (const auto& flag : data().red_flags) EXPECT_TRUE(covered.contains(flag.id)) << flag.id << " untested";
}

TEST(Interactions, PredictedAucRatioReachesVictimDrugsOnly) {
  ExposurePrediction predicted;
  predicted.cyp3a4_auc_ratio = 1.8;
  const auto alerts = check_interactions(data(), {"midazolam", "alcohol"}, predicted);
  bool victim_seen = false;
  for (const auto& a : alerts) {
    if (a.pk_victim == "cyp3a4") {
      victim_seen = true;
      EXPECT_EQ(a.predicted_auc_ratio, 1.8);
    } else {
      EXPECT_FALSE(a.predicted_auc_ratio.has_value()) << a.class_id;
    }
  }
  EXPECT_TRUE(victim_seen);
}

}  // namespace
}  // namespace speciosa::safety
