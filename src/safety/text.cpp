#include "text.hpp"

#include <cctype>

namespace speciosa::safety::detail {

std::string fold(std::string_view text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    // U+2019 (right single quote, E2 80 99) is how phones type apostrophes.
    const bool curly = c == 0xE2 && i + 2 < text.size() &&
                       static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                       static_cast<unsigned char>(text[i + 2]) == 0x99;
    if (std::isalnum(c) || c == '\'' || curly) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += curly ? '\'' : static_cast<char>(std::tolower(c));
      if (curly) i += 2;
    } else {
      space = true;
    }
  }
  return out;
}

bool contains_phrase(std::string_view folded_text, std::string_view phrase) {
  if (phrase.empty()) return false;
  std::size_t pos = folded_text.find(phrase);
  while (pos != std::string_view::npos) {
    const bool start_ok = pos == 0 || folded_text[pos - 1] == ' ';
    const std::size_t end = pos + phrase.size();
    const bool end_ok = end == folded_text.size() || folded_text[end] == ' ';
    if (start_ok && end_ok) return true;
    pos = folded_text.find(phrase, pos + 1);
  }
  return false;
}

}  // namespace speciosa::safety::detail
