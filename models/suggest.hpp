// "Did you mean ...?" for misspelled keys and names: the closest candidate by edit distance,
// if it is close enough to be a plausible typo (at most a third of the word's letters).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace models {

std::size_t edit_distance(std::string_view a, std::string_view b);
// Empty when nothing is close.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace models
