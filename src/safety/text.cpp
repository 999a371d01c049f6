#include "text.hpp"

#include <vector>

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

namespace {

std::vector<std::string_view> words_of(std::string_view folded) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    if (end > start) words.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

// Words that carry negation or grammar: a phrase holding one must match as written ("not
// breathing" must not fire on "breathing fine, not worried").
bool is_function_word(std::string_view w) {
  for (std::string_view f : {"not", "can't", "cannot", "won't", "had", "having", "a", "the", "all",
                             "over", "of", "to", "is", "are", "stopped", "no"}) {
    if (w == f) return true;
  }
  return false;
}

}  // namespace

bool contains_words_near(std::string_view folded_text, std::string_view phrase, std::size_t window) {
  const auto wanted = words_of(phrase);
  if (wanted.size() != 2 || is_function_word(wanted[0]) || is_function_word(wanted[1])) return false;
  const auto text = words_of(folded_text);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != wanted[0] && text[i] != wanted[1]) continue;
    const std::string_view other = text[i] == wanted[0] ? wanted[1] : wanted[0];
    for (std::size_t j = i + 1; j < text.size() && j <= i + window; ++j) {
      if (text[j] == other) return true;
    }
  }
  return false;
}

}  // namespace speciosa::safety::detail
