// `validate`'s hourly picture: for each stop and officer pool and each hour of the day (local
// time of its side), the vehicles expected to arrive, the servers on duty and the offered load.
// Arrivals are each flow's own rate profile (the hour a truck reaches the border, no travel or
// queueing shift) times the share of that flow the walk sends to the stop; servers are the
// capacity plan's in that hour, averaged over the window's days (so dated staffing and closures
// count for the days they hold). Work an hour cannot do (the side closed, or too much of it)
// waits for the next, so the load of an hour counts what is carried into it: a morning's load
// above 1 is the night's trucks waiting for the opening. Returning empties and rail wagons are
// left out.
#include <cmath>

#include "models/analysis.hpp"
#include "models/calendar.hpp"
#include "models/load_walker.hpp"
#include "models/plan.hpp"
#include "sim/stop.hpp"

namespace models {

using load_walk::Passes;
using load_walk::Walker;

void hourly_picture(const Scenario& sc, const Plan& plan, const load_walk::Passes& passes,
                    const std::vector<double>& arrivals, Analysis& a) {
  const double from = sc.warmup_s, to = sc.horizon_s;
  const double days = (to - from) / sim::kDay;
  if (!(days > 0)) return;
  // The UTC hour of the day of sim time t.
  const double origin =
      static_cast<double>(sc.start_day) * sim::kDay + sc.start_time_s - sc.utc_offset_s;
  auto utc_hour = [&](double t) {
    return static_cast<std::size_t>(
        (static_cast<long>(std::floor((origin + t) / sim::kHour)) % 24 + 24) % 24);
  };
  // The first UTC hour boundary at or after `from`, in sim time.
  const double first = std::ceil((origin + from) / sim::kHour) * sim::kHour - origin;
  const std::size_t stops = plan.stops().size(), pools = plan.pools().size();
  std::vector<std::array<double, 24>> visits(stops), pool_work(pools);
  for (auto& v : visits) v.fill(0);
  for (auto& v : pool_work) v.fill(0);
  for (std::size_t f = 0; f < sc.flows.size(); ++f) {
    sim::poll_stop();
    const Flow& fl = sc.flows[f];
    const double n = arrivals[f];
    if (!(n > 0)) continue;
    // The flow's arrivals by UTC hour of the day over the window.
    std::array<double, 24> by_hour{};
    const ArrivalProcess& ap = fl.arrivals;
    if (!ap.table_s.empty()) {
      for (double t : ap.table_s)
        if (t >= from && t < to) by_hour[utc_hour(t)] += 1;
    } else {
      const sim::PiecewiseRate rate = flow_rate(sc, ap);
      if (first > from) by_hour[utc_hour(from)] += rate.cumulative(from, std::min(first, to));
      for (double t = first; t < to; t += sim::kHour)
        by_hour[utc_hour(t)] += rate.cumulative(t, std::min(t + sim::kHour, to));
    }
    // Where its trucks go: one walk of this flow alone, at the limits' settled passes.
    Walker w(sc, plan, from, to, passes);
    if (fl.empty) {
      w.road(f, -1, n);
    } else {
      for (std::size_t c = 0; c < sc.cargo.size(); ++c)
        if (fl.cargo_mix[c] > 0) w.road(f, static_cast<int>(c), n * fl.cargo_mix[c]);
    }
    for (std::size_t i = 0; i < stops; ++i)
      if (w.visits(i) > 0)
        for (std::size_t h = 0; h < 24; ++h) visits[i][h] += by_hour[h] * w.visits(i) / n;
    for (std::size_t k = 0; k < pools; ++k)
      if (w.pool_work(k) > 0)
        for (std::size_t h = 0; h < 24; ++h) pool_work[k][h] += by_hour[h] * w.pool_work(k) / n;
  }
  // Servers by UTC hour of the day, averaged over the window's days.
  auto servers = [&](std::size_t place) {
    std::array<double, 24> s{};
    for (double t = first; t + sim::kHour <= to; t += sim::kHour)
      s[utc_hour(t)] += plan.capacity().server_seconds(place, t, t + sim::kHour) / sim::kHour;
    const double whole = std::floor((to - first) / sim::kDay);
    for (double& x : s) x /= std::max(1.0, whole);
    return s;
  };
  auto fill = [&](StopLoad& l, std::size_t side, const std::array<double, 24>& arriving,
                  const std::array<double, 24>& work_s, const std::array<double, 24>& on_duty) {
    const long shift = std::lround(sc.sides[side].utc_offset_s / sim::kHour);
    l.arrivals_by_hour.assign(24, 0);
    l.servers_by_hour.assign(24, 0);
    l.load_by_hour.assign(24, 0);
    // Work not done in its hour (the side closed, or more than the servers can do) waits for
    // the next: the load of an hour counts it. Three days of the cycle settle the carry; the last
    // one is kept.
    double carried = 0;
    for (std::size_t k = 0; k < 72; ++k) {
      const std::size_t u = k % 24;
      const auto h = static_cast<std::size_t>(((static_cast<long>(u) + shift) % 24 + 24) % 24);
      const double capacity = on_duty[u] * sim::kHour;
      const double offered = work_s[u] / days + carried;
      carried = std::max(0.0, offered - capacity);
      if (k < 48) continue;
      l.arrivals_by_hour[h] = arriving[u] / days;
      l.servers_by_hour[h] = on_duty[u];
      l.load_by_hour[h] = capacity > 0  ? offered / capacity
                          : offered > 0 ? std::numeric_limits<double>::infinity()
                                        : 0;
    }
  };
  for (std::size_t i = 0; i < stops && i < a.stops.size(); ++i) {
    std::array<double, 24> work{};
    for (std::size_t h = 0; h < 24; ++h) work[h] = visits[i][h] * a.stops[i].mean_service_s;
    fill(a.stops[i], plan.stop(i).side, visits[i], work,
         servers(plan.sites().of(SiteKind::Stop, i)));
  }
  for (std::size_t k = 0; k < pools; ++k) {
    const std::size_t at = stops + sc.rail.size() + k;
    if (at >= a.stops.size()) break;
    StopLoad& l = a.stops[at];
    std::array<double, 24> checks{};
    for (std::size_t h = 0; h < 24; ++h)
      checks[h] = l.mean_service_s > 0 ? pool_work[k][h] / l.mean_service_s : 0;
    fill(l, plan.pools()[k].side, checks, pool_work[k],
         servers(plan.sites().of(SiteKind::Pool, k)));
  }
}

}  // namespace models
