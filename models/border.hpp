// The border model: a Scenario turned into processes on the engine for one replication.
//
// A truck's journey (`truck` in border.cpp) reads as the story it is: travel the legs of its
// route; at each crossing take a yard place on the exit side (or wait on the road), go through
// the exit side's stops, be transshipped if it has no through permit, wait for the entry side's
// daily acceptance, cross the bridge, take a yard place on the entry side, go through its stops,
// leave. A "stop" is one queue with servers: a single stage under `sequential`, or the joint stop
// that merges joinable stages under `single_window` (one side's) and `single_stop` (both sides',
// at the entry side). Rail wagons clear in the station yard, wait for a timetabled train (a wagon
// that misses it waits for the next), and are transshipped by cranes working shifts.
//
// Randomness is keyed by (purpose, flow, vehicle serial), never by arrival order at a queue, so a
// truck draws the same service times, channels and outcomes under every CBTA mode and lane
// policy: comparisons run on common random numbers.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "models/records.hpp"
#include "models/scenario.hpp"

namespace models {

// Optional hooks of a long run: every simulated hour the replication adds 1 to `hours` (for
// progress) and checks `cancel`, throwing sim::Cancelled once it is set.
struct ReplicationHooks {
  const std::atomic<bool>* cancel = nullptr;
  std::atomic<std::uint64_t>* hours = nullptr;
};

// Without a sink, the records are collected into the RunResult (tests, small runs).
RunResult run_replication(const Scenario& sc, std::uint32_t replication, const ReplicationHooks& hooks = {},
                          RecordSink* sink = nullptr);

// The open intervals [open, close) of a gate side over the horizon, in simulated seconds.
std::vector<std::pair<double, double>> open_windows(const Scenario& sc, std::size_t side);

// Offered load per stop of a side in sequential mode (arrivals x applicability x mean service /
// servers over the open hours), for `bordersim validate`. A value >= 1 cannot be served.
struct StageLoad {
  std::string name;
  double arrivals_per_day = 0;
  double mean_service_s = 0;
  double server_hours_per_day = 0;
  double load = 0;
};
std::vector<StageLoad> offered_loads(const Scenario& sc);

}  // namespace models
