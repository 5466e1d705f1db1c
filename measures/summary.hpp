// The numbers a policy analyst quotes: per-replication metrics computed from a RunResult (after
// the warm-up), summarised across replications with Student-t 95 % CIs, and compared between
// scenarios with paired CIs (common random numbers).
#pragma once

#include <array>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "measures/catalogue.hpp"
#include "models/border.hpp"
#include "models/scenario.hpp"
#include "sim/stats.hpp"

namespace outputs {

struct MetricKey {
  Metric metric;
  Group group;
  std::string label;  // group_label(group), rendered once when the key is made; never parsed
  std::string unit;   // the catalogue's, with the currency filled in for money
  double at = 0;      // a curve metric's argument (hours for border_within_share); 0 otherwise
  // Ordered as the summary table is: by metric name, then label (then unit: one row per
  // currency). The codes do not take part: `compare` pairs a base's and a variant's rows by label,
  // and the two scenarios may number their flows differently.
  bool operator<(const MetricKey& o) const {
    if (metric != o.metric) return metric_name(metric) < metric_name(o.metric);
    if (label != o.label) return label < o.label;
    if (unit != o.unit) return unit < o.unit;
    return at < o.at;
  }
};

using ReplicationMetrics = std::map<MetricKey, double>;

// A share (unit "share": route_share, spoiled_share, utilisation, ...): a value in [0, 1], whose
// intervals across replications stay there (summarize, compare).
inline bool is_share(const MetricKey& k) {
  return k.unit == "share";
}

// A least-squares straight line through (x, y) points added one at a time (no point is kept).
class LinearFit {
 public:
  void add(double x, double y);
  std::size_t count() const { return n_; }
  double slope() const;  // NaN with fewer than two distinct x

 private:
  std::size_t n_ = 0;
  double sx_ = 0, sy_ = 0, sxx_ = 0, sxy_ = 0;
};

// The growth per day of a backlog sampled once a day (x in days, after the warm-up): the slope of
// the least-squares line through the days after the initial transient, found by MSER (the
// truncation d <= n/2 that minimises the remaining values' squared deviations over (n - d)^2,
// the batch size one day). A backlog that fills up from an empty border and then stays level
// grows by about nothing, whether or not the scenario states a warm-up; one that grows steadily
// keeps its slope. NaN with fewer than two points left.
double backlog_growth(const std::vector<std::pair<double, double>>& days);

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
  void backlog(const double* row, std::size_t n) override;
  void routes(const double*, std::size_t) override {}
  ReplicationMetrics finish(const models::RunResult& r);

 private:
  struct GroupAcc {
    double completed = 0, transit = 0, wait = 0, road_wait = 0, spoiled = 0, judged = 0;
    double throughput = 0;          // released in the window, whatever the arrival time
    double tonnes = 0, loaded = 0;  // of those, the loaded ones and their payloads (t)
    std::array<double, models::kSegments> segments{};  // of the released, by models::Segment
    // Vehicles by models::Outcome (TurnedBack is the last).
    std::array<double, models::kOutcomes> outcomes{};
    double value_lost = 0;                          // in the scenario's reporting currency
    double deferred = 0, diverted = 0, held_s = 0;  // demand response
    // Every released vehicle's transit time and every released truck's border-crossing time:
    // percentiles are exact per replication (memory: the replication's vehicles, a few MB a
    // year of a busy gate).
    std::vector<double> transit_s, border_s;
  };
  // The groups a vehicle counts in: flow/cargo/treatment, flow/cargo, cargo/direction, cargo, all.
  std::array<Group, 5> groups_of(const models::VehicleRecord& v) const;
  // Per route of the flows that choose: the trucks that took it (of the cohort), and of those
  // released their door-to-door times, trip costs and border times; spoilage.
  struct RouteAcc {
    double chosen = 0, cost = 0, judged = 0, spoiled = 0;
    std::vector<double> door_s, border_s;
  };
  std::map<Group, RouteAcc> routes_;
  std::map<std::uint16_t, double> flow_trucks_;  // cohort trucks per choosing flow
  const models::Scenario& sc_;
  std::map<Group, GroupAcc> groups_;
  std::map<std::pair<std::uint16_t, std::uint16_t>, std::pair<double, double>>
      stop_wait_;  // (flow, stop)
  // Per stop, by quarter of the UTC day of arrival (measures/staffing.cpp turns them into the
  // side's local hours): visits, those that waited, and their waits (s).
  struct HourAcc {
    std::array<double, 96> visits{}, waited{}, wait_s{};
  };
  std::vector<HourAcc> hours_;
  void visit_hour(const models::StopVisit& v);
  // The staffing metrics (officer-hours, cost) and the stops' profiles by hour.
  void staffing(const models::RunResult& r, double days, ReplicationMetrics& m,
                const GroupNames& names) const;
  std::vector<std::pair<double, double>> train_load_;  // per rail service: sum, count
  std::vector<double> train_wagons_, train_tonnes_;    // per rail service, departed trains
  std::vector<double> rail_tonnes_, rail_loaded_;      // per rail service, released wagons
  // The service starts of each truck's stop visits, until its record arrives (first_*_clear).
  std::unordered_map<std::uint32_t, std::vector<double>> starts_;
  // Per (crossing, direction, part, local day) — part 0 the exit side, 1 the entry side, 2 from
  // the exit side's start to through the entry side — the earliest start that day and the
  // minutes that truck took.
  std::map<std::tuple<std::uint16_t, std::uint8_t, std::uint8_t, long>, std::pair<double, double>>
      first_;
  // Per (crossing, direction): each truck's arrival at the crossing, the start of its exit
  // procedures and when it was through them (morning_queue_clear_h).
  struct ExitTimes {
    double in, start, cleared;
  };
  std::map<std::pair<std::uint16_t, std::uint8_t>, std::vector<ExitTimes>> exits_;
  void first_of_day(const models::VehicleRecord& v);
  // Per backlog column (RunResult::backlog_columns): the days after the warm-up, the last value.
  std::vector<std::vector<std::pair<double, double>>> backlog_days_;
  // The initial state's trucks, per crossing and direction.
  struct InitialAcc {
    double cleared_s = 0, border_s = 0, released = 0;
  };
  std::map<std::pair<std::uint16_t, std::uint8_t>, InitialAcc> initial_;
  [[gnu::noinline]] void initial(const models::VehicleRecord& v);
  std::vector<double> backlog_last_;
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
  bool significant;                   // the row's own 95 % CI excludes zero
  double pct_change = 0;              // 100 x diff / base mean (NaN when the base is 0)
  double p_value = 1;                 // paired t-test of diff = 0
  // Significant at 5 % for the family: Holm's step-down over every row of this comparison.
  bool significant_holm = false;
  // Is the change for the better? +1 better, -1 worse, 0 neither or no direction (Holm-significant
  // changes only).
  int verdict() const;
};
// Every metric both have in every replication (of the first min(base, variant) replications),
// paired by key (label, not codes), curves left out; Holm's adjustment over all of them. A group
// one side lacks in some replication is not compared: the pairs would be a selection.
std::vector<DiffRow> compare(const std::vector<ReplicationMetrics>& base,
                             const std::vector<ReplicationMetrics>& variant);

// The terminal text (summary_text.cpp). The headline: one line per cargo class and direction
// (and all vehicles) with the figures a decision needs, aligned; then what else there is.
std::string format_headline(const models::Scenario& sc, const std::vector<SummaryRow>& rows);
// Everything: every metric the catalogue titles, per group, with its CI (`--verbose`,
// `bordersim summary FILE`). `title` names the scenario, `what` the run.
std::string format_summary(const std::string& title, const std::string& what,
                           const std::vector<SummaryRow>& rows);
std::string format_summary(const models::Scenario& sc, const std::vector<SummaryRow>& rows);
// A comparison that reads as an answer: per metric and cargo/direction group, base, variant,
// difference with its CI, % change, and whether that is better; Holm's adjustment stated. The
// headline metrics and groups by default; every row with `all`.
std::string format_comparison(const std::string& base, const std::string& variant,
                              const std::vector<DiffRow>& rows, bool all = false);
// A number as the terminal shows it: 3 significant figures, thousands plain, no "-0".
std::string show_number(double v);
// A value of a metric with its unit: shares as percentages ("0.31 %"), money with its currency.
std::string show_value(const MetricKey& k, double v);

// A crossing direction whose backlog grows: its backlog_growth_per_day has a 95 % CI above 0
// (or, with one replication, no CI) and a mean of at least kBacklogGrowthWarning vehicles a day.
// Then the queue never settles and every wait, transit and throughput figure depends on the
// horizon: a result must not hide that (shared/DESIGN.md).
inline constexpr double kBacklogGrowthWarning = 1.0;  // vehicles/day
struct BacklogWarning {
  std::string where;         // the group's label: <crossing>.<direction>
  sim::Interval growth;      // backlog_growth_per_day, vehicles/day
  double at_end = 0;         // backlog_at_end, mean over replications
  std::string text() const;  // the one-line warning the terminal and the report show
};
std::vector<BacklogWarning> backlog_warnings(const std::vector<SummaryRow>& rows);

}  // namespace outputs
