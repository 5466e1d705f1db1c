// What arrives: truck flows with their routes, arrival processes (rates or CSV tables) and empty
// returns, and timetabled rail services: scenario keys `flows` and `rail`.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "models/calendar.hpp"
#include "models/loader_parts.hpp"
#include "sim/stop.hpp"

namespace models::detail {

namespace {

namespace fs = std::filesystem;

// Arrival times from a CSV file, one `YYYY-MM-DD HH:MM` (scenario zone) per line; errors name
// the CSV file and line.
std::vector<double> read_arrival_table(const Section& s, const Scenario& sc,
                                       const std::string& base_dir) {
  const std::string file = s.string("table");
  const fs::path p = fs::path(file).is_absolute() ? fs::path(file) : fs::path(base_dir) / file;
  std::string text;
  try {
    text = read_text_file(p.string(), kMaxTableBytes);
  } catch (const FileError& e) {
    fail(*s.raw("table"), s.at("table"),
         "cannot open arrival table " + echo(file) + ": " + e.reason());
  }
  std::istringstream in(std::move(text));
  std::vector<double> times;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    if (++lineno % 4096 == 0) sim::poll_stop();  // a big table stops at once
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#' || line == "time") continue;
    if (line.size() != 16 || line[10] != ' ')
      throw SourceError(p.string(), Mark{lineno, 1}, s.at("table"),
                        "expected 'YYYY-MM-DD HH:MM', got " + echo(line));
    try {  // a table line, not a YAML node: located at its line below
      const long day = units::date(line.substr(0, 10));                // located
      const double time_of_day = units::time_of_day(line.substr(11));  // located
      times.push_back(sc.sim_time(day, time_of_day, sc.utc_offset_s));
    } catch (const std::invalid_argument& ex) {
      throw SourceError(p.string(), Mark{lineno, 1}, s.at("table"), ex.what());
    }
    if (times.size() > 1 && times.back() < times[times.size() - 2])
      throw SourceError(p.string(), Mark{lineno, 1}, s.at("table"),
                        "arrival times must not go back");
  }
  if (times.empty()) fail(*s.raw("table"), s.at("table"), "the arrival table has no rows");
  if (times.size() > kMaxArrivalsPerFlow)
    fail(*s.raw("table"), s.at("table"),
         "the arrival table has " + std::to_string(times.size()) +
             " rows; a flow may have at most " + std::to_string(kMaxArrivalsPerFlow) +
             " arrivals in one replication");
  return times;
}

// Refuses an arrival process whose count in one replication could pass kMaxArrivalsPerFlow:
// the expected count plus six Poisson standard deviations, so a run never meets the limit by
// chance after minutes of work. `!(... <=)` also refuses a NaN or infinite expectation.
void check_arrival_count(double expected, const YamlNode& at, const std::string& path) {
  if (expected + 6 * std::sqrt(expected) <= kMaxArrivalsPerFlow) return;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", expected);
  fail(at, path,
       std::string("about ") + buf + " arrivals expected in one replication; at most " +
           std::to_string(kMaxArrivalsPerFlow) + " fit (lower the rate or the horizon)");
}

// Following each flow's empty return is a walk on a graph where every flow has at most one
// successor, so a cycle is found by walking at most flows.size() steps. Each cycle needs one
// return with a mean `after` of at least kMinCycleTurnaround_s; reported once, at its first flow.
void check_return_cycles(const std::vector<Flow>& flows, const YamlNode& n) {
  for (std::size_t start = 0; start < flows.size(); ++start) {
    std::vector<std::size_t> cycle{start};
    std::size_t at = start;
    bool closed = false;
    for (std::size_t step = 0; step < flows.size() && flows[at].empty_return; ++step) {
      at = flows[at].empty_return->flow;
      if (at == start) {
        closed = true;
        break;
      }
      cycle.push_back(at);
    }
    if (!closed || *std::min_element(cycle.begin(), cycle.end()) != start) continue;
    const bool takes_time = std::any_of(cycle.begin(), cycle.end(), [&](std::size_t f) {
      return flows[f].empty_return->after.mean() >= kMinCycleTurnaround_s;
    });
    if (takes_time) continue;
    std::string names;
    for (std::size_t f : cycle) names += flows[f].id + " -> ";
    fail(*n.entries[start].value.find("empty_return"), "flows." + flows[start].id + ".empty_return",
         "empty returns form a cycle " + names + flows[start].id +
             " in which every 'after' has a mean below 1min: trucks could bounce between these "
             "flows without "
             "time passing (give one of them an 'after' of at least 1min)");
  }
}

// Thresholds across shippers: one figure, or [figure, cumulative share] points (a piecewise-
// linear distribution). Figures are vehicles (backlog) or durations (wait).
sim::Distribution read_threshold(const Section& s, bool wait) {
  const YamlNode& n = s.required("threshold");
  const std::string path = s.at("threshold");
  auto figure = [&](const YamlNode& x, const std::string& p) {
    const double v =
        wait ? parsed_at(x, p, "a duration such as '2d'", units::duration) : real_at(x, p);
    if (!(v >= 0)) fail(x, p, "a threshold must not be negative");
    return v;
  };
  if (n.is_scalar()) return sim::Distribution::deterministic(figure(n, path));
  if (!n.is_sequence() || n.items.size() < 2)
    fail(n, path, "expected a figure or a list of at least two [figure, share] points");
  std::vector<double> xs, fs;
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    const YamlNode& pt = n.items[i];
    const std::string p = item(path, i);
    if (!pt.is_sequence() || pt.items.size() != 2)
      fail(pt, p, "expected a pair [figure, cumulative share]");
    xs.push_back(figure(pt.items[0], p));
    fs.push_back(real_at(pt.items[1], p));
  }
  try {
    return sim::Distribution::empirical(xs, fs);
  } catch (const std::invalid_argument& e) {
    fail(n, path, std::string("invalid thresholds: ") + e.what());
  }
}

// A flow's `response` (after its routes).
Response read_response(const Section& r, const Flow& f, const std::vector<std::string>& crossings) {
  Response out;
  read_params(r, out);
  if (r.has("gate")) {
    out.gate = r.reference("gate", crossings, "crossing");
    if (std::none_of(f.routes.begin(), f.routes.end(),
                     [&](const Route& x) { return x.passes(out.gate); }))
      fail(*r.raw("gate"), r.at("gate"), "no route of the flow passes this crossing");
  } else {
    const auto& steps = f.routes.front().steps;
    const auto first = std::find_if(steps.begin(), steps.end(), [](const RouteStep& st) {
      return st.kind == RouteStep::Kind::Crossing;
    });
    if (first == steps.end())
      fail(r.node(), r.at("gate"), "the flow's route passes no crossing: name the gate");
    out.gate = first->index;
  }
  out.threshold = read_threshold(r, out.on == Response::On::Wait);
  if (const YamlNode* a = r.raw("action"); a && a->is_mapping()) {
    const std::vector<double> sh =
        shares(*a, r.at("action"), {"defer", "cancel", "divert"}, "action");
    std::copy(sh.begin(), sh.end(), out.action.begin());
  } else {
    out.action = {0, 0, 0};
    out.action[static_cast<std::size_t>(r.choice("action").code)] = 1;
  }
  if (r.has("divert_to")) {
    std::vector<std::string> names;
    for (const Route& x : f.routes) names.push_back(x.id);
    out.divert_to = static_cast<int>(r.reference("divert_to", names, "route"));
    if (f.routes[static_cast<std::size_t>(out.divert_to)].passes(out.gate))
      fail(*r.raw("divert_to"), r.at("divert_to"), "this route passes the gate it avoids");
  }
  return out;
}

}  // namespace

ArrivalProcess Loader::arrivals(const Section& s, const std::string& base_dir) {
  ArrivalProcess a;
  if (s.has("table")) {
    if (s.has("rate"))
      fail(*s.raw("rate"), s.at("rate"), "give either 'rate' or 'table', not both");
    a.table_s = read_arrival_table(s, sc, base_dir);
    return a;
  }
  a.rate_per_s = s.rate("rate");
  a.hourly = s.has("hourly") ? weights(*s.raw("hourly"), s.at("hourly"), 24, "hourly weights")
                             : std::vector<double>(24, 1.0);
  a.weekly = s.has("weekly")
                 ? weights(*s.raw("weekly"), s.at("weekly"), 7, "weekday weights (Mon..Sun)")
                 : std::vector<double>(7, 1.0);
  a.seasons = read_dated_list<SeasonFactor>(s, "seasons", "season", [](const Section& x) {
    SeasonFactor f;
    read_params(x, f);
    check_range(x, f.dates);
    return f;
  });
  if (a.rate_per_s > 0) {
    // A bound first, from the largest factors: far below the limit for any real scenario, it
    // spares the exact count, which walks every hour of the horizon against every season.
    double peak = *std::max_element(a.hourly.begin(), a.hourly.end()) *
                  *std::max_element(a.weekly.begin(), a.weekly.end());
    for (const SeasonFactor& sf : a.seasons) peak *= std::max(1.0, sf.factor);
    if (!(a.rate_per_s * peak * sc.horizon_s <= kMaxArrivalsPerFlow / 2))
      check_arrival_count(flow_rate(sc, a).cumulative(0, sc.horizon_s), *s.raw("rate"),
                          s.at("rate"));
  }
  return a;
}

void Loader::flows(const YamlNode& n, const std::string& base_dir) {
  if (!n.is_mapping()) fail(n, "flows", "expected a mapping of flows by id");
  check_flow_count(n.entries.size(), n);
  for (const YamlNode::Entry& e : n.entries)
    flow_names.push_back(e.key);  // returns may refer ahead
  read_by_id(n, "flows", "flow", "flows", false, [&](const YamlNode::Entry& e, const Section& s) {
    Flow f;
    f.id = e.key;
    read_params(s, f);
    if (s.has("cargo_mix")) {
      f.cargo_mix = shares(*s.raw("cargo_mix"), s.at("cargo_mix"), cargo_names, "cargo class");
    } else {
      f.empty = true;
      f.cargo_mix.assign(sc.cargo.size(), 0.0);
      f.cargo_mix[0] = 1.0;  // ignored for empties; keeps the mix well formed
    }
    flow_routes(s, f);
    if (s.has("arrivals"))
      f.arrivals =
          arrivals(Section(*s.raw("arrivals"), s.at("arrivals"), schema("arrivals")), base_dir);
    if (s.has("empty_return")) {
      Section r(*s.raw("empty_return"), s.at("empty_return"), schema("empty_return"));
      EmptyReturn er;
      read_params(r, er);
      er.flow = r.reference("flow", flow_names, "flow");
      f.empty_return = er;
    }
    if (s.has("behaviour")) {
      const Section b(*s.raw("behaviour"), s.at("behaviour"), schema("behaviour"));
      read_params(b, f.behaviour);
    }
    if (s.has("response"))
      f.response = read_response(Section(*s.raw("response"), s.at("response"), schema("response")),
                                 f, crossing_names);
    sc.flows.push_back(std::move(f));
  });
  for (std::size_t i = 0; i < sc.flows.size(); ++i)
    if (sc.flows[i].empty_return) {
      const Flow& back = sc.flows[sc.flows[i].empty_return->flow];
      const YamlNode& at = *n.entries[i].value.find("empty_return");
      if (back.export_direction == sc.flows[i].export_direction)
        fail(at, "flows." + sc.flows[i].id + ".empty_return.flow",
             "the return flow must run in the opposite direction");
    }
  check_return_cycles(sc.flows, n);
}

void Loader::notices(const YamlNode& n) {
  if (!n.is_sequence()) fail(n, "notices", "expected a list of notices");
  if (n.items.size() > kMaxDatedRanges)
    fail(n, "notices", "at most " + std::to_string(kMaxDatedRanges) + " notices");
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    const Section x(n.items[i], item("notices", i), schema("notice"));
    Notice k;
    read_params(x, k);
    check_range(x, k.dates);
    k.crossing = x.reference("crossing", crossing_names, "crossing");
    k.cargo = cargo_set(x, "cargo");
    sc.notices.push_back(std::move(k));
  }
}

void Loader::rail(const YamlNode& n) {
  read_by_id(
      n, "rail", "rail", "rail services", false, [&](const YamlNode::Entry& e, const Section& s) {
        Rail r;
        r.id = e.key;
        read_params(s, r);
        r.station = s.reference("station", side_names, "gate side");
        const YamlNode& dep = s.list("departures");
        if (dep.items.empty())
          fail(dep, s.at("departures"), "expected at least one departure time");
        for (std::size_t i = 0; i < dep.items.size(); ++i) {
          const YamlNode& d = dep.items[i];
          std::string p = item(s.at("departures"), i);
          r.departures_s.push_back(parsed_at(d, p, "a time 'HH:MM'", units::time_of_day));
        }
        std::sort(r.departures_s.begin(), r.departures_s.end());
        r.days.assign(7, !s.has("days"));
        if (s.has("days"))
          for (int day : s.choice_list("days")) r.days[static_cast<std::size_t>(day)] = true;
        r.utc_offset_s = zone(s, "time_zone");
        check_arrival_count(r.wagons_per_day * sc.horizon_s / sim::kDay, *s.raw("wagons_per_day"),
                            s.at("wagons_per_day"));
        r.cargo_mix = shares(s.mapping("cargo_mix"), s.at("cargo_mix"), cargo_names, "cargo class");
        Section t(s.mapping("terminal"), s.at("terminal"), schema("terminal"));
        read_params(t, r);
        r.terminal_utc_offset_s = zone(t, "time_zone");
        if (t.has("shifts")) {
          const YamlNode& l = t.list("shifts");
          for (std::size_t i = 0; i < l.items.size(); ++i)
            r.shifts.push_back(
                read_hours(Section(l.items[i], item(t.at("shifts"), i), schema("hours"))));
        }
        sc.rail.push_back(std::move(r));
      });
}

}  // namespace models::detail
