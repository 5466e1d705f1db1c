// Targeted restrictions (issue 10): a commodity ban or a suspended direction stops the vehicles it
// names, held until it ends or turned away, while the rest flows.
#include <gtest/gtest.h>

#include <map>

#include "models/border.hpp"
#include "models/loader.hpp"
#include "support.hpp"

namespace {

using models::Outcome;
using test_support::scenario_path;
using test_support::write_temp;

// Hekou's dragon-fruit ban: from 18 July no dragon fruit crosses into China; other fruit and
// general cargo cross as before; dragon-fruit trucks are turned away (outcome refused).
TEST(Restrictions, ACommodityBanStopsThatCommodityOnly) {
  const models::Scenario sc = models::load_scenario(scenario_path("fruit_ban"));
  auto code = [&](const std::string& id) {
    std::uint16_t c = 0;
    while (sc.cargo[c].id != id) ++c;
    return c;
  };
  const std::uint16_t dragon = code("dragon_fruit"), fruit = code("fresh_fruit"),
                      general = code("general");
  const long ban_from = sc.start_day + 4;  // 2021-07-18
  const models::RunResult r = models::run_replication(sc, 0);
  std::map<std::uint16_t, int> before, during, refused;
  for (const auto& v : r.vehicles) {
    if (!v.source.is_flow(0)) continue;
    if (v.outcome == Outcome::Refused) ++refused[v.cargo];
    if (v.crossed_s < 0) continue;
    const long day = sc.local_day(v.crossed_s, 8 * 3600);
    if (day >= ban_from + 1)
      ++during[v.cargo];  // a day into the ban: held or turned away before
    else if (day < ban_from)
      ++before[v.cargo];
  }
  EXPECT_GT(before[dragon], 50) << "dragon fruit crossed before the ban";
  EXPECT_EQ(during[dragon], 0) << "no dragon fruit crosses during the ban";
  EXPECT_GT(refused[dragon], 300);
  EXPECT_EQ(refused[fruit] + refused[general], 0) << "nothing else is turned away";
  // Other fruit keeps crossing at its rate (0.5 of 180 a day), nine days into the ban.
  EXPECT_GT(during[fruit], 9 * 0.5 * 180 * 0.85);
  EXPECT_GT(during[general], 9 * 0.2 * 180 * 0.85);
}

// Held, not turned away: imports suspended for two days wait and cross after the suspension ends,
// while exports flow.
TEST(Restrictions, ASuspendedDirectionHoldsItsVehiclesUntilItEnds) {
  const models::Scenario sc = test_support::variant(
      "kim_thanh_bac_son", "imports_held",
      "gate_sides:\n"
      "  kim_thanh:\n"
      "    restrictions: [{from: 2025-04-10, to: 2025-04-11, direction: inbound}]\n");
  const models::RunResult r = models::run_replication(sc, 0);
  const long from = sc.start_day + 3, to = sc.start_day + 4;
  std::map<bool, int> crossed_during;  // export?
  int held = 0;
  for (const auto& v : r.vehicles) {
    if (v.crossed_s < 0) continue;
    const bool is_export = sc.flows[v.source.index].export_direction;
    // Imports enter Kim Thanh: the restriction is on its local dates (UTC+7).
    const long day = sc.local_day(v.border_in_s, 7 * 3600);
    if (day >= from && day <= to) {
      ++crossed_during[is_export];
      if (!is_export) {
        EXPECT_GE(v.crossed_s, sc.sim_time(to + 1, 0, 7 * 3600))
            << "held until the suspension ended";
        ++held;
      }
    }
  }
  EXPECT_GT(held, 100);
  EXPECT_GT(crossed_during[true], 250) << "exports flow meanwhile";
  for (const auto& v : r.vehicles) EXPECT_NE(v.outcome, Outcome::Refused);
}

}  // namespace
