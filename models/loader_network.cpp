// The corridor network (scenario keys `places`, the network keys of `legs` and `crossings`, and
// a flow's `route`/`routes`/`origin`/`destination`/`choice`): places, legs between them, gate
// pairs at two places, and the routes a flow may take, checked to connect step by step (or all
// of them found from the origin to the destination).
#include <functional>

#include "models/loader_parts.hpp"
#include "models/source_error.hpp"
#include "sim/time.hpp"

namespace models::detail {

namespace {

// At most this many routes a flow may choose among, and steps one may have (`routes: all` stops
// its search there; a listed route past it is refused).
constexpr std::size_t kMaxRoutes = 32;
constexpr std::size_t kMaxRouteSteps = 64;

// The place a route step starts from and ends at, in the flow's direction (kNoPlace:
// unplaced); a leg as it is travelled (`reverse`: from its `to` to its `from`).
std::pair<std::size_t, std::size_t> ends(const Scenario& sc, const RouteStep& st, bool exports) {
  if (st.kind == RouteStep::Kind::Leg) {
    const Leg& l = sc.legs[st.index];
    return st.reverse ? std::pair{l.to, l.from} : std::pair{l.from, l.to};
  }
  const Crossing& c = sc.crossings[st.index];
  return exports ? std::pair{c.places[0], c.places[1]} : std::pair{c.places[1], c.places[0]};
}

}  // namespace

void Loader::places(const YamlNode& n) {
  read_by_id(n, "places", "place", "places", false,
             [&](const YamlNode::Entry& e, const Section& s) {
               Place p;
               p.id = e.key;
               read_params(s, p);
               p.name = s.has("name") ? s.string("name") : e.key;
               if (s.has("lat") != s.has("lon"))
                 fail(e.value, s.path(), "give 'lat' and 'lon' together");
               if (s.has("lat")) {
                 p.lat = s.real("lat");
                 p.lon = s.real("lon");
               }
               sc.places.push_back(std::move(p));
               place_names.push_back(e.key);
             });
}

void Loader::leg_network(const Section& s, Leg& leg) {
  if (s.has("from") != s.has("to"))
    fail(s.node(), s.path(), "give the leg's 'from' and 'to' together");
  if (s.has("from")) {
    if (sc.places.empty())
      fail(*s.raw("from"), s.at("from"), "a leg's places need a `places` section");
    leg.from = s.reference("from", place_names, "place");
    leg.to = s.reference("to", place_names, "place");
    if (leg.from == leg.to) fail(*s.raw("to"), s.at("to"), "a leg must go somewhere else");
  }
  leg.cost = to_reporting(s, "cost", s.money("cost"));
}

void Loader::crossing_network(const Section& s, Crossing& c) {
  if (s.has("places")) {
    if (sc.places.empty())
      fail(*s.raw("places"), s.at("places"), "a crossing's places need a `places` section");
    const auto ids = s.ids("places");
    if (ids.size() != 2)
      fail(*s.raw("places"), s.at("places"),
           "expected the two gate places [first side's, second side's]");
    for (std::size_t i = 0; i < 2; ++i)
      c.places[i] =
          resolve(place_names, ids[i].first, *ids[i].second, item(s.at("places"), i), "place");
    if (c.places[0] == c.places[1])
      fail(*s.raw("places"), s.at("places"), "the two sides stand at two places");
  }
  c.parking_per_day = to_reporting(s, "parking_per_day", s.money("parking_per_day"));
}

std::vector<RouteStep> Loader::route_steps(const YamlNode& list, const std::string& path) {
  if (!list.is_sequence())
    fail(list, path, std::string("expected a list of steps, got ") + list.kind_name());
  if (list.items.size() > kMaxRouteSteps)
    fail(list, path, "at most " + std::to_string(kMaxRouteSteps) + " steps in a route");
  std::vector<RouteStep> steps;
  bool has_crossing = false;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const std::string p = item(path, i);
    Section r(list.items[i], p, schema("route_step"));
    if (r.has("leg") == r.has("crossing"))
      fail(list.items[i], p, "expected exactly one of 'leg' or 'crossing'");
    if (r.has("leg")) {
      steps.push_back({RouteStep::Kind::Leg, r.reference("leg", leg_names, "leg")});
    } else {
      steps.push_back(
          {RouteStep::Kind::Crossing, r.reference("crossing", crossing_names, "crossing")});
      has_crossing = true;
    }
  }
  if (!has_crossing) fail(list, path, "a route must pass at least one crossing");
  return steps;
}

// Every route from `from` to `to` in the flow's direction that visits each place once and passes
// at least one crossing, in a fixed order (steps as declared: legs, then crossings).
std::vector<Route> Loader::all_routes(std::size_t from, std::size_t to, bool exports) const {
  std::vector<RouteStep> edges;  // legs both ways
  for (std::size_t i = 0; i < sc.legs.size(); ++i)
    if (sc.legs[i].from != kNoPlace)
      for (const bool reverse : {false, true}) edges.push_back({RouteStep::Kind::Leg, i, reverse});
  for (std::size_t i = 0; i < sc.crossings.size(); ++i)
    if (sc.crossings[i].places[0] != kNoPlace) edges.push_back({RouteStep::Kind::Crossing, i});
  std::vector<Route> out;
  std::vector<RouteStep> path;
  std::vector<bool> seen(sc.places.size(), false);
  std::function<void(std::size_t)> walk = [&](std::size_t at) {
    if (out.size() >= kMaxRoutes || path.size() >= kMaxRouteSteps) return;
    if (at == to) {
      // Named by what it passes: the inland terminals and the crossings, in order.
      Route r;
      r.steps = path;
      bool crosses = false;
      for (const RouteStep& st : path) {
        std::string part;
        if (st.kind == RouteStep::Kind::Crossing) {
          part = sc.crossings[st.index].id;
          crosses = true;
        } else {
          const auto [a, b] = ends(sc, st, exports);
          if (b != to && sc.places[b].kind != PlaceKind::Gate) part = sc.places[b].id;
        }
        if (!part.empty()) r.id += (r.id.empty() ? "via_" : "_") + part;
      }
      if (crosses) out.push_back(std::move(r));
      return;
    }
    seen[at] = true;
    // Reached a gate by road, a route crosses there: it does not drive through a gate's
    // control area to somewhere else.
    const bool at_gate_by_road = sc.places[at].kind == PlaceKind::Gate && !path.empty() &&
                                 path.back().kind == RouteStep::Kind::Leg;
    for (const RouteStep& e : edges) {
      const auto [a, b] = ends(sc, e, exports);
      if (a != at || seen[b]) continue;
      if (at_gate_by_road && e.kind != RouteStep::Kind::Crossing) continue;
      path.push_back(e);
      walk(b);
      path.pop_back();
    }
    seen[at] = false;
  };
  walk(from);
  // Two routes through the same crossings: told apart by a number.
  for (std::size_t i = 0; i < out.size(); ++i)
    for (std::size_t j = i + 1, k = 2; j < out.size(); ++j)
      if (out[j].id == out[i].id) out[j].id += "_" + std::to_string(k++);
  return out;
}

void Loader::flow_routes(const Section& s, Flow& f) {
  if (s.has("origin")) f.origin = s.reference("origin", place_names, "place");
  if (s.has("destination")) f.destination = s.reference("destination", place_names, "place");
  if (s.has("route") == s.has("routes"))
    fail(s.node(), s.path(), "give 'route' (one) or 'routes' (several to choose among)");
  if (s.has("route")) {
    f.routes.push_back(Route{"route", route_steps(s.list("route"), s.at("route"))});
  } else {
    const YamlNode& rs = *s.raw("routes");
    if (rs.is_scalar() && rs.scalar == "all") {
      if (f.origin == kNoPlace || f.destination == kNoPlace)
        fail(rs, s.at("routes"), "routes: all needs the flow's 'origin' and 'destination'");
      f.routes = all_routes(f.origin, f.destination, f.export_direction);
      if (f.routes.empty())
        fail(rs, s.at("routes"),
             "no route from " + echo(sc.places[f.origin].id) + " to " +
                 echo(sc.places[f.destination].id) + " passes a crossing in this direction");
    } else {
      if (!rs.is_mapping() || rs.entries.empty())
        fail(rs, s.at("routes"), "expected routes by name (a mapping of step lists) or 'all'");
      if (rs.entries.size() > kMaxRoutes)
        fail(rs, s.at("routes"), "at most " + std::to_string(kMaxRoutes) + " routes");
      for (const YamlNode::Entry& e : rs.entries) {
        check_key_id(e, join(s.at("routes"), e.key));
        f.routes.push_back(Route{e.key, route_steps(e.value, join(s.at("routes"), e.key))});
      }
    }
  }
  // Each step starts where the one before ended, from the origin to the destination.
  for (std::size_t r = 0; r < f.routes.size(); ++r) {
    std::size_t at = f.origin;
    const YamlNode& where = s.has("route") ? *s.raw("route") : *s.raw("routes");
    const std::string path = s.has("route") ? s.at("route") : join(s.at("routes"), f.routes[r].id);
    for (std::size_t i = 0; i < f.routes[r].steps.size(); ++i) {
      RouteStep& st = f.routes[r].steps[i];
      // A leg goes both ways: the way that starts where the route is.
      if (st.kind == RouteStep::Kind::Leg && at != kNoPlace && sc.legs[st.index].to == at &&
          sc.legs[st.index].from != at)
        st.reverse = true;
      const auto [a, b] = ends(sc, st, f.export_direction);
      if (at != kNoPlace && a != kNoPlace && a != at)
        fail(where, item(path, i),
             "this step starts at " + echo(sc.places[a].id) + " but the route is at " +
                 echo(sc.places[at].id));
      at = b != kNoPlace ? b : (a == kNoPlace ? at : kNoPlace);
      st.end = at;
    }
    if (f.destination != kNoPlace && at != kNoPlace && at != f.destination)
      fail(where, path,
           "the route ends at " + echo(sc.places[at].id) + ", not at the destination " +
               echo(sc.places[f.destination].id));
  }
  if (s.has("choice") && f.routes.size() < 2)
    fail(*s.raw("choice"), s.at("choice"), "a choice needs at least two routes");
  if (f.routes.size() > 1) {
    const Section c = s.section_or_defaults("choice", schema("choice"));
    RouteChoice ch;
    read_params(c, ch);
    ch.value_of_time_per_h = to_reporting(c, "value_of_time", c.money("value_of_time"));
    if (c.has("decide_again_at"))
      ch.decide_again_at = c.reference("decide_again_at", place_names, "place");
    f.choice = ch;
  }
}

}  // namespace models::detail
