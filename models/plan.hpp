// The plan: a pure function from a scenario to the stops vehicles queue at and the order in which
// each direction of each crossing meets them (the CBTA topology). No simulation state: the model
// (model.hpp) builds one resource per planned stop, and `validate`'s analysis (analysis.hpp)
// reads the same plan, so both agree on what a stop is, whom it serves and with how many servers.
//
// A stop is one queue with servers: a single stage under `sequential`, or the joint stop that
// merges the joinable stages of one side (`single_window`) or of both sides at the entry side
// (`single_stop`). Rail terminals' cranes are stops too; they follow the planned stops in
// RunResult::stop_names and are not part of the plan.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/scenario.hpp"

namespace models {

// One stage taking part in a stop.
struct StopMember {
  const Stage* stage = nullptr;
  std::size_t side = 0;   // the gate side that declares it
  std::uint32_t key = 0;  // its random-stream salt: the stage's global name, the same in every mode
};

struct PlannedStop {
  std::string name;
  std::size_t side = 0;  // whose opening hours govern it
  bool joint = false;
  std::vector<StopMember> members;
  // The stated servers. A joint stop needs every member agency present, so it has as many
  // servers as its smallest member (shown by `validate`).
  int servers = 1;
  int lane_servers = 0;  // dedicated servers for priority-eligible cargo; 0 = no lane
  std::optional<DateRange> lane_dates;
  std::optional<Hours> lane_hours;  // the lane's own hours; absent: it opens with the side
  bool priority = false;            // eligible cargo goes first in the shared queue
  JointRule rule = JointRule::Max;
  double factor = 1;  // JointRule::Factor: factor x sum of the members' times

  // Servers open in the shared queue and in the lane during an open window of the stop's side
  // that starts on `local_day` (the side's local date). Closed windows have none.
  std::pair<int, int> capacity(bool open, long local_day) const {
    if (!open) return {0, 0};
    const bool lane_open =
        lane_servers > 0 && !lane_hours && (!lane_dates || lane_dates->contains(local_day));
    return {servers, lane_open ? lane_servers : 0};
  }
};

// What one direction of a crossing passes through.
struct CrossingRoute {
  std::size_t exit_side = 0, entry_side = 0;
  std::vector<std::size_t> exit_stops, entry_stops;  // indices into Plan::stops, in order
};

class Plan {
 public:
  const std::vector<PlannedStop>& stops() const { return stops_; }
  const PlannedStop& stop(std::size_t i) const { return stops_[i]; }
  // The stop of a stage when it is visited on its own (rail stations, sequential crossings).
  std::size_t stage_stop(std::size_t side, std::size_t stage) const {
    return stage_stop_[side][stage];
  }
  const CrossingRoute& route(std::size_t crossing, bool export_dir) const {
    return routes_[2 * crossing + (export_dir ? 0 : 1)];
  }

 private:
  friend Plan build_plan(const Scenario& sc);
  std::vector<PlannedStop> stops_;
  std::vector<std::vector<std::size_t>> stage_stop_;  // [side][stage]
  std::vector<CrossingRoute> routes_;                 // [2 * crossing + (import ? 1 : 0)]
};

// Stop order (and so every stop code in the results): the stages of every side in declaration
// order, then per crossing the joint stops of its export direction and of its import direction.
Plan build_plan(const Scenario& sc);

// The stream salt of a stage: its global name "<side>.<stage>".
std::uint32_t stage_key(const Scenario& sc, std::size_t side, std::size_t stage);

}  // namespace models
