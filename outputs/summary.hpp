// The numbers a policy analyst quotes: per-replication metrics computed from a RunResult (after
// the warm-up), summarised across replications with Student-t 95 % CIs, and compared between
// scenarios with paired CIs (common random numbers).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "models/border.hpp"
#include "models/scenario.hpp"
#include "outputs/contract.hpp"
#include "sim/stats.hpp"

namespace outputs {

struct MetricKey {
  Metric metric;
  Group group;
  std::string label;  // group_label(group), rendered once when the key is made; never parsed
  std::string unit;   // the catalogue's, with the currency filled in for money
  // Ordered as the summary table is: by metric name, then label (then unit: one row per
  // currency). The codes do not take part: `compare` pairs a base's and a variant's rows by label,
  // and the two scenarios may number their flows differently.
  bool operator<(const MetricKey& o) const {
    if (metric != o.metric) return metric_name(metric) < metric_name(o.metric);
    if (label != o.label) return label < o.label;
    return unit < o.unit;
  }
};

using ReplicationMetrics = std::map<MetricKey, double>;

// Accumulates a replication's metrics from its records as they stream by (memory: one
// accumulator per group, not one entry per vehicle); finish() adds the resource statistics.
class MetricsSink : public models::RecordSink {
 public:
  explicit MetricsSink(const models::Scenario& sc);
  void begin(const std::vector<std::string>& stop_names,
             const std::vector<std::string>& columns) override;
  void vehicle(const models::VehicleRecord& v) override;
  void visit(const models::StopVisit& v) override;
  void train(const models::TrainRecord& t) override;
  void sample(const double*, std::size_t) override {}
  ReplicationMetrics finish(const models::RunResult& r);

 private:
  struct GroupAcc {
    double completed = 0, transit = 0, wait = 0, spoiled = 0, judged = 0, gave_up = 0;
    std::map<std::string, double>
        value_lost;  // by currency: money in two currencies is never summed
    sim::Quantiles q;
  };
  const models::Scenario& sc_;
  std::map<Group, GroupAcc> groups_;
  std::map<std::pair<std::uint16_t, std::uint16_t>, std::pair<double, double>>
      stop_wait_;                                      // (flow, stop)
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
std::string format_comparison(const std::string& base, const std::string& variant,
                              const std::vector<DiffRow>& rows);

}  // namespace outputs
