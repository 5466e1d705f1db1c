// What leaves a replication: the records of vehicles, stop visits and trains, the statistics of
// stops and yards, and the sink they stream into. The output contract (outputs/contract.hpp)
// declares how each becomes a table row; this header is what the model produces.
//
// Words used throughout (docs/architecture.md):
//  - stage: one clearance step a gate side declares in the scenario (documents, quarantine, ...);
//  - stop: what a vehicle queues at: one stage under `sequential`, a joint stop of several stages
//    under `single_window` / `single_stop`, or a rail terminal's cranes;
//  - lane: the dedicated servers a stage may keep for priority-eligible cargo;
//  - queue (of a visit): shared, shared with priority, or the dedicated lane;
//  - treatment (of a vehicle): regular, or priority if it was served ahead of others anywhere.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/stats.hpp"

namespace models {

// How a vehicle left: released through the border; rejected at a stop; still in the system at
// the horizon; or it gave up: balked (did not join the queue at the border), reneged (left the
// queue when its patience ran out), turned back (its perishable load spoiled while it waited);
// or refused by a restriction of a side (a ban on its cargo, its direction suspended); or its
// shipper responded to an announcement or a notice (Flow::response, Scenario::notices): the load
// was cancelled at the origin, diverted to a gate outside the model, or was still held at the
// origin at the horizon.
enum class Outcome : std::uint8_t {
  Released = 0,
  Rejected = 1,
  InSystem = 2,
  Balked = 3,
  Reneged = 4,
  TurnedBack = 5,
  Refused = 6,    // turned away by a restriction (a commodity ban, a direction suspended)
  Lost = 7,       // arrived to a full yard and a full road: turned away at the border
  Dumped = 8,     // its perishable load spoiled while it waited and was dumped
  Cancelled = 9,  // its shipper cancelled the load at the origin (never set out)
  Diverted = 10,  // its shipper sent it to a gate outside the model
  Held = 11       // still held at the origin at the horizon
};
inline constexpr std::size_t kOutcomes = 12;  // the number of Outcome values
// What a load's shipper did on an announcement or a notice (the last thing it did).
enum class Responded : std::uint8_t { None = 0, Deferred = 1, Cancelled = 2, Diverted = 3 };
enum class Mode : std::uint8_t { Truck = 0, Wagon = 1 };
enum class Treatment : std::uint8_t { Regular = 0, Priority = 1 };
enum class QueueKind : std::uint8_t { Shared = 0, SharedPriority = 1, Lane = 2 };

inline constexpr std::uint16_t kEmptyCargo = 0xFFFF;
// VehicleRecord::cohort
inline constexpr std::uint8_t kArrived = 0, kInitial = 1,
                              kTagged = 2;  // VehicleRecord::cargo of an empty truck

// Where a vehicle comes from: a road flow (its index in Scenario::flows) or a rail service's
// wagons (its index in Scenario::rail). In the result file both are codes of /lookup/flows
// (outputs::flow_code), but in memory a source is never an offset.
enum class SourceKind : std::uint8_t { Flow = 0, Rail = 1 };
struct Source {
  SourceKind kind = SourceKind::Flow;
  std::uint16_t index = 0;
  static Source flow(std::size_t i) { return {SourceKind::Flow, static_cast<std::uint16_t>(i)}; }
  static Source rail(std::size_t i) { return {SourceKind::Rail, static_cast<std::uint16_t>(i)}; }
  bool is_flow(std::size_t i) const { return kind == SourceKind::Flow && index == i; }
  bool is_road() const { return kind == SourceKind::Flow; }
  bool is_rail() const { return kind == SourceKind::Rail; }
  auto operator<=>(const Source&) const = default;
};

struct VehicleRecord {
  std::uint32_t id = 0;
  Source source;            // its road flow or rail service
  std::uint16_t cargo = 0;  // index into Scenario::cargo; kEmptyCargo = empty truck
  Treatment treatment = Treatment::Regular;
  Mode mode = Mode::Truck;
  Outcome outcome = Outcome::InSystem;
  bool spoiled = false;
  // Who it is: a truck that arrived (0), one already at the border at the start (initial
  // state, 1), or one added to watch (`bordersim eta`, 2), kept out of every metric.
  std::uint8_t cohort = 0;
  // An initial truck: the crossing it waited at, and when it left that crossing's queues
  // (admitted onto the bridge, or gave up there).
  std::int16_t start_crossing = -1;
  double start_left_s = -1;
  double loaded_s = 0;         // when the cargo was loaded (may be before t = 0)
  double arrival_s = 0;        // entered the model: set out (a load its shipper held: after
                               // held_s; one cancelled, diverted out or still held: when due)
  double border_in_s = -1;     // reached the first crossing (before its restrictions and yard)
  double exit_cleared_s = -1;  // through the exit side's stops, last crossing
  double crossed_s = -1;       // drove onto the bridge (accepted by the entry side), last crossing
  double entry_in_s = -1;      // reached the entry side (after transshipment and bridge), last
  double border_out_s = -1;    // left the last entry side
  double done_s = -1;          // left the model
  double transit_s = -1;       // done - arrival
  double wait_s = 0;           // time queued at stops, yards, acceptance and trains
  double road_wait_s = 0;      // of which on the road, waiting for a yard place
  double value_lost = 0;
  double transship_cost = 0;
  double departure_s = -1;  // wagons: the train it left on
  std::uint16_t route = 0;  // the route of its flow it took (Flow::routes), the last chosen
  bool diverted = false;    // it changed route at its flow's decision point
  double trip_cost = 0;     // legs' costs, transshipment and parking (reporting currency)
  // Where its time went at the border, summed over its crossings (for a released vehicle they
  // and the travel on legs make up its transit time; see Segment):
  double seg_exit_s = 0;    // reaching a crossing to through the exit side (restrictions, road,
                            // yard, exit stops), joint stops apart
  double seg_intake_s = 0;  // waiting for the entry side's intake
  double seg_bridge_s = 0;  // transshipment and the bridge
  double seg_joint_s = 0;   // at joint stops (queue, booth, hold)
  double seg_entry_s = 0;   // entry yard and entry stops, joint stops apart
  double travel_s = 0;      // on its legs (the Travel segment, measured as it is driven)
  double held_s = 0;        // held at the origin by its shipper before setting out (or so far)
  Responded response = Responded::None;
  bool by_notice = false;  // a notice (not an announcement) made its shipper act
};

// The parts a released vehicle's transit time is made of, in the order a truck meets them:
// travel on legs (and anything outside a crossing), the exit side, the far side's intake, the
// bridge and transshipment, joint stops, the entry side. They add up to transit_s.
enum class Segment : std::uint8_t { Travel, Exit, Intake, Bridge, Joint, Entry };
inline constexpr std::size_t kSegments = 6;
inline double segment_s(const VehicleRecord& r, Segment s) {
  const double border =
      r.seg_exit_s + r.seg_intake_s + r.seg_bridge_s + r.seg_joint_s + r.seg_entry_s;
  switch (s) {
    case Segment::Travel:
      return r.transit_s - border;
    case Segment::Exit:
      return r.seg_exit_s;
    case Segment::Intake:
      return r.seg_intake_s;
    case Segment::Bridge:
      return r.seg_bridge_s;
    case Segment::Joint:
      return r.seg_joint_s;
    case Segment::Entry:
      return r.seg_entry_s;
  }
  return 0;
}

struct StopVisit {
  std::uint32_t vehicle = 0;
  Source source;           // the vehicle's (as in VehicleRecord)
  std::uint16_t stop = 0;  // index into RunResult::stop_names
  QueueKind queue = QueueKind::Shared;
  std::uint8_t cohort = kArrived;  // the vehicle's (VehicleRecord::cohort)
  double enter_s = 0, start_s = 0, end_s = 0;
};

// A stop's statistics after the warm-up, over its shared queue and its lane together.
struct StopStats {
  sim::Tally wait;
  double utilisation = 0;  // busy server-time / available server-time
  double queue_mean = 0, queue_max = 0;
  double busy_mean = 0;
  std::uint64_t served = 0;
  double server_hours = 0;  // servers open after the warm-up, integrated (shared and lane)
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
// the system, at the end), a stop visit when its service ends, a train when it departs, a
// time-series row when sampled. Streaming them keeps a run's memory proportional to the vehicles
// in the system, not to the horizon. Records arrive in a deterministic order.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // Before the first record: the names of the sites visited as stops (StopVisit::stop indexes
  // them) and of the sites the time series samples (every site, models/sites.hpp order).
  virtual void begin(const std::vector<std::string>& /*stop_names*/,
                     const std::vector<std::string>& /*sampled_sites*/) {}
  virtual void vehicle(const VehicleRecord& r) = 0;
  virtual void visit(const StopVisit& v) = 0;
  virtual void train(const TrainRecord& t) = 0;
  // Every outputs.timeseries_step: t_s, then per sampled site its queue and busy (a yard: the
  // road queue outside it and the vehicles parked in it); n = 1 + 2 x sampled sites.
  virtual void sample(const double* row, std::size_t n) = 0;
  // Every day (Scenario::backlog_step_s) at t = 0, 1d, 2d, ... up to the horizon: t_s, then per
  // crossing and direction
  // (RunResult::backlog_columns) the vehicles that have reached that crossing and not yet left it
  // (queued on the road, in the yard, at the stops or for the intake). Default: ignored.
  virtual void backlog(const double* /*row*/, std::size_t /*n*/) {}
  // Every day at t = 1d, 2d, ... (where some flow chooses its route): t_s, then per flow route
  // (RunResult::route_columns) the trucks that chose it that day. Default: ignored.
  virtual void routes(const double* /*row*/, std::size_t /*n*/) {}
};

// The column (after t_s) of a crossing direction in the daily backlog rows.
inline std::size_t backlog_column(std::size_t crossing, bool export_dir) {
  return 2 * crossing + (export_dir ? 0 : 1);
}

// Per server-hour of a site: the officer-hours and booth-hours it stands for, the agency whose
// rates price them, and the side it stands on.
//  - a stage of no pooled agency: each server is an officer at a booth (1 and 1);
//  - a stage of a pooled agency: its servers are booths (0 and 1), the pool has the officers;
//  - an officer pool: officers (1 and 0), an agency's or a joint facility's (the stage's agency);
//  - a joint stop of full teams: each booth a team of one officer per joined stage (n and 1),
//    priced at each member's agency (`officer_hour_cost` sums them);
//  - a joint stop staffed by agencies: booths (0 and 1), of no agency (unpriced);
//  - a rail terminal's cranes: no staff (0 and 0).
struct StaffRole {
  double officers = 0, booths = 0;  // per server-hour
  int side = -1;                    // -1: not at a side (cranes)
  int agency = -1;                  // among its side's agencies; -1: none
  double officer_hour_cost = 0;     // per server-hour, the officers' cost (reporting currency)
  double booth_hour_cost = 0;       // per server-hour, the booths' cost
  bool priced = false;              // some agency's `cost` prices it
};

struct RunResult {
  // Filled only when run_replication collects records itself (no sink given); vehicles sorted by
  // id.
  std::vector<VehicleRecord> vehicles;
  std::vector<StopVisit> visits;
  std::vector<TrainRecord> trains;
  std::vector<std::string> stop_names;
  std::vector<StopStats> stops;
  // Per stop (as `stops`): who its servers are, for officer-hours and cost (models/staff.hpp).
  std::vector<StaffRole> staff;
  // Per gate side and direction, [2 * side + (inbound ? 1 : 0)] (a shared area's stats under
  // both; zeros where the side has no yard limit).
  std::vector<YardStats> yards;
  // Sampled every outputs.timeseries_step: t_s, then per site (sampled_sites, the registry's
  // order) its queue and busy. Row-major, 1 + 2 x sampled_sites.size() values a row.
  std::vector<std::string> sampled_sites;
  std::vector<double> timeseries;
  // "<crossing>.export", "<crossing>.import": the columns after t_s of the daily backlog rows,
  // laid out by backlog_column().
  std::vector<std::string> backlog_columns;
  std::vector<double> backlog;  // row-major, 1 + backlog_columns.size() values a row (collected)
  // "<flow>/<route>": the columns after t_s of the daily route-choice rows (flows that choose).
  std::vector<std::string> route_columns;
  std::vector<double> routes;  // row-major, 1 + route_columns.size() values a row (collected)
  // arrived = released + rejected + turned_away + in_system, where turned_away counts the vehicles
  // that left without crossing otherwise (balked, reneged, turned back, refused, lost).
  std::uint64_t arrived = 0, released = 0, rejected = 0, turned_away = 0, in_system = 0;
  std::uint64_t events = 0;
  double horizon_s = 0, warmup_s = 0;
};

}  // namespace models
