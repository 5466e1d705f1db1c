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

#include "models/scenario.hpp"
#include "sim/stats.hpp"

namespace models {

enum class Outcome : std::uint8_t { Released = 0, Rejected = 1, InSystem = 2 };
enum class Mode : std::uint8_t { Truck = 0, Wagon = 1 };

struct VehicleRecord {
  std::uint32_t id = 0;
  std::uint16_t flow = 0;   // index into Scenario::flows, or flows.size() + rail index for wagons
  std::uint16_t cargo = 0;  // index into Scenario::cargo; 0xFFFF = empty truck
  std::uint8_t lane = 0;    // 1 if it used a dedicated lane or priority at any stop
  Mode mode = Mode::Truck;
  Outcome outcome = Outcome::InSystem;
  bool spoiled = false;
  double loaded_s = 0;      // when the cargo was loaded (may be before t = 0)
  double arrival_s = 0;     // entered the model
  double border_in_s = -1;  // joined the first exit-side yard (or queue)
  double crossed_s = -1;    // drove onto the bridge (accepted by the entry side), last crossing
  double border_out_s = -1; // left the last entry side
  double done_s = -1;       // left the model
  double transit_s = -1;    // done - arrival
  double wait_s = 0;        // time queued at stops, yards, acceptance and trains
  double value_lost = 0;
  double transship_cost = 0;
  double departure_s = -1;  // wagons: the train it left on
};

struct StageVisit {
  std::uint32_t vehicle = 0;
  std::uint16_t flow = 0;  // the vehicle's flow (as in VehicleRecord)
  std::uint16_t stop = 0;  // index into RunResult::stop_names
  std::uint8_t lane = 0;   // 0 shared queue, 1 shared queue with priority, 2 dedicated lane
  double enter_s = 0, start_s = 0, end_s = 0;
};

struct StopStats {
  sim::Tally wait;
  double utilisation = 0;
  double queue_mean = 0, queue_max = 0;
  double busy_mean = 0;
  std::uint64_t served = 0;
};

struct YardStats {
  double occupancy_mean = 0, occupancy_max = 0;
  double road_mean = 0, road_max = 0;
};

struct TrainRecord {
  std::uint16_t rail = 0;
  double departure_s = 0;
  int wagons = 0;
  int capacity = 0;
};

// Where a replication's records go as they are completed: a vehicle when it leaves (or, still in
// the system, at the end), a stage visit when its service ends, a train when it departs, a
// time-series row when sampled. Streaming them keeps a run's memory proportional to the vehicles
// in the system, not to the horizon. Records arrive in a deterministic order.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // Before the first record: the stop names (StageVisit::stop indexes them) and time-series columns.
  virtual void begin(const std::vector<std::string>& /*stop_names*/,
                     const std::vector<std::string>& /*timeseries_columns*/) {}
  virtual void vehicle(const VehicleRecord& r) = 0;
  virtual void visit(const StageVisit& v) = 0;
  virtual void train(const TrainRecord& t) = 0;
  virtual void sample(const double* row, std::size_t n) = 0;
};

struct RunResult {
  // Filled only when run_replication collects records itself (no sink given); vehicles sorted by id.
  std::vector<VehicleRecord> vehicles;
  std::vector<StageVisit> visits;
  std::vector<TrainRecord> trains;
  std::vector<std::string> stop_names;
  std::vector<StopStats> stops;
  std::vector<YardStats> yards;  // per gate side (zeros when the side has no yard limit)
  // Sampled every outputs.timeseries_step: t_s, then per stop queue and busy, then per side yard
  // occupancy and road queue. Row-major, timeseries_columns.size() values a row.
  std::vector<std::string> timeseries_columns;
  std::vector<double> timeseries;
  std::uint64_t arrived = 0, released = 0, rejected = 0, in_system = 0;
  std::uint64_t events = 0;
  double horizon_s = 0, warmup_s = 0;
};

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
