// Uncertain inputs (`uncertain:`, Scenario::UncertainInput) applied to a scenario's merged tree:
// a range's value written in its unit, or an alternative's fragment, set at the input's key as an
// override sets a value (models/overrides.hpp). The designs over them are studies/explore.hpp's.
#pragma once

#include <cstddef>
#include <string>

#include "models/scenario.hpp"
#include "models/yaml_tree.hpp"

namespace models {

// The unit suffix a range of times of day (`19:00` to `22:00`) is kept in: hours of the day.
inline constexpr const char* kTimeOfDayUnit = ":time";
inline constexpr std::size_t kMaxUncertainValues = 100;  // alternatives of one input
inline constexpr std::size_t kMaxUncertainName = 48;     // an input's name, an alternative's label

// A range's value `v` (in its unit) as the scenario would write it: `3.5d`, `4`, `21:30`
// (six significant digits; a whole number for an integer range, minutes for a time of day).
std::string range_text(const UncertainInput& in, double v);
// The number range_text writes, read back: what the point really ran.
double range_value(const UncertainInput& in, double v);
// range_text as a scalar node, placed at the input's entry (errors in it are located there).
YamlNode range_node(const UncertainInput& in, double v);
// Sets `value` at each of the input's keys in `tree` (the last key of a path created when
// absent); a path that does not lead there is an error located at the entry's `key`.
void set_uncertain(YamlNode& tree, const UncertainInput& in, YamlNode value);
// Reads the scenario at each end of every range and with every alternative (the `uncertain`
// section left out): each error is located at the entry and says which end or alternative.
// Only the inputs declared in `only_file` when it is given (the loader checks those a file
// declares itself; inherited ones are checked by validate and explore against this scenario).
void check_uncertain(const YamlNode& merged, const Scenario& sc, const std::string& only_file = "");
// The same for every input, each failure as a sentence instead of an error.
std::vector<std::string> uncertain_problems(const Scenario& sc);

// A node on one line, in YAML flow style: `5d`, `{open: 07:00, close: 19:00}`, `[1, 2]`.
std::string flow_text(const YamlNode& n);
// The scenario's own value at the input's (first) key, on one line ("(default)" when it gives
// none).
std::string own_value(const Scenario& sc, const UncertainInput& in);
// What the input ranges over: "3d to 7d, triangular, most likely 5d", "today | late".
std::string range_words(const UncertainInput& in);

}  // namespace models
