// Why one mode wins: the difference in mean transit time between a variant and its base, split
// by segment (models::Segment: travel, exit side, far-side intake, bridge and transshipment,
// joint stops, entry side). Each segment's mean is taken over the vehicles transit_mean covers,
// so in every replication the segments' differences add up to the difference of transit_mean
// (to floating-point rounding); each part has its own paired CI over replications.
#pragma once

#include <string>
#include <vector>

#include "measures/summary.hpp"

namespace outputs {

struct DecompositionPart {
  std::string segment;  // segment_name(), or "total" (transit_mean)
  sim::Interval base, variant, diff;
  std::vector<double> diffs;  // per replication paired, in replication order
};

struct Decomposition {
  MetricKey key;                         // transit_mean of the group
  std::vector<DecompositionPart> parts;  // the segments in order, then "total"
};

// For every vehicle group with transit_mean in both (paired by label, as compare does).
std::vector<Decomposition> decompose(const std::vector<ReplicationMetrics>& base,
                                     const std::vector<ReplicationMetrics>& variant);

// The terminal text: all vehicles and each cargo class.
std::string format_decomposition(const std::string& base, const std::string& variant,
                                 const std::vector<Decomposition>& rows);

}  // namespace outputs
