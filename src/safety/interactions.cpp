// Medication-name matching and interaction alerts.
#include <algorithm>
#include <cctype>
#include <limits>

#include "speciosa/safety.hpp"
#include "text.hpp"

namespace speciosa::safety {
namespace {

using knowledge::DrugName;
using knowledge::InteractionClass;

struct Candidate {
  const InteractionClass* cls;
  const DrugName* drug;
  MatchKind kind;
};

// Misspellings: one edit allowed from 5 letters, two from 8, none below 5, and the first
// letter must agree. Short names ("mp", "odt", "meth") therefore only match exactly, so a short
// unknown word can never be mistaken for one of them.
std::size_t allowed_edits(std::size_t shorter_len) {
  if (shorter_len < 5) return 0;
  return shorter_len < 8 ? 1 : 2;
}

// "Sertraline 50 mg" -> "sertraline": drops everything from the first token (after the first)
// that starts with a digit, since people often type the strength.
std::string without_strength(const std::string& folded) {
  std::string out;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (start > 0 && std::isdigit(static_cast<unsigned char>(folded[start]))) break;
    if (!out.empty()) out += ' ';
    out += folded.substr(start, end - start);
    start = end + 1;
  }
  return out;
}

std::vector<Candidate> exact_matches(const SafetyData& data, const std::string& name) {
  std::vector<Candidate> out;
  for (const InteractionClass& cls : data.interactions) {
    for (const DrugName& drug : cls.members) {
      const auto same = [&](const std::string& known) { return detail::fold(known) == name; };
      if (same(drug.name)) {
        out.push_back({&cls, &drug, MatchKind::kName});
      } else if (std::any_of(drug.aliases.begin(), drug.aliases.end(), same)) {
        out.push_back({&cls, &drug, MatchKind::kAlias});
      }
    }
  }
  return out;
}

std::size_t distance_if_close(const std::string& typed, const std::string& raw_known) {
  const std::string known = detail::fold(raw_known);
  constexpr std::size_t kFar = std::numeric_limits<std::size_t>::max();
  if (typed.empty() || known.empty() || typed[0] != known[0]) return kFar;
  const std::size_t limit = allowed_edits(std::min(typed.size(), known.size()));
  if (limit == 0) return kFar;
  const std::size_t d = check::edit_distance(typed, known);
  return d <= limit ? d : kFar;
}

std::vector<Candidate> close_matches(const SafetyData& data, const std::string& name) {
  std::size_t best = std::numeric_limits<std::size_t>::max();
  std::vector<Candidate> out;
  for (const InteractionClass& cls : data.interactions) {
    for (const DrugName& drug : cls.members) {
      std::size_t d = distance_if_close(name, drug.name);
      for (const auto& alias : drug.aliases) d = std::min(d, distance_if_close(name, alias));
      if (d > best || d == std::numeric_limits<std::size_t>::max()) continue;
      if (d < best) out.clear();
      best = d;
      out.push_back({&cls, &drug, MatchKind::kCloseSpelling});
    }
  }
  return out;
}

std::vector<Candidate> find_candidates(const SafetyData& data, const std::string& typed) {
  const std::string folded = detail::fold(typed);
  for (const std::string& name : {folded, without_strength(folded)}) {
    if (auto exact = exact_matches(data, name); !exact.empty()) return exact;
  }
  return close_matches(data, without_strength(folded));
}

InteractionAlert alert_for(const std::string& typed, const Candidate& c,
                           const ExposurePrediction& predicted) {
  const InteractionClass& cls = *c.cls;
  InteractionAlert a;
  a.with = typed;
  a.matched = c.drug->name;
  a.match = c.kind;
  a.class_id = cls.id;
  a.class_name = cls.name;
  a.severity = cls.severity;
  a.mechanism = cls.mechanism;
  a.also = cls.also;
  a.direction = cls.direction;
  a.evidence = cls.citation.evidence;
  a.sources = cls.citation.sources;
  a.summary = cls.summary;
  a.what_to_do = cls.what_to_do;
  a.pk_victim = cls.pk_victim;
  if (cls.pk_victim == "cyp3a4") a.predicted_auc_ratio = predicted.cyp3a4_auc_ratio;
  if (cls.pk_victim == "cyp2d6") a.predicted_auc_ratio = predicted.cyp2d6_auc_ratio;
  return a;
}

InteractionAlert unknown_alert(const std::string& typed) {
  InteractionAlert a;
  a.with = typed;
  a.summary = "This name is not in speciosa's interaction list, so it could not be checked.";
  a.what_to_do =
      "Not being on the list does not mean it is safe with kratom. Check the spelling or try the "
      "generic name, and ask a pharmacist to check it against kratom.";
  return a;
}

int rank(const InteractionAlert& a) { return a.severity ? static_cast<int>(*a.severity) : -1; }

}  // namespace

std::string_view to_string(MatchKind k) {
  switch (k) {
    case MatchKind::kName: return "name";
    case MatchKind::kAlias: return "alias";
    case MatchKind::kCloseSpelling: return "close-spelling";
    case MatchKind::kNone: return "none";
  }
  return "none";
}

std::string_view severity_name(const InteractionAlert& a) {
  return a.severity ? knowledge::to_string(*a.severity) : "unknown";
}

std::vector<InteractionAlert> check_interactions(const SafetyData& data,
                                                 const std::vector<std::string>& names,
                                                 const ExposurePrediction& predicted) {
  std::vector<InteractionAlert> out;
  for (const std::string& typed : names) {
    std::vector<InteractionAlert> mine;
    for (const Candidate& c : find_candidates(data, typed)) {
      const bool seen = std::any_of(mine.begin(), mine.end(), [&](const InteractionAlert& a) {
        return a.class_id == c.cls->id && a.matched == c.drug->name;
      });
      if (!seen) mine.push_back(alert_for(typed, c, predicted));
    }
    if (mine.empty()) mine.push_back(unknown_alert(typed));
    std::stable_sort(mine.begin(), mine.end(), [](const InteractionAlert& x, const InteractionAlert& y) {
      return rank(x) > rank(y);
    });
    out.insert(out.end(), mine.begin(), mine.end());
  }
  return out;
}

}  // namespace speciosa::safety
