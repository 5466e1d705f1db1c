// The report's corridor view (<section id="corridor">): a schematic of the places, legs and
// gates with the trucks a day drawn in proportion, and per flow a time-distance and a
// cost-distance chart of its routes (the UNESCAP time/cost-distance method corridor studies
// use: cumulative time and cost against distance, each border crossing a vertical step).
// Everything comes from the result file: /network (what the scenario declared) and the summary
// (route shares, throughput, simulated border time and trip cost by route).
#include "report/report_corridor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "outputs/contract.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/table_reader.hpp"
#include "report/svg.hpp"

namespace outputs {

namespace {

struct Summary {
  std::map<std::pair<Metric, Group>, double> mean;
  double get(Metric m, const Group& g, double fallback = NAN) const {
    const auto it = mean.find({m, g});
    return it == mean.end() ? fallback : it->second;
  }
};

Summary read_means(hid_t f, const std::string& path) {
  Summary s;
  for (const row::Summary& r : read_rows<row::Summary>(f, path, table_spec(Table::Summary))) {
    const auto m = metric_by_name(text(r.key.metric));
    if (m) s.mean[{*m, group_of(r.codes)}] = r.ci.mean;
  }
  return s;
}

std::string num(double v) {
  return fmt::format("{:.1f}", v);
}

}  // namespace

std::string corridor_section(hid_t f, const std::string& base) {
  const std::string net = (base.empty() ? "" : base + "/") + "network";
  if (!h5::exists(f, net + "/places")) return "";
  const auto places = read_rows<row::Place>(f, net + "/places", table_spec(Table::Places));
  const auto legs = read_rows<row::NetworkLeg>(f, net + "/legs", table_spec(Table::NetworkLegs));
  const auto steps =
      read_rows<row::RouteStep>(f, net + "/route_steps", table_spec(Table::RouteSteps));
  const Summary sum = read_means(f, (base.empty() ? "" : base + "/") + "summary");
  const GroupNames names = read_group_names(f, base);
  if (places.empty()) return "";
  // Chart ids unique when a comparison draws one section per scenario.
  std::string tag = base.empty() ? "" : "-" + base.substr(base.rfind('/') + 1);

  // Trucks a day per flow (released in the window, over its cargo classes) and per route.
  std::map<int, double> flow_per_day;
  for (const auto& [key, v] : sum.mean)
    if (key.first == Metric::ThroughputPerDay && key.second.kind == GroupKind::FlowCargo)
      flow_per_day[key.second.flow] += v;
  std::map<int, std::vector<const row::RouteStep*>> by_route;
  std::map<int, int> route_flow;
  for (const row::RouteStep& s : steps) {
    by_route[s.route].push_back(&s);
    route_flow[s.route] = s.flow;
  }
  // A route's own id: its /lookup/routes name is "<flow>/<route>" with the flow's name known from
  // its code, so nothing is split at a separator a flow's id might contain.
  auto route_id = [&](int route) {
    const std::string& name = names.route_name(route);
    const std::string& flow = names.flow_name(route_flow[route]);
    return name.size() > flow.size() + 1 ? name.substr(flow.size() + 1) : name;
  };
  std::map<std::string, int> route_code_of;  // the daily routes table names its columns so
  for (std::size_t k = 0; k < names.routes.size(); ++k)
    route_code_of[names.routes[k]] = static_cast<int>(k);
  auto route_per_day = [&](int route) {
    const int flow = route_flow[route];
    // A flow with one route makes no choice and has no share: all of it.
    const double share = sum.get(Metric::RouteShare, flow_route_group(flow, route), 1.0);
    return flow_per_day[flow] * share;
  };
  std::map<std::string, double> leg_per_day, crossing_per_day;
  for (const auto& [route, ss] : by_route) {
    const double n = route_per_day(route);
    for (const row::RouteStep* s : ss)
      (text(s->kind) == "leg" ? leg_per_day : crossing_per_day)[text(s->ref)] += n;
  }

  // ---- the schematic: places where they are, but with distance from the gates compressed
  // (log of the distance): the gates a few kilometres apart stay apart, and an origin a
  // thousand kilometres south still fits. Lines as wide as the trucks a day they carry.
  double cx = 0, cy = 0;
  int gates_located = 0;
  for (const row::Place& p : places)
    if (!std::isnan(p.lat) && text(p.kind) == "gate") {
      cx += p.lon, cy += p.lat;
      ++gates_located;
    }
  if (gates_located) cx /= gates_located, cy /= gates_located;
  const double coslat = std::cos(cy * 3.14159265 / 180);
  std::map<std::string, std::pair<double, double>> at;
  double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
  for (std::size_t i = 0; i < places.size(); ++i) {
    const row::Place& p = places[i];
    double dx = std::isnan(p.lon) ? std::cos(6.2832 * i / places.size()) : (p.lon - cx) * coslat;
    double dy = std::isnan(p.lat) ? std::sin(6.2832 * i / places.size()) : p.lat - cy;
    const double r = std::hypot(dx, dy);
    if (r > 0) {
      const double squeezed = std::log1p(r / 0.05);  // degrees; 0.05 deg is about 5 km
      dx *= squeezed / r;
      dy *= squeezed / r;
    }
    at[text(p.id)] = {dx, dy};
    x0 = std::min(x0, dx), x1 = std::max(x1, dx), y0 = std::min(y0, dy), y1 = std::max(y1, dy);
  }
  const double W = 760, H = 520, pad = 80;
  const double scale =
      std::min((W - 2 * pad) / std::max(1e-9, x1 - x0), (H - 2 * pad) / std::max(1e-9, y1 - y0));
  auto px = [&](const std::string& id) {
    const auto [x, y] = at[id];
    return std::pair{pad + (x - x0) * scale, H - pad - (y - y0) * scale};
  };
  double most = 1;
  for (const auto& [k, v] : leg_per_day) most = std::max(most, v);
  auto width = [&](double per_day) { return 1 + 14 * per_day / most; };
  std::string map = fmt::format(
      "<svg id=\"corridor-map{2}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" "
      "width=\"{0}\" "
      "height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"corridor schematic\">"
      "<text x=\"10\" y=\"18\" font-size=\"13\" font-weight=\"bold\">The corridor: trucks a day "
      "on each leg and through each gate</text>",
      W, H, tag);
  for (const row::NetworkLeg& l : legs) {
    const std::string id = text(l.id), from = text(l.from), to = text(l.to);
    if (from.empty() || to.empty()) continue;
    const auto [ax, ay] = px(from);
    const auto [bx, by] = px(to);
    const double n = leg_per_day[id];
    map += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#0b3c5d\" stroke-opacity=\"0.55\" "
        "stroke-width=\"{}\" stroke-linecap=\"round\"><title>{}: {:.0f} trucks/day, {:.0f} km"
        "</title></line>",
        num(ax), num(ay), num(bx), num(by), num(width(n)), svg::escape(id), n, l.distance_km);
    if (n >= 1)
      map +=
          fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#0b3c5d\">{:.0f}/day</text>",
                      num((ax + bx) / 2 + 4), num((ay + by) / 2 - 4), n);
  }
  std::vector<std::pair<double, double>> labelled;  // a label only where none is near
  for (const row::Place& p : places) {
    const auto [x, y] = px(text(p.id));
    const std::string kind = text(p.kind);
    bool crowded = false;
    for (const auto& [lx, ly] : labelled) crowded = crowded || std::hypot(lx - x, ly - y) < 14;
    if (!crowded) labelled.emplace_back(x, y);
    const char* fill = kind == "origin"        ? "#2a7f62"
                       : kind == "destination" ? "#cc79a7"
                       : kind == "terminal"    ? "#e69f00"
                                               : "#d55e00";
    map += fmt::format(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"><title>{} ({})</title></circle>"
        "<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
        num(x), num(y), kind == "gate" ? 4 : 6, fill, svg::escape(text(p.name)), kind, num(x + 7),
        num(y + 4), crowded ? "" : svg::escape(text(p.name)));
  }
  map += fmt::format(
      "<text x=\"10\" y=\"{}\" font-size=\"11\">Line width: trucks a day (the widest "
      "{:.0f}/day). Dots: green origin, orange inland terminal, red gate, pink destination.</text>"
      "<text x=\"10\" y=\"{}\" font-size=\"11\">Directions as on a map; distances from the "
      "gates compressed (logarithmically) so that nearby gates stay apart.</text></svg>",
      H - 26, most, H - 12);

  // ---- the gates: trucks a day through each crossing.
  std::string gates = "<table><tr><th>crossing</th><th>trucks/day (both directions)</th></tr>";
  for (const auto& [c, n] : crossing_per_day)
    gates += fmt::format("<tr><td>{}</td><td>{:.0f}</td></tr>", svg::escape(c), n);
  gates += "</table>";

  // ---- time/cost-distance charts, per flow: its routes (those a truck in a hundred takes).
  std::string charts;
  std::map<int, std::vector<int>> routes_of;
  for (const auto& [route, flow] : route_flow) routes_of[flow].push_back(route);
  int k = 0;
  for (const auto& [flow, routes] : routes_of) {
    std::vector<svg::Series> time_lines, cost_lines;
    double max_d = 1, max_t = 1, max_c = 1;
    for (int route : routes) {
      const Group g = flow_route_group(static_cast<std::uint16_t>(flow), route);
      const double share = sum.get(Metric::RouteShare, g, 1.0);
      if (routes.size() > 1 && !(share >= 0.01)) continue;
      // The simulated border time and trip cost of the route where the run has them.
      const double border = sum.get(Metric::BorderTimeMean, g);
      const double trip = sum.get(Metric::TripCostMean, g);
      int crossings = 0;
      double free_border = 0, step_cost = 0;
      for (const row::RouteStep* s : by_route[route])
        if (text(s->kind) == "crossing") {
          ++crossings;
          free_border += s->time_mean_h;
        } else {
          step_cost += s->cost;
        }
      svg::Series t, c;
      t.name = c.name = fmt::format("{} ({:.0f} %)", route_id(route), 100 * share);
      double d = 0, h = 0, m = 0;
      t.x.push_back(0), t.y.push_back(0), c.x.push_back(0), c.y.push_back(0);
      for (const row::RouteStep* s : by_route[route]) {
        if (text(s->kind) == "crossing") {
          // A vertical step: the border's time (simulated, shared over the route's crossings
          // by their free-flow times) and its money (the rest of the trip's cost beyond legs).
          const double share_of = free_border > 0 ? s->time_mean_h / free_border : 1.0 / crossings;
          h += std::isnan(border) ? s->time_mean_h : border * share_of;
          m += std::isnan(trip) ? s->cost : std::max(0.0, trip - step_cost) * share_of;
        } else {
          d += s->distance_km;
          h += s->time_mean_h;
          m += s->cost;
        }
        t.x.push_back(d), t.y.push_back(h), c.x.push_back(d), c.y.push_back(m);
      }
      max_d = std::max(max_d, d), max_t = std::max(max_t, h), max_c = std::max(max_c, m);
      time_lines.push_back(std::move(t));
      cost_lines.push_back(std::move(c));
    }
    if (time_lines.empty()) continue;
    const std::string flow_name = names.flow_name(flow);
    svg::Chart tc("corridor-time" + tag + "-" + std::to_string(k),
                  flow_name + ": time against distance", 760, 300);
    tc.x_axis("distance from the origin (km)", 0, max_d * 1.02);
    tc.y_axis("hours since setting out", 0, max_t * 1.05);
    for (const auto& s : time_lines) tc.line(s);
    svg::Chart cc("corridor-cost" + tag + "-" + std::to_string(k),
                  flow_name + ": cost against distance", 760, 300);
    cc.x_axis("distance from the origin (km)", 0, max_d * 1.02);
    cc.y_axis("money spent", 0, max_c * 1.05);
    for (const auto& s : cost_lines) cc.line(s);
    charts += tc.svg() + cc.svg();
    ++k;
  }
  // ---- the share each route took, day by day (mean over the replications written).
  std::string shares;
  const std::string reps = (base.empty() ? "" : base + "/") + "replications";
  std::map<std::string, std::vector<std::vector<double>>> daily;  // column -> per rep, per day
  std::vector<double> days;
  if (h5::exists(f, reps))
    for (const std::string& r : h5::children(f, reps)) {
      const std::string path = reps + "/" + r + "/routes";
      if (!h5::exists(f, path)) continue;
      const DecodedTable t = read_decoded(f, path);
      for (const DecodedColumn& c : t.columns) {
        if (c.name == "t_s") {
          if (days.empty())
            for (double x : c.floats) days.push_back(x / 86400);
          continue;
        }
        daily[c.name].push_back(c.floats);
      }
    }
  std::map<std::string, std::vector<std::string>> columns_of;  // flow -> its route columns
  for (const auto& [col, v] : daily) {
    const auto code = route_code_of.find(col);
    if (code == route_code_of.end()) continue;  // not a route of this file's lookup
    columns_of[names.flow_name(route_flow[code->second])].push_back(col);
  }
  int j = 0;
  for (const auto& [flow, cols] : columns_of) {
    std::vector<double> total(days.size(), 0.0);
    for (const std::string& c : cols)
      for (const auto& rep : daily[c])
        for (std::size_t d = 0; d < std::min(days.size(), rep.size()); ++d) total[d] += rep[d];
    svg::Chart ch("corridor-share" + tag + "-" + std::to_string(j++),
                  flow + ": share of its trucks choosing each route, by day", 760, 280);
    ch.x_axis("days since the start", 0, days.empty() ? 1 : days.back() + 1);
    ch.y_axis("share of the day's trucks", 0, 1);
    for (const std::string& c : cols) {
      svg::Series sr;
      sr.name = route_id(route_code_of[c]);
      for (std::size_t d = 0; d < days.size(); ++d) {
        double n = 0;
        for (const auto& rep : daily[c]) n += d < rep.size() ? rep[d] : 0;
        sr.x.push_back(days[d] + 0.5);
        sr.y.push_back(total[d] > 0 ? n / total[d] : 0);
      }
      ch.line(sr);
    }
    shares += ch.svg();
  }
  return "<section id=\"corridor" + tag +
         "\"><h2>The corridor</h2><p>Where the trucks go: each leg drawn as "
         "wide as the trucks a day it carries (from the throughput and the route shares of the "
         "run). Below, each flow's routes as time and cost against distance: legs slope, a border "
         "crossing is a vertical step (its simulated border time, and its transshipment and "
         "parking), so the steps show where a route loses its time and money.</p>" +
         map + gates + shares + charts + "</section>";
}

}  // namespace outputs
