// Staffing by the hour (`staffing:`): it folds into the capacity plan (server-hours as written,
// only while the side is open), the measured utilisation follows it, an officer going off duty
// finishes the truck in service, and overlapping entries are refused.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "app/commands.hpp"
#include "models/analysis.hpp"
#include "models/border.hpp"
#include "models/capacity.hpp"
#include "models/loader.hpp"
#include "models/plan.hpp"
#include "models/units.hpp"
#include "sim/time.hpp"
#include "support.hpp"

namespace {

std::size_t pool_side(const models::Scenario& sc, const std::string& id) {
  for (std::size_t i = 0; i < sc.sides.size(); ++i)
    if (sc.sides[i].id == id) return i;
  return sc.sides.size();
}

// One desk open around the clock, exponential (or fixed) service of `service`, Poisson arrivals.
std::string desk(const std::string& service, const std::string& rate, const std::string& staffing,
                 const std::string& hours = "") {
  return "name: staffed\nstart: 2025-01-06 00:00\nhorizon: 60d\nwarmup: 2d\nseed: 3\n"
         "replications: 4\ncargo:\n  general: {value: 1USD}\n"
         "gate_sides:\n"
         "  a:\n    country: VN\n    time_zone: UTC+7\n" +
         hours + "    stages:\n      - id: desk\n        servers: 1\n        service: " + service +
         "\n        staffing: " + staffing +
         "\n"
         "  b:\n    country: CN\n    time_zone: UTC+8\n"
         "    stages:\n      - {id: gate, servers: 1000, service: 1s}\n"
         "crossings:\n  x:\n    sides: [a, b]\n    bridge: 0s\n"
         "flows:\n  f:\n    direction: export\n    cargo_mix: {general: 1}\n"
         "    route: [{crossing: x}]\n    arrivals: {rate: " +
         rate + "}\n";
}

const char* kTwoThenFive =
    "[{from: \"00:00\", to: \"12:00\", servers: 2}, {from: \"12:00\", to: \"24:00\", servers: 5}]";

TEST(Staffing, FoldsIntoTheCapacityPlanAsWritten) {
  const models::Scenario sc = models::load_scenario_text(
      desk("{dist: exponential, mean: 1h}", "72/day", kTwoThenFive), "s.yaml");
  const models::Plan plan = models::build_plan(sc);
  const std::size_t place = plan.sites().of(models::SiteKind::Stop, plan.stage_stop(0, 0));
  // 2 x 12 h + 5 x 12 h = 84 officer-hours a day, every day.
  for (int d = 0; d < 5; ++d)
    EXPECT_DOUBLE_EQ(
        plan.capacity().server_seconds(place, d * sim::kDay, (d + 1) * sim::kDay) / sim::kHour,
        84.0)
        << "day " << d;
  // Within the day: 2 before noon, 5 after (t = 0 is the start, local midnight).
  EXPECT_DOUBLE_EQ(plan.capacity().server_seconds(place, 0, 12 * sim::kHour) / sim::kHour, 24.0);
  // Closed hours cut it: a side open 07:00-19:00 has 2 x 5 h + 5 x 7 h = 45.
  const models::Scenario day_only =
      models::load_scenario_text(desk("{dist: exponential, mean: 1h}", "72/day", kTwoThenFive,
                                      "    hours: {open: \"07:00\", close: \"19:00\"}\n"),
                                 "s.yaml");
  const models::Plan p2 = models::build_plan(day_only);
  EXPECT_DOUBLE_EQ(p2.capacity().server_seconds(place, 0, sim::kDay) / sim::kHour, 45.0);
}

TEST(Staffing, MeasuredUtilisationFollowsTheSchedule) {
  // 3 trucks an hour, 1 h each: 72 busy officer-hours a day against 84 on duty (a queue builds
  // in the morning's 2 and clears in the afternoon's 5), so utilisation is 72 / 84 = 0.857.
  app::RunOptions o;
  o.threads = 2;
  o.replications = 20;
  const app::RunOutcome r =
      app::evaluate(app::ScenarioSource::yaml(
                        desk("{dist: exponential, mean: 1h}", "72/day", kTwoThenFive), "s.yaml"),
                    o);
  bool found = false;
  for (const outputs::SummaryRow& s : r.summary)
    if (outputs::metric_name(s.key.metric) == "utilisation" && s.key.label == "a.desk") {
      found = true;
      EXPECT_LE(s.ci.lo, 72.0 / 84 + 0.005) << s.ci.mean;
      EXPECT_GE(s.ci.hi, 72.0 / 84 - 0.005) << s.ci.mean;
      EXPECT_LT(s.ci.hi - s.ci.lo, 0.06);
    }
  EXPECT_TRUE(found);
}

TEST(Staffing, AnOfficerGoingOffDutyFinishesTheTruckInService) {
  // One officer 00:00-12:00, none after: 2-hour services that start before noon end after it,
  // and none starts between noon and midnight.
  models::Scenario sc = models::load_scenario_text(
      desk("2h", "24/day",
           "[{from: \"00:00\", to: \"12:00\", servers: 1}, {from: \"12:00\", to: \"24:00\", "
           "servers: 0}]"),
      "s.yaml");
  sc.outputs.visits = models::TableScope::All;
  const models::RunResult res = models::run_replication(sc, 0);
  int across_noon = 0, started_after_noon = 0;
  for (const models::StopVisit& v : res.visits) {
    if (res.stop_names[v.stop] != "a.desk") continue;
    const double local = std::fmod(v.start_s, sim::kDay);  // t = 0 is local midnight
    const double end_local = local + (v.end_s - v.start_s);
    if (local < 12 * sim::kHour && end_local > 12 * sim::kHour) ++across_noon;
    if (local >= 12 * sim::kHour) ++started_after_noon;
  }
  EXPECT_GT(across_noon, 0);
  EXPECT_EQ(started_after_noon, 0);
}

TEST(Staffing, OverlappingEntriesOfOneKindAreRefusedAndADatedOneOverrides) {
  try {
    models::load_scenario_text(
        desk("1h", "24/day",
             "[{from: \"06:00\", to: \"12:00\", servers: 2}, {from: \"11:00\", to: \"14:00\", "
             "servers: 3}]"),
        "s.yaml");
    FAIL() << "expected an error";
  } catch (const models::SourceError& e) {
    EXPECT_NE(std::string(e.what()).find("overlaps"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("staffing[1]"), std::string::npos) << e.what();
  }
  const models::Scenario sc = models::load_scenario_text(
      desk("1h", "24/day",
           "[{from: \"06:00\", to: \"18:00\", servers: 2}, {dates: 2025-01-07..2025-01-07, from: "
           "\"08:00\", to: \"10:00\", servers: 7}, {days: [Tue], from: \"09:00\", to: \"11:00\", "
           "servers: 4}]"),
      "s.yaml");
  const auto& st = sc.sides[0].stages[0].staffing;
  const long tue = models::units::date("2025-01-07"), wed = tue + 1, next_tue = tue + 7;
  EXPECT_EQ(models::staffed(st, 1, tue, 9.5 * sim::kHour).first, 7);       // dates win
  EXPECT_EQ(models::staffed(st, 1, next_tue, 9.5 * sim::kHour).first, 4);  // then the weekday
  EXPECT_EQ(models::staffed(st, 1, wed, 9.5 * sim::kHour).first, 2);       // then every day
  EXPECT_EQ(models::staffed(st, 1, wed, 20 * sim::kHour).first, 1);        // else `servers`
}

// An agency's pool serving two stages, 2 officers before noon and 5 after, with 6 booths at each
// stage: the pool's officer-hours are the schedule's 84 a day, its cost 84 x 6 USD, and each
// stage's 6 booths x 24 h cost 1 USD an hour; stages of an agency without a pool are officers at
// their own booths. Both read from the capacity plan's server-hours.
TEST(Staffing, AgenciesCountOfficerHoursAndCostFromTheCapacityPlan) {
  std::string text = desk("{dist: exponential, mean: 20min}", "72/day", kTwoThenFive);
  // A second stage of the same side, and the pool of the agency both belong to.
  const std::string first = "        staffing: " + std::string(kTwoThenFive) + "\n";
  text.replace(text.find(first), first.size(),
               "\n      - {id: desk2, servers: 6, service: {dist: exponential, mean: 10min}}\n"
               "    agencies:\n"
               "      customs: {stages: [desk, desk2], staffing: " +
                   std::string(kTwoThenFive) +
                   ", officers: 1, cost: {officer_hour: 6USD, booth_hour: 1USD}}\n");
  text.replace(text.find("servers: 1\n        service"), 10, "servers: 6");
  app::RunOptions o;
  o.threads = 2;
  o.replications = 3;
  const app::RunOutcome r = app::evaluate(app::ScenarioSource::yaml(text, "s.yaml"), o);
  std::map<std::string, double> officer_hours, cost;
  for (const outputs::SummaryRow& s : r.summary) {
    const std::string m = outputs::metric_name(s.key.metric);
    if (m == "officer_hours_per_day") officer_hours[s.key.label] = s.ci.mean;
    if (m == "staffing_cost_per_day") cost[s.key.label] = s.ci.mean;
  }
  EXPECT_DOUBLE_EQ(officer_hours.at("a.customs.officers"), 84);
  EXPECT_DOUBLE_EQ(officer_hours.at("a.desk"), 0);  // booths, not officers
  EXPECT_DOUBLE_EQ(officer_hours.at("agency:a.customs"), 84);
  EXPECT_DOUBLE_EQ(cost.at("a.customs.officers"), 84 * 6);
  EXPECT_DOUBLE_EQ(cost.at("a.desk"), 6 * 24 * 1);
  EXPECT_DOUBLE_EQ(cost.at("agency:a.customs"), 84 * 6 + 2 * 6 * 24);
  // The far side's gate is in no agency: officers, unpriced.
  EXPECT_DOUBLE_EQ(officer_hours.at("b.gate"), 1000 * 24);
  EXPECT_DOUBLE_EQ(cost.at("b.gate"), 0);
  EXPECT_DOUBLE_EQ(cost.at("all"), 84 * 6 + 2 * 6 * 24);
}

// A joint stop that joins a stage of a pooled agency takes the agency's pool, with its staffing
// by the hour, not a pool of its own; under full teams (no pools) such a stage is refused.
TEST(Staffing, AJointStopSharesAPooledAgencysOfficers) {
  const std::string agency =
      "gate_sides:\n  bac_son:\n    agencies:\n      quarantine:\n        stages: [quarantine]\n"
      "        staffing: [{from: \"08:00\", to: \"12:00\", servers: 3}]\n";
  const models::Scenario sc = test_support::variant("cbta_single_stop", "joint_agency", agency);
  const models::Plan plan = models::build_plan(sc);
  std::size_t pool = models::kNoPool;
  for (std::size_t k = 0; k < plan.pools().size(); ++k)
    if (plan.pools()[k].agency >= 0) pool = k;
  ASSERT_NE(pool, models::kNoPool);
  EXPECT_EQ(plan.pools()[pool].name, "bac_son.quarantine.officers");
  EXPECT_EQ(plan.pools()[pool].hourly.size(), 1u);
  int joined = 0;
  for (const models::PlannedStop& st : plan.stops())
    for (const models::StopMember& m : st.members)
      if (st.joint && m.stage->id == "quarantine" && m.side == pool_side(sc, "bac_son")) {
        EXPECT_EQ(m.pool, pool);
        ++joined;
      }
  EXPECT_EQ(joined, 1);
  // Full teams have no pools to share.
  EXPECT_THROW(test_support::variant("cbta_single_stop", "joint_agency_teams",
                                     agency + "crossings:\n  kim_thanh_bac_son:\n    joint: "
                                              "{staffing: teams, booths: 4}\n"),
               models::SourceError);
}

// A lane staffed by the hour: 3 servers 07:00-11:00, its flat 1 for the rest of the side's
// 07:00-19:00, so 3 x 4 + 1 x 8 = 20 lane server-hours a day beside the shared servers.
TEST(Staffing, ALaneByTheHourFoldsIntoItsOwnClock) {
  const models::Scenario sc = test_support::variant(
      "priority_lane_on", "lane_hourly",
      "gate_sides:\n  kim_thanh:\n    stages:\n      - id: customs_export\n        lane: "
      "{servers: 1, staffing: [{from: \"07:00\", to: \"11:00\", servers: 3}]}\n");
  const models::Plan plan = models::build_plan(sc);
  std::size_t stop = plan.stops().size();
  for (std::size_t i = 0; i < plan.stops().size(); ++i)
    if (plan.stop(i).name == "kim_thanh.customs_export") stop = i;
  ASSERT_LT(stop, plan.stops().size());
  const std::size_t place = plan.sites().of(models::SiteKind::Stop, stop);
  const double day = 5 * sim::kDay;  // a day inside the horizon, after the start
  EXPECT_DOUBLE_EQ(plan.capacity().lane[place].server_seconds(day, day + sim::kDay) / sim::kHour,
                   20.0);
  EXPECT_DOUBLE_EQ(plan.capacity().servers[place].server_seconds(day, day + sim::kDay) / sim::kHour,
                   36.0);
}

// The hourly picture and the by-hour curves in a zone half an hour off the UTC hours (Yangon,
// UTC+6:30): trucks arriving only from 10:00 to 11:00 local are counted in the 10-11 hour alone.
TEST(Staffing, TheHourlyPictureKeepsHalfHourZonesWhole) {
  std::string text = desk("{dist: exponential, mean: 5min}", "24/day", "[]");
  for (std::size_t at; (at = text.find("UTC+7")) != std::string::npos;)
    text.replace(at, 5, "UTC+06:30");
  text.replace(text.find("UTC+8"), 5, "UTC+06:30");
  text.replace(
      text.find("arrivals: {rate: 24/day}"), std::string("arrivals: {rate: 24/day}").size(),
      "arrivals: {rate: 24/day, hourly: [0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0]}");
  text = "time_zone: UTC+06:30\n" + text;
  const models::Scenario sc = models::load_scenario_text(text, "s.yaml");
  const models::Analysis a = models::analyse(sc);
  const models::StopLoad& desk_load = a.stops[0];
  ASSERT_EQ(desk_load.arrivals_by_hour.size(), 24u);
  for (std::size_t h = 0; h < 24; ++h)
    EXPECT_NEAR(desk_load.arrivals_by_hour[h], h == 10 ? 24.0 : 0.0, 1e-6) << h;
  // The same in a replication's curves.
  app::RunOptions o;
  o.threads = 1;
  o.replications = 2;
  const app::RunOutcome r = app::evaluate(app::ScenarioSource::yaml(text, "s.yaml"), o);
  for (const outputs::SummaryRow& row : r.summary)
    if (outputs::metric_name(row.key.metric) == "visits_by_hour" && row.key.label == "a.desk")
      EXPECT_EQ(row.ci.mean > 0, row.key.at == 10) << row.key.at;
}

}  // namespace
