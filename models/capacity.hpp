// The capacity plan: for every resource of the border, one piecewise-constant schedule of
// servers over the horizon (sim/schedule.hpp), built once from a scenario's opening hours,
// extended hours, closures, lane and facility hours and dates, crane shifts and intake rates.
// The model makes its resources follow these schedules (one `sim::follow` process per clock);
// `validate` integrates the same steps; the result file records them (the capacity table).
//
// A new source of capacity change is one fold in capacity.cpp, never a new calendar process
// (staffing by the hour is one: a stage's own clock, its side's windows cut where it changes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "models/scenario.hpp"
#include "sim/schedule.hpp"

namespace models {

class Plan;

// The schedules that change together, as one process follows them: their steps share the clock
// `name` (a side's opening hours, a lane's or facility's own hours, a pool's, a terminal's shifts).
struct Clock {
  std::string name;   // "calendar", "lane", "facility", "officers", "cranes": the process's name
  std::size_t index;  // the side, stop, pool or rail service it belongs to
  // Members in the order they are set at each step.
  struct Member {
    enum class What : std::uint8_t { Servers, Lane, Gate } what = What::Servers;
    std::size_t index = 0;  // the place code (Servers, Lane) or the gate side (Gate)
  };
  std::vector<Member> members;
};

struct CapacityPlan {
  // Per place code (models/sites.hpp): the shared servers of a stop, a terminal's cranes, a
  // pool's officers, an intake's gate (1 while it admits, 0 otherwise); empty for yards (their
  // capacity is constant: GateSide::yard).
  std::vector<sim::CapacitySchedule> servers;
  // Per place code: a stop's dedicated lane (empty when it has none).
  std::vector<sim::CapacitySchedule> lane;
  // Per place code of an intake: seconds between admissions in force from each step of its
  // schedule (parallel to servers[place].steps(); 0 when it admits nobody).
  std::vector<std::vector<double>> interval_s;
  // Per gate side: its gate, open (room for everyone) while the side is open.
  std::vector<sim::CapacitySchedule> gates;
  // The clocks in the order the model starts their processes (sides, then lanes and facilities
  // by stop, then pools; rail terminals' clocks are started with their rail service).
  std::vector<Clock> clocks;
  std::vector<std::size_t> terminal_clock;  // per rail service: its clock in `clocks`

  // Server-seconds of a place over [from, to): its shared servers and its lane.
  double server_seconds(std::size_t place, double from, double to) const;
  // Vehicles an intake admits over [from, to): each step's time over its interval.
  double admissions(std::size_t place, double from, double to) const;
};

// Room at an open gate: more than any number of vehicles.
inline constexpr int kGateRoom = 1 << 30;

CapacityPlan build_capacity(const Scenario& sc, const Plan& plan);

// A stage's servers at local time of day `tod` (seconds) on local `day` under its staffing: the
// most specific entry covering it, else `flat`; and the next time of that day at which the
// answer may change (a day's length when none).
std::pair<int, double> staffed(const std::vector<StaffingEntry>& hourly, int flat, long day,
                               double tod);

}  // namespace models
