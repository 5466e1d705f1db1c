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

// Accumulates a replication's metrics from its records as they stream by (memory: one
// accumulator per group, not one entry per vehicle); finish() adds the resource statistics.
class MetricsSink : public models::RecordSink {
 public:
  explicit MetricsSink(const models::Scenario& sc);
  void begin(const std::vector<std::string>& stop_names, const std::vector<std::string>& columns) override;
  void vehicle(const models::VehicleRecord& v) override;
  void visit(const models::StopVisit& v) override;
  void train(const models::TrainRecord& t) override;
  void sample(const double*, std::size_t) override {}
  ReplicationMetrics finish(const models::RunResult& r);

 private:
  struct GroupAcc {
    double completed = 0, transit = 0, wait = 0, spoiled = 0, judged = 0, value_lost = 0;
    sim::Quantiles q;
  };
  const models::Scenario& sc_;
  std::vector<std::string> stop_names_;
  std::map<std::string, GroupAcc> groups_;
  std::map<std::pair<std::uint16_t, std::uint16_t>, std::pair<double, double>> stage_wait_;  // (flow, stop)
  std::vector<std::pair<double, double>> train_load_;  // per rail service: sum, count
};

// The same metrics from collected records (RunResult with vehicles, visits and trains).
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
