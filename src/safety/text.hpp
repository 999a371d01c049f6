// Text helpers shared by the safety checks: case folding and whole-word phrase search.
#pragma once

#include <string>
#include <string_view>

namespace speciosa::safety::detail {

/// Lower case, letters/digits/apostrophes kept, everything else one space, trimmed.
std::string fold(std::string_view text);
/// Whether `phrase` (already folded) occurs in `folded_text` as whole words.
bool contains_phrase(std::string_view folded_text, std::string_view phrase);
/// Whether both words of a two-word `phrase` occur within `window` words of each other, in
/// either order ("my urine is dark" for "dark urine"). Phrases with a negation or other function
/// word never match this way.
bool contains_words_near(std::string_view folded_text, std::string_view phrase, std::size_t window = 3);

}  // namespace speciosa::safety::detail
