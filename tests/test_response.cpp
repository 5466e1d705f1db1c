// Demand that responds (issue 23): shippers who hold, cancel or divert loads when their gate
// announces a backlog above their threshold, and dated notices with a compliance share. With
// them a surge backlog rises, levels off and falls with no give-up rule; without them it grows
// by the difference between arrivals and the far side's intake.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "models/border.hpp"
#include "models/loader.hpp"
#include "support.hpp"

namespace {

using models::Outcome;
using models::Responded;
using test_support::scenario_path;
using test_support::write_temp;

// fruit_surge (300 export trucks a day against an intake of about 216) over `days`, with `extra`
// appended (a response for the exports, notices).
models::Scenario surge(const std::string& name, const std::string& extra, int days = 20) {
  const std::string text = "extends: " + scenario_path("fruit_surge") + "\nname: " + name +
                           "\nhorizon: " + std::to_string(days) + "d\n" + extra;
  return models::load_scenario(write_temp(name + ".yaml", text));
}

const std::string kResponse =
    "flows:\n  exports:\n    response: {on: backlog, threshold: [[200, 0], [300, 1]], action: "
    "{defer: 0.5, cancel: 0.5}, hold_max: 2d, recheck: 6h}\n";

// The daily export backlog at the crossing, averaged over replications 0..n-1.
std::vector<double> backlog_path(const models::Scenario& sc, std::uint32_t n) {
  std::vector<double> mean;
  for (std::uint32_t rep = 0; rep < n; ++rep) {
    const models::RunResult r = models::run_replication(sc, rep);
    const std::size_t width = 1 + r.backlog_columns.size();
    const std::size_t col = 1 + models::backlog_column(0, true);
    mean.resize(r.backlog.size() / width, 0.0);
    for (std::size_t d = 0; d < mean.size(); ++d) mean[d] += r.backlog[d * width + col] / n;
  }
  return mean;
}

// Least-squares slope of y over days [from, to).
double slope(const std::vector<double>& y, std::size_t from, std::size_t to) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(to - from);
  for (std::size_t d = from; d < to; ++d) {
    const double x = static_cast<double>(d);
    sx += x;
    sy += y[d];
    sxx += x * x;
    sxy += x * y[d];
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

TEST(Response, ASurgeBacklogLevelsOffAndFallsWithoutAnyGiveUpRuleAndGrowsWithout) {
  const models::Scenario off = surge("surge_response_off", "");
  const models::Scenario on = surge("surge_response_on", kResponse);
  ASSERT_FALSE(on.has_behaviour()) << "no give-up rule";
  const std::vector<double> a = backlog_path(off, 3), b = backlog_path(on, 3);
  ASSERT_EQ(a.size(), 21u);
  // Without response: about 84 more arrivals than admissions a day, every day.
  EXPECT_GT(slope(a, 2, 21), 60) << "the backlog grows as before";
  EXPECT_GT(a[20], 1300);
  // With it: the first peak is followed by a fall within days, and the path stays level after.
  const auto peak = std::max_element(b.begin(), b.begin() + 6);
  const double low_after = *std::min_element(peak + 1, peak + 4);
  EXPECT_LT(low_after, *peak - 40) << "it falls within days of its first peak";
  EXPECT_LT(std::abs(slope(b, 6, 21)), 10) << "it levels off";
  EXPECT_LT(*std::max_element(b.begin(), b.end()), 450);
}

TEST(Response, EveryLoadIsCountedHeldLoadsKeepTheirAgeAndNothingDisappears) {
  const models::RunResult r = models::run_replication(surge("surge_response_count", kResponse), 0);
  std::size_t cancelled = 0, deferred = 0, held = 0;
  for (const models::VehicleRecord& v : r.vehicles) {
    if (!v.source.is_flow(0)) continue;
    if (v.outcome == Outcome::Cancelled) {
      ++cancelled;
      EXPECT_EQ(v.response, Responded::Cancelled);
      EXPECT_LT(v.border_in_s, 0) << "a cancelled load never reached the border";
    }
    if (v.outcome == Outcome::Held) ++held;
    if (v.held_s > 0) {
      ++deferred;
      // The perishable clock runs from loading: age at the due time is fruit_surge's 12-36 h.
      const double age_due_h = (v.arrival_s - v.held_s - v.loaded_s) / 3600;
      if (v.outcome != Outcome::Cancelled && v.outcome != Outcome::Held) {
        EXPECT_GE(age_due_h, 12 - 1e-6);
        EXPECT_LE(age_due_h, 36 + 1e-6);
      }
      EXPECT_LE(v.held_s, 2 * 86400 + 1e-6) << "held at most hold_max";
    }
  }
  EXPECT_GT(cancelled, 300u);
  EXPECT_GT(deferred, 300u);
  EXPECT_EQ(r.arrived, r.released + r.rejected + r.turned_away + r.in_system);
  EXPECT_EQ(r.vehicles.size(), r.arrived);
  EXPECT_GE(r.in_system, held);
}

// A response whose thresholds no announcement reaches changes nothing: its draws are its own.
TEST(Response, AResponseThatNeverActsLeavesEveryRecordAsWithoutIt) {
  const models::RunResult a = models::run_replication(surge("surge_never_off", "", 6), 0);
  const models::RunResult b = models::run_replication(
      surge("surge_never_on",
            "flows:\n  exports:\n    response: {threshold: 1000000, action: cancel}\n", 6),
      0);
  ASSERT_EQ(a.vehicles.size(), b.vehicles.size());
  for (std::size_t i = 0; i < a.vehicles.size(); ++i) {
    EXPECT_EQ(a.vehicles[i].outcome, b.vehicles[i].outcome);
    EXPECT_EQ(a.vehicles[i].done_s, b.vehicles[i].done_s);
    EXPECT_EQ(b.vehicles[i].response, Responded::None);
  }
}

// fruit_surge's exports are 85 % fruit at 300 a day. A notice naming fruit at the crossing from
// day 3 to day 6 (local dates 4-7 Aug) with compliance 0.4 cancels that share of the fruit due
// then, and nothing else.
TEST(Response, NoticesReduceArrivalsByTheirComplianceShare) {
  const std::string notice =
      "notices:\n  - {from: 2025-08-04, to: 2025-08-07, crossing: kim_thanh_bac_son, cargo: "
      "[fresh_fruit], compliance: 0.4, effect: cancel}\n";
  const models::Scenario sc = surge("surge_notice", notice, 10);
  const double from = 3 * 86400, to = 7 * 86400;  // local midnights (t = 0 is 1 Aug 00:00)
  double due = 0, cancelled = 0, other_cancelled = 0;
  for (std::uint32_t rep = 0; rep < 4; ++rep) {
    const models::RunResult r = models::run_replication(sc, rep);
    for (const models::VehicleRecord& v : r.vehicles) {
      if (!v.source.is_flow(0)) continue;
      const bool fruit = sc.cargo[v.cargo].id == "fresh_fruit";
      const bool during = v.arrival_s >= from && v.arrival_s < to;
      const bool gone = v.outcome == Outcome::Cancelled;
      if (fruit && during) {
        due += 1;
        cancelled += gone;
        if (gone) EXPECT_TRUE(v.by_notice);
      } else {
        other_cancelled += gone;
      }
    }
  }
  ASSERT_GT(due, 3000);
  const double share = cancelled / due;
  const double se = std::sqrt(0.4 * 0.6 / due);
  EXPECT_NEAR(share, 0.4, 4 * se) << "the compliance share of the fruit due is cancelled";
  EXPECT_EQ(other_cancelled, 0) << "general cargo and days outside the notice are untouched";
}

// With effect defer, complying loads wait at the origin and all set out when the notice ends.
TEST(Response, ANoticeThatDefersHoldsLoadsUntilItEnds) {
  const std::string notice =
      "notices:\n  - {from: 2025-08-04, to: 2025-08-05, crossing: kim_thanh_bac_son, "
      "compliance: 1, effect: defer}\n";
  const models::Scenario sc = surge("surge_notice_defer", notice, 8);
  const double end = 5 * 86400;  // 6 Aug 00:00 local
  const models::RunResult r = models::run_replication(sc, 0);
  std::size_t held = 0;
  for (const models::VehicleRecord& v : r.vehicles) {
    if (!v.source.is_flow(0) || v.held_s <= 0) continue;
    ++held;
    EXPECT_EQ(v.arrival_s, end) << "set out when the notice ended";
    EXPECT_TRUE(v.by_notice);
    EXPECT_EQ(v.response, Responded::Deferred);
  }
  EXPECT_GT(held, 450u) << "two days of exports (empty trucks are never named)";
}

// Two crossings between the same sides; `a`'s far side takes in 2 trucks an hour of 100 a day.
// Shippers watch a's announced wait and divert to the route through `b` past an hour.
const char* kTwoGates = R"(name: two_gates
start: 2025-04-07 00:00
horizon: 4d
cargo:
  general: {payload: 25t}
gate_sides:
  vn:
    country: VN
    time_zone: UTC+7
    stages:
      - {id: customs, servers: 4, service: 5min}
  cn:
    country: CN
    time_zone: UTC+8
    stages:
      - {id: inspection, servers: 4, service: 2min}
crossings:
  a: {sides: [vn, cn], intake: {export: {rate: 2/h}}}
  b: {sides: [vn, cn]}
flows:
  exports:
    direction: export
    cargo_mix: {general: 1}
    routes: {via_a: [{crossing: a}], via_b: [{crossing: b}]}
    choice: {rule: logit, dispersion: 0.01}
    arrivals: {rate: 100/day}
    response: {on: wait, gate: a, threshold: 1h, action: divert, divert_to: via_b,
               announce_every: 6h, announce_delay: 0s, announce_window: 6h}
)";

TEST(Response, ShippersWatchingAnAnnouncedWaitDivertToTheirOtherRoute) {
  const models::RunResult r =
      models::run_replication(models::load_scenario(write_temp("two_gates.yaml", kTwoGates)), 0);
  std::size_t diverted = 0, early = 0;
  for (const models::VehicleRecord& v : r.vehicles) {
    if (v.response != Responded::Diverted) continue;
    ++diverted;
    EXPECT_EQ(v.route, 1) << "diverted loads take via_b";
    EXPECT_NE(v.outcome, Outcome::Diverted) << "a route of the flow: it stays in the model";
    early += v.arrival_s < 6 * 3600;
  }
  EXPECT_GT(diverted, 100u);
  EXPECT_EQ(early, 0u) << "nobody acts before the first publication";
}

}  // namespace
