// Capacity over time as data: a piecewise-constant schedule of servers, its integral, and the
// one process that makes resources follow their schedules.
//
//   CapacitySchedule desks;                       // closed until the first step
//   desks.add(open, 4);  desks.add(close, 0);     // each day's window, in order
//   s.start(follow(s, {{&resource, &desks}}), "calendar");
//   desks.server_seconds(from, to);               // what validate integrates
//
// A schedule is a sequence of steps (t, servers), in the order they happen; two steps may share
// an instant (a window closing as the next opens). A step at -infinity holds from the start.
// Resources that change together (a gate side's stops, its intake and gate at each opening)
// follow their schedules in one process, one calendar event per step, so a side that opens
// twenty stops costs one event, not twenty.
#pragma once

#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

#include "sim/resource.hpp"
#include "sim/simulation.hpp"

namespace sim {

struct CapacityStep {
  double t = 0;     // from this instant (simulated seconds; -infinity: from the start)
  int servers = 0;  // until the next step
};

class CapacitySchedule {
 public:
  static constexpr double kFromStart = -std::numeric_limits<double>::infinity();

  CapacitySchedule() = default;
  // Constant: `servers` from the start on.
  static CapacitySchedule constant(int servers) {
    CapacitySchedule s;
    s.add(kFromStart, servers);
    return s;
  }
  // Appends a step; `t` must not be before the last step's (std::invalid_argument).
  void add(double t, int servers);
  const std::vector<CapacityStep>& steps() const { return steps_; }
  bool empty() const { return steps_.empty(); }
  // The servers in force at `t` (the last step at or before t; 0 before the first step).
  int at(double t) const;
  // The index of the step in force at `t`, or -1 before the first.
  std::ptrdiff_t step_at(double t) const;
  // Server-seconds over [from, to): the integral of the schedule.
  double server_seconds(double from, double to) const;

 private:
  std::vector<CapacityStep> steps_;
};

// A resource and the schedule it follows.
struct Following {
  Resource* resource = nullptr;
  const CapacitySchedule* schedule = nullptr;
};

// The process that makes `members` follow their schedules, which must have the same step times
// (one clock; std::invalid_argument otherwise). Steps from the start are applied at once; every
// other step is one calendar-tier event (Simulation::until, so a step in the past takes effect
// now) that sets each member's capacity in the order given. The schedules must outlive the
// process.
Process follow(Simulation& s, std::vector<Following> members);

}  // namespace sim
