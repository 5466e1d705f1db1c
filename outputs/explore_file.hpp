// The tables `bordersim explore` writes (outputs/table_specs_explore.cpp): the inputs, the design,
// each point's summaries and paired differences, the sensitivity indices and the robustness of
// each policy effect.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

#include "measures/summary.hpp"
#include "studies/explore.hpp"

namespace outputs {

struct ExploreResults {
  const models::Scenario* base = nullptr;
  const studies::Design* design = nullptr;
  std::vector<std::string> names;  // the base's and the variants' names
  // Per point, per scenario (base first); per point, per variant.
  const std::vector<std::vector<std::vector<SummaryRow>>>* summaries = nullptr;
  const std::vector<std::vector<std::vector<DiffRow>>>* diffs = nullptr;
  const studies::Analysis* analysis = nullptr;
};

void write_explore(hid_t file, const ExploreResults& r);

}  // namespace outputs
