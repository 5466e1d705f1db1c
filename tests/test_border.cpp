// Behavioural tests of the border model, each on a shipped scenario or a small one written here.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "models/border.hpp"
#include "models/loader.hpp"
#include "models/schema.hpp"
#include "support.hpp"

namespace {

using models::Outcome;

using test_support::kShipped;
using test_support::scenario_path;
using test_support::write_temp;

const models::Scenario& scenario(const std::string& name) {
  static std::map<std::string, models::Scenario> cache;
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(name, models::load_scenario(scenario_path(name))).first;
  return it->second;
}

const models::RunResult& run(const std::string& name) {
  static std::map<std::string, models::RunResult> cache;
  auto it = cache.find(name);
  if (it == cache.end()) it = cache.emplace(name, models::run_replication(scenario(name), 0)).first;
  return it->second;
}

std::size_t stop_index(const models::RunResult& r, const std::string& name) {
  auto it = std::find(r.stop_names.begin(), r.stop_names.end(), name);
  EXPECT_NE(it, r.stop_names.end()) << name;
  return static_cast<std::size_t>(it - r.stop_names.begin());
}

double local_time_of_day(const models::Scenario& sc, double t, int offset) {
  double local = sc.epoch_s() + t + offset;
  return local - std::floor(local / 86400.0) * 86400.0;
}

// Every vehicle that arrived has left (released, rejected or turned away) or is still in the
// system.
TEST(Border, ConservationOnEveryShippedScenario) {
  for (const std::string& name : kShipped) {
    const models::RunResult& r = run(name);
    EXPECT_GT(r.arrived, 0u) << name;
    EXPECT_EQ(r.arrived, r.released + r.rejected + r.turned_away + r.in_system) << name;
    EXPECT_EQ(r.arrived, r.vehicles.size()) << name;
    std::uint64_t released = 0, rejected = 0, in_system = 0, turned_away = 0;
    for (const auto& v : r.vehicles) {
      released += v.outcome == Outcome::Released;
      rejected += v.outcome == Outcome::Rejected;
      // Still in the system at the horizon: on its way, or held at its origin by its shipper.
      const bool waiting = v.outcome == Outcome::InSystem || v.outcome == Outcome::Held;
      in_system += waiting;
      turned_away += v.outcome != Outcome::Released && v.outcome != Outcome::Rejected && !waiting;
      if (!waiting) {
        EXPECT_GE(v.done_s, v.arrival_s) << name;
        EXPECT_GE(v.wait_s, 0) << name;
        EXPECT_LE(v.wait_s, v.transit_s + 1e-6) << name << " vehicle " << v.id;
      }
    }
    EXPECT_EQ(released, r.released) << name;
    EXPECT_EQ(rejected, r.rejected) << name;
    EXPECT_EQ(in_system, r.in_system) << name;
    EXPECT_EQ(turned_away, r.turned_away) << name;
    for (const auto& visit : r.visits) {
      EXPECT_LE(visit.enter_s, visit.start_s) << name;
      EXPECT_LE(visit.start_s, visit.end_s) << name;
    }
  }
}

TEST(Border, SameSeedSameResults) {
  const auto& sc = scenario("kim_thanh_bac_son");
  models::RunResult a = models::run_replication(sc, 3), b = models::run_replication(sc, 3);
  ASSERT_EQ(a.vehicles.size(), b.vehicles.size());
  for (std::size_t i = 0; i < a.vehicles.size(); ++i) {
    EXPECT_EQ(a.vehicles[i].arrival_s, b.vehicles[i].arrival_s);
    EXPECT_EQ(a.vehicles[i].done_s, b.vehicles[i].done_s);
  }
  models::RunResult c = models::run_replication(sc, 4);
  EXPECT_TRUE(a.vehicles.size() != c.vehicles.size() ||
              a.vehicles[5].arrival_s != c.vehicles[5].arrival_s)
      << "another replication must draw other numbers";
}

// No service starts outside opening hours, in each side's own local time.
TEST(Border, NoServiceStartsOutsideLocalOpeningHours) {
  const auto& sc = scenario("kim_thanh_bac_son");
  const auto& r = run("kim_thanh_bac_son");
  std::size_t checked = 0;
  for (std::size_t side = 0; side < sc.sides.size(); ++side) {
    const auto& g = sc.sides[side];
    for (const auto& st : g.stages) {
      const std::size_t stop = stop_index(r, g.id + "." + st.id);
      for (const auto& v : r.visits) {
        if (v.stop != stop) continue;
        const double tod = local_time_of_day(sc, v.start_s, g.utc_offset_s);
        EXPECT_GE(tod, g.hours.open_s - 1e-6)
            << g.id << "." << st.id << " started at local " << tod / 3600;
        EXPECT_LT(tod, g.hours.close_s) << g.id << "." << st.id;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 1000u);
  // Bac Son opens at 08:00 Beijing time = 07:00 Hanoi time: the same instant as Kim Thanh.
  EXPECT_EQ(sc.sim_time(sc.start_day, 7 * 3600.0, 7 * 3600),
            sc.sim_time(sc.start_day, 8 * 3600.0, 8 * 3600));
}

// At a shared stage with priority, a fruit truck never waits behind a later non-priority truck.
TEST(Border, PriorityTruckNeverWaitsBehindLaterNonPriorityTruck) {
  const auto& r = run("priority_lane_on");
  const auto& sc = scenario("priority_lane_on");
  for (const char* name :
       {"kim_thanh.exit_barrier", "kim_thanh.customs_export", "bac_son.entry_inspection"}) {
    const std::size_t stop = stop_index(r, name);
    std::vector<const models::StopVisit*> prio, other;
    std::map<std::uint32_t, std::size_t> by_id;
    for (std::size_t i = 0; i < r.vehicles.size(); ++i) by_id[r.vehicles[i].id] = i;
    for (const auto& v : r.visits) {
      if (v.stop != stop || v.queue == models::QueueKind::Lane)
        continue;  // the dedicated lane is another queue
      const auto& rec = r.vehicles[by_id[v.vehicle]];
      const bool eligible = rec.cargo != 0xFFFF && sc.cargo[rec.cargo].priority_eligible;
      (eligible ? prio : other).push_back(&v);
    }
    ASSERT_GT(prio.size(), 100u) << name;
    ASSERT_GT(other.size(), 100u) << name;
    // Sort non-priority visits by start; for each priority visit, no non-priority truck that
    // entered later may have started before it.
    std::sort(other.begin(), other.end(), [](auto* a, auto* b) { return a->enter_s < b->enter_s; });
    std::vector<double> min_start_after(other.size() + 1, 1e300);  // suffix minimum of start times
    for (std::size_t i = other.size(); i-- > 0;)
      min_start_after[i] = std::min(min_start_after[i + 1], other[i]->start_s);
    std::size_t violations = 0;
    for (const auto* a : prio) {
      auto it =
          std::upper_bound(other.begin(), other.end(), a->enter_s,
                           [](double t, const models::StopVisit* b) { return t < b->enter_s; });
      std::size_t k = static_cast<std::size_t>(it - other.begin());
      if (min_start_after[k] < a->start_s) ++violations;
    }
    EXPECT_EQ(violations, 0u) << name;
    // FIFO would satisfy the rule above too; priority must also let fruit overtake earlier
    // non-priority trucks when a queue forms.
    std::sort(other.begin(), other.end(), [](auto* a, auto* b) { return a->enter_s < b->enter_s; });
    std::size_t overtakes = 0;
    for (const auto* a : prio)
      for (const auto* b : other) {
        if (b->enter_s >= a->enter_s) break;
        overtakes += b->start_s > a->start_s;
      }
    EXPECT_GT(overtakes, 0u) << name;
  }
  // Without the priority lane the same stage is plain FIFO: nobody overtakes.
  {
    const auto& off = run("priority_lane_off");
    const std::size_t stop = stop_index(off, "kim_thanh.exit_barrier");
    std::vector<const models::StopVisit*> vs;
    for (const auto& v : off.visits)
      if (v.stop == stop) vs.push_back(&v);
    std::sort(vs.begin(), vs.end(), [](auto* a, auto* b) { return a->enter_s < b->enter_s; });
    for (std::size_t i = 1; i < vs.size(); ++i) EXPECT_LE(vs[i - 1]->start_s, vs[i]->start_s);
  }
  // And the lane policy pays: fruit waits less with the lane than without (same arrivals).
  auto fruit_wait = [](const models::RunResult& rr, const models::Scenario& s) {
    double w = 0;
    int n = 0;
    for (const auto& v : rr.vehicles)
      if (v.outcome == Outcome::Released && v.cargo != 0xFFFF &&
          s.cargo[v.cargo].priority_eligible) {
        w += v.wait_s;
        ++n;
      }
    return w / n;
  };
  EXPECT_LT(fruit_wait(r, sc), fruit_wait(run("priority_lane_off"), scenario("priority_lane_off")));
}

// single_stop: an export truck meets one joint stop where sequential has separate queues on each
// side; the same trucks arrive in both (common random numbers).
TEST(Border, SingleStopHasOneQueueWhereSequentialHasTwo) {
  const auto& seq = run("cbta_sequential");
  const auto& one = run("cbta_single_stop");
  const auto& win = run("cbta_single_window");
  auto stops_of_first_exports = [](const models::RunResult& r) {
    std::map<std::uint32_t, std::set<std::uint16_t>> stops;
    for (const auto& v : r.visits) stops[v.vehicle].insert(v.stop);
    std::vector<std::size_t> counts;
    for (const auto& v : r.vehicles)
      if (v.source.is_flow(0) && v.outcome == Outcome::Released && counts.size() < 200)
        counts.push_back(stops[v.id].size());
    return counts;
  };
  auto a = stops_of_first_exports(seq), b = stops_of_first_exports(one),
       c = stops_of_first_exports(win);
  for (std::size_t n : a) EXPECT_GE(n, 3u);  // barrier and customs in Vietnam, inspection in China
  for (std::size_t n : b) EXPECT_EQ(n, 1u);  // one joint stop
  for (std::size_t n : c) EXPECT_EQ(n, 2u);  // one joint stop per side
  EXPECT_NE(std::find(one.stop_names.begin(), one.stop_names.end(),
                      "kim_thanh_bac_son.export.joint_stop"),
            one.stop_names.end());
  // Same arrivals in every mode.
  for (std::size_t i = 0; i < 100; ++i) {
    EXPECT_EQ(seq.vehicles[i].arrival_s, one.vehicles[i].arrival_s);
    EXPECT_EQ(seq.vehicles[i].cargo, one.vehicles[i].cargo);
  }
}

// A wagon that misses its train leaves on the next one: it takes the first departure after its
// clearance unless that train left full.
TEST(Border, WagonThatMissesItsTrainLeavesOnTheNext) {
  const auto& r = run("lao_cai_hekou_rail");
  ASSERT_EQ(scenario("lao_cai_hekou_rail").rail.size(), 2u);  // northbound and southbound
  std::map<std::uint16_t, std::map<double, models::TrainRecord>> trains;  // by service
  for (const auto& t : r.trains) trains[t.rail][t.departure_s] = t;
  std::map<std::uint32_t, double> cleared;  // at its own station's stops (not the cranes)
  for (const auto& v : r.visits) {
    if (!v.source.is_rail()) continue;
    const models::Scenario& sc = scenario("lao_cai_hekou_rail");
    const std::string station = sc.sides[sc.rail[v.source.index].station].id + ".";
    if (r.stop_names[v.stop].rfind(station, 0) == 0)
      cleared[v.vehicle] = std::max(cleared[v.vehicle], v.end_s);
  }
  std::size_t checked = 0;
  for (const auto& v : r.vehicles) {
    if (v.mode != models::Mode::Wagon || v.departure_s < 0) continue;
    ASSERT_TRUE(cleared.count(v.id)) << "a wagon left without clearance";
    const double c = cleared[v.id];
    ASSERT_GE(v.departure_s, c) << "a wagon left before it was cleared";
    const auto& mine = trains[v.source.index];
    auto first = mine.lower_bound(c);
    ASSERT_NE(first, mine.end());
    if (first->first < v.departure_s) {
      // It missed an earlier train after clearance only if that train was full.
      EXPECT_EQ(first->second.wagons, first->second.capacity);
    }
    ++checked;
  }
  EXPECT_GT(checked, 100u);
  for (const auto& t : r.trains) EXPECT_LE(t.wagons, t.capacity);
}

// A full yard puts trucks on the road; no yard area ever holds more than its places.
TEST(Border, FullYardPutsTrucksOnTheRoad) {
  const auto& sc = scenario("fruit_surge");
  const auto& r = run("fruit_surge");
  for (std::size_t s = 0; s < sc.sides.size(); ++s)
    for (const bool outbound : {true, false}) {
      const int places = sc.sides[s].yard(outbound).capacity;
      if (places > 0) {
        EXPECT_LE(r.yards[2 * s + (outbound ? 0 : 1)].occupancy_max, places);
      }
    }
  const std::size_t kim_thanh_out = 0;
  EXPECT_EQ(r.yards[kim_thanh_out].occupancy_max, sc.sides[0].yard(true).capacity);
  EXPECT_GT(r.yards[kim_thanh_out].road_max, 100.0)
      << "a surge past the far side's intake builds a road queue of hundreds";
}

// Cargo past its shelf life is spoiled, and only then.
TEST(Border, CargoPastShelfLifeIsSpoiled) {
  const auto& sc = scenario("fruit_surge");
  const auto& r = run("fruit_surge");
  std::size_t spoiled = 0;
  for (const auto& v : r.vehicles) {
    if (v.cargo == 0xFFFF) {
      EXPECT_FALSE(v.spoiled);
      continue;
    }
    const auto& c = sc.cargo[v.cargo];
    const double end = v.outcome == Outcome::InSystem ? r.horizon_s : v.done_s;
    const bool expect = c.perishable && end - v.loaded_s > c.shelf_life_s;
    EXPECT_EQ(v.spoiled, expect) << v.id;
    EXPECT_EQ(v.value_lost, expect ? c.value : 0.0);
    spoiled += v.spoiled;
  }
  EXPECT_GT(spoiled, 50u);
}

// The far side's intake admits exports only while Bac Son is open (08:00-20:00 Beijing), at its
// rate (18 an hour: at most 216 a Beijing day); before, a count released at midnight let trucks
// cross with both gates closed.
TEST(Border, FarSideIntakeAdmitsOnlyWhileOpenAtItsRate) {
  const auto& sc = scenario("fruit_surge");
  const auto& r = run("fruit_surge");
  std::map<long, int> per_day;
  for (const auto& v : r.vehicles) {
    if (!v.source.is_flow(0) || v.crossed_s < 0) continue;
    ++per_day[sc.local_day(v.crossed_s, 8 * 3600)];
    const double tod = local_time_of_day(sc, v.crossed_s, 8 * 3600);
    EXPECT_GE(tod, 8 * 3600.0) << "crossed into a closed side";
    EXPECT_LE(tod, 20 * 3600.0) << "crossed into a closed side";
  }
  int max_day = 0;
  for (const auto& [d, n] : per_day) max_day = std::max(max_day, n);
  EXPECT_LE(max_day, 217);
  EXPECT_GE(max_day, 210) << "the intake binds in a surge";
}

// A closure stops service for its dates; lanes open only over theirs.
TEST(Border, ClosureStopsServiceForItsDatesAndLaneDatesHold) {
  std::string base = scenario_path("kim_thanh_bac_son");
  std::string text =
      "extends: " + base +
      "\nname: closure_test\n"
      "gate_sides:\n"
      "  kim_thanh:\n"
      "    closures: [{from: 2025-04-10, to: 2025-04-11, reason: test}]\n"
      "    stages:\n"
      "      - {id: exit_barrier, lane: {servers: 1, from: 2025-04-13, to: 2025-04-14}}\n";
  auto sc = models::load_scenario(write_temp("closure_test.yaml", text));
  auto r = models::run_replication(sc, 0);
  const long closed_from = sc.start_day + 3, closed_to = sc.start_day + 4;
  std::size_t on_closed = 0, lane_visits = 0;
  for (const auto& v : r.visits) {
    const std::string& stop = r.stop_names[v.stop];
    if (stop.rfind("kim_thanh.", 0) != 0) continue;
    const long day = sc.local_day(v.start_s, 7 * 3600);
    on_closed += day >= closed_from && day <= closed_to;
    if (v.queue == models::QueueKind::Lane) {
      ++lane_visits;
      EXPECT_GE(day, sc.start_day + 6);
      EXPECT_LE(day, sc.start_day + 7);
    }
  }
  EXPECT_EQ(on_closed, 0u);
  EXPECT_GT(lane_visits, 10u);
}

TEST(Schema, DocsAreCurrent) {
  std::ifstream in(std::string(BORDERSIM_SOURCE_DIR) + "/docs/scenario-format.md");
  std::stringstream ss;
  ss << in.rdbuf();
  const bool current = ss.str() == models::schema_markdown();
  EXPECT_TRUE(current)
      << "docs/scenario-format.md is out of date; regenerate with: build/bordersim schema > "
         "docs/scenario-format.md";
}

}  // namespace

namespace {

// Arrivals from a CSV table, extended hours, lab holds, rejections, transshipment costs and empty
// returns, on one small scenario.
TEST(Border, TableArrivalsExtendedHoursHoldsRejectsAndReturns) {
  std::string csv = "time\n";
  for (int d = 7; d <= 9; ++d)
    for (int h = 6; h <= 20; ++h)
      for (int k = 0; k < 4; ++k)
        csv += "2025-04-0" + std::to_string(d) + " " + (h < 10 ? "0" : "") + std::to_string(h) +
               ":" + std::to_string(10 + 10 * k) + "\n";
  write_temp("arrivals.csv", csv);
  const std::string text = R"(name: small
start: 2025-04-07 00:00
horizon: 4d
exchange_rates: {CNY: 7.2}
cargo:
  fruit: {perishable: true, shelf_life: 3d, value: 40000USD, payload: 22t}
gate_sides:
  vn:
    country: VN
    time_zone: UTC+7
    hours: {open: "07:00", close: "19:00"}
    extended_hours: [{from: 2025-04-08, to: 2025-04-08, open: "07:00", close: "22:00"}]
    stages:
      - id: customs
        servers: 2
        service: 5min
        hold: {probability: 0.2, delay: 6h}
        reject_probability: 0.1
  cn:
    country: CN
    time_zone: UTC+8
    stages:
      - {id: inspection, servers: 4, service: 2min}
crossings:
  gate:
    sides: [vn, cn]
    transshipment: {share: 1, time: 1h, cost: 900CNY}
flows:
  exports:
    direction: export
    cargo_mix: {fruit: 1}
    route: [{crossing: gate}]
    arrivals: {table: arrivals.csv}
    empty_return: {probability: 1, after: 2h, flow: back}
  back:
    direction: import
    route: [{crossing: gate}]
)";
  auto sc = models::load_scenario(write_temp("small.yaml", text));
  ASSERT_EQ(sc.flows[0].arrivals.table_s.size(), 3u * 15u * 4u);
  auto r = models::run_replication(sc, 0);
  std::size_t exports = 0, rejected = 0, returns = 0, late_starts = 0, held = 0;
  for (const auto& v : r.vehicles) {
    if (v.source.is_flow(0)) {
      ++exports;
      rejected += v.outcome == Outcome::Rejected;
      if (v.outcome == Outcome::Released) {
        EXPECT_DOUBLE_EQ(v.transship_cost, 900.0 / 7.2);  // in the reporting currency, USD
      }
    } else {
      ++returns;
      EXPECT_EQ(v.cargo, 0xFFFF);
      EXPECT_EQ(v.transship_cost, 0.0) << "empty trucks are not transshipped";
    }
  }
  const std::size_t customs = stop_index(r, "vn.customs");
  for (const auto& v : r.visits) {
    if (v.stop != customs) continue;
    const double tod = local_time_of_day(sc, v.start_s, 7 * 3600);
    const long day = sc.local_day(v.start_s, 7 * 3600);
    if (tod >= 19 * 3600.0) {
      ++late_starts;
      EXPECT_EQ(day, sc.start_day + 1) << "service after 19:00 only on the extended day";
    }
  }
  for (const auto& v : r.vehicles)
    if (v.source.is_flow(0) && v.outcome == Outcome::Released && v.transit_s > 6 * 3600) ++held;
  EXPECT_EQ(exports, 180u);
  EXPECT_NEAR(static_cast<double>(rejected), 18.0, 12.0);
  EXPECT_GT(late_starts, 0u);
  EXPECT_GT(held, 10u);
  EXPECT_GT(returns, 100u);  // every released export comes back empty (some still on the way)
  EXPECT_EQ(r.arrived, r.released + r.rejected + r.in_system);
}

// `validate` warns when a stage is offered more than it can serve. With a limited exit yard the
// exit side's stops pass no more than the tightest of them (issue 23, fix 5): at 4000 exports a
// day that is plant quarantine, and the exit barrier is reported limited by it, not overloaded.
TEST(Border, ValidateWarnsAboutOverloadedStages) {
  std::string text = models::read_text_file(scenario_path("kim_thanh_bac_son"));
  text.replace(text.find("rate: 180/day"), 13, "rate: 4000/day");
  const std::string path = write_temp("overloaded.yaml", text);
  int status = 0;
  const std::string out = test_support::bordersim_output("validate " + path, status);
  EXPECT_EQ(status, 0);
  EXPECT_NE(out.find("warning: kim_thanh.plant_quarantine is offered"), std::string::npos) << out;
  EXPECT_EQ(out.find("warning: kim_thanh.exit_barrier is offered"), std::string::npos) << out;
  EXPECT_NE(out.find("limited upstream by kim_thanh.plant_quarantine"), std::string::npos) << out;
}

}  // namespace
