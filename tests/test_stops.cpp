// The stop semantics in one place (plan.hpp, service.hpp, analysis.hpp): the plan's topology, the
// offered loads `validate` prints against the utilisation a run measures, and the statistics of
// a stop that has a dedicated lane.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "models/analysis.hpp"
#include "models/border.hpp"
#include "models/calendar.hpp"
#include "models/loader.hpp"
#include "models/plan.hpp"
#include "models/service.hpp"
#include "sim/stats.hpp"
#include "support.hpp"

namespace {

using test_support::kShipped;
using test_support::scenario_path;
using test_support::write_temp;

// The plan is a pure function of the scenario: stops in a fixed order, joint stops with their
// stated (or by rule, summed) booths, and a route per crossing direction.
TEST(Plan, JointStopsMergeJoinableStagesWithTheirOwnCapacity) {
  const models::Scenario seq = models::load_scenario(scenario_path("cbta_sequential"));
  const models::Scenario one = models::load_scenario(scenario_path("cbta_single_stop"));
  const models::Plan ps = models::build_plan(seq), po = models::build_plan(one);
  // Sequential: one stop per stage and nothing else.
  std::size_t stages = 0;
  for (const auto& g : seq.sides) stages += g.stages.size();
  EXPECT_EQ(ps.stops().size(), stages);
  for (const auto& st : ps.stops()) EXPECT_FALSE(st.joint);
  EXPECT_TRUE(ps.pools().empty());
  // Single stop: the same stage stops first (stable codes), then one joint stop per direction.
  ASSERT_EQ(po.stops().size(), stages + 2);
  for (std::size_t d = 0; d < 2; ++d) {
    const models::PlannedStop& j = po.stop(stages + d);
    EXPECT_TRUE(j.joint);
    int sum = 0;
    for (const auto& m : j.members) sum += m.stage->servers;
    EXPECT_EQ(j.servers, sum) << j.name << ": booths by the rule are the joined servers summed";
    const models::CrossingRoute& r = po.route(0, d == 0);
    ASSERT_FALSE(r.entry_stops.empty());
    EXPECT_EQ(r.entry_stops.front(), stages + d) << "the joint stop comes first at the entry side";
    EXPECT_EQ(j.side, r.entry_side);
  }
  // A stage's own stop is a pure lookup, the same in both plans.
  for (std::size_t side = 0; side < seq.sides.size(); ++side)
    for (std::size_t i = 0; i < seq.sides[side].stages.size(); ++i)
      EXPECT_EQ(ps.stop(ps.stage_stop(side, i)).name, po.stop(po.stage_stop(side, i)).name);
}

// Expectations from service.hpp agree with the draws the simulation makes.
TEST(Service, ExpectedStopMatchesTheMeanOfItsOwnDraws) {
  const models::Scenario sc = models::load_scenario(scenario_path("cbta_single_window"));
  const models::Plan plan = models::build_plan(sc);
  const sim::RandomSource rnd(99, 0);
  for (const auto& st : plan.stops())
    for (int cargo = -1; cargo < static_cast<int>(sc.cargo.size()); ++cargo) {
      const models::StopExpectation e = models::expected_stop(st, cargo);
      sim::Tally service;
      double visits = 0;
      const int n = 40000;
      for (int i = 0; i < n; ++i) {
        const models::StopDraw d = models::draw_stop(
            st, models::VehicleKey{cargo, 12345, static_cast<std::uint32_t>(i)}, rnd);
        visits += d.visits;
        if (d.visits) service.add(d.service_s);
      }
      EXPECT_NEAR(e.visit_share, visits / n, 0.015) << st.name << " cargo " << cargo;
      if (visits > 1000) {
        // 4 standard errors of the sample mean (plus the analysis's own sampling for joint max).
        EXPECT_NEAR(e.mean_service_s, service.mean(),
                    4 * service.sd() / std::sqrt(visits) + 0.01 * service.mean())
            << st.name << " cargo " << cargo;
      }
    }
}

// `validate`'s offered load per stop is the utilisation a run measures: for every shipped
// scenario whose queues are not capped (no far-side intake limit, which backs trucks up through
// the yards), the offered load lies within two 95 % CI half-widths of the utilisation measured
// over 8 replications (observed: within 1.2). The former analysis missed returning empties
// (half the load at kim_thanh.entry_barrier) and read only the first customs channel of rail
// stages (a quarter of the load at wagon_customs): both far outside this band.
TEST(Analysis, OfferedLoadAgreesWithMeasuredUtilisationOnShippedScenarios) {
  std::size_t checked = 0;
  for (const std::string& name : kShipped) {
    const models::Scenario sc = models::load_scenario(scenario_path(name));
    const bool capped = std::any_of(
        sc.crossings.begin(), sc.crossings.end(),
        [](const models::Crossing& c) { return c.intake[0].limited || c.intake[1].limited; });
    // Route choice spreads the traffic by the announced border times, which the analysis
    // cannot know: it walks the routes at their free-flow shares.
    const bool choosing = std::any_of(sc.flows.begin(), sc.flows.end(),
                                      [](const models::Flow& f) { return f.choice.has_value(); });
    if (capped || choosing) continue;
    const models::Analysis a = models::analyse(sc);
    const int reps = 8;
    std::vector<std::vector<double>> util(a.stops.size());
    for (int r = 0; r < reps; ++r) {
      const models::RunResult res = models::run_replication(sc, static_cast<std::uint32_t>(r));
      ASSERT_EQ(res.stop_names.size(), a.stops.size());
      for (std::size_t i = 0; i < a.stops.size(); ++i) {
        EXPECT_EQ(res.stop_names[i], a.stops[i].name);
        util[i].push_back(res.stops[i].utilisation);
      }
    }
    for (std::size_t i = 0; i < a.stops.size(); ++i) {
      const sim::Interval ci = sim::mean_ci(util[i]);
      if (a.stops[i].visits_per_day == 0) {
        EXPECT_EQ(ci.mean, 0.0) << name << ": " << a.stops[i].name
                                << " is visited though the plan says not";
        continue;
      }
      if (!a.stops[i].officers.empty()) {
        // A joint stop staffed by agencies: its booths are also held while a truck waits for an
        // officer, which the offered load leaves out (its officer pools, below, are compared
        // exactly): occupancy at least the offered load.
        EXPECT_GE(ci.mean + 2 * ci.half_width(), a.stops[i].load)
            << name << ": " << a.stops[i].name;
        continue;
      }
      EXPECT_NEAR(a.stops[i].load, ci.mean, 2 * ci.half_width())
          << name << ": " << a.stops[i].name << " offered " << a.stops[i].load << ", measured "
          << ci.mean << " ± " << ci.half_width();
      ++checked;
    }
  }
  EXPECT_GE(checked, 40u);
}

// Capacity is data: `validate` integrates the same schedules the run follows, so the server-hours
// it prints per stop, terminal and officer pool are the server-hours the run's resources were
// open, on every shipped scenario (capped and choosing ones included), to rounding.
TEST(Analysis, ServerHoursAreTheScheduleTheRunFollowed) {
  std::size_t checked = 0;
  for (const std::string& name : kShipped) {
    models::Scenario sc = models::load_scenario(scenario_path(name));
    sc.horizon_s = std::min(sc.horizon_s, 12 * 86400.0);
    sc.warmup_s = std::min(sc.warmup_s, 2 * 86400.0);
    const models::Analysis a = models::analyse(sc);
    const models::RunResult res = models::run_replication(sc, 0);
    ASSERT_EQ(res.stops.size(), a.stops.size()) << name;
    const double days = (sc.horizon_s - sc.warmup_s) / 86400.0;
    for (std::size_t i = 0; i < a.stops.size(); ++i) {
      EXPECT_NEAR(res.stops[i].server_hours / days, a.stops[i].server_hours_per_day,
                  1e-9 * std::max(1.0, a.stops[i].server_hours_per_day))
          << name << ": " << a.stops[i].name;
      ++checked;
    }
  }
  EXPECT_GE(checked, 100u);
}

// A small gate whose one stage keeps a dedicated lane; every truck has left by the horizon, so
// the stop visits are the whole story and the stop's statistics can be recomputed from them.
models::Scenario lane_scenario() {
  std::string csv = "time\n";
  for (int h = 7; h <= 17; ++h)
    for (int k = 0; k < 6; ++k)
      csv += "2025-04-08 " + std::string(h < 10 ? "0" : "") + std::to_string(h) + ":" +
             std::to_string(10 + 9 * k) + "\n";
  write_temp("lane_arrivals.csv", csv);
  const std::string text = R"(name: lane_stats
start: 2025-04-07 00:00
horizon: 3d
warmup: 1d
cargo:
  fruit: {perishable: true, shelf_life: 5d, value: 1000USD, payload: 20t, priority_eligible: true}
  general: {value: 1000USD, payload: 20t}
gate_sides:
  vn:
    country: VN
    time_zone: UTC+7
    hours: {open: "07:00", close: "19:00"}
    stages:
      - {id: check, servers: 1, service: {dist: exponential, mean: 14min}, lane: {servers: 1}}
  cn:
    country: CN
    time_zone: UTC+8
    stages:
      - {id: gate, servers: 4, service: 1min}
crossings:
  border:
    sides: [vn, cn]
flows:
  exports:
    direction: export
    cargo_mix: {fruit: 0.5, general: 0.5}
    route: [{crossing: border}]
    arrivals: {table: lane_arrivals.csv}
)";
  return models::load_scenario(write_temp("lane_stats.yaml", text));
}

// Before the fix the stop reported its shared queue's utilisation only and the larger of the two
// queues' maxima; it now reports busy server-time over open server-time of both, and the maximum
// of the summed queue.
TEST(StopStats, LaneStopsCountBothQueues) {
  const models::Scenario sc = lane_scenario();
  const models::Plan plan = models::build_plan(sc);
  const models::RunResult r = models::run_replication(sc, 0);
  ASSERT_EQ(r.in_system, 0u) << "the test needs every truck gone by the horizon";
  const std::size_t stop = plan.stage_stop(0, 0);
  const models::PlannedStop& st = plan.stop(stop);
  ASSERT_EQ(st.lane_servers, 1);
  // Busy server-time from the visits, open server-time from the calendar, both after the warm-up.
  double busy = 0, open = 0, lane_busy = 0;
  std::vector<std::pair<double, int>> changes;  // queue +1 on entering, -1 on starting service
  for (const auto& v : r.visits) {
    if (v.stop != stop) continue;
    const double b = std::max(0.0, v.end_s - std::max(v.start_s, sc.warmup_s));
    busy += b;
    if (v.queue == models::QueueKind::Lane) lane_busy += b;
    if (v.start_s > v.enter_s) {
      changes.emplace_back(v.enter_s, +1);
      changes.emplace_back(v.start_s, -1);
    }
  }
  for (const auto& [o, c] : models::open_windows(sc, st.side)) {
    const double overlap = std::min(c, sc.horizon_s) - std::max(o, sc.warmup_s);
    if (overlap > 0) open += overlap * (st.servers + st.lane_servers);
  }
  ASSERT_GT(lane_busy, 0.0);
  ASSERT_GT(busy - lane_busy, 0.0);
  EXPECT_NEAR(r.stops[stop].utilisation, busy / open, 1e-9);
  // The queue's maximum: entries and starts at one instant may be counted in either order.
  auto max_queue = [&](bool leave_first) {
    std::sort(changes.begin(), changes.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first
                                : (leave_first ? a.second < b.second : a.second > b.second);
    });
    int q = 0, m = 0;
    for (const auto& [t, d] : changes) {
      q += d;
      if (t >= sc.warmup_s) m = std::max(m, q);
    }
    return m;
  };
  EXPECT_GE(r.stops[stop].queue_max, max_queue(true));
  EXPECT_LE(r.stops[stop].queue_max, max_queue(false));
  EXPECT_GE(r.stops[stop].queue_max, 3.0) << "a busy day: both queues hold trucks at once";
}

}  // namespace

namespace {

// A truck still queued at the horizon reports the time it has waited so far (before, 0: the wait
// was added only when service began, so a growing queue looked like no wait at all).
TEST(Records, VehiclesStillWaitingAtTheHorizonCountTheirWaitSoFar) {
  write_temp("one_late_truck.csv", "time\n2025-04-07 20:00\n");
  const std::string text = R"(name: censored
start: 2025-04-07 00:00
horizon: 30h
cargo:
  general: {value: 1000USD, payload: 20t}
gate_sides:
  vn:
    country: VN
    time_zone: UTC+7
    hours: {open: "07:00", close: "19:00"}
    stages:
      - {id: check, servers: 1, service: 5min}
  cn:
    country: CN
    time_zone: UTC+8
    stages:
      - {id: gate, servers: 1, service: 1min}
crossings:
  border:
    sides: [vn, cn]
flows:
  exports:
    direction: export
    cargo_mix: {general: 1}
    route: [{crossing: border}]
    arrivals: {table: one_late_truck.csv}
)";
  const models::Scenario sc = models::load_scenario(write_temp("censored.yaml", text));
  const models::RunResult r = models::run_replication(sc, 0);
  ASSERT_EQ(r.vehicles.size(), 1u);
  const models::VehicleRecord& v = r.vehicles[0];
  EXPECT_EQ(v.outcome, models::Outcome::InSystem);
  EXPECT_EQ(v.arrival_s, 20 * 3600.0);
  EXPECT_EQ(v.wait_s, 10 * 3600.0)
      << "arrived at 20:00, the gate opens at 07:00, the run ends at 06:00";
}

}  // namespace
