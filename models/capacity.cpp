#include "models/capacity.hpp"

#include <algorithm>
#include <optional>

#include "models/calendar.hpp"
#include "models/plan.hpp"
#include "sim/stop.hpp"
#include "sim/time.hpp"

namespace models {

namespace {

using Windows = std::vector<std::pair<double, double>>;
using What = Clock::Member::What;

// Builds one clock: its members' schedules get a step at every window's opening and closing,
// in the order a calendar meets them (a window that closed before t = 0 is left out; a step
// before the previous one takes effect with it, as a calendar that waits for a past instant
// goes on at once).
class ClockBuilder {
 public:
  ClockBuilder(CapacityPlan& cp, std::string name, std::size_t index) : cp_(cp) {
    clock_.name = std::move(name);
    clock_.index = index;
  }
  void add(What what, std::size_t index) { clock_.members.push_back({what, index}); }
  // From `t` on, each member has `servers(member)` (a staffing change inside an open window).
  template <class Servers>
  void level(double t, Servers servers) {
    step(t, servers);
  }
  // One window: `open_servers(member)` at `open`, none at `close`.
  template <class Servers>
  void window(double open, double close, Servers open_servers) {
    if (close <= 0) return;
    step(open, open_servers);
    step(close, [](const Clock::Member&) { return 0; });
  }
  void finish() {
    if (!clock_.members.empty()) cp_.clocks.push_back(std::move(clock_));
  }

 private:
  template <class Servers>
  void step(double t, Servers servers) {
    sim::poll_stop();  // a step a window: a long horizon has many
    t = std::max(t, last_);
    last_ = t;
    for (const Clock::Member& m : clock_.members) schedule(m).add(t, servers(m));
  }
  sim::CapacitySchedule& schedule(const Clock::Member& m) {
    switch (m.what) {
      case What::Servers:
        return cp_.servers[m.index];
      case What::Lane:
        return cp_.lane[m.index];
      case What::Gate:
        break;
    }
    return cp_.gates[m.index];
  }

  CapacityPlan& cp_;
  Clock clock_;
  double last_ = sim::CapacitySchedule::kFromStart;
};

// The intake's pace over one open window of its entry side: a per-hour rate as it is, a daily
// quota spread evenly over the window; none on a day without intake.
double intake_interval(const IntakePace& in, double open, double close, long local_day) {
  const IntakeRate& r = in.on(local_day);
  return r.per_hour > 0 ? sim::kHour / r.per_hour : r.per_day > 0 ? (close - open) / r.per_day : 0;
}

// A clock staffed by the hour (a stage's, lane's or agency's `staffing:`): its windows (its side's
// open windows, or a lane's own), cut where the staffing changes. `other(member, day)` gives a
// member its own count (a lane's), or -1 for the staffed count.
template <class Other>
void by_the_hour(ClockBuilder& b, const Scenario& sc, std::size_t side, const Windows& windows,
                 const std::vector<StaffingEntry>& hourly, int flat, Other other) {
  const int offset = sc.sides[side].utc_offset_s;
  for (const auto& [open, close] : windows) {
    if (close <= 0) continue;
    int last = -1;
    for (double t = open; t < close;) {
      const long day = sc.local_day(t, offset);
      const double midnight = sc.sim_time(day, 0, offset);
      const auto [servers, next] = staffed(hourly, flat, day, t - midnight);
      const double until = std::min(close, midnight + next);
      if (servers != last) {
        b.level(t, [&](const Clock::Member& m) {
          const int own = other(m, day);
          return own >= 0 ? own : servers;
        });
        last = servers;
      }
      t = until;
    }
    b.level(close, [](const Clock::Member&) { return 0; });
  }
}

}  // namespace

std::pair<int, double> staffed(const std::vector<StaffingEntry>& hourly, int flat, long day,
                               double tod) {
  const int wd = weekday(day);
  const StaffingEntry* best = nullptr;
  double next = sim::kDay;  // the next instant of the day at which the answer may change
  for (const StaffingEntry& e : hourly) {
    if (!e.applies(day, wd)) continue;
    if (e.hours.open_s > tod) next = std::min(next, e.hours.open_s);
    if (e.hours.close_s > tod) next = std::min(next, e.hours.close_s);
    if (e.hours.open_s <= tod && tod < e.hours.close_s &&
        (!best || e.specificity() > best->specificity()))
      best = &e;
  }
  return {best ? best->servers : flat, next};
}

double CapacityPlan::server_seconds(std::size_t place, double from, double to) const {
  return servers[place].server_seconds(from, to) + lane[place].server_seconds(from, to);
}

double CapacityPlan::admissions(std::size_t place, double from, double to) const {
  const std::vector<sim::CapacityStep>& steps = servers[place].steps();
  double total = 0;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const double interval = interval_s[place][k];
    if (steps[k].servers == 0 || !(interval > 0)) continue;
    const double end = k + 1 < steps.size() ? steps[k + 1].t : to;
    const double overlap = std::min(end, to) - std::max(steps[k].t, from);
    if (overlap > 0) total += overlap / interval;
  }
  return total;
}

CapacityPlan build_capacity(const Scenario& sc, const Plan& plan) {
  const Sites& places = plan.sites();
  CapacityPlan cp;
  cp.servers.resize(places.size());
  cp.lane.resize(places.size());
  cp.interval_s.resize(places.size());
  cp.gates.resize(sc.sides.size());
  auto stop_place = [&](std::size_t i) { return places.of(SiteKind::Stop, i); };
  // A stop's servers in a window of its side (or facility) opening on `day`: the shared servers,
  // and the lane unless it keeps its own hours or its dates leave the day out.
  auto open_servers = [&](const Clock::Member& m, long day) -> int {
    if (m.what == What::Gate) return kGateRoom;
    const Site& pl = places[m.index];
    const PlannedStop& st = plan.stop(pl.of);
    const auto [shared, lane] = st.capacity(day);
    return m.what == What::Lane ? lane : shared;
  };

  // Each gate side's opening hours: its stops (but a joint facility with its own hours), the
  // intakes it is the entry side of, and its gate.
  for (std::size_t side = 0; side < sc.sides.size(); ++side) {
    ClockBuilder b(cp, "calendar", side);
    for (std::size_t i = 0; i < plan.stops().size(); ++i) {
      const PlannedStop& st = plan.stop(i);
      if (st.side != side || st.own_hours || !st.hourly.empty()) continue;
      b.add(What::Servers, stop_place(i));
      if (st.lane_servers > 0 && !st.lane_hours && st.lane_hourly.empty())
        b.add(What::Lane, stop_place(i));
    }
    std::vector<std::size_t> intakes;
    for (std::size_t k = 0; k < places.count(SiteKind::Intake); ++k) {
      const std::size_t at = places.of(SiteKind::Intake, k);
      if (plan.route(places[at].crossing, places[at].direction == SiteDirection::Export)
              .entry_side == side) {
        b.add(What::Servers, at);
        intakes.push_back(at);
      }
    }
    b.add(What::Gate, side);
    const int offset = sc.sides[side].utc_offset_s;
    for (const auto& [open, close] : open_windows(sc, side)) {
      if (close <= 0) continue;  // over before the start: no step (ClockBuilder::window too)
      const long day = sc.local_day(std::max(open, 0.0), offset);
      std::vector<double> interval;
      for (std::size_t at : intakes) {
        interval.push_back(intake_interval(plan.intake_pace(sc, places[at]), open, close, day));
      }
      for (std::size_t k = 0; k < intakes.size(); ++k) {
        cp.interval_s[intakes[k]].push_back(interval[k]);
        cp.interval_s[intakes[k]].push_back(0);
      }
      b.window(open, close, [&](const Clock::Member& m) {
        if (m.what == What::Servers && places[m.index].kind == SiteKind::Intake) {
          const auto k = static_cast<std::size_t>(
              std::find(intakes.begin(), intakes.end(), m.index) - intakes.begin());
          return interval[k] > 0 ? 1 : 0;
        }
        return open_servers(m, day);
      });
    }
    b.finish();
  }

  // Lanes and joint facilities with their own hours, in stop order.
  for (std::size_t i = 0; i < plan.stops().size(); ++i) {
    const PlannedStop& st = plan.stop(i);
    const int offset = sc.sides[st.side].utc_offset_s;
    if (st.lane_servers > 0 && !st.lane_hourly.empty()) {
      // A lane staffed by the hour: its own hours (or its side's), cut where its staffing
      // changes; none outside its dates.
      ClockBuilder b(cp, "lane", i);
      b.add(What::Lane, stop_place(i));
      const Windows windows = st.lane_hours
                                  ? lane_windows(sc, st.side, *st.lane_hours, st.lane_dates)
                                  : open_windows(sc, st.side);
      by_the_hour(b, sc, st.side, windows, st.lane_hourly, st.lane_servers,
                  [&](const Clock::Member&, long day) {
                    return st.lane_dates && !st.lane_dates->contains(day) ? 0 : -1;
                  });
      b.finish();
    } else if (st.lane_servers > 0 && st.lane_hours) {
      ClockBuilder b(cp, "lane", i);
      b.add(What::Lane, stop_place(i));
      for (const auto& [open, close] : lane_windows(sc, st.side, *st.lane_hours, st.lane_dates))
        b.window(open, close, [&](const Clock::Member&) { return st.lane_servers; });
      b.finish();
    }
    if (st.own_hours) {
      ClockBuilder b(cp, "facility", i);
      b.add(What::Servers, stop_place(i));
      if (st.lane_servers > 0 && !st.lane_hours && st.lane_hourly.empty())
        b.add(What::Lane, stop_place(i));
      for (const auto& [open, close] : lane_windows(sc, st.side, *st.own_hours, std::nullopt)) {
        const long day = sc.local_day(std::max(open, 0.0), offset);
        b.window(open, close, [&](const Clock::Member& m) { return open_servers(m, day); });
      }
      b.finish();
    }
  }

  // Stages staffed by the hour: their side's open windows, cut where their staffing changes.
  for (std::size_t i = 0; i < plan.stops().size(); ++i) {
    const PlannedStop& st = plan.stop(i);
    if (st.hourly.empty()) continue;
    ClockBuilder b(cp, "staffing", i);
    b.add(What::Servers, stop_place(i));
    const bool lane = st.lane_servers > 0 && !st.lane_hours && st.lane_hourly.empty();
    if (lane) b.add(What::Lane, stop_place(i));
    by_the_hour(b, sc, st.side, open_windows(sc, st.side), st.hourly, st.servers,
                [&](const Clock::Member& m, long day) {
                  return m.what == What::Lane ? st.capacity(day).second : -1;
                });
    b.finish();
  }

  // Officer pools: an agency's over its side's open windows, by the hour when it has staffing;
  // a joint facility's over the facility's hours if it has its own, else over their own side's
  // (its hours, extended hours and closures).
  for (std::size_t k = 0; k < plan.pools().size(); ++k) {
    const OfficerPool& p = plan.pools()[k];
    ClockBuilder b(cp, "officers", k);
    b.add(What::Servers, places.of(SiteKind::Pool, k));
    if (!p.hourly.empty()) {
      by_the_hour(b, sc, p.side, open_windows(sc, p.side), p.hourly, p.officers,
                  [](const Clock::Member&, long) { return -1; });
    } else {
      const Windows windows = p.hours ? lane_windows(sc, p.hours_side, *p.hours, std::nullopt)
                                      : open_windows(sc, p.side);
      for (const auto& [open, close] : windows)
        b.window(open, close, [&](const Clock::Member&) { return p.officers; });
    }
    b.finish();
  }

  // Rail terminals' cranes: around the clock, or over their shifts.
  for (std::size_t r = 0; r < sc.rail.size(); ++r) {
    const Rail& rail = sc.rail[r];
    const std::size_t at = places.of(SiteKind::Terminal, r);
    cp.terminal_clock.push_back(cp.clocks.size());
    if (rail.shifts.empty()) {
      cp.servers[at] = sim::CapacitySchedule::constant(rail.cranes);
      cp.clocks.push_back(Clock{"cranes", r, {{What::Servers, at}}});
      continue;
    }
    ClockBuilder b(cp, "cranes", r);
    b.add(What::Servers, at);
    for (const auto& [open, close] : shift_windows(sc, rail))
      b.window(open, close, [&](const Clock::Member&) { return rail.cranes; });
    b.finish();
  }
  return cp;
}

}  // namespace models
