// Red-flag symptoms in free text.
#include <algorithm>
#include <fmt/format.h>

#include "speciosa/safety.hpp"
#include "text.hpp"

namespace speciosa::safety {
namespace {

std::string call_now(knowledge::Tier tier, const std::string& number) {
  if (tier == knowledge::Tier::kEmergency) {
    return number.empty() ? "Call your local emergency number now."
                          : fmt::format("Call {} now.", number);
  }
  return number.empty()
             ? "Get medical care today; if things get worse, call your local emergency number."
             : fmt::format("Get medical care today; if things get worse, call {}.", number);
}

}  // namespace

std::vector<RedFlagAlert> check_red_flags(const SafetyData& data, std::string_view text,
                                          const knowledge::Jurisdiction* jurisdiction) {
  const std::string folded = detail::fold(text);
  const std::string number = emergency_number(data, jurisdiction);
  std::vector<RedFlagAlert> out;
  for (const knowledge::RedFlag& flag : data.red_flags) {
    std::vector<std::string> matched;
    for (const auto& keyword : flag.keywords) {
      // People describe symptoms in their own word order; urgent signs should not be missed.
      const std::string phrase = detail::fold(keyword);
      if (detail::contains_phrase(folded, phrase) || detail::contains_words_near(folded, phrase)) {
        matched.push_back(keyword);
      }
    }
    if (matched.empty()) continue;
    out.push_back(RedFlagAlert{flag.id, flag.name, flag.tier, matched, flag.guidance, number,
                               call_now(flag.tier, number), flag.citation.evidence,
                               flag.citation.sources});
  }
  // Emergencies first.
  std::stable_partition(out.begin(), out.end(), [](const RedFlagAlert& a) {
    return a.tier == knowledge::Tier::kEmergency;
  });
  return out;
}

}  // namespace speciosa::safety
