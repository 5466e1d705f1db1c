#include "models/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <tuple>

#include "models/calendar.hpp"
#include "models/service.hpp"
#include "sim/stop.hpp"
#include "sim/time.hpp"

namespace models {

namespace {

// Accumulates offered work per stop while vehicle classes walk their routes.
// The share of a window [from, to) in which restrictions that turn vehicles away (a commodity ban,
// a suspended direction) let a vehicle of this cargo class through a crossing: those of the exit
// side for leaving, of the entry side for entering. Held vehicles only come later, so they count
// as through.
double through_share(const Scenario& sc, const CrossingRoute& r, int cargo, double from,
                     double to) {
  double refused = 0;
  for (const auto& [side, outbound] :
       {std::pair{r.exit_side, true}, std::pair{r.entry_side, false}}) {
    const GateSide& g = sc.sides[side];
    for (const Restriction& x : g.restrictions) {
      if (!x.turn_back || !x.stops(outbound, cargo)) continue;
      const double a = sc.sim_time(x.dates.from, 0, g.utc_offset_s);
      const double b = sc.sim_time(x.dates.to + 1, 0, g.utc_offset_s);
      refused += std::max(0.0, std::min(b, to) - std::max(a, from));
    }
  }
  return std::max(0.0, 1 - refused / (to - from));
}

class Walker {
 public:
  Walker(const Scenario& sc, const Plan& plan, double from, double to)
      : sc_(sc),
        plan_(plan),
        from_(from),
        to_(to),
        visits_(plan.stops().size()),
        work_(plan.stops().size()),
        pool_visits_(plan.pools().size()),
        pool_work_(plan.pools().size()) {}

  // `n` vehicles of cargo class `cargo` meet `stop`, a share `pre.share` of them with their
  // document work done before arrival; returns the share that is not rejected.
  double meet(std::size_t stop, int cargo, double n, const PreArrival& pre = {}) {
    double kept = 0;
    for (const bool skipping : {false, true}) {
      const double part = skipping ? pre.share : 1 - pre.share;
      if (!(part > 0)) continue;
      const StopExpectation& e = expect(stop, cargo, skipping ? pre.kinds : 0);
      const double m = n * part * e.visit_share;
      visits_[stop] += m;
      work_[stop] += m * e.mean_service_s;
      const PlannedStop& p = plan_.stop(stop);
      if (p.agencies()) {
        const double scale = p.rule == JointRule::Factor && p.members.size() > 1 ? p.factor : 1;
        for (std::size_t k = 0; k < p.members.size(); ++k) {
          pool_visits_[p.members[k].pool] += m * e.member_share[k];
          pool_work_[p.members[k].pool] += m * e.member_share[k] * e.member_mean_s[k] * scale;
        }
      }
      kept += part * (1 - e.reject_share);
    }
    return kept;
  }
  const StopExpectation& expect(std::size_t stop, int cargo, std::uint32_t skip) {
    auto key = std::make_tuple(stop, cargo, skip);
    auto it = cache_.find(key);
    if (it == cache_.end())
      it = cache_.emplace(key, expected_stop(plan_.stop(stop), cargo, skip)).first;
    return it->second;
  }
  // A road vehicle's route; returns the share released at its end. `at_crossing` sees the share
  // still travelling when it reaches the crossing's intake (after the exit-side stops).
  // A flow that chooses its route: each route with its free-flow share (route_shares).
  template <class AtCrossing>
  double road(const Flow& f, int cargo, double n, AtCrossing at_crossing) {
    const std::vector<double> shares = route_shares(f, cargo);
    double alive_all = 0;
    for (std::size_t k = 0; k < f.routes.size(); ++k) {
      if (!(shares[k] > 0)) continue;
      const double m = n * shares[k];
      double alive = 1;
      for (const RouteStep& step : f.routes[k].steps) {
        if (step.kind != RouteStep::Kind::Crossing) continue;
        const CrossingRoute& r = plan_.route(step.index, f.export_direction);
        alive *= through_share(sc_, r, cargo, from_, to_);
        const PreArrival& pre = sc_.crossings[step.index].pre_arrival;
        for (std::size_t stop : r.exit_stops) alive *= meet(stop, cargo, m * alive, pre);
        at_crossing(step.index, m * alive);
        for (std::size_t stop : r.entry_stops) alive *= meet(stop, cargo, m * alive, pre);
      }
      alive_all += shares[k] * alive;
    }
    return alive_all;
  }
  // The routes' shares as trucks would choose them with every border at free flow (no queue,
  // no announcement yet, opening hours ignored): what validate can say before a run. A flow
  // with one route takes it.
  std::vector<double> route_shares(const Flow& f, int cargo) {
    std::vector<double> shares(f.routes.size(), 0.0);
    if (!f.choice) {
      shares[0] = 1;
      return shares;
    }
    std::vector<double> cost(f.routes.size(), 0.0);
    for (std::size_t k = 0; k < f.routes.size(); ++k)
      for (const RouteStep& step : f.routes[k].steps) {
        if (step.kind == RouteStep::Kind::Leg) {
          cost[k] += sc_.legs[step.index].truck.mean() / 3600 +
                     sc_.legs[step.index].cost / f.choice->value_of_time_per_h;
          continue;
        }
        const Crossing& cr = sc_.crossings[step.index];
        const CrossingRoute& r = plan_.route(step.index, f.export_direction);
        double t = cr.bridge.mean();
        for (const auto* stops : {&r.exit_stops, &r.entry_stops})
          for (std::size_t st : *stops) {
            const StopExpectation& e = expect(st, cargo, 0);
            t += e.visit_share * e.mean_service_s;
          }
        double money = cr.parking_per_day * t / 86400;
        if (cargo >= 0) {
          t += cr.transship_share * cr.transship_time.mean();
          money += cr.transship_share * cr.transship_cost_reporting;
        }
        cost[k] += t / 3600 + money / f.choice->value_of_time_per_h;
      }
    const std::size_t best =
        static_cast<std::size_t>(std::min_element(cost.begin(), cost.end()) - cost.begin());
    if (f.choice->rule == RouteChoice::Rule::LeastCost) {
      shares[best] = 1;
      return shares;
    }
    double sum = 0;
    for (std::size_t k = 0; k < cost.size(); ++k)
      sum += shares[k] = std::exp(-f.choice->dispersion_per_h * (cost[k] - cost[best]));
    for (double& x : shares) x /= sum;
    return shares;
  }
  double rail(const Rail& r, int cargo, double n) {
    double alive = 1;
    const GateSide& g = sc_.sides[r.station];
    for (std::size_t i = 0; i < g.stages.size(); ++i)
      if (g.stages[i].outbound) alive *= meet(plan_.stage_stop(r.station, i), cargo, n * alive);
    return alive;
  }
  double visits(std::size_t stop) const { return visits_[stop]; }
  double work(std::size_t stop) const { return work_[stop]; }
  double pool_visits(std::size_t pool) const { return pool_visits_[pool]; }
  double pool_work(std::size_t pool) const { return pool_work_[pool]; }

 private:
  const Scenario& sc_;
  const Plan& plan_;
  double from_, to_;
  std::vector<double> visits_, work_, pool_visits_, pool_work_;
  std::map<std::tuple<std::size_t, int, std::uint32_t>, StopExpectation> cache_;
};

// The registry code of a crossing direction's (limited) intake.
std::size_t intake_place(const Plan& plan, std::size_t crossing, bool export_dir) {
  const Sites& places = plan.sites();
  for (std::size_t k = 0; k < places.count(SiteKind::Intake); ++k) {
    const std::size_t at = places.of(SiteKind::Intake, k);
    if (places[at].of == 2 * crossing + (export_dir ? 0 : 1)) return at;
  }
  throw std::logic_error("no intake place for crossing " + std::to_string(crossing));
}

}  // namespace

Analysis analyse(const Scenario& sc) {
  Analysis a;
  const Plan plan = build_plan(sc);
  const double from = sc.warmup_s, to = sc.horizon_s;
  a.window_s = to - from;
  const double days = a.window_s / sim::kDay;

  // Arrivals over the window per flow: the rate function's integral or the table's entries;
  // returning empties follow the released trucks of the flows that send them back.
  std::vector<double> arrivals(sc.flows.size(), 0), released(sc.flows.size(), 0);
  for (std::size_t f = 0; f < sc.flows.size(); ++f) {
    sim::poll_stop();
    const ArrivalProcess& ap = sc.flows[f].arrivals;
    if (!ap.table_s.empty()) {
      for (double t : ap.table_s) arrivals[f] += (t >= from && t < to) ? 1 : 0;
    } else if (ap.rate_per_s > 0) {
      arrivals[f] = flow_rate(sc, ap).cumulative(from, to);
    }
  }
  // Walks every flow's cargo classes and the rail services once; returns the empties each flow
  // sends back (which depend on the share released).
  std::vector<double> bays(sc.crossings.size(), 0), intake(2 * sc.crossings.size(), 0);
  auto walk = [&](Walker& w) {
    std::vector<double> sent_back(sc.flows.size(), 0);
    std::fill(bays.begin(), bays.end(), 0.0);
    std::fill(intake.begin(), intake.end(), 0.0);
    for (std::size_t f = 0; f < sc.flows.size(); ++f) {
      sim::poll_stop();  // per flow of each pass: thousands of flows stop at once
      const Flow& fl = sc.flows[f];
      const double n = arrivals[f] + released[f];
      auto at_crossing = [&](std::size_t c, double m) {
        intake[2 * c + (fl.export_direction ? 0 : 1)] += m;
        if (!fl.empty) bays[c] += m * sc.crossings[c].transship_share;
      };
      double out = 0;
      if (fl.empty) {
        out = n * w.road(fl, -1, n, at_crossing);
      } else {
        for (std::size_t c = 0; c < sc.cargo.size(); ++c)
          if (fl.cargo_mix[c] > 0)
            out += n * fl.cargo_mix[c] *
                   w.road(fl, static_cast<int>(c), n * fl.cargo_mix[c], at_crossing);
      }
      if (fl.empty_return) sent_back[fl.empty_return->flow] += out * fl.empty_return->probability;
    }
    for (const Rail& r : sc.rail)
      for (std::size_t c = 0; c < sc.cargo.size(); ++c)
        if (r.cargo_mix[c] > 0)
          w.rail(r, static_cast<int>(c), r.wagons_per_day * days * r.cargo_mix[c]);
    return sent_back;
  };
  // A chain of returning empties is at most as long as the flow list: repeat until it settles.
  for (std::size_t pass = 0; pass < sc.flows.size(); ++pass) {
    Walker w(sc, plan, from, to);
    std::vector<double> sent_back = walk(w);
    if (sent_back == released) break;
    released = std::move(sent_back);
  }
  Walker w(sc, plan, from, to);
  walk(w);
  {
    for (std::size_t f = 0; f < sc.flows.size(); ++f)
      a.flows.push_back(FlowLoad{sc.flows[f].id, (arrivals[f] + released[f]) / days});
    for (std::size_t i = 0; i < plan.stops().size(); ++i) {
      const PlannedStop& st = plan.stop(i);
      StopLoad l;
      l.name = st.name;
      for (const StopMember& m : st.members)
        l.stages.push_back(sc.sides[m.side].id + "." + m.stage->id);
      l.servers = st.servers;
      l.lane_servers = st.lane_servers;
      l.booths_stated = !st.joint || st.booths_stated;
      const double server_s =
          plan.capacity().server_seconds(plan.sites().of(SiteKind::Stop, i), from, to);
      l.visits_per_day = w.visits(i) / days;
      l.mean_service_s = w.visits(i) > 0 ? w.work(i) / w.visits(i) : 0;
      l.server_hours_per_day = server_s / sim::kHour / days;
      l.load = server_s > 0 ? w.work(i) / server_s
                            : (w.work(i) > 0 ? std::numeric_limits<double>::infinity() : 0);
      l.effective_servers = st.servers + st.lane_servers;
      if (st.agencies()) {
        // Each agency caps the trucks in joint service at once: its officers over the share of
        // the stop's service time it is busy per truck (its check's share of visits x its mean
        // check, over the stop's mean service).
        for (const StopMember& m : st.members) {
          const OfficerPool& pool = plan.pools()[m.pool];
          l.officers.push_back(pool.officers);
          l.officers_stated.push_back(pool.stated);
          const double checks = w.pool_visits(m.pool), work = w.pool_work(m.pool);
          if (!(checks > 0) || !(w.visits(i) > 0)) continue;
          const double busy_per_visit = work / w.visits(i);  // of this pool, all its stops
          const double cap = pool.officers * l.mean_service_s / busy_per_visit;
          if (cap < l.effective_servers) {
            l.effective_servers = cap;
            l.binding = pool.name;
          }
        }
      }
      a.stops.push_back(l);
    }
    for (std::size_t ri = 0; ri < sc.rail.size(); ++ri) {
      const Rail& r = sc.rail[ri];
      StopLoad l;
      l.name = r.terminal + ".cranes";
      l.servers = r.cranes;
      l.effective_servers = r.cranes;
      // Wagons reach the terminal if they cleared the station; every one needs one crane move.
      double cleared = 0;
      Walker wr(sc, plan, from, to);
      for (std::size_t c = 0; c < sc.cargo.size(); ++c)
        if (r.cargo_mix[c] > 0)
          cleared += r.wagons_per_day * days * r.cargo_mix[c] * wr.rail(r, static_cast<int>(c), 0);
      const double server_s =
          plan.capacity().server_seconds(plan.sites().of(SiteKind::Terminal, ri), from, to);
      l.visits_per_day = cleared / days;
      l.mean_service_s = r.move_time.mean();
      l.server_hours_per_day = server_s / sim::kHour / days;
      l.load = server_s > 0 ? cleared * l.mean_service_s / server_s : 0;
      a.stops.push_back(l);
    }
    for (std::size_t k = 0; k < plan.pools().size(); ++k) {
      const OfficerPool& pool = plan.pools()[k];
      StopLoad l;
      l.name = pool.name;
      l.stages = {sc.sides[pool.side].id + "." + sc.sides[pool.side].stages[pool.stage].id};
      l.servers = pool.officers;
      l.effective_servers = pool.officers;
      const double server_s =
          plan.capacity().server_seconds(plan.sites().of(SiteKind::Pool, k), from, to);
      l.visits_per_day = w.pool_visits(k) / days;
      l.mean_service_s = w.pool_visits(k) > 0 ? w.pool_work(k) / w.pool_visits(k) : 0;
      l.server_hours_per_day = server_s / sim::kHour / days;
      l.load = server_s > 0 ? w.pool_work(k) / server_s
                            : (w.pool_work(k) > 0 ? std::numeric_limits<double>::infinity() : 0);
      a.stops.push_back(l);
    }
    for (std::size_t c = 0; c < sc.crossings.size(); ++c)
      for (const bool export_dir : {true, false})
        a.removed.push_back(plan.route(c, export_dir).removed);
    for (std::size_t c = 0; c < sc.crossings.size(); ++c) {
      const Crossing& cr = sc.crossings[c];
      if (cr.transship_share <= 0 || cr.transship_bays <= 0) continue;
      StopLoad l;
      l.name = cr.id + ".transshipment";
      l.servers = cr.transship_bays;
      l.effective_servers = cr.transship_bays;
      l.visits_per_day = bays[c] / days;
      l.mean_service_s = cr.transship_time.mean();
      l.server_hours_per_day = cr.transship_bays * 24.0;
      l.load = l.visits_per_day * l.mean_service_s / sim::kHour / l.server_hours_per_day;
      a.transshipment.push_back(l);
    }
    for (std::size_t c = 0; c < sc.crossings.size(); ++c)
      for (const bool export_dir : {true, false}) {
        const Intake& in = sc.crossings[c].intake[export_dir ? 0 : 1];
        if (!in.limited) continue;
        IntakeLoad l;
        l.name = sc.crossings[c].id + (export_dir ? ".export" : ".import") + ".intake";
        l.arrivals_per_day = intake[2 * c + (export_dir ? 0 : 1)] / days;
        l.capacity_per_day =
            plan.capacity().admissions(intake_place(plan, c, export_dir), from, to) / days;
        l.load = l.capacity_per_day > 0
                     ? l.arrivals_per_day / l.capacity_per_day
                     : (l.arrivals_per_day > 0 ? std::numeric_limits<double>::infinity() : 0);
        a.intakes.push_back(l);
      }
  }
  return a;
}

}  // namespace models
