// Legal status lookup: locality -> state -> country, strictest status wins.
#include <algorithm>
#include <cctype>
#include <fmt/format.h>

#include "speciosa/safety.hpp"
#include "text.hpp"

namespace speciosa::safety {
namespace {

using knowledge::Jurisdiction;

// A place answers to every level above it at once, so the strictest known status applies.
// "unknown" at any level means we cannot call the place legal or merely regulated.
int strictness(LegalStatus s) {
  switch (s) {
    case LegalStatus::kLegal: return 0;
    case LegalStatus::kAgeRestricted: return 1;
    case LegalStatus::kRegulated: return 2;
    case LegalStatus::kUnknown: return 3;
    case LegalStatus::kBanned: return 4;
  }
  return 3;
}

LegalStatus strictest(LegalStatus a, LegalStatus b) { return strictness(a) >= strictness(b) ? a : b; }

std::string normalise_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    out += c == '_' ? '-' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

const Jurisdiction* find_by_code_or_name(const SafetyData& data, std::string_view code) {
  if (const Jurisdiction* j = data.find_jurisdiction(normalise_code(code))) return j;
  const std::string name = detail::fold(code);
  for (const Jurisdiction& j : data.jurisdictions) {
    if (detail::fold(j.name) == name) return &j;
  }
  return nullptr;
}

Error unknown_code(const SafetyData& data, std::string_view code) {
  std::vector<std::string> codes;
  for (const Jurisdiction& j : data.jurisdictions) codes.push_back(j.code);
  const auto near = check::closest(normalise_code(code), codes, 3);
  std::string message = fmt::format("no legal information for '{}'", code);
  if (!near.empty()) message += fmt::format(" (closest: {})", fmt::join(near, ", "));
  return Error{ErrorCode::kNotFound, "legal", "code", message,
               "a country code (ISO 3166-1) like TH, a state or region (ISO 3166-2) like US-AL, "
               "or a locality like US-CA-SD; `speciosa legal --list` shows every code"};
}

bool older_than_a_year(std::chrono::year_month_day as_of, std::chrono::year_month_day today) {
  // Compared field by field so a 29 February as_of needs no special case.
  const auto year_later = as_of + std::chrono::years{1};
  return std::chrono::year_month_day{year_later.year(), year_later.month(), year_later.day()} < today;
}

void add_sources(std::vector<std::string>& out, const std::vector<std::string>& more) {
  for (const auto& s : more) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
}

}  // namespace

Result<const knowledge::Jurisdiction*> find_jurisdiction(const SafetyData& data,
                                                         std::string_view code_or_name) {
  const Jurisdiction* place = find_by_code_or_name(data, code_or_name);
  if (place == nullptr) return unknown_code(data, code_or_name);
  return place;
}

Result<LegalAnswer> legal_status(const SafetyData& data, std::string_view code,
                                 std::chrono::year_month_day today) {
  auto found = find_jurisdiction(data, code);
  if (!found) return found.error();
  const Jurisdiction* place = *found;
  LegalAnswer answer;
  answer.code = place->code;
  answer.name = place->name;
  answer.kratom = place->kratom;
  answer.hydroxymitragynine = place->hydroxymitragynine;
  answer.as_of = place->as_of;
  answer.notice =
      "General information, not legal advice. Laws change often and local rules can be "
      "stricter; check the current law where you are before buying, carrying or travelling "
      "with kratom.";
  // Parents are validated to exist; the depth limit guards against a cycle in the data.
  constexpr int kMaxDepth = 8;
  const Jurisdiction* level = place;
  for (int depth = 0; level != nullptr && depth < kMaxDepth; ++depth) {
    const bool stale = older_than_a_year(level->as_of, today);
    answer.levels.push_back({level, stale});
    answer.may_be_out_of_date = answer.may_be_out_of_date || stale;
    answer.kratom = strictest(answer.kratom, level->kratom);
    answer.hydroxymitragynine = strictest(answer.hydroxymitragynine, level->hydroxymitragynine);
    if (level->min_age && (!answer.min_age || *level->min_age > *answer.min_age)) {
      answer.min_age = level->min_age;
    }
    answer.as_of = std::min(answer.as_of, level->as_of);
    add_sources(answer.sources, level->sources);
    if (answer.emergency.empty()) answer.emergency = level->emergency;
    level = level->parent.empty() ? nullptr : data.find_jurisdiction(level->parent);
  }
  return answer;
}

std::string emergency_number(const SafetyData& data, const knowledge::Jurisdiction* jurisdiction) {
  constexpr int kMaxDepth = 8;
  for (int depth = 0; jurisdiction != nullptr && depth < kMaxDepth; ++depth) {
    if (!jurisdiction->emergency.empty()) return jurisdiction->emergency;
    jurisdiction = jurisdiction->parent.empty() ? nullptr : data.find_jurisdiction(jurisdiction->parent);
  }
  return "";
}

}  // namespace speciosa::safety
