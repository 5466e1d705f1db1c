// `initial_state:`: the trucks already at the border at the start instant, as counts per flow,
// place and cargo with a distribution of the time they have waited (`queues:`), or one row per
// truck from a CSV file (`file:`).
#include <algorithm>
#include <filesystem>
#include <sstream>

#include "models/loader_parts.hpp"
#include "sim/stop.hpp"

namespace models::detail {

namespace {

namespace fs = std::filesystem;

// At most this many trucks in all: each is a process at t = 0.
constexpr long long kMaxInitialTrucks = 1000000;

// The route of `f` a truck at `crossing` is on, and the step of that crossing: the route named,
// or the first that crosses there.
std::pair<std::uint16_t, std::uint16_t> find_step(const Flow& f, std::size_t crossing, int route) {
  for (std::size_t r = 0; r < f.routes.size(); ++r) {
    if (route >= 0 && static_cast<int>(r) != route) continue;
    const std::vector<RouteStep>& steps = f.routes[r].steps;
    for (std::size_t i = 0; i < steps.size(); ++i)
      if (steps[i].kind == RouteStep::Kind::Crossing && steps[i].index == crossing)
        return {static_cast<std::uint16_t>(r), static_cast<std::uint16_t>(i)};
  }
  return {0xFFFF, 0xFFFF};
}

// The first crossing of the flow's first route (the default `crossing`).
std::size_t first_crossing(const Flow& f) {
  for (const RouteStep& st : f.routes[0].steps)
    if (st.kind == RouteStep::Kind::Crossing) return st.index;
  return kNoPlace;
}

InitialQueue::Place place_of(int code) {
  return code == 2   ? InitialQueue::Place::Intake
         : code == 1 ? InitialQueue::Place::Yard
                     : InitialQueue::Place::Road;
}

}  // namespace

// Where a queue of `flow` stands: its crossing (given or the route's first), route and step,
// and its cargo (a class, `empty`, or absent: drawn from the flow's mix). Errors at `at`.
void Loader::place_queue(InitialQueue& q, const std::string& crossing, const std::string& route,
                         const std::string& cargo, const YamlNode& at, const std::string& path) {
  const Flow& f = sc.flows[q.flow];
  q.crossing = crossing.empty() ? first_crossing(f)
                                : resolve(crossing_names, crossing, at, path, "crossing");
  if (q.crossing == kNoPlace) fail(at, path, "flow '" + f.id + "' crosses no border");
  int r = -1;
  if (!route.empty()) {
    std::vector<std::string> names;
    for (const Route& x : f.routes) names.push_back(x.id);
    r = static_cast<int>(resolve(names, route, at, path, "route"));
  }
  const auto [found_route, step] = find_step(f, q.crossing, r);
  if (step == 0xFFFF)
    fail(at, path,
         "flow '" + f.id + "' does not cross at '" + sc.crossings[q.crossing].id + "'" +
             (r >= 0 ? " on route '" + route + "'" : ""));
  q.route = found_route;
  q.step = step;
  if (cargo.empty()) {
    q.cargo = f.empty ? -1 : InitialQueue::kMixCargo;
  } else if (cargo == "empty") {
    q.cargo = -1;
  } else {
    if (f.empty)
      fail(at, path, "flow '" + f.id + "' carries nothing: its trucks can only be 'empty'");
    q.cargo = static_cast<int>(resolve(cargo_names, cargo, at, path, "cargo class"));
  }
}

void Loader::initial_state(const YamlNode& n, const std::string& base_dir) {
  const Section s(n, "initial_state", schema("initial_state"));
  long long total = 0;
  auto add = [&](InitialQueue q, const YamlNode& at, const std::string& path) {
    total += q.count;
    if (total > kMaxInitialTrucks)
      fail(at, path,
           "more than " + std::to_string(kMaxInitialTrucks) + " trucks at the start in all");
    sc.initial.push_back(std::move(q));
  };
  if (s.has("queues")) {
    const YamlNode& l = s.list("queues");
    for (std::size_t i = 0; i < l.items.size(); ++i) {
      const Section x(l.items[i], item(s.at("queues"), i), schema("initial_queue"));
      InitialQueue q;
      q.flow = x.reference("flow", flow_names, "flow");
      q.count = x.count("count");
      q.place = place_of(x.choice("place").code);
      q.waited = x.distribution("waited");
      if (x.has("age")) q.age = x.distribution("age");
      place_queue(q, x.has("crossing") ? x.id("crossing") : "", x.has("route") ? x.id("route") : "",
                  x.has("cargo") ? x.id("cargo") : "", l.items[i], x.path());
      add(std::move(q), l.items[i], x.path());
    }
  }
  if (!s.has("file")) return;
  // One truck per row: flow,cargo,place,waited[,age] (a header row first); durations with units.
  const std::string file = s.string("file");
  const fs::path p = fs::path(file).is_absolute() ? fs::path(file) : fs::path(base_dir) / file;
  std::string text;
  try {
    text = read_text_file(p.string(), kMaxTableBytes);
  } catch (const FileError& e) {
    fail(*s.raw("file"), s.at("file"), "cannot open " + echo(file) + ": " + e.reason());
  }
  std::istringstream in(std::move(text));
  std::string line;
  int lineno = 0;
  bool header = false;
  while (std::getline(in, line)) {
    if (++lineno % 4096 == 0) sim::poll_stop();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cell;
    std::vector<int> column;  // 1-based, where each cell starts
    std::size_t from = 0;
    for (;;) {
      const std::size_t comma = line.find(',', from);
      column.push_back(static_cast<int>(from) + 1);
      cell.push_back(
          line.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
    auto error = [&](std::size_t k, const std::string& msg) -> SourceError {
      return SourceError(p.string(), Mark{lineno, k < column.size() ? column[k] : 1}, s.at("file"),
                         msg);
    };
    if (!header) {
      if (line != "flow,cargo,place,waited,age" && line != "flow,cargo,place,waited")
        throw error(0, "expected the header 'flow,cargo,place,waited,age', got " + echo(line));
      header = true;
      continue;
    }
    if (cell.size() < 4 || cell.size() > 5)
      throw error(0, "expected 4 or 5 cells (flow,cargo,place,waited,age), got " +
                         std::to_string(cell.size()));
    InitialQueue q;
    q.count = 1;
    const auto f = std::find(flow_names.begin(), flow_names.end(), cell[0]);
    if (f == flow_names.end()) throw error(0, "unknown flow " + echo(cell[0]));
    q.flow = static_cast<std::size_t>(f - flow_names.begin());
    if (cell[2] == "road" || cell[2] == "yard" || cell[2] == "intake")
      q.place = place_of(cell[2] == "intake" ? 2 : cell[2] == "yard" ? 1 : 0);
    else
      throw error(2, "expected road, yard or intake, got " + echo(cell[2]));
    // Table cells, not YAML nodes: located at their line and column.
    auto duration_in = [&](std::size_t k) {
      try {
        return sim::Distribution::deterministic(units::duration(cell[k]));  // located
      } catch (const std::invalid_argument& ex) {
        throw error(k, ex.what());
      }
    };
    q.waited = duration_in(3);
    if (cell.size() == 5 && !cell[4].empty()) q.age = duration_in(4);
    try {
      place_queue(q, "", "", cell[1], *s.raw("file"), s.at("file"));
    } catch (const SourceError& e) {
      throw error(1, e.message());
    }
    add(std::move(q), *s.raw("file"), s.at("file"));
  }
  if (!header) fail(*s.raw("file"), s.at("file"), "the file has no header row");
}

}  // namespace models::detail
