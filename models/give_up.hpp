// The level a queue settles at when it is offered more than it passes and drivers leave it: by
// patience (a wait they accept), a spoiling load they turn back or dump, balking at a long road
// queue, or a full road turning arrivals away. `validate` uses it for the queue of a crossing
// direction whose exit side or intake is short (analysis.hpp, GiveUpQueue).
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "models/scenario.hpp"

namespace models {

// One flow's vehicles of one cargo class reaching the queue.
struct Waiting {
  double rate_per_s = 0;
  const Behaviour* behaviour = nullptr;  // nullptr: they wait however long it takes
  // A load that spoils is turned back or dumped this long after the truck reaches the queue, on
  // average (its shelf life less its age); infinity when it does not leave for that.
  double spoils_after_s = std::numeric_limits<double>::infinity();
  bool can_balk = false;  // the queue is a road queue before a yard (balk_road_queue applies)
  bool gives_up() const;
};

struct QueueLevel {
  bool bounded = false;
  double queue = 0;          // vehicles waiting, on average
  double gave_up_per_s = 0;  // leaving it by every way but service
  std::string method;
};

// `servers` serving `capacity_per_s` in all (a day's average), `room` places on the road before
// arrivals are turned away (infinity: no limit). The offered rate must exceed the capacity.
//  - Every driver's patience exponential with one mean, no load spoiling, no balking: the
//    birth-death chain of M/M/c+M (Erlang A), truncated at the room: exact for Poisson arrivals
//    and exponential service at the day's average rates.
//  - Otherwise the fluid approximation of an overloaded queue: the wait w of those served is the
//    one at which the arrivals still waiting pass what the servers take, rate x P(patience > w)
//    = capacity, and the queue is rate x E[min(patience, w)] (for exponential patience
//    (rate - capacity) x mean patience); the give-up rate is rate - capacity. Balking at a road
//    queue caps the level when every flow balks; a road limit caps it.
QueueLevel queue_level(const std::vector<Waiting>& flows, int servers, double capacity_per_s,
                       double room);

}  // namespace models
