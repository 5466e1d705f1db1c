// Clock time at the border: when each gate side is open over the horizon (its local hours,
// extended hours and closures), the hour-by-hour arrival rate of a flow, and the weekday of a
// local date. Pure functions of the scenario, shared by the simulation, the analysis and the
// result writer (the /windows table).
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "models/scenario.hpp"
#include "sim/arrivals.hpp"

namespace models {

// The open intervals [open, close) of a gate side over the horizon, in simulated seconds, one per
// local day that is not closed (the day before t = 0 and after the horizon included).
std::vector<std::pair<double, double>> open_windows(const Scenario& sc, std::size_t side);

// The windows of a lane with its own daily `hours` (the side's local time) over `dates` (all if
// absent), on the days the side is not closed.
std::vector<std::pair<double, double>> lane_windows(const Scenario& sc, std::size_t side,
                                                    const Hours& hours,
                                                    const std::optional<DateRange>& dates);

// A flow's arrival rate as a piecewise-constant function: hourly segments in the scenario's zone
// from t = 0 to the horizon (rate x hour-of-day x day-of-week x seasonal factors), zero after.
sim::PiecewiseRate flow_rate(const Scenario& sc, const ArrivalProcess& a);

// The crane shifts of a rail terminal over the horizon (its local time), sorted; empty when the
// cranes work around the clock (no shifts).
std::vector<std::pair<double, double>> shift_windows(const Scenario& sc, const Rail& rail);

// Day of the week of a date given as days since 1970-01-01 (a Thursday): Monday = 0.
inline int weekday(long day) {
  return static_cast<int>(((day + 3) % 7 + 7) % 7);
}

}  // namespace models
