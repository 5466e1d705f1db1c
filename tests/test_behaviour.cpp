// Driver behaviour (issue 10): trucks that balk at a long road queue, give up after their
// patience, or turn back with a load that spoiled while waiting. With them a surge backlog levels
// off; without them it grows by the difference between arrivals and the far side's intake.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "models/border.hpp"
#include "models/loader.hpp"
#include "support.hpp"

namespace {

using models::Outcome;
using test_support::scenario_path;
using test_support::write_temp;

// fruit_surge over 30 days, with `behaviour` for the exports (or for every flow).
models::Scenario surge(const std::string& name, const std::string& behaviour,
                       bool all_flows = false) {
  std::string text =
      "extends: " + scenario_path("fruit_surge") + "\nname: " + name + "\nhorizon: 30d\n";
  if (!behaviour.empty()) {
    text += "flows:\n";
    for (const char* f : {"exports", "imports", "empties_back"})
      if (all_flows || std::string(f) == "exports")
        text += std::string("  ") + f + ":\n    behaviour: " + behaviour + "\n";
  }
  return models::load_scenario(write_temp(name + ".yaml", text));
}

// Mean over [from, to) days of a site's queue in the time series (t_s, then per site of the
// registry its queue and busy; a yard's queue is the road outside it).
double mean_over(const models::RunResult& r, const std::string& site, double from_d, double to_d) {
  const auto& sites = r.sampled_sites;
  const std::size_t n = 1 + 2 * sites.size();
  const std::size_t c =
      1 + 2 * static_cast<std::size_t>(std::find(sites.begin(), sites.end(), site) - sites.begin());
  EXPECT_LT(c, n) << site;
  double sum = 0, count = 0;
  for (std::size_t i = 0; i + n <= r.timeseries.size(); i += n) {
    const double t = r.timeseries[i] / 86400;
    if (t >= from_d && t < to_d) {
      sum += r.timeseries[i + c];
      count += 1;
    }
  }
  return sum / count;
}

std::map<Outcome, int> outcomes(const models::RunResult& r) {
  std::map<Outcome, int> m;
  for (const auto& v : r.vehicles)
    if (v.source.is_flow(0)) ++m[v.outcome];
  return m;
}

TEST(Behaviour, GivingUpLetsASurgeBacklogLevelOffWhileWithoutItTheQueueGrows) {
  const models::RunResult patient = models::run_replication(surge("surge_patient", ""), 0);
  const models::RunResult human = models::run_replication(
      surge("surge_human", "{patience: {dist: exponential, mean: 24h}}"), 0);
  const double grow_a = mean_over(patient, "kim_thanh.outbound.yard", 25, 30) -
                        mean_over(patient, "kim_thanh.outbound.yard", 10, 15);
  const double grow_b = mean_over(human, "kim_thanh.outbound.yard", 25, 30) -
                        mean_over(human, "kim_thanh.outbound.yard", 10, 15);
  // Without behaviour: ~84 more arrivals than admissions a day, for 15 days.
  EXPECT_GT(grow_a, 800) << "the backlog grows as before when nobody gives up";
  EXPECT_LT(std::abs(grow_b), 60) << "it levels off when drivers give up";
  EXPECT_GT(outcomes(human)[Outcome::Reneged], 1000);
  EXPECT_EQ(outcomes(patient)[Outcome::Reneged], 0);
}

// Patience is spent waiting at the border: on the road for a yard place, then for the intake.
// Time in the control area's stops (queue and service, where a truck keeps its place) does not
// count, so every truck that gives up has waited exactly its patience on the road and at the
// intake together. (It counted from reaching the border: a truck in service when its patience ran
// out gave up on reaching the intake, having waited less; issue 23.)
TEST(Behaviour, ATruckRenegesWhenItsPatienceRunsOutWhileWaitingAtTheBorder) {
  const models::RunResult r =
      models::run_replication(surge("surge_six_hours", "{patience: 6h}"), 0);
  int reneged = 0, in_the_stops = 0;
  for (const auto& v : r.vehicles) {
    if (v.outcome != Outcome::Reneged) continue;
    ++reneged;
    const double at_intake = v.exit_cleared_s >= 0 ? v.done_s - v.exit_cleared_s : 0;
    EXPECT_NEAR(v.road_wait_s + at_intake, 6 * 3600.0, 1e-6) << v.id;
    const double in_stops = v.done_s - v.border_in_s - v.road_wait_s - at_intake;
    in_the_stops += in_stops > 60;
    EXPECT_LT(v.crossed_s, 0) << "it never crossed";
  }
  EXPECT_GT(reneged, 100);
  EXPECT_GT(in_the_stops, reneged / 2) << "their time in the stops came on top of their patience";
}

// Balking holds the road queue at the threshold: the road before Kim Thanh's export area holds
// exports only (imports wait for the inbound area), and none joins at 150.
TEST(Behaviour, TrucksBalkAtALongRoadQueue) {
  const models::Scenario sc = surge("surge_balk", "{balk_at_road_queue: 150}", true);
  const models::RunResult r = models::run_replication(sc, 0);
  const models::RunResult plain = models::run_replication(surge("surge_no_balk", ""), 0);
  EXPECT_GT(outcomes(r)[Outcome::Balked], 500);
  EXPECT_LE(r.yards[0].road_max, 150);
  EXPECT_GT(plain.yards[0].road_max, 1000);
}

TEST(Behaviour, ASpoiledLoadTurnsBackWhenItsShelfLifeEndsWhileWaiting) {
  const models::Scenario sc = surge("surge_spoil", "{spoiled: turn_back}");
  const models::RunResult r = models::run_replication(sc, 0);
  int back = 0, on_the_dot = 0;
  for (const auto& v : r.vehicles) {
    if (v.outcome != Outcome::TurnedBack) continue;
    ++back;
    EXPECT_EQ(sc.cargo[v.cargo].id, "fresh_fruit");
    const double spoils = v.loaded_s + sc.cargo[v.cargo].shelf_life_s;
    EXPECT_GE(v.done_s, spoils - 1e-6);
    on_the_dot += v.done_s == spoils;
    EXPECT_TRUE(v.spoiled);
    EXPECT_EQ(v.value_lost, sc.cargo[v.cargo].value);
  }
  EXPECT_GT(back, 100);
  EXPECT_GT(on_the_dot, back / 2) << "most turn back while waiting, when the load spoils";
}

}  // namespace
