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
  // Quarter hours of the UTC day, so that any zone's local hours (UTC+6:30, +5:45) are whole
  // quarters: sim time 0 is the scenario's start in its own zone.
  constexpr std::size_t kQ = 96;
  constexpr double kQuarter = sim::kHour / 4;
  const double origin = sc.start_time_s - sc.utc_offset_s;  // UTC seconds of day at t = 0
  auto quarter = [&](double t) {
    const auto q = static_cast<long long>(std::floor((origin + t) / kQuarter + 1e-9));
    return static_cast<std::size_t>((q % 96 + 96) % 96);
  };
  // The first quarter boundary at or after `from`, in sim time.
  const double first = std::ceil((origin + from) / kQuarter - 1e-9) * kQuarter - origin;
  using Bins = std::array<double, kQ>;
  const std::size_t stops = plan.stops().size(), pools = plan.pools().size();
  std::vector<Bins> visits(stops), pool_work(pools);
  for (auto& v : visits) v.fill(0);
  for (auto& v : pool_work) v.fill(0);
  for (std::size_t f = 0; f < sc.flows.size(); ++f) {
    sim::poll_stop();
    const Flow& fl = sc.flows[f];
    const double n = arrivals[f];
    if (!(n > 0)) continue;
    // The flow's arrivals by quarter of the UTC day over the window.
    Bins by_q{};
    const ArrivalProcess& ap = fl.arrivals;
    if (!ap.table_s.empty()) {
      for (double t : ap.table_s)
        if (t >= from && t < to) by_q[quarter(t)] += 1;
    } else {
      const sim::PiecewiseRate rate = flow_rate(sc, ap);
      if (first > from) by_q[quarter(from)] += rate.cumulative(from, std::min(first, to));
      for (double t = first; t < to; t += kQuarter)
        by_q[quarter(t)] += rate.cumulative(t, std::min(t + kQuarter, to));
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
        for (std::size_t q = 0; q < kQ; ++q) visits[i][q] += by_q[q] * w.visits(i) / n;
    for (std::size_t k = 0; k < pools; ++k)
      if (w.pool_work(k) > 0)
        for (std::size_t q = 0; q < kQ; ++q) pool_work[k][q] += by_q[q] * w.pool_work(k) / n;
  }
  // Servers by quarter of the UTC day, averaged over the quarters of that kind in the window.
  auto servers = [&](std::size_t place) {
    Bins s{}, count{};
    for (double t = first; t + kQuarter <= to; t += kQuarter) {
      s[quarter(t)] += plan.capacity().server_seconds(place, t, t + kQuarter) / kQuarter;
      count[quarter(t)] += 1;
    }
    for (std::size_t q = 0; q < kQ; ++q) s[q] = count[q] > 0 ? s[q] / count[q] : 0;
    return s;
  };
  auto fill = [&](StopLoad& l, std::size_t side, const Bins& arriving, const Bins& work_s,
                  const Bins& on_duty) {
    // The side's local hours: four quarters each (the arrivals and work summed, the servers
    // averaged).
    const long shift = std::lround(sc.sides[side].utc_offset_s / kQuarter);
    std::array<double, 24> arr{}, work{}, serv{};
    for (std::size_t u = 0; u < kQ; ++u) {
      const auto h = static_cast<std::size_t>(((static_cast<long>(u) + shift) % 96 + 96) % 96) / 4;
      arr[h] += arriving[u] / days;
      work[h] += work_s[u] / days;
      serv[h] += on_duty[u] / 4;
    }
    l.arrivals_by_hour.assign(arr.begin(), arr.end());
    l.servers_by_hour.assign(serv.begin(), serv.end());
    l.load_by_hour.assign(24, 0);
    // Work not done in its hour (the side closed, or more than the servers can do) waits for
    // the next: the load of an hour counts it. Three days of the cycle settle the carry; the last
    // one is kept.
    double carried = 0;
    for (std::size_t k = 0; k < 72; ++k) {
      const std::size_t h = k % 24;
      const double capacity = serv[h] * sim::kHour;
      const double offered = work[h] + carried;
      carried = std::max(0.0, offered - capacity);
      if (k < 48) continue;
      l.load_by_hour[h] = capacity > 0  ? offered / capacity
                          : offered > 0 ? std::numeric_limits<double>::infinity()
                                        : 0;
    }
  };
  for (std::size_t i = 0; i < stops && i < a.stops.size(); ++i) {
    Bins work{};
    for (std::size_t q = 0; q < kQ; ++q) work[q] = visits[i][q] * a.stops[i].mean_service_s;
    fill(a.stops[i], plan.stop(i).side, visits[i], work,
         servers(plan.sites().of(SiteKind::Stop, i)));
  }
  for (std::size_t k = 0; k < pools; ++k) {
    const std::size_t at = stops + sc.rail.size() + k;
    if (at >= a.stops.size()) break;
    StopLoad& l = a.stops[at];
    Bins checks{};
    for (std::size_t q = 0; q < kQ; ++q)
      checks[q] = l.mean_service_s > 0 ? pool_work[k][q] / l.mean_service_s : 0;
    fill(l, plan.pools()[k].side, checks, pool_work[k],
         servers(plan.sites().of(SiteKind::Pool, k)));
  }
}

}  // namespace models
