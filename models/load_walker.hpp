// The walk behind `validate`'s load analysis (analysis.cpp): every flow's cargo classes along
// their routes, with what each limit (stop, intake, exit yard, transshipment bays) passes of what
// reaches it. Internal to analysis.cpp; a header of its own to keep that file to one seam.
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

#include "models/plan.hpp"
#include "models/scenario.hpp"
#include "models/service.hpp"
#include "sim/time.hpp"

namespace models::load_walk {

// Accumulates offered work per stop while vehicle classes walk their routes.
// The share of a window [from, to) in which restrictions that turn vehicles away (a commodity ban,
// a suspended direction) let a vehicle of this cargo class through a crossing: those of the exit
// side for leaving, of the entry side for entering. Held vehicles only come later, so they count
// as through.
inline double through_share(const Scenario& sc, const CrossingRoute& r, int cargo, double from,
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

// What passes each limit of the flow, as a share in [0, 1] of what reaches it: per stop, per
// crossing direction's intake, per side's outbound yard, per crossing's transshipment bays.
struct Passes {
  std::vector<double> stop, intake, yard, bays;
};

// A limit's code: stops, then intakes (2 per crossing), then outbound yards (per side), then bays.
struct LimitIds {
  std::size_t stops, crossings, sides;
  int stop(std::size_t k) const { return static_cast<int>(k); }
  int intake(std::size_t cd) const { return static_cast<int>(stops + cd); }
  int yard(std::size_t side) const { return static_cast<int>(stops + 2 * crossings + side); }
  int bays(std::size_t c) const { return static_cast<int>(stops + 2 * crossings + sides + c); }
};

// An exit side whose yard has a limit: the yard, its direction's exit stops and the intake pass
// the same trucks (each keeps its place through all of them), so together they pass the tightest
// share, `min1`, that of member `arg1`. The trucks it cannot pass wait on the road for the yard:
// they are that member's queue; every other member sees only what it passes.
struct Segment {
  bool held = false;
  double min1 = 1;
  int arg1 = -1;
  void add(int id, double share) {
    if (share < min1) min1 = share, arg1 = id;
  }
  double queue(int id, double demand) const { return id == arg1 ? demand : demand * min1; }
  // What holds back the vehicles reaching member `id` (`upstream`: before the segment).
  int limit(int id, int upstream) const { return id == arg1 || arg1 < 0 ? upstream : arg1; }
};

// Vehicles meeting a point: what the flow would bring with nothing upstream short (`free`), what
// reaches it without its own segment's limit (`demand`: what its pass share is computed from),
// what reaches its queue, and what it serves.
struct Amounts {
  double demand = 0, queue = 0, served = 0, free = 0;
};

class Walker {
 public:
  Walker(const Scenario& sc, const Plan& plan, double from, double to, const Passes& passes)
      : sc_(sc),
        plan_(plan),
        from_(from),
        to_(to),
        passes_(passes),
        ids_{plan.stops().size(), sc.crossings.size(), sc.sides.size()},
        demand_work_(plan.stops().size()),
        visits_(plan.stops().size()),
        work_(plan.stops().size()),
        free_visits_(plan.stops().size()),
        lost_(plan.stops().size()),
        pool_visits_(plan.pools().size()),
        pool_work_(plan.pools().size()),
        pool_demand_(plan.pools().size()),
        intake_demand_(2 * sc.crossings.size()),
        intake_queue_(2 * sc.crossings.size()),
        intake_free_(2 * sc.crossings.size()),
        intake_lost_(2 * sc.crossings.size()),
        yard_demand_(sc.sides.size()),
        bays_demand_(sc.crossings.size()),
        bays_queue_(sc.crossings.size()),
        bays_free_(sc.crossings.size()),
        bays_lost_(sc.crossings.size()) {}

  // `n` vehicles of cargo class `cargo` meet `stop` (`limit`: what holds back the vehicles that
  // reach it, -1 none), a share `pre.share` of them with their document work done before arrival;
  // returns the share that is not rejected and the work each vehicle brings on average.
  std::pair<double, double> meet(std::size_t stop, int cargo, const Amounts& n, int limit,
                                 const PreArrival& pre = {}) {
    double kept = 0, work = 0;
    for (const bool skipping : {false, true}) {
      const double part = skipping ? pre.share : 1 - pre.share;
      if (!(part > 0)) continue;
      const StopExpectation& e = expect(stop, cargo, skipping ? pre.kinds : 0);
      const double share = part * e.visit_share;
      work += share * e.mean_service_s;
      demand_work_[stop] += n.demand * share * e.mean_service_s;
      visits_[stop] += n.queue * share;
      work_[stop] += n.queue * share * e.mean_service_s;
      free_visits_[stop] += n.free * share;
      if (limit >= 0) lost_[stop][limit] += (n.free - n.queue) * share;
      const PlannedStop& p = plan_.stop(stop);
      if (p.agencies()) {
        const double scale = p.rule == JointRule::Factor && p.members.size() > 1 ? p.factor : 1;
        for (std::size_t k = 0; k < p.members.size(); ++k) {
          const double checks = share * e.member_share[k], mean = e.member_mean_s[k] * scale;
          pool_visits_[p.members[k].pool] += n.queue * checks;
          pool_work_[p.members[k].pool] += n.queue * checks * mean;
          pool_demand_[p.members[k].pool] += n.demand * checks * mean;
        }
      }
      kept += part * (1 - e.reject_share);
    }
    return {kept, work};
  }
  const StopExpectation& expect(std::size_t stop, int cargo, std::uint32_t skip) {
    auto key = std::make_tuple(stop, cargo, skip);
    auto it = cache_.find(key);
    if (it == cache_.end())
      it = cache_.emplace(key, expected_stop(plan_.stop(stop), cargo, skip)).first;
    return it->second;
  }
  Segment segment(std::size_t c, bool export_dir) const {
    const CrossingRoute& r = plan_.route(c, export_dir);
    Segment s;
    s.held = sc_.sides[r.exit_side].yard(true).capacity > 0;
    if (!s.held) return s;
    // The yard last: where it ties with a stop (as many places as the stop has servers), the
    // stop's service is what limits, and it keeps the name.
    for (std::size_t stop : r.exit_stops) s.add(ids_.stop(stop), passes_.stop[stop]);
    if (sc_.crossings[c].intake[export_dir ? 0 : 1].limited) {
      const std::size_t cd = 2 * c + (export_dir ? 0 : 1);
      s.add(ids_.intake(cd), passes_.intake[cd]);
    }
    s.add(ids_.yard(r.exit_side), passes_.yard[r.exit_side] * (1 + 1e-9));
    return s;
  }
  // Stops passed one after another, each its own limit: the entry side, and an exit side whose
  // yard has no limit (its queues are inside the control area).
  void in_turn(const std::vector<std::size_t>& stops, int cargo, double m, const PreArrival& pre,
               double& alive, double& free, int& limit) {
    for (std::size_t stop : stops) {
      const double pass = passes_.stop[stop];
      const double kept =
          meet(stop, cargo, {m * alive, m * alive, m * alive * pass, m * free}, limit, pre).first;
      alive *= kept * pass;
      free *= kept;
      if (pass < 1) limit = ids_.stop(stop);
    }
  }
  // A road vehicle's route (flow `f`); returns the share released at its end. A flow that
  // chooses its route: each route with its free-flow share (route_shares).
  double road(std::size_t f, int cargo, double n) {
    const Flow& fl = sc_.flows[f];
    const std::vector<double> shares = route_shares(fl, cargo);
    double alive_all = 0;
    for (std::size_t k = 0; k < fl.routes.size(); ++k) {
      if (!(shares[k] > 0)) continue;
      const double m = n * shares[k];
      double alive = 1, free = 1;
      int limit = -1;
      for (const RouteStep& step : fl.routes[k].steps) {
        if (step.kind != RouteStep::Kind::Crossing) continue;
        const std::size_t c = step.index, cd = 2 * c + (fl.export_direction ? 0 : 1);
        const CrossingRoute& r = plan_.route(c, fl.export_direction);
        const double through = through_share(sc_, r, cargo, from_, to_);
        alive *= through;
        free *= through;
        const PreArrival& pre = sc_.crossings[c].pre_arrival;
        const Segment seg = segment(c, fl.export_direction);
        const bool limited_intake = sc_.crossings[c].intake[fl.export_direction ? 0 : 1].limited;
        if (seg.held) {
          waiting_[std::make_tuple(cd, f, cargo)] += m * alive;
          double kept = 1;
          for (std::size_t stop : r.exit_stops) {
            const int id = ids_.stop(stop);
            const double d = m * alive * kept;
            const auto [k_share, work] =
                meet(stop, cargo, {d, seg.queue(id, d), d * seg.min1, m * free * kept},
                     seg.limit(id, limit), pre);
            yard_demand_[r.exit_side] += d * work;
            kept *= k_share;
          }
          if (limited_intake) {
            const int id = ids_.intake(cd);
            const double d = m * alive * kept;
            at_intake(cd, {d, seg.queue(id, d), d * seg.min1, m * free * kept},
                      seg.limit(id, limit));
          }
          alive *= kept * seg.min1;
          free *= kept;
          if (seg.min1 < 1) limit = seg.arg1;
        } else {
          in_turn(r.exit_stops, cargo, m, pre, alive, free, limit);
          if (limited_intake) {
            const double pass = passes_.intake[cd];
            waiting_[std::make_tuple(cd, f, cargo)] += m * alive;
            at_intake(cd, {m * alive, m * alive, m * alive * pass, m * free}, limit);
            alive *= pass;
            if (pass < 1) limit = ids_.intake(cd);
          }
        }
        const Crossing& cr = sc_.crossings[c];
        if (cargo >= 0 && cr.transship_share > 0) {
          const double moved = m * alive * cr.transship_share;
          bays_demand_[c] += moved * cr.transship_time.mean();
          bays_queue_[c] += moved;
          bays_free_[c] += m * free * cr.transship_share;
          if (limit >= 0) bays_lost_[c][limit] += m * (free - alive) * cr.transship_share;
          const double pass = passes_.bays[c];
          alive *= 1 - cr.transship_share + cr.transship_share * pass;
          if (pass < 1) limit = ids_.bays(c);
        }
        in_turn(r.entry_stops, cargo, m, pre, alive, free, limit);
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
      if (g.stages[i].outbound) {
        const double v = n * alive;
        alive *= meet(plan_.stage_stop(r.station, i), cargo, {v, v, v, v}, -1).first;
      }
    return alive;
  }
  // What the walk offered each limit, against which the next pass's shares are computed.
  Passes next(const std::vector<double>& stop_s, const std::vector<double>& pool_s,
              const std::vector<double>& admissions) const {
    auto share = [](double capacity, double offered) {
      return offered > 0 ? std::min(1.0, capacity / offered) : 1.0;
    };
    Passes p{std::vector<double>(stop_s.size()), std::vector<double>(admissions.size(), 1.0),
             std::vector<double>(sc_.sides.size()), std::vector<double>(sc_.crossings.size())};
    for (std::size_t k = 0; k < stop_s.size(); ++k) {
      p.stop[k] = share(stop_s[k], demand_work_[k]);
      for (const StopMember& m : plan_.stop(k).members)
        if (plan_.stop(k).agencies())
          p.stop[k] = std::min(p.stop[k], share(pool_s[m.pool], pool_demand_[m.pool]));
    }
    for (std::size_t cd = 0; cd < admissions.size(); ++cd)
      if (sc_.crossings[cd / 2].intake[cd % 2].limited)
        p.intake[cd] = share(admissions[cd], intake_demand_[cd]);
    for (std::size_t side = 0; side < sc_.sides.size(); ++side) {
      const int places = sc_.sides[side].yard(true).capacity;  // 0: no limit
      p.yard[side] = places > 0 ? share(places * (to_ - from_), yard_demand_[side]) : 1.0;
    }
    for (std::size_t c = 0; c < sc_.crossings.size(); ++c) {
      const int bays = sc_.crossings[c].transship_bays;  // 0: no limit
      p.bays[c] = bays > 0 ? share(bays * (to_ - from_), bays_demand_[c]) : 1.0;
    }
    return p;
  }
  double visits(std::size_t stop) const { return visits_[stop]; }
  double work(std::size_t stop) const { return work_[stop]; }
  double free_visits(std::size_t stop) const { return free_visits_[stop]; }
  double pool_visits(std::size_t pool) const { return pool_visits_[pool]; }
  double pool_work(std::size_t pool) const { return pool_work_[pool]; }
  double intake_queue(std::size_t cd) const { return intake_queue_[cd]; }
  double intake_free(std::size_t cd) const { return intake_free_[cd]; }
  double bays_queue(std::size_t c) const { return bays_queue_[c]; }
  double bays_free(std::size_t c) const { return bays_free_[c]; }
  // The limit that holds back most of what would reach a stop, an intake or bays (-1: none).
  static int worst(const std::map<int, double>& lost) {
    int id = -1;
    double most = 0;
    for (const auto& [k, v] : lost)
      if (v > most) most = v, id = k;
    return id;
  }
  int stop_limit(std::size_t k) const { return worst(lost_[k]); }
  int intake_limit(std::size_t cd) const { return worst(intake_lost_[cd]); }
  int bays_limit(std::size_t c) const { return worst(bays_lost_[c]); }
  const Passes& passes() const { return passes_; }
  const Plan& plan() const { return plan_; }
  const LimitIds& ids() const { return ids_; }
  // Arrivals reaching each crossing direction's queue before its exit yard (or before its intake
  // where the exit yard has no limit), by (direction, flow, cargo class).
  const std::map<std::tuple<std::size_t, std::size_t, int>, double>& waiting() const {
    return waiting_;
  }

 private:
  void at_intake(std::size_t cd, const Amounts& n, int limit) {
    intake_demand_[cd] += n.demand;
    intake_queue_[cd] += n.queue;
    intake_free_[cd] += n.free;
    if (limit >= 0) intake_lost_[cd][limit] += n.free - n.queue;
  }

  const Scenario& sc_;
  const Plan& plan_;
  double from_, to_;
  const Passes& passes_;
  LimitIds ids_;
  std::vector<double> demand_work_, visits_, work_, free_visits_;
  std::vector<std::map<int, double>> lost_;
  std::vector<double> pool_visits_, pool_work_, pool_demand_;
  std::vector<double> intake_demand_, intake_queue_, intake_free_;
  std::vector<std::map<int, double>> intake_lost_;
  std::vector<double> yard_demand_, bays_demand_, bays_queue_, bays_free_;
  std::vector<std::map<int, double>> bays_lost_;
  std::map<std::tuple<std::size_t, std::size_t, int>, double> waiting_;
  std::map<std::tuple<std::size_t, int, std::uint32_t>, StopExpectation> cache_;
};

}  // namespace models::load_walk
