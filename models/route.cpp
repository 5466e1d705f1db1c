// Route choice: which of its flow's routes a truck takes when it sets out, and whether it
// changes at its flow's decision point. The cost is the trucks' view of the corridor now: the
// legs' mean travel times and costs, the wait until each crossing's exit side opens on the
// expected arrival (dated closures are public), each crossing's announced border-crossing time
// (models/announce.hpp: recent completions, seen only after the announcement delay; without
// the transshipment handling, whose expectation is added), parking
// and expected transshipment cost, and for a perishable load the share of its value the trip
// would put at risk. Nothing here reads a queue as it is now.
#include <algorithm>
#include <cmath>
#include <limits>

#include "models/calendar.hpp"
#include "models/model.hpp"
#include "sim/philox.hpp"
#include "sim/time.hpp"

namespace models {

namespace {

constexpr std::uint32_t kRouteStream = sim::stream_id("route");
// Inertia (RouteChoice::inertia): the draw of a truck's usual route and of its threshold, each
// its own stream so that no other draw moves.
constexpr std::uint32_t kUsualRouteStream = sim::stream_id("usual_route");
constexpr std::uint32_t kInertiaStream = sim::stream_id("route_inertia");

// The last fifth of a load's shelf life is where spoilage starts to bite: the expected loss is
// the share of that margin an expected trip would use (0 before it, the whole value past it).
constexpr double kSpoilMargin = 0.2;

}  // namespace

void BorderModel::prepare_route_choice() {
  for (const Flow& f : sc_.flows) choosing_ = choosing_ || f.choice.has_value();
  if (!choosing_) return;
  double reach = 0;
  for (const Flow& f : sc_.flows)
    if (f.choice)
      reach = std::max(reach, f.choice->delay_s + f.choice->window_s + f.choice->every_s);
  announcers_.assign(2 * sc_.crossings.size(), Announcer(reach));
  for (std::size_t side = 0; side < sc_.sides.size(); ++side)
    side_windows_.push_back(open_windows(sc_, side));
  // Free-flow border time per cargo class (0: empty trucks) and crossing direction: the stops'
  // expected service, the bridge and, for loads, the expected transshipment.
  free_flow_s_.assign(sc_.cargo.size() + 1, std::vector<double>(2 * sc_.crossings.size(), 0));
  for (std::size_t c = 0; c < sc_.crossings.size(); ++c)
    for (const bool export_dir : {true, false})
      for (int cargo = -1; cargo < static_cast<int>(sc_.cargo.size()); ++cargo)
        free_flow_s_[static_cast<std::size_t>(cargo + 1)][2 * c + (export_dir ? 0 : 1)] =
            free_flow_border_s(sc_, plan_, c, export_dir, cargo);
  for (std::size_t f = 0; f < sc_.flows.size(); ++f) {
    route_base_.push_back(route_counts_.size());
    if (sc_.flows[f].choice)
      route_counts_.resize(route_counts_.size() + sc_.flows[f].routes.size());
  }
}

double BorderModel::until_open(std::size_t side, double t) const {
  const auto& w = side_windows_[side];
  const auto it = std::lower_bound(w.begin(), w.end(), t, [](const auto& win, double x) {
    return win.second <= x;  // windows that closed at or before t
  });
  if (it == w.end()) return std::numeric_limits<double>::infinity();  // never again
  return std::max(0.0, it->first - t);
}

double BorderModel::route_cost_h(const Vehicle& v, std::size_t r, std::size_t from,
                                 bool free_flow) const {
  const Flow& f = sc_.flows[v.flow];
  const RouteChoice& ch = *f.choice;
  const double now = sim_->now();
  double t = 0, money = 0;
  for (std::size_t i = from; i < f.routes[r].steps.size(); ++i) {
    const RouteStep& st = f.routes[r].steps[i];
    if (st.kind == RouteStep::Kind::Leg) {
      t += sc_.legs[st.index].truck.mean();
      money += sc_.legs[st.index].cost;
      continue;
    }
    const Crossing& cr = sc_.crossings[st.index];
    const std::size_t dir = 2 * st.index + (f.export_direction ? 0 : 1);
    const std::size_t exit_side = f.export_direction ? cr.side_a : cr.side_b;
    t += until_open(exit_side, now + t);
    const std::optional<double> announced =
        free_flow ? std::nullopt
                  : announcers_[dir].seen_at(now, ch.every_s, ch.delay_s, ch.window_s);
    // The announced wait and procedures, and for a load the expected transshipment handling
    // (which the announcement leaves out: models/road.cpp).
    const double handling = v.key.cargo >= 0 ? cr.transship_share * cr.transship_time.mean() : 0;
    const double border = announced ? *announced + handling
                                    : free_flow_s_[static_cast<std::size_t>(v.key.cargo + 1)][dir];
    t += border;
    money += cr.parking_per_day * border / sim::kDay;
    if (v.key.cargo >= 0) money += cr.transship_share * cr.transship_cost_reporting;
  }
  double spoil = 0;
  if (v.key.cargo >= 0) {
    const Cargo& c = sc_.cargo[static_cast<std::size_t>(v.key.cargo)];
    if (c.perishable) {
      const double age = now - records_.loaded_s(v.record) + t;
      const double margin = kSpoilMargin * c.shelf_life_s;
      spoil = c.value_reporting * std::clamp((age - (c.shelf_life_s - margin)) / margin, 0.0, 1.0);
    }
  }
  if (!std::isfinite(t)) return std::numeric_limits<double>::infinity();
  return t / sim::kHour + (money + spoil) / ch.value_of_time_per_h;
}

namespace {

// The route a rule picks from the costs: the cheapest, or a logit draw with the uniform `u`
// (weights relative to the cheapest, so no weight underflows to a zero sum).
std::uint16_t pick_route(const RouteChoice& ch, const std::vector<double>& cost, double u) {
  const std::size_t n = cost.size();
  const std::size_t best =
      static_cast<std::size_t>(std::min_element(cost.begin(), cost.end()) - cost.begin());
  if (ch.rule == RouteChoice::Rule::LeastCost || !std::isfinite(cost[best]))
    return static_cast<std::uint16_t>(best);
  std::vector<double> w(n);
  double sum = 0;
  for (std::size_t r = 0; r < n; ++r) {
    w[r] = std::isfinite(cost[r]) ? std::exp(-ch.dispersion_per_h * (cost[r] - cost[best])) : 0.0;
    sum += w[r];
  }
  double acc = 0;
  for (std::size_t r = 0; r < n; ++r) {
    acc += w[r];
    if (u * sum < acc) return static_cast<std::uint16_t>(r);
  }
  return static_cast<std::uint16_t>(best);
}

}  // namespace

std::uint16_t BorderModel::usual_route(const Vehicle& v) const {
  const Flow& f = sc_.flows[v.flow];
  std::vector<double> cost(f.routes.size());
  for (std::size_t r = 0; r < cost.size(); ++r) cost[r] = route_cost_h(v, r, 0, true);
  return pick_route(*f.choice, cost,
                    sim_->random().uniform(kUsualRouteStream ^ v.key.salt, v.key.serial, 0));
}

double BorderModel::switch_threshold_h(const Vehicle& v) const {
  const RouteChoice& ch = *sc_.flows[v.flow].choice;
  if (!ch.inertia) return 0;
  sim::Uniforms u = sim_->random().at(kInertiaStream ^ v.key.salt, v.key.serial, 0);
  return std::max(0.0, ch.inertia->sample(u)) / sim::kHour;
}

std::uint16_t BorderModel::choose_route(const Vehicle& v, std::uint32_t decision) const {
  const Flow& f = sc_.flows[v.flow];
  std::vector<double> cost(f.routes.size());
  for (std::size_t r = 0; r < cost.size(); ++r) cost[r] = route_cost_h(v, r, 0);
  if (f.choice->inertia) {  // every other route costs the truck its threshold more
    const std::uint16_t usual = usual_route(v);
    const double threshold = switch_threshold_h(v);
    for (std::size_t r = 0; r < cost.size(); ++r)
      if (r != usual) cost[r] += threshold;
  }
  // Without inertia the draw is the one the choice always made (no other draw moves).
  return pick_route(*f.choice, cost,
                    sim_->random().uniform(kRouteStream ^ v.key.salt, v.key.serial, decision));
}

std::pair<std::uint16_t, std::size_t> BorderModel::reconsider(const Vehicle& v,
                                                              std::size_t at) const {
  const Flow& f = sc_.flows[v.flow];
  const std::size_t place = f.choice->decide_again_at;
  // The step after which each route is at the place (none: the route does not pass it).
  auto after_place = [&](std::size_t r) -> std::size_t {
    const auto& steps = f.routes[r].steps;
    for (std::size_t i = 0; i < steps.size(); ++i)
      if (steps[i].kind == RouteStep::Kind::Leg && steps[i].end == place) return i + 1;
    return kNoPlace;
  };
  const double current = route_cost_h(v, v.route, at + 1);
  std::uint16_t best = v.route;
  std::size_t best_from = at + 1;
  double best_cost = current;
  for (std::size_t r = 0; r < f.routes.size(); ++r) {
    if (r == v.route) continue;
    const std::size_t from = after_place(r);
    if (from == kNoPlace) continue;
    const double c = route_cost_h(v, r, from);
    if (c < best_cost) {
      best_cost = c;
      best = static_cast<std::uint16_t>(r);
      best_from = from;
    }
  }
  const double margin_h = f.choice->divert_margin_s / sim::kHour + switch_threshold_h(v);
  if (best != v.route && current - best_cost > margin_h) return {best, best_from};
  return {v.route, at + 1};
}

sim::Process BorderModel::route_counter() {
  sim::Simulation& s = *sim_;
  std::vector<double> row(1 + route_counts_.size());
  for (double t = sim::kDay; t <= sc_.horizon_s; t += sim::kDay) {
    co_await s.until(t, sim::Tier::Calendar);
    row[0] = t - sim::kDay;  // the day that began then
    std::copy(route_counts_.begin(), route_counts_.end(), row.begin() + 1);
    std::fill(route_counts_.begin(), route_counts_.end(), 0.0);
    sink_->routes(row.data(), row.size());
  }
}

}  // namespace models
