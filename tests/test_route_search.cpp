// `routes: all` (issue 22): the cheapest routes, found with a bound on work. A complete network of
// 13 terminals has more than 13! routes through it; an enumeration of every path did not finish in
// minutes, and kept the first 32 it met (zig-zags), not the best.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "models/loader.hpp"
#include "models/route_search.hpp"
#include "support.hpp"

namespace {

using test_support::variant;

// gms_north with a clique of `n` terminals joined to each other by 1 h legs. `linked`: the
// clique hangs between the Mekong delta and Hanoi (every terminal reaches Hanoi, 200 h away), so a
// Kunming flow can detour through it in more ways than can be counted; otherwise it is an island,
// and a flow from its first terminal reaches no crossing.
std::string clique(int n, bool linked) {
  std::string places = "places:\n", legs = "legs:\n";
  for (int i = 0; i < n; ++i) places += "  t" + std::to_string(i) + ": {kind: terminal}\n";
  const std::string leg = "distance: 50km, cost: 50USD, truck: 1h}\n";
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j)
      legs += "  t" + std::to_string(i) + "_t" + std::to_string(j) + ": {from: t" +
              std::to_string(i) + ", to: t" + std::to_string(j) + ", " + leg;
  if (linked) {
    legs += "  mekong_t0: {from: mekong_delta, to: t0, " + leg;
    for (int i = 0; i < n; ++i)
      legs += "  t" + std::to_string(i) + "_hanoi: {from: t" + std::to_string(i) +
              ", to: hanoi, distance: 50km, cost: 50USD, truck: 200h}\n";
  }
  const std::string flow = linked ? "" : R"(flows:
  island:
    direction: export
    cargo_mix: {fresh_fruit: 1.0}
    origin: t0
    destination: kunming
    routes: all
    arrivals: {rate: 10/day}
)";
  return places + legs + flow;
}

TEST(RouteSearch, AnIslandOfThirteenTerminalsIsAnsweredWithoutASearch) {
  try {
    variant("gms_north", "island", clique(13, false));
    FAIL() << "loaded";
  } catch (const models::SourceError& e) {
    EXPECT_EQ(e.key_path(), "flows.island.routes");
    EXPECT_NE(e.message().find("no route from 't0' to 'kunming' passes a crossing"),
              std::string::npos)
        << e.what();
  }
}

TEST(RouteSearch, ThirteenConnectedTerminalsGiveTheCheapestRoutesWithinTheBound) {
  const models::Scenario base = models::load_scenario(test_support::scenario_path("gms_north"));
  const models::Scenario sc = variant("gms_north", "clique", clique(13, true));
  const auto find = [&](const models::Scenario& s) {
    const auto& f = *std::find_if(s.flows.begin(), s.flows.end(),
                                  [](const models::Flow& x) { return x.id == "fruit_to_kunming"; });
    return models::cheapest_routes(s, f.origin, f.destination, f.export_direction, 30);
  };
  const models::RouteSearch before = find(base), r = find(sc);
  ASSERT_FALSE(r.exhausted);
  EXPECT_LE(r.built, models::kMaxRouteSearch);
  ASSERT_EQ(r.routes.size(), models::kMaxRoutes);
  EXPECT_TRUE(r.more);
  // The clique's detours cost at least 200 h (the leg back to Hanoi): every route without one is
  // kept, and the kept routes are the cheapest: none dearer than one left out could be.
  for (const models::Route& b : before.routes)
    EXPECT_TRUE(std::any_of(r.routes.begin(), r.routes.end(),
                            [&](const models::Route& x) { return x.id == b.id; }))
        << b.id << " was dropped for a detour";
  const double dearest = *std::max_element(r.cost_h.begin(), r.cost_h.end());
  const double cheapest_detour = 1 + 50.0 / 30 + 200 + 50.0 / 30;  // mekong-t0, t0-hanoi
  for (std::size_t i = 0; i < r.routes.size(); ++i)
    if (r.routes[i].id.find("via_t") == 0) EXPECT_GE(r.cost_h[i] + 1e-9, cheapest_detour);
  EXPECT_GE(dearest + 1e-9, *std::max_element(before.cost_h.begin(), before.cost_h.end()));
  // The flow itself: the same cut, stated on the flow for `validate`.
  const auto& f = *std::find_if(sc.flows.begin(), sc.flows.end(),
                                [](const models::Flow& x) { return x.id == "fruit_to_kunming"; });
  EXPECT_EQ(f.routes.size(), models::kMaxRoutes);
  EXPECT_TRUE(f.routes_cut);
}

// Out of work before the cheapest routes are known: an error naming the key, never a silent cut.
TEST(RouteSearch, RunningOutOfWorkIsAnErrorAtTheKey) {
  const models::Scenario sc = variant("gms_north", "clique_small", clique(9, true));
  const auto& f = *std::find_if(sc.flows.begin(), sc.flows.end(),
                                [](const models::Flow& x) { return x.id == "fruit_to_kunming"; });
  const models::RouteSearch r = models::cheapest_routes(
      sc, f.origin, f.destination, f.export_direction, 30, models::kMaxRoutes, /*max_built=*/50);
  EXPECT_TRUE(r.exhausted);
  EXPECT_LT(r.routes.size(), models::kMaxRoutes);
  EXPECT_LE(r.built, 50u);
}

// The shipped corridor has fewer routes than the cap: all of them, in the network's order (the
// order they always had, so its results do not move).
TEST(RouteSearch, ShippedCorridorKeepsEveryRouteInTheNetworksOrder) {
  const models::Scenario sc = models::load_scenario(test_support::scenario_path("gms_north"));
  for (const models::Flow& f : sc.flows) {
    if (f.routes.size() < 2) continue;
    EXPECT_FALSE(f.routes_cut) << f.id;
    const models::RouteSearch r =
        models::cheapest_routes(sc, f.origin, f.destination, f.export_direction, 30, 1000);
    EXPECT_FALSE(r.more);
    ASSERT_EQ(r.routes.size(), f.routes.size()) << f.id;
    for (std::size_t i = 0; i < r.routes.size(); ++i) EXPECT_EQ(r.routes[i].id, f.routes[i].id);
  }
}

}  // namespace
