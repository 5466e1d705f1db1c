#include "models/route_search.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <queue>
#include <string>
#include <tuple>

#include "sim/stop.hpp"

namespace models {

std::pair<std::size_t, std::size_t> step_ends(const Scenario& sc, const RouteStep& st,
                                              bool exports) {
  if (st.kind == RouteStep::Kind::Leg) {
    const Leg& l = sc.legs[st.index];
    return st.reverse ? std::pair{l.to, l.from} : std::pair{l.from, l.to};
  }
  const Crossing& c = sc.crossings[st.index];
  return exports ? std::pair{c.places[0], c.places[1]} : std::pair{c.places[1], c.places[0]};
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The network as the search sees it: every step a route can take (legs both ways, then
// crossings: the order routes are listed in) with its ends and cost in hours.
struct Network {
  std::vector<RouteStep> steps;
  std::vector<std::size_t> from, to;
  std::vector<double> cost_h;
  std::vector<std::vector<std::size_t>> out, in;  // step indices by place, ascending

  Network(const Scenario& sc, bool exports, double value_of_time_per_h)
      : out(sc.places.size()), in(sc.places.size()) {
    for (std::size_t i = 0; i < sc.legs.size(); ++i)
      if (sc.legs[i].from != kNoPlace)
        for (const bool reverse : {false, true}) {
          const Leg& l = sc.legs[i];
          add(sc, {RouteStep::Kind::Leg, i, reverse}, exports,
              l.truck.mean() / 3600 + l.cost / value_of_time_per_h);
        }
    for (std::size_t i = 0; i < sc.crossings.size(); ++i)
      if (sc.crossings[i].places[0] != kNoPlace)
        add(sc, {RouteStep::Kind::Crossing, i}, exports, 0);
  }
  void add(const Scenario& sc, RouteStep st, bool exports, double c) {
    const auto [a, b] = step_ends(sc, st, exports);
    out[a].push_back(steps.size());
    in[b].push_back(steps.size());
    steps.push_back(st);
    from.push_back(a);
    to.push_back(b);
    cost_h.push_back(c);
  }
  bool crossing(std::size_t s) const { return steps[s].kind == RouteStep::Kind::Crossing; }
};

// The least cost from each (place, crossed yet) to the destination with a crossing on the way,
// ignoring the once-per-place and gate rules (so it never overestimates): a Dijkstra backwards
// from (destination, crossed). A route ends where it reaches the destination, so no step leaves
// it; it starts at the origin, so none passes through it (without this, a place next to the
// origin would look close to everything the origin reaches, and the search would explore every
// path around it). Index 2 * place + crossed; infinite where the destination cannot be reached.
std::vector<double> lower_bounds(const Network& net, std::size_t places, std::size_t origin,
                                 std::size_t dest) {
  std::vector<double> h(2 * places, kInf);
  using Item = std::pair<double, std::size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
  h[2 * dest + 1] = 0;
  q.push({0, 2 * dest + 1});
  while (!q.empty()) {
    const auto [d, state] = q.top();
    q.pop();
    if (d > h[state]) continue;
    const std::size_t b = state / 2;
    if (b == origin) continue;
    const bool crossed_after = state % 2;
    for (const std::size_t s : net.in[b]) {
      const std::size_t a = net.from[s];
      if (a == dest) continue;
      for (const bool crossed_before : {false, true}) {
        if ((crossed_before || net.crossing(s)) != crossed_after) continue;
        const std::size_t prev = 2 * a + crossed_before;
        if (d + net.cost_h[s] < h[prev]) {
          h[prev] = d + net.cost_h[s];
          q.push({h[prev], prev});
        }
      }
    }
  }
  return h;
}

// Whether a partial route at `place` (having crossed or not) can still reach the destination
// through a crossing without visiting a place it has visited (`seen`): a breadth-first search over
// (place, crossed). Without it a dead end as large as a clique of terminals behind a visited place
// would be explored path by path; with it every partial route the search keeps can be completed.
class Reach {
 public:
  Reach(const Network& net, std::size_t places, std::size_t dest)
      : net_(net), dest_(dest), mark_(2 * places, 0), stack_() {}
  bool operator()(std::size_t place, bool crossed, const std::vector<char>& seen) {
    ++stamp_;
    if (stamp_ == 0) {  // wrapped: clear the marks once
      std::fill(mark_.begin(), mark_.end(), 0);
      stamp_ = 1;
    }
    stack_.clear();
    push(2 * place + crossed);
    while (!stack_.empty()) {
      const std::size_t state = stack_.back();
      stack_.pop_back();
      const std::size_t a = state / 2;
      if (a == dest_) {
        if (state % 2) return true;
        continue;
      }
      for (const std::size_t s : net_.out[a]) {
        const std::size_t b = net_.to[s];
        if (seen[b]) continue;
        push(2 * b + (state % 2 || net_.crossing(s)));
      }
    }
    return false;
  }

 private:
  void push(std::size_t state) {
    if (mark_[state] == stamp_) return;
    mark_[state] = stamp_;
    stack_.push_back(state);
  }
  const Network& net_;
  std::size_t dest_;
  std::vector<std::uint32_t> mark_;
  std::vector<std::size_t> stack_;
  std::uint32_t stamp_ = 0;
};

// A partial route: its last step, the route it extends, where it is and what it cost.
struct Partial {
  std::int64_t parent;
  std::size_t step;
  std::size_t place;
  std::size_t depth;
  bool crossed;
  double cost_h;
};

std::string route_name(const Scenario& sc, const std::vector<RouteStep>& steps, std::size_t to,
                       bool exports) {
  std::string id;
  for (const RouteStep& st : steps) {
    std::string part;
    if (st.kind == RouteStep::Kind::Crossing) {
      part = sc.crossings[st.index].id;
    } else {
      const std::size_t b = step_ends(sc, st, exports).second;
      if (b != to && sc.places[b].kind != PlaceKind::Gate) part = sc.places[b].id;
    }
    if (!part.empty()) id += (id.empty() ? "via_" : "_") + part;
  }
  return id;
}

}  // namespace

RouteSearch cheapest_routes(const Scenario& sc, std::size_t from, std::size_t to, bool exports,
                            double value_of_time_per_h, std::size_t keep, std::size_t max_built) {
  RouteSearch r;
  const Network net(sc, exports, value_of_time_per_h);
  const std::vector<double> h = lower_bounds(net, sc.places.size(), from, to);
  if (h[2 * from] == kInf) return r;

  std::vector<Partial> parts{{-1, 0, from, 0, false, 0}};
  // Best first by cost so far plus the bound; ties in the order the partial routes were built.
  using Item = std::pair<double, std::size_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> open;
  open.push({h[2 * from], 0});
  std::vector<std::vector<std::size_t>> found;  // each kept route's step indices
  Reach reach(net, sc.places.size(), to);
  std::vector<char> seen(sc.places.size(), 0);
  std::size_t popped = 0;
  while (!open.empty()) {
    if (++popped % 4096 == 0) sim::poll_stop();
    const std::size_t at = open.top().second;
    open.pop();
    const Partial p = parts[at];
    if (p.place == to) {  // the bound is infinite at the destination before a crossing
      if (found.size() == keep) {
        r.more = true;
        break;
      }
      std::vector<std::size_t> steps(p.depth);
      for (std::int64_t q = static_cast<std::int64_t>(at); parts[q].parent >= 0;
           q = parts[q].parent)
        steps[parts[q].depth - 1] = parts[q].step;
      found.push_back(std::move(steps));
      r.cost_h.push_back(p.cost_h);
      continue;
    }
    if (p.depth >= kMaxRouteSteps) continue;
    // Reached a gate by road, a route crosses there: it does not drive through a gate's
    // control area to somewhere else.
    const bool at_gate_by_road =
        sc.places[p.place].kind == PlaceKind::Gate && p.parent >= 0 && !net.crossing(p.step);
    for (std::int64_t q = static_cast<std::int64_t>(at); q >= 0; q = parts[q].parent)
      seen[parts[q].place] = 1;
    bool full = false;
    for (const std::size_t s : net.out[p.place]) {
      if (at_gate_by_road && !net.crossing(s)) continue;
      const std::size_t b = net.to[s];
      const bool crossed = p.crossed || net.crossing(s);
      if (h[2 * b + crossed] == kInf || seen[b]) continue;
      seen[b] = 1;
      const bool live = reach(b, crossed, seen);
      seen[b] = 0;
      if (!live) continue;
      if (parts.size() >= max_built) {
        full = true;
        break;
      }
      parts.push_back(
          {static_cast<std::int64_t>(at), s, b, p.depth + 1, crossed, p.cost_h + net.cost_h[s]});
      open.push({parts.back().cost_h + h[2 * b + crossed], parts.size() - 1});
    }
    for (std::int64_t q = static_cast<std::int64_t>(at); q >= 0; q = parts[q].parent)
      seen[parts[q].place] = 0;
    if (full) {
      // Out of work: the routes kept so far are the cheapest (they came out in cost order), but
      // whether more exist is unknown.
      if (found.size() < keep) r.exhausted = true;
      r.more = true;
      break;
    }
  }
  r.built = parts.size();

  // The network's order (what an enumeration in declaration order gives), then names.
  std::vector<std::size_t> order(found.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return found[a] < found[b]; });
  std::vector<double> cost;
  for (const std::size_t i : order) {
    Route route;
    for (const std::size_t s : found[i]) route.steps.push_back(net.steps[s]);
    route.id = route_name(sc, route.steps, to, exports);
    r.routes.push_back(std::move(route));
    cost.push_back(r.cost_h[i]);
  }
  r.cost_h = std::move(cost);
  for (std::size_t i = 0; i < r.routes.size(); ++i)
    for (std::size_t j = i + 1, k = 2; j < r.routes.size(); ++j)
      if (r.routes[j].id == r.routes[i].id) r.routes[j].id += "_" + std::to_string(k++);
  return r;
}

}  // namespace models
