// A sweep's grid: `--set key.path=v1,v2,...` axes, their cartesian product (first axis slowest),
// each point's label and scenario. No HDF5 here: running and writing the points is results.hpp's.
//
// Each value is a YAML fragment (models/overrides.hpp): a scalar, a flow list or a flow mapping.
// The values of one --set are separated by the commas outside brackets, braces and quotes, so
// `servers=2,3,4` is three scalars, `hourly=[1,1,2],[2,2,1]` two lists,
// `lane={servers: 1},{servers: 2}` two mappings, `points=[[0min,0],[5min,1]]` one list of lists,
// and `description="a, b","c"` two strings.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "models/yaml_tree.hpp"

namespace outputs {

struct SweepAxis {
  std::string path;  // key.path in the scenario tree (list items by index or id)
  std::vector<std::string> values;
};

// A malformed --set; the command line reports it as a usage error.
struct SweepError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// "v1,v2" split at its top-level commas, each value trimmed.
std::vector<std::string> split_alternatives(const std::string& values);
SweepAxis parse_sweep_set(const std::string& set);  // "key.path=v1,v2"; throws SweepError
// Every combination of the axes' value indices, first axis slowest.
std::vector<std::vector<std::size_t>> sweep_grid(const std::vector<SweepAxis>& axes);
// "key=v;key=v": how a point is named in the file (/points.parameters) and on the terminal.
std::string sweep_label(const std::vector<SweepAxis>& axes, const std::vector<std::size_t>& point);

struct SweepPoint {
  std::string label;
  models::Scenario scenario;
};
// Builds (and so validates) every point's scenario from `file` before any runs: a bad value
// fails the sweep at once, with the scenario loader's message.
std::vector<SweepPoint> sweep_points(const std::string& file, const std::vector<SweepAxis>& axes);
// The same from a merged tree (models::load_merged_tree, perhaps with overrides set), the file it
// names in errors and the text stored with each point's scenario.
std::vector<SweepPoint> sweep_points(const models::YamlNode& base, const std::string& file,
                                     const std::string& text, const std::vector<SweepAxis>& axes);

}  // namespace outputs
