// Inside the report of `bordersim explore` (report_explore*.cpp): the explore tables as the
// report reads them, and the words and numbers its sections share.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "report/report_parts.hpp"

namespace outputs::report::explore {

// One uncertain input (/explore_inputs).
struct Input {
  std::string name, key, kind, unit, distribution, own, source, why;
  double low = 0, high = 0, mode = 0;
  std::vector<std::string> alternatives;  // a `values` input's labels
  bool values() const { return kind == "values"; }
};

// A figure of the results: a metric for one group, as the explore tables key it (by label).
struct Figure {
  std::string metric, group, unit;
  bool operator<(const Figure& o) const {
    return metric != o.metric ? metric < o.metric : group < o.group;
  }
  bool operator==(const Figure& o) const { return metric == o.metric && group == o.group; }
};

// One estimate at one design point: a scenario's mean, or a variant's paired effect.
struct Estimate {
  std::uint32_t point = 0;
  double mean = 0, lo = 0, hi = 0;  // lo, hi NaN without a CI
  std::int64_t n = 0;
  bool significant = false;  // effects: the CI excludes zero
};

struct Index {
  std::string input, measure;
  double value = 0, lo = 0, hi = 0;
};

struct Robust {
  std::string variant;
  Figure fig;
  double min = 0, max = 0, mean = 0;
  std::int64_t points = 0, better = 0, worse = 0, better_sig = 0, worse_sig = 0;
  int direction = 0;  // -1 lower is better, +1 higher, 0 neither
  bool flips = false, rule_worse = false;
  std::string rule;
  double accuracy = 0;
};

struct Data {
  std::string design;  // lhs, grid, morris, sobol
  std::string base;
  std::vector<std::string> variants;
  std::size_t points = 0, requested = 0;
  int reps_least = 0, reps_most = 0;
  std::vector<Input> inputs;
  // Per point, per input: the number run (an alternative's index for `values`) and its text.
  std::vector<std::vector<double>> value;
  std::vector<std::vector<std::string>> value_text;
  // scenario -> figure -> one estimate per point that has it.
  std::map<std::string, std::map<Figure, std::vector<Estimate>>> means;
  // variant -> figure -> the paired effect per point.
  std::map<std::string, std::map<Figure, std::vector<Estimate>>> effects;
  // scenario (or effect:<variant>) -> figure -> the indices of every input (and r2).
  std::map<std::string, std::map<Figure, std::vector<Index>>> indices;
  std::vector<Robust> robust;
  std::vector<std::string> cargo;  // the scenario's cargo classes, in order
  std::vector<std::string> warnings;
};

Data read(hid_t f);

// ---- words and numbers ----------------------------------------------------------------------

// "fresh_fruit exports", "all vehicles", "empty trucks (imports)" for an explore group label.
std::string group_words(const std::string& label);
// The cargo class a group label names ("" for all vehicles or another kind of group).
std::string group_cargo(const std::string& label);
// "mean border-crossing time of fresh_fruit exports".
std::string figure_words(const Figure& f);
// How a set of values of one unit is shown: hours as minutes, hours or days by the largest;
// shares as % (a change of one in percentage points); "/day" as "a day".
struct Shown {
  double scale = 1;
  std::string suffix;  // " h", " percentage points", " vehicles a day"
};
Shown shown_unit(double largest, const std::string& unit, bool change);
// A figure's value with its unit ("4.3 h", "12 %", "210 vehicles a day").
std::string value_words(double v, const std::string& unit);
// A span of magnitudes in one unit: "0.08 to 0.8 h", "1.2 to 32 percentage points" (a change of
// a share is in points, not in per cent of itself); `signed_` keeps signs ("-0.3 to +1.2 h").
std::string span_words(double a, double b, const std::string& unit, bool change, bool signed_);
// "pickup (rate or quota)", "arrivals (260/day to 340/day)".
std::string input_words(const Input& in);
// The range or alternatives of an input as a table cell.
std::string range_cell(const Input& in);

// The measure that ranks inputs for a design: Sobol' total, Morris mu*, regression |SRC|.
std::string ranking_measure(const std::string& design);
// An input's indices of one measure for a figure, largest first (r2 apart).
std::vector<const Index*> ranked(const std::vector<Index>& all, const std::string& measure);
double r_squared(const std::vector<Index>& all);  // NaN when the design gives none

// The figures a reader needs first: for the base (variant "") or a variant's effect, those that
// change over the design, most important first (backlog growth, each cargo class's border time
// at the 95th percentile and on average, spoilage), at most `most`.
std::vector<Figure> headline(const Data& d, const std::string& variant, std::size_t most);

const Input* input_named(const Data& d, const std::string& name);
std::size_t input_index(const Data& d, const std::string& name);

// The sentence saying which input explains most of a spread ("" when the file has no indices).
std::string explained_by(const Data& d, const std::string& scenario, const Figure& f);

// ---- sections -------------------------------------------------------------------------------
std::string findings(const Context& c, const Data& d);
std::string drivers(const Context& c, const Data& d);
std::string effects(const Context& c, const Data& d);
std::string flips(const Data& d);
std::string inputs_table(const Data& d, const std::string& id);

}  // namespace outputs::report::explore
