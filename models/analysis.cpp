#include "models/analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>

#include "models/calendar.hpp"
#include "models/give_up.hpp"
#include "models/load_walker.hpp"
#include "models/service.hpp"
#include "sim/stop.hpp"
#include "sim/time.hpp"

namespace models {

namespace {

using namespace load_walk;  // NOLINT: the walk is this file's own

// The registry code of a crossing direction's (limited) intake.
std::size_t intake_place(const Plan& plan, std::size_t crossing, bool export_dir) {
  const Sites& places = plan.sites();
  for (std::size_t k = 0; k < places.count(SiteKind::Intake); ++k) {
    const std::size_t at = places.of(SiteKind::Intake, k);
    if (places[at].of == 2 * crossing + (export_dir ? 0 : 1)) return at;
  }
  throw std::logic_error("no intake place for crossing " + std::to_string(crossing));
}

// Vehicles an allowance of a crossing direction's intake admits over [from, to).
double allowance_admissions(const Plan& plan, const Scenario& sc, std::size_t crossing,
                            bool export_dir, std::size_t k, double from, double to) {
  const Sites& places = plan.sites();
  const std::string name = sc.crossings[crossing].id + (export_dir ? ".export" : ".import") +
                           ".intake." +
                           sc.crossings[crossing].intake[export_dir ? 0 : 1].allowances[k].id;
  for (std::size_t i = 0; i < places.count(SiteKind::Intake); ++i) {
    const std::size_t at = places.of(SiteKind::Intake, i);
    if (places[at].name == name) return plan.capacity().admissions(at, from, to);
  }
  throw std::logic_error("no intake place " + name);
}

// The queue of a crossing direction whose exit side (a held segment) or intake passes less than
// arrives there, and whether drivers giving up hold it at a level (give_up.hpp).
template <class Name>
std::optional<GiveUpQueue> give_up_queue(const Scenario& sc, const Walker& w, std::size_t c,
                                         bool export_dir, const Name& limit_name,
                                         const Analysis& a) {
  const std::size_t cd = 2 * c + (export_dir ? 0 : 1);
  const Segment seg = w.segment(c, export_dir);
  const bool intake = sc.crossings[c].intake[export_dir ? 0 : 1].limited;
  const double pass = seg.held ? seg.min1 : (intake ? w.passes().intake[cd] : 1.0);
  if (!(pass < 1 - 1e-9)) return std::nullopt;
  const LimitIds& ids = w.ids();
  const int binding = seg.held ? seg.arg1 : ids.intake(cd);
  const std::size_t exit_side = w.plan().route(c, export_dir).exit_side;
  GiveUpQueue q;
  q.name = sc.crossings[c].id + (export_dir ? ".export" : ".import");
  q.place = seg.held ? "the road before " + sc.sides[exit_side].id + "'s outbound yard"
                     : std::string("the intake, after the exit side's stops");
  q.binding = limit_name(binding);
  int servers = 1;
  if (static_cast<std::size_t>(binding) < ids.stops) {
    q.binding_is_stop = true;
    q.binding_stop = static_cast<std::size_t>(binding);
    servers = static_cast<int>(std::lround(a.stops[q.binding_stop].effective_servers));
  } else if (binding == ids.yard(exit_side)) {
    servers = sc.sides[exit_side].yard(true).capacity;
  }
  std::vector<Waiting> waiting;
  double lambda = 0;
  for (const auto& [key, n] : w.waiting()) {
    const auto [d, f, cargo] = key;
    if (d != cd || !(n > 0)) continue;
    const Flow& fl = sc.flows[f];
    Waiting x;
    x.rate_per_s = n / a.window_s;
    x.behaviour = &fl.behaviour;
    x.can_balk = seg.held;
    if (cargo >= 0 && fl.behaviour.spoiled != Behaviour::Spoiled::Continue &&
        sc.cargo[static_cast<std::size_t>(cargo)].perishable)
      x.spoils_after_s = std::max(
          0.0, sc.cargo[static_cast<std::size_t>(cargo)].shelf_life_s - fl.age_at_arrival.mean());
    lambda += x.rate_per_s;
    if (!x.gives_up() &&
        std::find(q.never_give_up.begin(), q.never_give_up.end(), fl.id) == q.never_give_up.end())
      q.never_give_up.push_back(fl.id);
    waiting.push_back(x);
  }
  const int road = sc.sides[exit_side].yard(true).road;
  const double room =
      seg.held && road >= 0 ? static_cast<double>(road) : std::numeric_limits<double>::infinity();
  const QueueLevel level = queue_level(waiting, servers, lambda * pass, room);
  q.arrivals_per_day = lambda * sim::kDay;
  q.passed_per_day = lambda * pass * sim::kDay;
  q.bounded = level.bounded;
  q.queue = level.queue;
  q.gave_up_per_day = level.gave_up_per_s * sim::kDay;
  q.method = level.method;
  return q;
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
  // The capacities the limits are measured against, over the window.
  std::vector<double> stop_s(plan.stops().size()), pool_s(plan.pools().size()),
      admissions(2 * sc.crossings.size(), 0.0);
  for (std::size_t i = 0; i < stop_s.size(); ++i)
    stop_s[i] = plan.capacity().server_seconds(plan.sites().of(SiteKind::Stop, i), from, to);
  for (std::size_t k = 0; k < pool_s.size(); ++k)
    pool_s[k] = plan.capacity().server_seconds(plan.sites().of(SiteKind::Pool, k), from, to);
  for (std::size_t c = 0; c < sc.crossings.size(); ++c)
    for (const bool export_dir : {true, false})
      if (sc.crossings[c].intake[export_dir ? 0 : 1].limited)
        admissions[2 * c + (export_dir ? 0 : 1)] =
            plan.capacity().admissions(intake_place(plan, c, export_dir), from, to);
  // Walks every flow's cargo classes and the rail services once; returns the empties each flow
  // sends back (which depend on the share released).
  auto walk = [&](Walker& w) {
    std::vector<double> sent_back(sc.flows.size(), 0);
    for (std::size_t f = 0; f < sc.flows.size(); ++f) {
      sim::poll_stop();  // per flow of each pass: thousands of flows stop at once
      const Flow& fl = sc.flows[f];
      const double n = arrivals[f] + released[f];
      double out = 0;
      if (fl.empty) {
        out = n * w.road(f, -1, n);
      } else {
        for (std::size_t c = 0; c < sc.cargo.size(); ++c)
          if (fl.cargo_mix[c] > 0)
            out += n * fl.cargo_mix[c] * w.road(f, static_cast<int>(c), n * fl.cargo_mix[c]);
      }
      if (fl.empty_return) sent_back[fl.empty_return->flow] += out * fl.empty_return->probability;
    }
    for (const Rail& r : sc.rail)
      for (std::size_t c = 0; c < sc.cargo.size(); ++c)
        if (r.cargo_mix[c] > 0)
          w.rail(r, static_cast<int>(c), r.wagons_per_day * days * r.cargo_mix[c]);
    return sent_back;
  };
  // Every limit passes all at first; each pass measures what the last one offered them, and the
  // empties sent back follow the share released. A chain of limits or of returning empties
  // settles in as many passes as it is long; a loop through them (empties that meet the stop
  // that limits their loaded trip) is damped after kUndampedPasses.
  constexpr std::size_t kUndampedPasses = 30;
  Passes passes{std::vector<double>(plan.stops().size(), 1.0),
                std::vector<double>(2 * sc.crossings.size(), 1.0),
                std::vector<double>(sc.sides.size(), 1.0),
                std::vector<double>(sc.crossings.size(), 1.0)};
  auto settled = [](const std::vector<double>& x, const std::vector<double>& y) {
    for (std::size_t i = 0; i < x.size(); ++i)
      if (std::abs(x[i] - y[i]) > 1e-10 * std::max(1.0, std::abs(y[i]))) return false;
    return true;
  };
  std::unique_ptr<Walker> last;
  for (std::size_t pass = 0;; ++pass) {
    auto w = std::make_unique<Walker>(sc, plan, from, to, passes);
    std::vector<double> sent_back = walk(*w);
    Passes next = w->next(stop_s, pool_s, admissions);
    const bool done = settled(sent_back, released) && settled(next.stop, passes.stop) &&
                      settled(next.intake, passes.intake) && settled(next.yard, passes.yard) &&
                      settled(next.bays, passes.bays);
    if (done || pass >= sc.flows.size() + 4 * kUndampedPasses) {
      last = std::move(w);
      break;
    }
    if (pass >= kUndampedPasses)
      for (auto [old, now] :
           {std::pair{&passes.stop, &next.stop}, std::pair{&passes.intake, &next.intake},
            std::pair{&passes.yard, &next.yard}, std::pair{&passes.bays, &next.bays}})
        for (std::size_t i = 0; i < old->size(); ++i) (*now)[i] = 0.5 * ((*old)[i] + (*now)[i]);
    released = std::move(sent_back);
    passes = std::move(next);
  }
  const Walker& w = *last;
  // A limit's name and what it passes, for "limited upstream by ...".
  auto limit_name = [&](int id) -> std::string {
    if (id < 0) return "";
    const LimitIds& ids = w.ids();
    const auto k = static_cast<std::size_t>(id);
    if (k < ids.stops) {
      const double per_visit = w.visits(k) > 0 ? w.work(k) / w.visits(k) : 0;
      return per_visit > 0 ? fmt::format("{} ({:.0f} served/day)", plan.stop(k).name,
                                         stop_s[k] / per_visit / days)
                           : plan.stop(k).name;
    }
    if (k < ids.stops + 2 * ids.crossings) {
      const std::size_t cd = k - ids.stops;
      return fmt::format("{}.{}.intake ({:.0f} admitted/day)", sc.crossings[cd / 2].id,
                         cd % 2 ? "import" : "export", admissions[cd] / days);
    }
    if (k < ids.stops + 2 * ids.crossings + ids.sides) {
      const GateSide& g = sc.sides[k - ids.stops - 2 * ids.crossings];
      return fmt::format("{}'s outbound yard ({} places)", g.id, g.yard(true).capacity);
    }
    const Crossing& cr = sc.crossings[k - ids.stops - 2 * ids.crossings - ids.sides];
    return fmt::format("{}.transshipment ({} bays)", cr.id, cr.transship_bays);
  };
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
      l.unlimited_visits_per_day = w.free_visits(i) / days;
      l.limited_by = limit_name(w.stop_limit(i));
      l.effective_servers = st.servers + st.lane_servers;
      if (st.pooled) l.agency_pool = plan.pools()[st.members[0].pool].name;
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
      Walker wr(sc, plan, from, to, passes);
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
      l.pool = true;
      l.hourly = !pool.hourly.empty();
      if (pool.agency >= 0)
        l.agency = sc.sides[pool.side].agencies[static_cast<std::size_t>(pool.agency)].id;
      for (std::size_t i : pool.stages)
        l.stages.push_back(sc.sides[pool.side].id + "." + sc.sides[pool.side].stages[i].id);
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
      l.visits_per_day = w.bays_queue(c) / days;
      l.unlimited_visits_per_day = w.bays_free(c) / days;
      l.limited_by = limit_name(w.bays_limit(c));
      l.mean_service_s = cr.transship_time.mean();
      l.server_hours_per_day = cr.transship_bays * 24.0;
      l.load = l.visits_per_day * l.mean_service_s / sim::kHour / l.server_hours_per_day;
      a.transshipment.push_back(l);
    }
    // Intake allowances by cargo: each class's share of what reaches a crossing direction,
    // as offered by the flows (their mix, their first route), splits the walk's arrivals there
    // between the allowances and the shared intake.
    std::vector<std::vector<double>> offered(2 * sc.crossings.size(),
                                             std::vector<double>(sc.cargo.size() + 1, 0));
    for (std::size_t f = 0; f < sc.flows.size(); ++f)
      for (const RouteStep& st : sc.flows[f].routes[0].steps) {
        if (st.kind != RouteStep::Kind::Crossing) continue;
        std::vector<double>& o = offered[2 * st.index + (sc.flows[f].export_direction ? 0 : 1)];
        const double n = arrivals[f] + released[f];
        if (sc.flows[f].empty)
          o.back() += n;
        else
          for (std::size_t k = 0; k < sc.cargo.size(); ++k) o[k] += n * sc.flows[f].cargo_mix[k];
      }
    auto share_of = [&](std::size_t cd, int allowance) {  // -1: the shared intake's classes
      const Intake& in = sc.crossings[cd / 2].intake[cd % 2];
      double part = 0, all = 0;
      for (std::size_t k = 0; k <= sc.cargo.size(); ++k) {
        all += offered[cd][k];
        const int cargo = k < sc.cargo.size() ? static_cast<int>(k) : -1;
        if (in.allowance(cargo) == allowance) part += offered[cd][k];
      }
      return all > 0 ? part / all : 0.0;
    };
    for (std::size_t c = 0; c < sc.crossings.size(); ++c)
      for (const bool export_dir : {true, false}) {
        const Intake& in = sc.crossings[c].intake[export_dir ? 0 : 1];
        const std::size_t cd = 2 * c + (export_dir ? 0 : 1);
        for (std::size_t k = 0; k < in.allowances.size(); ++k) {
          IntakeLoad l;
          l.name = sc.crossings[c].id + (export_dir ? ".export" : ".import") + ".intake." +
                   in.allowances[k].id;
          // Offered, not throttled upstream: the walk follows the direction's shared intake
          // only (and none at all under `others: unlimited`).
          double offered_here = 0;
          for (std::size_t j = 0; j <= sc.cargo.size(); ++j)
            if (in.allowance(j < sc.cargo.size() ? static_cast<int>(j) : -1) == static_cast<int>(k))
              offered_here += offered[cd][j];
          l.arrivals_per_day = offered_here / days;
          l.unlimited_arrivals_per_day = l.arrivals_per_day;
          l.capacity_per_day = allowance_admissions(plan, sc, c, export_dir, k, from, to) / days;
          l.load = l.capacity_per_day > 0
                       ? l.arrivals_per_day / l.capacity_per_day
                       : (l.arrivals_per_day > 0 ? std::numeric_limits<double>::infinity() : 0);
          a.intakes.push_back(l);
        }
      }
    for (std::size_t c = 0; c < sc.crossings.size(); ++c)
      for (const bool export_dir : {true, false}) {
        const Intake& in = sc.crossings[c].intake[export_dir ? 0 : 1];
        if (!in.limited) continue;
        IntakeLoad l;
        l.name = sc.crossings[c].id + (export_dir ? ".export" : ".import") + ".intake";
        const std::size_t cd = 2 * c + (export_dir ? 0 : 1);
        const double shared = in.allowances.empty() ? 1.0 : share_of(cd, -1);
        l.arrivals_per_day = shared * w.intake_queue(cd) / days;
        l.unlimited_arrivals_per_day = shared * w.intake_free(cd) / days;
        l.limited_by = limit_name(w.intake_limit(cd));
        l.capacity_per_day = admissions[cd] / days;
        l.load = l.capacity_per_day > 0
                     ? l.arrivals_per_day / l.capacity_per_day
                     : (l.arrivals_per_day > 0 ? std::numeric_limits<double>::infinity() : 0);
        a.intakes.push_back(l);
      }
    for (std::size_t c = 0; c < sc.crossings.size(); ++c)
      for (const bool export_dir : {true, false})
        if (auto q = give_up_queue(sc, w, c, export_dir, limit_name, a)) a.queues.push_back(*q);
  }
  hourly_picture(sc, plan, passes, arrivals, a);
  return a;
}

}  // namespace models
