// `bordersim explore`: a design over a scenario's uncertain inputs (models::UncertainInput), the
// scenario of each point, and what the results say: which inputs explain each headline metric
// (Sobol' indices, Morris effects or standardised regression coefficients, by design), and for a
// policy variant, the range of its effect over the design, where it is better, and the region
// where it flips. No HDF5 and no running here: app/explore.cpp runs the points and
// outputs/explore_file.cpp writes them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "measures/summary.hpp"
#include "models/scenario.hpp"
#include "models/yaml_tree.hpp"
#include "studies/design.hpp"
#include "studies/flip_rule.hpp"
#include "studies/sensitivity.hpp"

namespace studies {

// The points of a design, decoded.
struct Design {
  DesignKind kind = DesignKind::Lhs;
  std::size_t requested = 0;  // --points: LHS points, Sobol' base rows, Morris trajectories,
                              // grid levels per range
  std::uint64_t seed = 0;
  std::vector<models::UncertainInput> inputs;
  UnitDesign unit;
  // Per point and input: the number run (a range's value in its unit, as written) or the
  // alternative's index; and the text set at the key ("3.5d", "quota").
  std::vector<std::vector<double>> value;
  std::vector<std::vector<std::string>> text;
  std::size_t points() const { return value.size(); }
  std::string label(std::size_t p) const;  // "patience=3.5d;pickup=quota"
};

// Default --points of each design (LHS 64 points, Sobol' 64 base rows, Morris 10 trajectories,
// grid 3 levels per range).
std::size_t default_points(DesignKind kind);
// The design over `inputs`; throws std::invalid_argument (a usage error) for a design the inputs
// cannot take (a Sobol' design of one input, too many grid points).
Design make_design(const std::vector<models::UncertainInput>& inputs, DesignKind kind,
                   std::size_t points, std::uint64_t seed);
// The merged tree of a scenario at point p: every input set at its key, `uncertain` removed.
models::YamlNode point_tree(const models::YamlNode& merged, const Design& d, std::size_t p);

// ---- what the results say -------------------------------------------------------------------

// One index of one input for one metric: Sobol' `first` and `total`, Morris `mu_star`, `mu` and
// `sigma`, regression `src`; `r2` is the regression's (input empty).
struct SensitivityRow {
  std::string scenario;  // a scenario's name, or "effect:<variant>" for variant - base
  outputs::MetricKey key;
  std::string input;
  std::string measure;
  Estimate estimate;
};

// A policy effect (variant - base, paired per point) over the design.
struct RobustnessRow {
  std::string variant;
  outputs::MetricKey key;
  double min = 0, max = 0, mean = 0;                          // of the per-point mean effect
  std::size_t points = 0;                                     // points with the metric in both
  std::size_t better = 0, worse = 0;                          // by the point estimate
  std::size_t better_significant = 0, worse_significant = 0;  // the point's own 95 % CI
  int direction = 0;  // +1 higher is better, -1 lower is better, 0 none (no better/worse)
  FlipRule rule;      // where the minority outcome lies (flips = false: all agree)
};

struct Analysis {
  std::vector<SensitivityRow> sensitivity;
  std::vector<RobustnessRow> robustness;
};

// Per point, per scenario (base first), its summary; per point, per variant, its paired
// differences. `wanted` picks the metrics analysed (the headline ones and any named).
// Bootstrap CIs from `seed`.
Analysis analyse(const Design& d, const std::vector<std::string>& names,
                 const std::vector<std::vector<std::vector<outputs::SummaryRow>>>& summaries,
                 const std::vector<std::vector<std::vector<outputs::DiffRow>>>& diffs,
                 const std::function<bool(const outputs::MetricKey&)>& wanted, std::uint64_t seed);

// The headline metrics an explore analyses by default, over all vehicles and each cargo class
// by direction.
bool headline_metric(const outputs::MetricKey& k);

}  // namespace studies
