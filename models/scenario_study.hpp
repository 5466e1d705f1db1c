// The parts of a scenario its studies read: the published figures it should reproduce
// (`targets:`, checked by `bordersim calibrate`) and the inputs no source gives (`uncertain:`,
// varied by `bordersim explore`). Included by scenario.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/source_error.hpp"
#include "models/yaml_tree.hpp"

namespace models {

// A published figure the scenario should reproduce (`targets:`), checked by `bordersim
// calibrate`: the summary metric over the groups named (summed per replication) against a value
// or a range, within a relative tolerance. A target with `no_target` says what would be compared
// and why no source gives a figure: calibrate prints the simulated value and no verdict.
struct Target {
  std::string id;
  std::string metric;               // a summary metric's name (checked against the catalogue)
  std::vector<std::string> groups;  // labels as in the summary; summed
  double lo = 0, hi = 0;            // the figure (lo == hi for a single value)
  double tolerance = 0;             // relative, on both sides of [lo, hi]
  std::string figure;               // the published figure as written
  std::string source;               // an id of docs/sources.md
  std::string date;                 // when the figure holds
  std::string measures;             // what it measures in model terms
  std::string no_target;            // non-empty: no published figure, why
  std::string file;                 // where it is declared, for errors
  Mark mark;
  std::string path;  // key path ("targets.trucks_export")
};

// An input no source gives (`uncertain.<name>`): what `bordersim explore` varies, from a range
// or between whole YAML fragments; everything else runs the scenario's own value. Applied to the
// scenario's merged tree as an override at `key` (models/uncertain.hpp).
struct UncertainInput {
  enum class Kind : std::uint8_t { Range, Values };
  enum class Dist : std::uint8_t { Uniform, Triangular, LogUniform };
  std::string name;
  std::string key;                // the key paths as written, ", " between
  std::vector<std::string> keys;  // each a key path as `--set` takes it: all set to one value
  Kind kind = Kind::Range;
  // A range: numbers in one unit as written (`1d`, `9/h`, `0.4`), the unit kept as its suffix.
  double low = 0, high = 0, mode = 0;
  std::string unit;
  Dist dist = Dist::Uniform;
  bool integer = false;  // whole numbers: every value from low to high equally likely (uniform)
  // Alternatives: their labels and fragments (nodes keep their place in the file, so an error
  // in one is located there).
  std::vector<std::string> labels;
  std::vector<YamlNode> values;
  std::string source, why;  // one of them: a docs/sources.md id, or why it is assumed
  std::string file;         // where it is declared: the entry, its key path, its range's ends
  Mark mark, key_at, low_at, high_at;
};

// `optimise:` — what `bordersim optimise` searches (app/optimise.cpp, studies/optimise.hpp): the
// levers with their bounds, and the targets (summary metrics by group against a threshold, kept
// as written and parsed by the command, which knows the metrics).
struct HourBlock {
  double from_s = 0, to_s = 0;  // local time of day of the lever's side
  std::string text;             // "07-11"
};
struct LeverSpec {
  // Stage: a stage's servers by block; Agency: a pooled agency's officers by block; Lane: a
  // stage's lane servers; Close: a side's closing hour (whole hours).
  enum class Kind : std::uint8_t { Stage, Agency, Lane, Close };
  Kind kind = Kind::Stage;
  std::string ref;                  // "<side>.<stage>", "<side>.<agency>", "<side>"
  std::size_t side = 0, index = 0;  // the side, and its stage or agency
  int low = 0, high = 0;            // bounds (servers, or hours for Close)
  std::vector<HourBlock> blocks;    // Stage and Agency: one decision per block
  std::string file;
  Mark mark;
  std::string path;
};
struct TargetSpec {
  std::string text;  // "border_time_p95{cargo=fresh_fruit} <= 2h"
  std::string file;
  Mark mark;
  std::string path;
};
struct OptimiseSpec {
  std::vector<LeverSpec> levers;
  std::vector<TargetSpec> targets;
  std::string objective;    // "cost", "officer_hours" or "" (cost when every lever is priced)
  double tolerance = 0.05;  // the selection's indifference zone, relative to each threshold
  double alpha = 0.05;      // 1 - alpha: the selection's stated confidence
  int replications = 10, finalists = 5, max_evaluations = 1000;
};

}  // namespace models
