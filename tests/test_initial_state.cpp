// The initial state (issue 23): trucks already at the border at the start. A single stage with
// c servers and N trucks waiting clears when theory says; the trucks' waits count from their
// stated age; a CSV file of trucks gives the same as the counts it lists.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "measures/summary.hpp"
#include "models/border.hpp"
#include "models/loader.hpp"
#include "sim/stats.hpp"
#include "support.hpp"

namespace {

using outputs::Metric;
using test_support::write_temp;

// One stage of `servers` at the exit side, open around the clock, nothing after it, and no
// arrivals: only the initial state's trucks.
std::string one_stage(int servers, const std::string& service, const std::string& initial,
                      const std::string& flows_extra = "") {
  return "name: one_stage\n"
         "start: 2025-01-01 00:00\n"
         "horizon: 5d\n"
         "warmup: 0s\n"
         "cargo:\n"
         "  general: {payload: 20t}\n"
         "  fruit: {payload: 20t, perishable: true, shelf_life: 3d, value: 10000USD}\n"
         "gate_sides:\n"
         "  vn:\n"
         "    country: VN\n"
         "    time_zone: UTC+7\n"
         "    hours: {open: \"00:00\", close: \"24:00\"}\n"
         "    stages:\n"
         "      - {id: desk, servers: " +
         std::to_string(servers) + ", service: " + service +
         "}\n"
         "  cn:\n"
         "    country: CN\n"
         "    time_zone: UTC+7\n"
         "    hours: {open: \"00:00\", close: \"24:00\"}\n"
         "    stages: [{id: entry, servers: 1000, service: 0s}]\n"
         "crossings:\n"
         "  gate: {sides: [vn, cn], bridge: 0s}\n"
         "flows:\n"
         "  exports:\n"
         "    direction: export\n"
         "    cargo_mix: {general: 1}\n"
         "    route: [{crossing: gate}]\n" +
         flows_extra + "initial_state:\n" + initial;
}

double metric(const outputs::ReplicationMetrics& m, Metric which, const std::string& label) {
  for (const auto& [k, v] : m)
    if (k.metric == which && k.label == label) return v;
  return NAN;
}

// Deterministic service: N trucks at c servers are through at ceil(N / c) services, exactly.
TEST(InitialState, DeterministicServiceClearsExactly) {
  const models::Scenario sc = models::load_scenario(write_temp(
      "init_det.yaml",
      one_stage(3, "10min", "  queues: [{flow: exports, count: 100, place: yard, waited: 2h}]\n")));
  ASSERT_EQ(sc.initial.size(), 1u);
  const models::RunResult r = models::run_replication(sc, 0);
  const auto m = outputs::compute_metrics(sc, r);
  EXPECT_DOUBLE_EQ(metric(m, Metric::InitialClearedH, "gate.export"), 34 * 10.0 / 60);
  // Their border time counts from their stated wait: 2 h + the mean of ceil(k / 3) x 10 min.
  double sum = 0;
  for (int k = 1; k <= 100; ++k) sum += std::ceil(k / 3.0) * 10;
  EXPECT_NEAR(metric(m, Metric::InitialBorderMean, "gate.export"), 2 + sum / 100 / 60, 1e-9);
  int initial = 0;
  for (const auto& v : r.vehicles) {
    initial += v.cohort == models::kInitial;
    EXPECT_DOUBLE_EQ(v.arrival_s, -2 * 3600.0);
    EXPECT_DOUBLE_EQ(v.border_in_s, -2 * 3600.0);
  }
  EXPECT_EQ(initial, 100);
  // Not in the arrivals' cohort: no completed_per_day for them.
  EXPECT_TRUE(std::isnan(metric(m, Metric::TransitMean, "all")));
}

// Exponential service: the N-th departure from c busy servers comes after (N - c + 1) / (c mu)
// plus sum_{k<c} 1 / (k mu) on average; the mean over replications falls in its CI.
TEST(InitialState, ExponentialServiceClearsAtTheTheoreticalMean) {
  const int n = 60, c = 4;
  const double mean_service_h = 0.5;
  models::Scenario sc = models::load_scenario(write_temp(
      "init_exp.yaml", one_stage(c, "{dist: exponential, mean: 30min}",
                                 "  queues: [{flow: exports, count: 60, place: yard}]\n")));
  double expected = (n - c + 1) * mean_service_h / c;
  for (int k = 1; k < c; ++k) expected += mean_service_h / k;
  sim::Tally t;
  for (std::uint32_t rep = 0; rep < 200; ++rep)
    t.add(metric(outputs::compute_metrics(sc, models::run_replication(sc, rep)),
                 Metric::InitialClearedH, "gate.export"));
  const double half = 3 * t.sd() / std::sqrt(static_cast<double>(t.count()));
  EXPECT_NEAR(t.mean(), expected, half) << "expected " << expected << " h";
  // A wrong rate (c - 1 servers' worth) is far outside it.
  EXPECT_GT(std::abs(t.mean() - expected * c / (c - 1)), 3 * half);
}

// The yard, the road and the intake: trucks nearest the bridge go first; a load's age counts
// from loading, so a perishable load that has waited long spoils sooner.
TEST(InitialState, PlacesOrderAndLoadAge) {
  const models::Scenario sc = models::load_scenario(write_temp(
      "init_places.yaml",
      one_stage(
          1, "1h",
          "  queues:\n"
          "    - {flow: exports, count: 2, place: road, waited: 5h}\n"
          "    - {flow: exports, count: 2, place: yard, waited: 1h}\n"
          "    - {flow: exports, count: 1, place: yard, waited: 3h, cargo: fruit, age: 71.5h}\n"
          "    - {flow: exports, count: 1, place: intake, waited: 30min}\n")));
  const models::RunResult r = models::run_replication(sc, 0);
  std::vector<std::pair<double, double>> through;  // (left, waited before)
  for (const auto& v : r.vehicles) through.emplace_back(v.start_left_s, -v.arrival_s);
  std::sort(through.begin(), through.end());
  ASSERT_EQ(through.size(), 6u);
  EXPECT_DOUBLE_EQ(through[0].first, 0) << "at the intake: through the exit side already";
  EXPECT_DOUBLE_EQ(through[0].second, 1800);
  EXPECT_DOUBLE_EQ(through[1].second, 3 * 3600.0) << "then the yard, longest waiting first";
  EXPECT_DOUBLE_EQ(through[1].first, 3600);
  EXPECT_DOUBLE_EQ(through[4].second, 5 * 3600.0) << "the road last";
  EXPECT_DOUBLE_EQ(through[5].first, 5 * 3600.0);
  for (const auto& v : r.vehicles)
    if (v.cargo == 1) {
      EXPECT_DOUBLE_EQ(v.loaded_s, -71.5 * 3600.0);
      EXPECT_TRUE(v.spoiled) << "72 h shelf life: spoiled by the end of its hour at the desk";
    }
}

// A CSV of trucks is the same as the counts it lists; its errors name the file, line and column.
TEST(InitialState, CsvFileOfTrucks) {
  const std::string csv = write_temp("queue.csv",
                                     "flow,cargo,place,waited,age\n"
                                     "exports,general,yard,2h,\n"
                                     "exports,,yard,2h,\n"
                                     "exports,general,yard,2h,30h\n");
  const models::Scenario a = models::load_scenario(
      write_temp("init_csv.yaml", one_stage(1, "10min", "  file: " + csv + "\n")));
  const models::Scenario b = models::load_scenario(write_temp(
      "init_counts.yaml",
      one_stage(1, "10min", "  queues: [{flow: exports, count: 3, place: yard, waited: 2h}]\n")));
  EXPECT_EQ(metric(outputs::compute_metrics(a, models::run_replication(a, 0)),
                   Metric::InitialClearedH, "gate.export"),
            metric(outputs::compute_metrics(b, models::run_replication(b, 0)),
                   Metric::InitialClearedH, "gate.export"));
  const std::string bad = write_temp("queue_bad.csv",
                                     "flow,cargo,place,waited,age\n"
                                     "exports,general,yard,2h,\n"
                                     "exports,general,yard,2 hours,\n");
  try {
    models::load_scenario(
        write_temp("init_csv_bad.yaml", one_stage(1, "10min", "  file: " + bad + "\n")));
    FAIL() << "a bad duration must be refused";
  } catch (const models::SourceError& e) {
    EXPECT_NE(std::string(e.what()).find("queue_bad.csv:3:22: error: initial_state.file"),
              std::string::npos)
        << e.what();
  }
}

// Arrivals after the start are their own cohort; the initial trucks keep their place ahead of
// them (both requested at t = 0, the initial ones first).
TEST(InitialState, ArrivalsQueueBehindTheInitialTrucks) {
  const models::Scenario sc = models::load_scenario(
      write_temp("init_arrivals.yaml",
                 one_stage(1, "10min", "  queues: [{flow: exports, count: 30, place: road}]\n",
                           "    arrivals: {rate: 2/h}\n")));
  const models::RunResult r = models::run_replication(sc, 0);
  double last_initial = 0, first_new = 1e300;
  for (const auto& v : r.vehicles) {
    if (v.cohort == models::kInitial)
      last_initial = std::max(last_initial, v.exit_cleared_s);
    else if (v.exit_cleared_s >= 0)
      first_new = std::min(first_new, v.exit_cleared_s);
  }
  EXPECT_DOUBLE_EQ(last_initial, 30 * 600.0);
  EXPECT_GT(first_new, last_initial);
}

// An initial truck waits once: at the crossing it stands at. At a later crossing of its route it
// is any truck (its wait before the start is not counted again).
TEST(InitialState, ALaterCrossingCountsTheWaitOnce) {
  std::string side;
  for (const char* id : {"a1", "a2", "b1", "b2"})
    side += std::string("  ") + id +
            ":\n    country: VN\n    time_zone: UTC+7\n"
            "    hours: {open: \"00:00\", close: \"24:00\"}\n"
            "    stages: [{id: desk, servers: 1, service: 10min}]\n";
  const models::Scenario sc = models::load_scenario(
      write_temp("init_two.yaml",
                 "name: two_crossings\nstart: 2025-01-01 00:00\nhorizon: 2d\nwarmup: 0s\n"
                 "cargo:\n  general: {payload: 20t}\ngate_sides:\n" +
                     side +
                     "crossings:\n  a: {sides: [a1, a2], bridge: 0s}\n"
                     "  b: {sides: [b1, b2], bridge: 0s}\n"
                     "legs:\n  ab: {truck: 1h}\n"
                     "flows:\n  f:\n    direction: export\n    cargo_mix: {general: 1}\n"
                     "    route: [{crossing: a}, {leg: ab}, {crossing: b}]\n"
                     "initial_state:\n"
                     "  queues: [{flow: f, count: 3, place: yard, waited: 5h}]\n"));
  const models::RunResult r = models::run_replication(sc, 0);
  ASSERT_EQ(r.vehicles.size(), 3u);
  for (const auto& v : r.vehicles) {
    ASSERT_EQ(v.outcome, models::Outcome::Released);
    // Travel is what the border segments leave of the transit: the leg's hour, not an hour
    // less a second count of the wait.
    EXPECT_NEAR(models::segment_s(v, models::Segment::Travel), 3600, 1e-6) << "vehicle " << v.id;
    EXPECT_DOUBLE_EQ(v.travel_s, 3600);
    EXPECT_DOUBLE_EQ(v.border_in_s, -5 * 3600.0);
  }
}

}  // namespace
