// The numbers a policy analyst quotes: per-replication metrics computed from a RunResult (after
// the warm-up), summarised across replications with Student-t 95 % CIs, and compared between
// scenarios with paired CIs (common random numbers).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "models/border.hpp"
#include "models/scenario.hpp"
#include "sim/stats.hpp"

namespace outputs {

struct MetricKey {
  std::string metric;  // e.g. transit_p95
  std::string group;   // e.g. exports/fresh_fruit/priority, kim_thanh.exit_barrier, all
  std::string unit;    // h, min, 1/day, share, USD/day, vehicles
  bool operator<(const MetricKey& o) const {
    return metric != o.metric ? metric < o.metric : group < o.group;
  }
};

using ReplicationMetrics = std::map<MetricKey, double>;

ReplicationMetrics compute_metrics(const models::Scenario& sc, const models::RunResult& r);

struct SummaryRow {
  MetricKey key;
  sim::Interval ci;
  std::vector<double> values;  // per replication, in replication order
};

// Across replications, in key order. A metric missing from some replication (no vehicle of that
// group finished there) is summarised over the replications that have it.
std::vector<SummaryRow> summarize(const std::vector<ReplicationMetrics>& reps);

struct DiffRow {
  MetricKey key;
  sim::Interval base, variant, diff;  // diff = variant - base, paired over replications
  bool significant;
};
std::vector<DiffRow> compare(const std::vector<ReplicationMetrics>& base,
                             const std::vector<ReplicationMetrics>& variant);

// The stdout table: per group, the headline metrics with their CIs.
std::string format_summary(const models::Scenario& sc, const std::vector<SummaryRow>& rows);
std::string format_comparison(const std::string& base, const std::string& variant, const std::vector<DiffRow>& rows);

}  // namespace outputs
