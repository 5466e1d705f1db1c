// What `bordersim optimise` writes under /optimisation (outputs/table_specs_optimise.cpp): the
// decisions with the plan chosen, the targets at it and at the scenario's own staffing, the
// finalists of the selection, every plan the search evaluated, and attributes saying what was
// minimised and with what guarantee.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

#include "studies/optimise.hpp"

namespace outputs {

struct OptimiseFileDecision {
  std::string name, lever, block, kind;
  int low = 0, high = 0, baseline = 0, seed = 0;
  double unit_cost = 0;
};
struct OptimiseFileTarget {
  std::string text, metric, group, unit;
  studies::Target target;
};
struct OptimiseFile {
  std::string objective, unit;  // "cost", "USD/day"
  std::vector<OptimiseFileDecision> decisions;
  std::vector<OptimiseFileTarget> targets;
  const studies::OptimiseResult* result = nullptr;
  const studies::Candidate* baseline = nullptr;
  int search_replications = 0;
  double alpha = 0.05;
};

void write_optimisation(hid_t file, const OptimiseFile& o);

}  // namespace outputs
