#include "models/calendar.hpp"

#include <algorithm>
#include <cmath>

#include "sim/stop.hpp"
#include "sim/time.hpp"

namespace models {

namespace {

bool closed_on(const GateSide& g, long day) {
  for (const Closure& c : g.closures)
    if (c.dates.contains(day)) return true;
  return false;
}

// Windows of the days around the horizon (the day before t = 0 and after the horizon included):
// `hours_of(day)` gives a day's hours, or nothing for a day without a window.
template <class HoursOf>
std::vector<std::pair<double, double>> daily_windows(const Scenario& sc, std::size_t side,
                                                     HoursOf hours_of) {
  const GateSide& g = sc.sides[side];
  std::vector<std::pair<double, double>> w;
  const long first = sc.local_day(0, g.utc_offset_s) - 1,
             last = sc.local_day(sc.horizon_s, g.utc_offset_s) + 1;
  for (long d = first; d <= last; ++d) {
    sim::poll_stop();  // a day at a time: a long horizon stops at once
    if (closed_on(g, d)) continue;
    const std::optional<Hours> h = hours_of(d);
    if (h)
      w.emplace_back(sc.sim_time(d, h->open_s, g.utc_offset_s),
                     sc.sim_time(d, h->close_s, g.utc_offset_s));
  }
  return w;
}

}  // namespace

std::vector<std::pair<double, double>> open_windows(const Scenario& sc, std::size_t side) {
  const GateSide& g = sc.sides[side];
  return daily_windows(sc, side, [&](long d) -> std::optional<Hours> {
    Hours h = g.hours;
    for (const ExtendedHours& e : g.extended)
      if (e.dates.contains(d)) h = e.hours;
    return h;
  });
}

std::vector<std::pair<double, double>> lane_windows(const Scenario& sc, std::size_t side,
                                                    const Hours& hours,
                                                    const std::optional<DateRange>& dates) {
  return daily_windows(sc, side, [&](long d) -> std::optional<Hours> {
    if (dates && !dates->contains(d)) return std::nullopt;
    return hours;
  });
}

std::vector<std::pair<double, double>> shift_windows(const Scenario& sc, const Rail& rail) {
  std::vector<std::pair<double, double>> w;
  const int offset = rail.terminal_utc_offset_s;
  const long first = sc.local_day(0, offset) - 1, last = sc.local_day(sc.horizon_s, offset) + 1;
  for (long d = first; d <= last; ++d, sim::poll_stop())
    for (const Hours& h : rail.shifts)
      w.emplace_back(sc.sim_time(d, h.open_s, offset), sc.sim_time(d, h.close_s, offset));
  std::sort(w.begin(), w.end());
  return w;
}

sim::PiecewiseRate flow_rate(const Scenario& sc, const ArrivalProcess& a) {
  std::vector<double> starts, rates;
  const double first_hour = std::floor((sc.epoch_s() + sc.utc_offset_s) / sim::kHour);
  for (double h = first_hour;; h += 1) {
    const double local = h * sim::kHour;  // local epoch seconds at the hour's start
    const double t = local - sc.utc_offset_s - sc.epoch_s();
    if (t >= sc.horizon_s) break;
    sim::poll_stop();
    const long day = static_cast<long>(std::floor(local / sim::kDay));
    const int hour = static_cast<int>(std::lround((local - day * sim::kDay) / sim::kHour)) % 24;
    double factor =
        a.hourly[static_cast<std::size_t>(hour)] * a.weekly[static_cast<std::size_t>(weekday(day))];
    for (const SeasonFactor& sf : a.seasons)
      if (sf.dates.contains(day)) factor *= sf.factor;
    starts.push_back(std::max(t, 0.0));
    rates.push_back(a.rate_per_s * factor);
  }
  starts.push_back(sc.horizon_s);
  rates.push_back(0.0);
  // Collapse a first segment that starts before 0 onto 0 (rounding of the start hour).
  for (std::size_t i = 1; i < starts.size();)
    if (starts[i] <= starts[i - 1]) {
      starts.erase(starts.begin() + static_cast<std::ptrdiff_t>(i - 1));
      rates.erase(rates.begin() + static_cast<std::ptrdiff_t>(i - 1));
    } else {
      ++i;
    }
  return sim::PiecewiseRate(starts, rates);
}

}  // namespace models
