// `bordersim calibrate`: a scenario's published figures (Scenario::targets) against what the
// model gives. Each target's metric, summed over its groups in each replication, is summarised
// across replications (mean, 95 % CI); it passes when that CI overlaps the figure widened by
// its tolerance, [low (1 - tol), high (1 + tol)], and misses otherwise. A target with
// `no_target` is reported with its simulated value and no verdict.
#pragma once

#include <string>
#include <vector>

#include "measures/summary.hpp"
#include "models/scenario.hpp"
#include "sim/stats.hpp"

namespace outputs {

enum class Verdict { Pass, Miss, None };
const std::string& verdict_name(Verdict v);  // "pass", "MISS", "no target"

struct TargetResult {
  models::Target target;
  std::string unit;
  sim::Interval sim;   // across replications of the summed groups
  double ratio = 0;    // simulated mean over the figure (the midpoint of a range); NaN if none
  double band_lo = 0;  // the figure widened by the tolerance
  double band_hi = 0;
  Verdict verdict = Verdict::None;
};

// Every target's metric is one the summary has (not a curve): else a models::SourceError at the
// target, naming the metrics. Called when a scenario is validated and before calibrate runs.
void check_targets(const models::Scenario& sc);

// The targets against the replications' metrics. A group no replication has is a SourceError at
// the target naming the groups the metric has.
std::vector<TargetResult> evaluate_targets(const models::Scenario& sc,
                                           const std::vector<ReplicationMetrics>& reps);

// The terminal table: per target the figure, its source and date, the simulated mean and CI,
// the ratio, the tolerance and the verdict; then a line per miss naming the target and source.
std::string format_calibration(const models::Scenario& sc, const std::vector<TargetResult>& rs);

// One scenario's rows of the table in docs/validation.md (Markdown).
std::string calibration_markdown(const models::Scenario& sc, const std::vector<TargetResult>& rs);

}  // namespace outputs
