// The plan: a pure function from a scenario to the stops vehicles queue at and the order in which
// each direction of each crossing meets them (the CBTA topology). No simulation state: the model
// (model.hpp) builds one resource per planned stop, and `validate`'s analysis (analysis.hpp)
// reads the same plan, so both agree on what a stop is, whom it serves and with how many servers.
//
// A stop is one queue with servers: a single stage under `sequential`, or the joint stop that
// merges the joinable stages of one side (`single_window`) or of both sides at the entry side
// (`single_stop`). Every place the plan knows (stops, rail terminals' cranes, officer pools,
// intakes, yards) is in one registry (sites.hpp), and every resource's servers over time in one
// capacity plan (capacity.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/capacity.hpp"
#include "models/scenario.hpp"
#include "models/sites.hpp"

namespace models {

inline constexpr std::size_t kNoPool = static_cast<std::size_t>(-1);

// At most this many stages join one stop (a truck's draws at a stop live in its frame).
inline constexpr std::size_t kMaxJoinedStages = 16;

// One stage taking part in a stop.
struct StopMember {
  const Stage* stage = nullptr;
  std::size_t side = 0;   // the gate side that declares it
  std::uint32_t key = 0;  // its random-stream salt: the stage's global name, the same in every mode
  std::size_t pool = kNoPool;  // joint stop staffed by agencies: the officers of this check
};

// An agency's officers at joint stops staffed by agencies: one pool per joined stage, shared by
// every joint stop that joins it (a stage serving both directions sits in both directions' joint
// stops with the same officers).
//
// An agency's pool (`agencies.<id>` with officers or staffing) serves the sequential stops of all
// its stages, by the hour when it has staffing.
struct OfficerPool {
  std::string name;  // "<side>.<stage>.officers", an agency's "<side>.<agency>.officers"
  std::size_t side = 0;
  std::vector<std::size_t> stages;    // the stages (of `side`) it serves
  int agency = -1;                    // an agency's pool: the agency among its side's
  std::vector<StaffingEntry> hourly;  // an agency's `staffing:`
  int officers = 0;
  bool stated = false;  // given in `joint.officers`; else redeployed: the stage's servers + lane
  // The facility's own hours (local time of `hours_side`); absent: the officers keep their own
  // side's calendar.
  std::optional<Hours> hours;
  std::size_t hours_side = 0;
};

struct PlannedStop {
  std::string name;
  std::size_t side = 0;  // whose opening hours govern it (a joint stop: the side it stands on)
  bool joint = false;
  std::vector<StopMember> members;
  // Servers: a stage's `servers`; for a joint stop its booths (`joint.booths`, or the rule: the
  // joined stages' servers summed). Under agency staffing a truck also needs an officer of every
  // agency whose check applies (the members' pools).
  int servers = 1;
  JointStaffing staffing = JointStaffing::Teams;  // joint stops only
  bool booths_stated = false;                     // joint stops: booths given, not the rule
  std::optional<Hours> own_hours;  // a joint facility's own hours (local time of `side`)
  bool pooled = false;  // a stage whose agency pools its officers: `servers` are its booths
  bool agencies() const { return pooled || (joint && staffing == JointStaffing::Agencies); }
  int lane_servers = 0;  // dedicated servers for priority-eligible cargo; 0 = no lane
  std::optional<DateRange> lane_dates;
  std::optional<Hours> lane_hours;         // the lane's own hours; absent: it opens with the side
  bool priority = false;                   // eligible cargo goes first in the shared queue
  std::vector<StaffingEntry> hourly;       // a single stage's `staffing:` (servers by the hour)
  std::vector<StaffingEntry> lane_hourly;  // its lane's `staffing:`
  JointRule rule = JointRule::Max;
  double factor = 1;  // JointRule::Factor: factor x sum of the members' times

  // Servers open in the shared queue and in the lane during an open window of the stop's side
  // that starts on `local_day` (the side's local date); a lane with its own hours keeps them.
  std::pair<int, int> capacity(long local_day) const {
    const bool lane_open =
        lane_servers > 0 && !lane_hours && (!lane_dates || lane_dates->contains(local_day));
    return {servers, lane_open ? lane_servers : 0};
  }
};

// What one direction of a crossing passes through.
struct CrossingRoute {
  std::size_t exit_side = 0, entry_side = 0;
  std::vector<std::size_t> exit_stops, entry_stops;  // indices into Plan::stops, in order
  // single_stop: exit-side checks the joint stop removes, "<side>.<stage>" (for validate).
  std::vector<std::string> removed;
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
  const std::vector<OfficerPool>& pools() const { return pools_; }
  // The intake a vehicle of a crossing direction and cargo class (-1: empty) waits for: its
  // index among the intake sites' `of` (2 * crossing + import for the shared queue, past
  // 2 * crossings for an allowance's), or -1 when it drives on.
  int intake_queue(const Scenario& sc, std::size_t crossing, bool export_dir, int cargo) const;
  // The pace of an intake site (shared or an allowance's).
  const IntakePace& intake_pace(const Scenario& sc, const Site& site) const;
  // Every place, with its code in the results (sites.hpp).
  const Sites& sites() const { return sites_; }
  // Every resource's servers over the horizon (capacity.hpp).
  const CapacityPlan& capacity() const { return capacity_; }

 private:
  friend Plan build_plan(const Scenario& sc);
  // Fills the plan's registry of sites from its stops, routes and pools (build_plan calls it).
  void register_sites(const Scenario& sc, Plan& p);
  friend void register_sites(const Scenario& sc, Plan& p);
  std::vector<PlannedStop> stops_;
  std::vector<OfficerPool> pools_;
  std::vector<std::vector<std::size_t>> stage_stop_;  // [side][stage]
  std::vector<CrossingRoute> routes_;                 // [2 * crossing + (import ? 1 : 0)]
  // Per crossing direction, the `of` of its first allowance's intake site; per allowance site
  // (of - 2 * crossings), its index among its direction's allowances.
  std::vector<std::size_t> first_allowance_;
  std::vector<std::size_t> allowance_index_;
  Sites sites_;
  CapacityPlan capacity_;
};

// Stop order (and so every stop code in the results): the stages of every side in declaration
// order, then per crossing the joint stops of its export direction and of its import direction.
// Officer pools in the order their stages are first joined. Sites in the order sites.hpp
// gives. std::invalid_argument when a joint
// stop would join more than kMaxJoinedStages stages, or two crossings state different officers
// for one stage.
Plan build_plan(const Scenario& sc);
// Fills the plan's registry of sites from its stops, routes and pools (build_plan calls it).
void register_sites(const Scenario& sc, Plan& p);

// The stream salt of a stage: its global name "<side>.<stage>".
std::uint32_t stage_key(const Scenario& sc, std::size_t side, std::size_t stage);

}  // namespace models
