// The corridor network written into a result (/network): places, legs and every flow's routes
// step by step, so the report's corridor view draws what the scenario declared without parsing
// its YAML.
#include "outputs/network.hpp"

#include <algorithm>

#include "models/plan.hpp"
#include "models/service.hpp"
#include "outputs/contract.hpp"

namespace outputs {

namespace {

const char* kind_name(models::PlaceKind k) {
  switch (k) {
    case models::PlaceKind::Origin:
      return "origin";
    case models::PlaceKind::Gate:
      return "gate";
    case models::PlaceKind::Terminal:
      return "terminal";
    case models::PlaceKind::Destination:
      return "destination";
  }
  return "?";
}

const std::string& place_id(const models::Scenario& sc, std::size_t p) {
  static const std::string none;
  return p < sc.places.size() ? sc.places[p].id : none;
}

}  // namespace

bool has_network(const models::Scenario& sc) {
  if (!sc.places.empty()) return true;
  return std::any_of(sc.flows.begin(), sc.flows.end(),
                     [](const models::Flow& f) { return f.routes.size() > 1; });
}

void write_network(hid_t group, const models::Scenario& sc) {
  if (!has_network(sc)) return;
  h5::Handle g = h5::create_group(group, "network");
  {
    auto t = make_table(g, table_spec(Table::Places));
    for (const models::Place& p : sc.places) {
      row::Place r{};
      copy_str(r.id, p.id);
      copy_str(r.name, p.name);
      copy_str(r.kind, kind_name(p.kind));
      r.lat = p.lat;
      r.lon = p.lon;
      t->append(r);
    }
    t->close();
  }
  {
    auto t = make_table(g, table_spec(Table::NetworkLegs), {{"cost", sc.currency}});
    for (const models::Leg& l : sc.legs) {
      row::NetworkLeg r{};
      copy_str(r.id, l.id);
      copy_str(r.from, place_id(sc, l.from));
      copy_str(r.to, place_id(sc, l.to));
      r.distance_km = l.distance_km;
      r.time_mean_h = l.truck.mean() / 3600;
      r.cost = l.cost;
      t->append(r);
    }
    t->close();
  }
  // A crossing's free-flow border time for the flow's main cargo class: its stops' expected
  // service, the bridge and expected transshipment.
  const models::Plan plan = models::build_plan(sc);
  auto free_flow_h = [&](std::size_t c, const models::Flow& f) {
    const int cargo =
        f.empty ? -1
                : static_cast<int>(std::max_element(f.cargo_mix.begin(), f.cargo_mix.end()) -
                                   f.cargo_mix.begin());
    return models::free_flow_border_s(sc, plan, c, f.export_direction, cargo) / 3600;
  };
  auto t = make_table(g, table_spec(Table::RouteSteps), {{"cost", sc.currency}});
  for (std::size_t f = 0; f < sc.flows.size(); ++f) {
    const models::Flow& flow = sc.flows[f];
    for (std::size_t r = 0; r < flow.routes.size(); ++r)
      for (std::size_t i = 0; i < flow.routes[r].steps.size(); ++i) {
        const models::RouteStep& st = flow.routes[r].steps[i];
        row::RouteStep rec{};
        rec.route = route_code(sc, f, r);
        rec.flow = static_cast<std::uint16_t>(f);
        rec.step = static_cast<std::uint16_t>(i);
        if (st.kind == models::RouteStep::Kind::Leg) {
          const models::Leg& l = sc.legs[st.index];
          copy_str(rec.kind, "leg");
          copy_str(rec.ref, l.id);
          rec.distance_km = l.distance_km;
          rec.time_mean_h = l.truck.mean() / 3600;
          rec.cost = l.cost;
        } else {
          const models::Crossing& c = sc.crossings[st.index];
          copy_str(rec.kind, "crossing");
          copy_str(rec.ref, c.id);
          rec.time_mean_h = free_flow_h(st.index, flow);
          rec.cost = flow.empty ? 0 : c.transship_share * c.transship_cost_reporting;
        }
        t->append(rec);
      }
  }
  t->close();
}

}  // namespace outputs
