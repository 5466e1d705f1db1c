// The corridor network (scenario keys `places`, the network keys of `legs` and `crossings`, and
// a flow's `route`/`routes`/`origin`/`destination`/`choice`): places, legs between them, gate
// pairs at two places, and the routes a flow may take, checked to connect step by step (or all
// of them found from the origin to the destination).
#include "models/loader_parts.hpp"
#include "models/route_search.hpp"
#include "models/source_error.hpp"
#include "sim/time.hpp"

namespace models::detail {

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

// The flow's value of time (its `choice`, or the default), for ranking routes before any run.
double Loader::value_of_time_per_h(const Section& flow) const {
  const Section c = flow.section_or_defaults("choice", schema("choice"));
  return to_reporting(c, "value_of_time", c.money("value_of_time"));
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
      const RouteSearch found =
          cheapest_routes(sc, f.origin, f.destination, f.export_direction, value_of_time_per_h(s));
      const std::string between =
          echo(sc.places[f.origin].id) + " to " + echo(sc.places[f.destination].id);
      if (found.exhausted)
        fail(rs, s.at("routes"),
             "routes: all stopped after " + std::to_string(found.built) +
                 " partial routes (its limit) with " + std::to_string(found.routes.size()) +
                 " of the " + std::to_string(kMaxRoutes) + " cheapest routes from " + between +
                 " found; name the routes instead (routes: {name: [steps]})");
      if (found.routes.empty())
        fail(rs, s.at("routes"),
             "no route from " + between + " passes a crossing in this direction");
      f.routes = found.routes;
      f.routes_cut = found.more;
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
      const auto [a, b] = step_ends(sc, st, f.export_direction);
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
    ch.value_of_time_per_h = value_of_time_per_h(s);
    if (c.has("decide_again_at"))
      ch.decide_again_at = c.reference("decide_again_at", place_names, "place");
    f.choice = ch;
  }
}

}  // namespace models::detail
