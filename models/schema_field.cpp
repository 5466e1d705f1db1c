// The schema's vocabulary: finding a key of a section and a value of a choice, and the message
// for a value that is not one (schema.hpp). The declarations themselves are schema.cpp's.
#include <string>
#include <vector>

#include "models/schema.hpp"
#include "models/source_error.hpp"
#include "models/suggest.hpp"

namespace models {

const Field* SectionSchema::find(const std::string& key) const {
  for (const Field& f : fields)
    if (key == f.key) return &f;
  return nullptr;
}

const Choice* Field::find_choice(std::string_view value) const {
  for (const Choice& c : choices)
    if (value == c.value) return &c;
  return nullptr;
}

std::vector<std::string> Field::choice_values() const {
  std::vector<std::string> v;
  for (const Choice& c : choices) v.emplace_back(c.value);
  return v;
}

std::string Field::unknown_choice(const std::string& value) const {
  const std::vector<std::string> values = choice_values();
  std::string allowed;
  for (const std::string& v : values) allowed += (allowed.empty() ? "" : ", ") + v;
  return "unknown value " + echo(value) + suggestion(value, values) + " (allowed: " + allowed + ")";
}

std::vector<std::string> SectionSchema::keys() const {
  std::vector<std::string> k;
  for (const Field& f : fields) k.emplace_back(f.key);
  return k;
}

}  // namespace models
