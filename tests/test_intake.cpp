// The entry side's intake as a capacity (issue 10): it runs only while the entry side is open, so
// longer hours raise it and a closure stops it; it admits by cargo priority; validate compares it
// with the arrivals it meets.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "models/analysis.hpp"
#include "models/border.hpp"
#include "models/loader.hpp"
#include "sim/stats.hpp"
#include "support.hpp"

namespace {

using test_support::scenario_path;
using test_support::write_temp;

// Exports admitted into China per day, per replication.
std::vector<double> crossed_per_day(const models::Scenario& sc, int reps) {
  std::vector<double> out;
  for (int r = 0; r < reps; ++r) {
    const models::RunResult res = models::run_replication(sc, static_cast<std::uint32_t>(r));
    double n = 0;
    for (const auto& v : res.vehicles) n += v.source.is_flow(0) && v.crossed_s >= sc.warmup_s;
    out.push_back(n / ((sc.horizon_s - sc.warmup_s) / 86400));
  }
  return out;
}

// The measure of January 2021: both sides open to 22:00 Hanoi time. With the intake a rate that
// runs while Bac Son is open, three more hours admit 54 more trucks a day (216 -> 270).
TEST(Intake, ExtendingTheEntrySidesHoursRaisesCrossingsUnderASurge) {
  const auto base =
      sim::mean_ci(crossed_per_day(models::load_scenario(scenario_path("fruit_surge")), 4));
  const auto longer = sim::mean_ci(
      crossed_per_day(models::load_scenario(scenario_path("surge_extended_hours")), 4));
  EXPECT_NEAR(base.mean, 216, 2);
  EXPECT_NEAR(longer.mean, 270, 3);
}

// A closure of the entry side stops its intake: nothing crosses into it on the closed dates, and
// the backlog is admitted once it opens again.
TEST(Intake, NoCrossingIntoAClosedSide) {
  const models::Scenario sc =
      test_support::variant("fruit_surge", "closed_china",
                            "gate_sides:\n"
                            "  bac_son:\n"
                            "    closures: [{from: 2025-08-04, to: 2025-08-06, reason: test}]\n");
  const models::RunResult r = models::run_replication(sc, 0);
  std::map<long, int> per_day;
  for (const auto& v : r.vehicles)
    if (v.source.is_flow(0) && v.crossed_s >= 0) ++per_day[sc.local_day(v.crossed_s, 8 * 3600)];
  for (long d = sc.start_day + 3; d <= sc.start_day + 5; ++d)
    EXPECT_EQ(per_day[d], 0) << "day " << d;
  EXPECT_GE(per_day[sc.start_day + 6], 210) << "the backlog is admitted when Bac Son reopens";
}

// Fresh goods first at the intake: with fresh_fruit at level 0 and general at 1, fruit waits far
// less for admission than general cargo; without an order the two wait alike.
TEST(Intake, PerClassPriorityServesFreshGoodsFirst) {
  auto intake_wait = [](const models::Scenario& sc) {
    std::map<std::uint16_t, sim::Tally> w;  // by cargo: border_in to crossed, exports admitted
    for (int r = 0; r < 3; ++r)
      for (const auto& v : models::run_replication(sc, static_cast<std::uint32_t>(r)).vehicles)
        if (v.source.is_flow(0) && v.crossed_s >= 0)
          w[v.cargo].add((v.crossed_s - v.border_in_s) / 3600);
    return w;
  };
  const models::Scenario plain = models::load_scenario(scenario_path("fruit_surge"));
  const models::Scenario first =
      test_support::variant("fruit_surge", "fruit_first",
                            "crossings:\n"
                            "  kim_thanh_bac_son:\n"
                            "    intake:\n"
                            "      export: {rate: 18/h, priority: {fresh_fruit: 0, general: 1}}\n");
  ASSERT_EQ(first.crossings[0].intake[0].cargo_priority.size(), first.cargo.size());
  const auto a = intake_wait(plain), b = intake_wait(first);
  const std::uint16_t fruit = 0, general = 1;
  ASSERT_EQ(first.cargo[fruit].id, "fresh_fruit");
  EXPECT_NEAR(a.at(fruit).mean(), a.at(general).mean(), 0.25 * a.at(general).mean())
      << "no order: alike";
  EXPECT_LT(b.at(fruit).mean(), 0.5 * b.at(general).mean()) << "fruit first";
  EXPECT_LT(b.at(fruit).mean(), a.at(fruit).mean());
}

// `validate` compares arrivals with the intake, counting every flow (empties included).
TEST(Intake, ValidateFlagsAnIntakeBelowArrivals) {
  const models::Analysis a = models::analyse(models::load_scenario(scenario_path("fruit_surge")));
  ASSERT_EQ(a.intakes.size(), 1u);
  EXPECT_EQ(a.intakes[0].name, "kim_thanh_bac_son.export.intake");
  EXPECT_NEAR(a.intakes[0].arrivals_per_day, 300, 1);
  EXPECT_NEAR(a.intakes[0].capacity_per_day, 216, 0.5);
  EXPECT_GT(a.intakes[0].load, 1.3);
  int status = 0;
  const std::string out =
      test_support::bordersim_output("validate " + scenario_path("fruit_surge"), status);
  EXPECT_EQ(status, 0);
  EXPECT_NE(
      out.find("warning: kim_thanh_bac_son.export.intake admits 216 vehicles a day against 300"),
      std::string::npos)
      << out;
}

// Intake by commodity (issue 23): the far side takes dragon fruit at a quota of its own while
// general cargo moves at the direction's rate. Fruit trucks staged before the exit yard leave
// the yard to the rest; holding yard places, they block general cargo behind them.
namespace by_cargo {

struct Crossed {
  sim::Tally fruit, general;            // admitted per day, per replication
  sim::Tally fruit_wait, general_wait;  // hours waiting for the intake, per truck
};

Crossed crossed(const models::Scenario& sc, int reps) {
  Crossed out;
  const double days = (sc.horizon_s - sc.warmup_s) / 86400;
  for (int r = 0; r < reps; ++r) {
    double fruit = 0, general = 0;
    for (const auto& v : models::run_replication(sc, static_cast<std::uint32_t>(r)).vehicles) {
      if (!v.source.is_flow(0) || v.crossed_s < sc.warmup_s) continue;
      (v.cargo == 0 ? fruit : general) += 1;
      (v.cargo == 0 ? out.fruit_wait : out.general_wait).add(v.seg_intake_s / 3600);
    }
    out.fruit.add(fruit / days);
    out.general.add(general / days);
  }
  return out;
}

std::string intake(const std::string& fruit_wait) {
  return "crossings:\n"
         "  kim_thanh_bac_son:\n"
         "    intake:\n"
         "      export:\n"
         "        rate: 18/h\n"
         "        by_cargo:\n"
         "          dragon_fruit: {cargo: [fresh_fruit], daily_quota: 110/day, wait: " +
         fruit_wait + "}\n";
}

TEST(IntakeByCargo, FruitHeldAtItsQuotaWhileGeneralCargoMovesAtItsOwnRate) {
  // 255 fruit and 45 general trucks a day; fruit's quota 110 a day, the rest 18 an hour.
  const models::Scenario sc =
      test_support::variant("fruit_surge", "fruit_quota", intake("staging"));
  ASSERT_EQ(sc.crossings[0].intake[0].allowances.size(), 1u);
  ASSERT_EQ(sc.cargo[0].id, "fresh_fruit");
  const Crossed c = crossed(sc, 3);
  EXPECT_NEAR(c.fruit.mean(), 110, 3) << "fruit at its quota";
  EXPECT_NEAR(c.general.mean(), 45, 4) << "general cargo at its own arrivals";
  EXPECT_LT(c.general_wait.mean(), 1.0) << "general cargo barely waits for the intake";
  EXPECT_GT(c.fruit_wait.mean(), 24) << "fruit's backlog grows by 145 trucks a day";
}

TEST(IntakeByCargo, FruitHoldingYardPlacesBlocksTheRest) {
  const Crossed c =
      crossed(test_support::variant("fruit_surge", "fruit_quota_yard", intake("yard")), 2);
  EXPECT_NEAR(c.fruit.mean(), 110, 3);
  EXPECT_LT(c.general.mean(), 35) << "general cargo stuck on the road behind fruit";
}

// Empty trucks with their own allowance do not take loaded trucks' places: 60 empties a day
// leaving with the exports cut what the shared 18 an hour admits of loads, unless they have one.
TEST(IntakeByCargo, EmptiesWithTheirOwnAllowanceDoNotTakeLoadsPlaces) {
  const std::string empties =
      "flows:\n"
      "  empties_out:\n"
      "    direction: export\n"
      "    route: [{leg: approach}, {crossing: kim_thanh_bac_son}, {leg: onward}]\n"
      "    arrivals: {rate: 60/day}\n";
  auto loads = [](const models::Scenario& sc) {
    const Crossed c = crossed(sc, 2);
    return c.fruit.mean() + c.general.mean();
  };
  const double alone = loads(models::load_scenario(scenario_path("fruit_surge")));
  const double shared = loads(test_support::variant("fruit_surge", "empties_shared", empties));
  const double own = loads(test_support::variant(
      "fruit_surge", "empties_own",
      empties + "crossings:\n"
                "  kim_thanh_bac_son:\n"
                "    intake:\n"
                "      export:\n"
                "        by_cargo: {empties: {cargo: [empty], rate: 6/h, wait: staging}}\n"));
  EXPECT_NEAR(alone, 216, 3);
  EXPECT_LT(shared, 200) << "empties take a sixth of the shared intake";
  EXPECT_NEAR(own, alone, 4) << "with their own allowance, loads keep the whole rate";
}

TEST(IntakeByCargo, OthersUnlimitedAndErrors) {
  const models::Scenario sc = test_support::variant(
      "fruit_surge", "others_unlimited",
      "crossings:\n"
      "  kim_thanh_bac_son:\n"
      "    intake:\n"
      "      export:\n"
      "        rate: ~\n"
      "        others: unlimited\n"
      "        by_cargo: {dragon_fruit: {cargo: [fresh_fruit], daily_quota: 110/day, wait: "
      "staging}}\n");
  EXPECT_FALSE(sc.crossings[0].intake[0].limited);
  const Crossed c = crossed(sc, 2);
  EXPECT_NEAR(c.fruit.mean(), 110, 3);
  EXPECT_NEAR(c.general.mean(), 45, 4);
  EXPECT_LT(c.general_wait.mean(), 1e-9) << "nothing limits general cargo";
}

}  // namespace by_cargo

}  // namespace

namespace {

// A lane with its own hours: fruit cleared from 06:00 at Kim Thanh in lychee season, an hour before
// the gate opens; general cargo still waits for 07:00.
TEST(Lanes, ALaneWithItsOwnHoursOpensBeforeTheSide) {
  const models::Scenario sc = test_support::variant(
      "kim_thanh_bac_son", "fruit_from_six",
      "gate_sides:\n"
      "  kim_thanh:\n"
      "    stages:\n"
      "      - {id: exit_barrier, lane: {servers: 1, open: \"06:00\", close: \"19:00\"}}\n");
  const models::RunResult r = models::run_replication(sc, 0);
  std::map<std::uint32_t, std::uint16_t> cargo_of;
  for (const auto& v : r.vehicles) cargo_of[v.id] = v.cargo;
  const std::size_t stop = static_cast<std::size_t>(
      std::find(r.stop_names.begin(), r.stop_names.end(), "kim_thanh.exit_barrier") -
      r.stop_names.begin());
  int early_fruit = 0;
  for (const auto& v : r.visits) {
    if (v.stop != stop) continue;
    const double local = sc.epoch_s() + v.start_s + 7 * 3600;
    const double tod = local - std::floor(local / 86400) * 86400;
    EXPECT_GE(tod, 6 * 3600.0 - 1e-6) << "nothing before the lane opens";
    if (tod < 7 * 3600.0) {
      EXPECT_EQ(v.queue, models::QueueKind::Lane) << "before 07:00 only the lane serves";
      EXPECT_EQ(sc.cargo[cargo_of.at(v.vehicle)].id, "fresh_fruit");
      ++early_fruit;
    }
  }
  EXPECT_GT(early_fruit, 50) << "fruit queued overnight is cleared from 06:00";
}

}  // namespace

namespace {

// Yards per direction: in the surge, exports back up behind the Chinese intake in Kim Thanh's
// export area and on its road, while imports and returning empties, with their own area, wait
// about as long as on a normal day (before, sharing one yard, they waited hours behind exports).
TEST(Yards, ImportsFlowAtNormalWaitsWhileExportsBackUp) {
  auto waits = [](const models::Scenario& sc) {
    std::map<std::string, sim::Tally> w;  // by flow, released vehicles, hours
    for (int r = 0; r < 3; ++r)
      for (const auto& v : models::run_replication(sc, static_cast<std::uint32_t>(r)).vehicles)
        if (v.outcome == models::Outcome::Released && v.arrival_s >= sc.warmup_s)
          w[sc.flows[v.source.index].id].add(v.wait_s / 3600);
    return w;
  };
  const auto normal = waits(models::load_scenario(scenario_path("kim_thanh_bac_son")));
  const auto surge = waits(models::load_scenario(scenario_path("fruit_surge")));
  EXPECT_GT(surge.at("exports").mean(), 10 * normal.at("exports").mean()) << "exports back up";
  // Within a quarter of a normal day's (the surge sends back more empties to the same stops).
  EXPECT_LT(surge.at("imports").mean(), 1.25 * normal.at("imports").mean() + 0.25)
      << "imports flow";
  EXPECT_LT(surge.at("empties_back").mean(), 1.25 * normal.at("empties_back").mean() + 0.25);
}

}  // namespace
