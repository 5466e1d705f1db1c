// Forecasts from today's queue and a truck's ETA (issue 23): on a gate with deterministic
// service and a known queue, the watched truck's arrival is exact, and so is the day the queue
// is cleared; a watched truck changes no metric.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "measures/summary.hpp"
#include "models/border.hpp"
#include "models/loader.hpp"
#include "studies/forecast.hpp"
#include "support.hpp"

namespace {

using test_support::write_temp;

// A desk of one server (10 min each) on the exit side, legs of 1 h before and 2 h after, `queue`
// trucks in the yard at the start, no arrivals.
models::Scenario gate(int queue, const std::string& arrivals = "") {
  return models::load_scenario(
      write_temp("eta_gate.yaml",
                 "name: eta_gate\n"
                 "start: 2025-01-01 00:00\n"
                 "horizon: 3d\n"
                 "warmup: 0s\n"
                 "replications: 4\n"
                 "cargo:\n"
                 "  fruit: {payload: 20t, perishable: true, shelf_life: 2d, value: 10000USD}\n"
                 "gate_sides:\n"
                 "  vn:\n"
                 "    country: VN\n"
                 "    time_zone: UTC+7\n"
                 "    hours: {open: \"00:00\", close: \"24:00\"}\n"
                 "    stages: [{id: desk, servers: 1, service: 10min}]\n"
                 "  cn:\n"
                 "    country: CN\n"
                 "    time_zone: UTC+7\n"
                 "    hours: {open: \"00:00\", close: \"24:00\"}\n"
                 "    stages: [{id: entry, servers: 1000, service: 0s}]\n"
                 "crossings:\n"
                 "  gate: {sides: [vn, cn], bridge: 0s}\n"
                 "legs:\n"
                 "  a: {truck: 1h}\n"
                 "  b: {truck: 2h}\n"
                 "flows:\n"
                 "  exports:\n"
                 "    direction: export\n"
                 "    cargo_mix: {fruit: 1}\n"
                 "    route: [{leg: a}, {crossing: gate}, {leg: b}]\n"
                 "    age_at_arrival: 12h\n" +
                     arrivals +
                     "initial_state:\n"
                     "  queues: [{flow: exports, count: " +
                     std::to_string(queue) + ", place: yard}]\n"));
}

// 12 trucks ahead clear the desk at 2 h; a truck leaving at 0:30 reaches it at 1:30, waits
// until 2:00, leaves the desk at 2:10 and arrives 2 h later: 3 h 40 min after it left, exactly.
TEST(Eta, ArrivalIsExactWithDeterministicServiceAndAKnownQueue) {
  const models::Scenario sc = gate(12);
  const studies::Eta e = studies::eta(sc, 0, 1800, -1, 1, 2, nullptr);
  ASSERT_EQ(e.routes.size(), 1u);
  const studies::EtaRoute& r = e.routes[0];
  EXPECT_EQ(e.trucks, 4u);
  const double expected_h = 3 + 40.0 / 60;
  EXPECT_DOUBLE_EQ(r.arrival_h.p10, expected_h);
  EXPECT_DOUBLE_EQ(r.arrival_h.p90, expected_h);
  EXPECT_NEAR(r.border_h.mean, 40.0 / 60, 1e-9) << "30 min waiting, 10 min at the desk";
  EXPECT_DOUBLE_EQ(r.arrival_s[1], 1800 + expected_h * 3600);
  EXPECT_EQ(r.spoiled.n, 4u);
  EXPECT_EQ(r.spoiled.value, 0);
  EXPECT_LE(r.spoiled.hi, 1);
  // Leaving at 3:00 it finds the desk free: 1 h + 10 min + 2 h.
  EXPECT_DOUBLE_EQ(studies::eta(sc, 0, 3 * 3600, -1, 1, 1, nullptr).routes[0].arrival_h.p50,
                   3 + 10.0 / 60);
}

// A watched truck takes its place in the queues but is counted in no metric.
TEST(Eta, WatchedTrucksAreKeptOutOfTheMetrics) {
  models::Scenario plain = gate(3, "    arrivals: {rate: 2/h}\n");
  models::Scenario watched = plain;
  watched.tagged.push_back({0, 7200, -1});
  const auto a = outputs::compute_metrics(plain, models::run_replication(plain, 0));
  const auto b = outputs::compute_metrics(watched, models::run_replication(watched, 0));
  double ta = NAN, tb = NAN;
  for (const auto& [k, v] : a)
    if (k.metric == outputs::Metric::ThroughputPerDay && k.label == "all") ta = v;
  for (const auto& [k, v] : b)
    if (k.metric == outputs::Metric::ThroughputPerDay && k.label == "all") tb = v;
  EXPECT_EQ(ta, tb);
}

// The forecast: 12 trucks at 10 min each are through at 2 h; the backlog is 12 at the start and
// 0 a day later, in every replication.
TEST(Forecast, DailyBacklogAndClearingOfAKnownQueue) {
  const studies::Forecast f = studies::forecast(gate(12), 0, 2, nullptr);
  ASSERT_EQ(f.columns.size(), 1u);
  const studies::ForecastColumn& c = f.columns[0];
  EXPECT_EQ(c.name, "gate.export");
  ASSERT_GE(c.by_day.size(), 2u);
  EXPECT_EQ(c.by_day[0].mean, 12);
  EXPECT_EQ(c.by_day[1].mean, 0);
  EXPECT_EQ(c.under_day.p50, 1) << "the first daily sample at or below 0";
  EXPECT_EQ(c.reached_level.value, 1);
  EXPECT_DOUBLE_EQ(c.initial_cleared_h.mean, 2);
  EXPECT_EQ(f.dates[1], "2025-01-02 00:00");
}

TEST(Forecast, WilsonIntervalStaysInsideZeroOne) {
  const studies::Share none = studies::share_of(0, 5), all = studies::share_of(5, 5);
  EXPECT_EQ(none.lo, 0);
  EXPECT_GT(none.hi, 0);
  EXPECT_LT(all.lo, 1);
  EXPECT_EQ(all.hi, 1);
  const studies::Share half = studies::share_of(50, 100);
  EXPECT_NEAR(half.lo, 0.404, 0.001);
  EXPECT_NEAR(half.hi, 0.596, 0.001);
}

}  // namespace
