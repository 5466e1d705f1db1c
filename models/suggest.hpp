// What an error message says about a word the user wrote: "did you mean ...?" for misspelled
// keys and names (the closest candidate by edit distance, if it is close enough to be a plausible
// typo: at most a third of the word's letters), and, instead, that the word holds a control
// character when it does (`single_window\r` is not a typo of `single_window`, and saying so would
// hide the stray byte). printable() and echo() (source_error.hpp) are defined in suggest.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace models {

std::size_t edit_distance(std::string_view a, std::string_view b);
// Empty when nothing is close, or when `word` holds a control character.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);
// The tail of an "unknown ..." message: "; did you mean 'x'?", "; it contains a control character
// ('\r')", or "" when nothing is close.
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace models
