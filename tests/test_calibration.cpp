// Issue 15: the tonnage, train and first-truck metrics on records whose answer is known by hand;
// `targets:` read and checked with located errors; calibrate's verdicts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "measures/calibration.hpp"
#include "measures/summary.hpp"
#include "models/loader.hpp"
#include "models/source_error.hpp"
#include "sim/time.hpp"
#include "support.hpp"

namespace {

using outputs::Metric;
using test_support::variant;
constexpr double kDay = sim::kDay, kHour = sim::kHour, kMin = sim::kMinute;

double value(const outputs::ReplicationMetrics& m, Metric metric, const std::string& label) {
  for (const auto& [k, v] : m)
    if (k.metric == metric && k.label == label) return v;
  ADD_FAILURE() << outputs::metric_name(metric) << " " << label << " missing";
  return std::nan("");
}

std::size_t cargo_index(const models::Scenario& sc, const std::string& id) {
  for (std::size_t i = 0; i < sc.cargo.size(); ++i)
    if (sc.cargo[i].id == id) return i;
  ADD_FAILURE() << id;
  return 0;
}

models::RunResult empty_run(const models::Scenario& sc, std::size_t stops) {
  models::RunResult r;
  r.horizon_s = sc.horizon_s;
  r.warmup_s = sc.warmup_s;
  for (std::size_t i = 0; i < stops; ++i) r.stop_names.push_back("stop" + std::to_string(i));
  return r;
}

// An export truck of kim_thanh_bac_son: reached the gate at `in`, services starting at `starts`
// (the exit stops before `cleared`, then one entry stop), through the entry side at `out`.
struct Truck {
  std::uint32_t id;
  double in, cleared, entry_in, out;
  std::vector<double> starts;
};

outputs::ReplicationMetrics trucks_metrics(const models::Scenario& sc,
                                           const std::vector<Truck>& trucks) {
  outputs::MetricsSink sink(sc);
  models::RunResult r = empty_run(sc, 4);
  sink.begin(r.stop_names, {});
  const auto fruit = static_cast<std::uint16_t>(cargo_index(sc, "fresh_fruit"));
  for (const Truck& t : trucks) {
    for (std::size_t k = 0; k < t.starts.size(); ++k) {
      models::StopVisit v;
      v.vehicle = t.id;
      v.source = models::Source::flow(0);
      v.stop = static_cast<std::uint16_t>(k);
      v.enter_s = t.starts[k];
      v.start_s = t.starts[k];
      v.end_s = t.starts[k] + kMin;
      sink.visit(v);
    }
    models::VehicleRecord v;
    v.id = t.id;
    v.source = models::Source::flow(0);
    v.cargo = fruit;
    v.outcome = models::Outcome::Released;
    v.arrival_s = t.in - kHour;
    v.border_in_s = t.in;
    v.exit_cleared_s = t.cleared;
    v.crossed_s = t.cleared;
    v.entry_in_s = t.entry_in;
    v.border_out_s = t.out;
    v.done_s = t.out + kHour;
    v.transit_s = v.done_s - v.arrival_s;
    sink.vehicle(v);
  }
  return sink.finish(r);
}

TEST(CalibrationMetrics, FirstTruckAndMorningQueueAsWorkedByHand) {
  const models::Scenario sc =
      models::load_scenario(test_support::scenario_path("kim_thanh_bac_son"));
  ASSERT_EQ(sc.flows[0].id, "exports");
  ASSERT_TRUE(sc.flows[0].export_direction);
  ASSERT_EQ(sc.utc_offset_s, 7 * 3600);  // t = 0 is midnight at Kim Thanh
  const double d3 = 3 * kDay, d4 = 4 * kDay, d5 = 5 * kDay;
  const std::vector<Truck> trucks = {
      // Day 3: A starts at 07:00 (10 min through Kim Thanh, 25 min through both sides); B was
      // queued by then and is through at 08:30; C arrived after 07:00 and is not in the queue.
      {1,
       d3 + 6 * kHour,
       d3 + 7 * kHour + 10 * kMin,
       d3 + 7 * kHour + 20 * kMin,
       d3 + 7 * kHour + 25 * kMin,
       {d3 + 7 * kHour, d3 + 7 * kHour + 5 * kMin, d3 + 7 * kHour + 21 * kMin}},
      {2,
       d3 + 6.5 * kHour,
       d3 + 8.5 * kHour,
       d3 + 8.6 * kHour,
       d3 + 8.7 * kHour,
       {d3 + 7 * kHour + 2 * kMin, d3 + 8.61 * kHour}},
      {3,
       d3 + 7.5 * kHour,
       d3 + 9 * kHour,
       d3 + 9.1 * kHour,
       d3 + 9.2 * kHour,
       {d3 + 7.6 * kHour, d3 + 9.11 * kHour}},
      // Day 4: one truck, 30 min; day 5: one truck, 20 min.
      {4,
       d4 + 6 * kHour,
       d4 + 7.5 * kHour,
       d4 + 7.6 * kHour,
       d4 + 7.7 * kHour,
       {d4 + 7 * kHour, d4 + 7.61 * kHour}},
      {5,
       d5 + 6 * kHour,
       d5 + 7 * kHour + 20 * kMin,
       d5 + 7.4 * kHour,
       d5 + 7.5 * kHour,
       {d5 + 7 * kHour, d5 + 7.41 * kHour}},
  };
  const outputs::ReplicationMetrics m = trucks_metrics(sc, trucks);
  const std::string g = "kim_thanh_bac_son.export";
  // Medians over the three days: exit 10, 30, 20 min; both sides 25, 42, 30 min.
  EXPECT_NEAR(value(m, Metric::FirstExitClearMin, g), 20, 1e-9);
  EXPECT_NEAR(value(m, Metric::FirstBorderClearMin, g), 30, 1e-9);
  // Entry: 07:21 -> 07:25 on day 3, 07:36.6 -> 07:42 on day 4, 07:24.6 -> 07:30 on day 5.
  EXPECT_NEAR(value(m, Metric::FirstEntryClearMin, g), 5.4, 1e-6);
  // The morning queue: 1.5 h (B) on day 3, 0.5 h and 1/3 h: median 0.5 h.
  EXPECT_NEAR(value(m, Metric::MorningQueueClearH, g), 0.5, 1e-9);
  // Tonnage: five 20 t loads released in the 12 days after the warm-up.
  const double days = (sc.horizon_s - sc.warmup_s) / kDay;
  EXPECT_NEAR(value(m, Metric::TonnesPerDay, "cargo:fresh_fruit/export"), 5 * 20 / days, 1e-9);
  EXPECT_NEAR(value(m, Metric::TonnesPerYear, "all"), 5 * 20 / days * 365, 1e-6);
  EXPECT_NEAR(value(m, Metric::LoadMean, "all"), 20, 1e-12);
}

TEST(CalibrationMetrics, TrainsWagonsAndTonnesPerTrain) {
  const models::Scenario sc =
      models::load_scenario(test_support::scenario_path("lao_cai_hekou_rail"));
  ASSERT_EQ(sc.rail.size(), 2u);
  ASSERT_TRUE(sc.flows.empty());
  outputs::MetricsSink sink(sc);
  models::RunResult r = empty_run(sc, 0);
  sink.begin({}, {});
  const auto ore = static_cast<std::uint16_t>(cargo_index(sc, "ore"));
  const double t1 = 3 * kDay + 7.5 * kHour, t2 = 3 * kDay + 14 * kHour;
  sink.train({0, 1 * kDay, 16, 16});  // before the warm-up: not counted
  sink.train({0, t1, 16, 16});
  sink.train({0, t2, 14, 16});
  for (std::uint32_t i = 0; i < 30; ++i) {
    models::VehicleRecord w;
    w.id = 100 + i;
    w.source = models::Source::rail(0);
    w.cargo = ore;
    w.mode = models::Mode::Wagon;
    w.outcome = models::Outcome::Released;
    w.arrival_s = 2.5 * kDay;
    w.departure_s = i < 16 ? t1 : t2;
    w.done_s = w.departure_s + 5 * kHour;
    w.transit_s = w.done_s - w.arrival_s;
    sink.vehicle(w);
  }
  const outputs::ReplicationMetrics m = sink.finish(r);
  const double days = (sc.horizon_s - sc.warmup_s) / kDay;
  EXPECT_NEAR(value(m, Metric::TrainsPerDay, "lao_cai_hekou"), 2 / days, 1e-12);
  EXPECT_NEAR(value(m, Metric::WagonsPerTrain, "lao_cai_hekou"), 15, 1e-12);
  EXPECT_NEAR(value(m, Metric::TonnesPerTrain, "lao_cai_hekou"), 30 * 25 / 2.0, 1e-9);
  EXPECT_NEAR(value(m, Metric::TonnesPerDay, "lao_cai_hekou"), 30 * 25 / days, 1e-9);
  EXPECT_NEAR(value(m, Metric::TonnesPerDay, "cargo:ore/export"), 30 * 25 / days, 1e-9);
  EXPECT_NEAR(value(m, Metric::TrainsPerDay, "hekou_lao_cai"), 0, 0);
}

TEST(CalibrationMetrics, SouthboundWagonsCountAsImports) {
  const models::Scenario sc =
      models::load_scenario(test_support::scenario_path("lao_cai_hekou_rail"));
  outputs::MetricsSink sink(sc);
  models::RunResult r = empty_run(sc, 0);
  sink.begin({}, {});
  models::VehicleRecord w;
  w.source = models::Source::rail(1);  // the southbound service
  w.cargo = static_cast<std::uint16_t>(cargo_index(sc, "fertiliser"));
  w.mode = models::Mode::Wagon;
  w.outcome = models::Outcome::Released;
  w.arrival_s = 3 * kDay;
  w.done_s = w.transit_s = 4 * kDay;
  sink.vehicle(w);
  const outputs::ReplicationMetrics m = sink.finish(r);
  EXPECT_GT(value(m, Metric::ThroughputPerDay, "cargo:fertiliser/import"), 0);
  for (const auto& [k, v] : m) EXPECT_NE(k.label, "cargo:fertiliser/export");
}

// ---- targets: the loader and calibrate ---------------------------------------------------

std::string error_of(const std::string& name, const std::string& body) {
  try {
    models::Scenario sc = variant("kim_thanh_bac_son", name, body);
    outputs::check_targets(sc);
  } catch (const models::SourceError& e) {
    return e.what();
  }
  return "";
}

TEST(Targets, ShapeErrorsAreLocated) {
  const std::string full =
      "targets:\n  t:\n    metric: throughput_per_day\n    figure: x\n    source: s\n"
      "    measures: m\n";
  EXPECT_NE(
      error_of("t_both", full + "    value: 1\n    range: [1, 2]\n")
          .find("t_both.yaml:10:12: error: targets.t.range: give `value` or `range`, not both"),
      std::string::npos);
  EXPECT_NE(error_of("t_none", full).find("error: targets.t: expected `value` or `range`"),
            std::string::npos);
  EXPECT_NE(error_of("t_order", full + "    range: [3, 1]\n")
                .find("targets.t.range: expected low <= high"),
            std::string::npos);
  EXPECT_NE(error_of("t_three", full + "    range: [1, 2, 3]\n")
                .find("targets.t.range: expected [low, high], two numbers"),
            std::string::npos);
  EXPECT_NE(error_of("t_metric",
                     "targets:\n  t: {metric: tonnes, value: 1, figure: x, source: s, "
                     "measures: m}\n")
                .find("t_metric.yaml:4:6: error: targets.t.metric: unknown metric 'tonnes'"),
            std::string::npos);
  EXPECT_NE(error_of("t_key", full + "    value: 1\n    sorce: s\n").find("sorce"),
            std::string::npos);
  // no_target wins over an inherited figure.
  EXPECT_EQ(error_of("t_off", "targets:\n  export_trucks: {no_target: a surge}\n"), "");
}

TEST(Targets, VerdictsFollowTheBandAndTheCi) {
  models::Scenario sc = variant("kim_thanh_bac_son", "t_verdicts",
                                "targets:\n"
                                "  near: {metric: throughput_per_day, value: 105, tolerance: 0.1, "
                                "figure: x, source: s, measures: m}\n");
  // Three replications' throughput of all vehicles: 99, 100, 101 (mean 100, CI [97.5, 102.5]).
  std::vector<outputs::ReplicationMetrics> reps(3);
  const double values[3] = {99, 100, 101};
  for (int r = 0; r < 3; ++r) {
    outputs::Group g;
    reps[static_cast<std::size_t>(r)]
        [outputs::MetricKey{Metric::ThroughputPerDay, g, "all", "1/day"}] = values[r];
  }
  sc.targets.erase(std::remove_if(sc.targets.begin(), sc.targets.end(),
                                  [](const models::Target& t) { return t.id != "near"; }),
                   sc.targets.end());
  ASSERT_EQ(sc.targets.size(), 1u);
  auto rs = outputs::evaluate_targets(sc, reps);
  EXPECT_EQ(rs[0].verdict, outputs::Verdict::Pass);  // 100 within [94.5, 115.5]
  EXPECT_NEAR(rs[0].ratio, 100.0 / 105, 1e-12);
  sc.targets[0].lo = sc.targets[0].hi = 120;  // band [108, 132], CI [97.5, 102.5]
  rs = outputs::evaluate_targets(sc, reps);
  EXPECT_EQ(rs[0].verdict, outputs::Verdict::Miss);
  const std::string text = outputs::format_calibration(sc, rs);
  EXPECT_NE(text.find("missed: target near (throughput_per_day)"), std::string::npos) << text;
  sc.targets[0].groups = {"nowhere"};
  EXPECT_THROW(outputs::evaluate_targets(sc, reps), models::SourceError);
}

}  // namespace
