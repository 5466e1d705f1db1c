// `routes: all`: the cheapest routes of a flow on the corridor network, found with a stated bound
// on work. A route goes from the flow's origin to its destination in the flow's direction, visits
// each place once, passes at least one crossing, has at most kMaxRouteSteps steps, and once it
// reaches a gate by road it crosses there. Its cost is what the loader can know before any run:
// the legs' mean truck time plus their money over the flow's value of time, in hours (the route
// choice adds the crossings' announced times and waits as the run goes; see route.cpp).
//
// The search is best-first over partial routes (A*), with a lower bound from each place to the
// destination that knows whether a crossing is still needed; so a network with no route through a
// crossing is answered without a search, and routes come out cheapest first, never in the order
// the network happens to list its legs.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "models/scenario.hpp"

namespace models {

// At most this many routes a flow may choose among (`routes: all` keeps the cheapest this many),
// steps one route may have, and partial routes the search may build for one flow.
inline constexpr std::size_t kMaxRoutes = 32;
inline constexpr std::size_t kMaxRouteSteps = 64;
inline constexpr std::size_t kMaxRouteSearch = 200000;

// The place a step starts from and ends at, in the flow's direction (kNoPlace: unplaced); a leg as
// it is travelled (`reverse`: from its `to` to its `from`).
std::pair<std::size_t, std::size_t> step_ends(const Scenario& sc, const RouteStep& st,
                                              bool exports);

struct RouteSearch {
  // The cheapest routes found (at most `keep`), in the network's order (legs as declared, each
  // both ways, then crossings): the order a flow's routes have always had, so a network with no
  // more than `keep` routes gives the same routes in the same order as an enumeration.
  std::vector<Route> routes;
  std::vector<double> cost_h;  // each kept route's cost, as above
  bool more = false;           // a route beyond the kept ones exists (it is dearer or as dear)
  bool exhausted = false;      // the work bound was reached before `keep` routes were found
  std::size_t built = 0;       // partial routes built
};

// Routes are named by what they pass (inland terminals and crossings): "via_hanoi_lao_cai";
// two through the same places are numbered.
RouteSearch cheapest_routes(const Scenario& sc, std::size_t from, std::size_t to, bool exports,
                            double value_of_time_per_h, std::size_t keep = kMaxRoutes,
                            std::size_t max_built = kMaxRouteSearch);

}  // namespace models
