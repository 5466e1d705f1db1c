// A sweep's grid: `--set key.path=v1,v2,...` axes, their cartesian product (first axis slowest),
// each point's label and scenario. No HDF5 here: running and writing the points is results.hpp's.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "models/yaml_tree.hpp"

namespace outputs {

struct SweepAxis {
  std::string path;  // key.path in the scenario tree (list items by id)
  std::vector<std::string> values;
};

// A malformed --set; the command line reports it as a usage error.
struct SweepError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

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
