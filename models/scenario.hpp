// The validated scenario: what a YAML file says, in SI units (seconds, kilograms, per second),
// with every reference resolved to an index. Built by load_scenario (loader.hpp); consumed by
// the border model (border.hpp). Nothing here is YAML-specific.
//
// Member initializers only make a default-constructed value well formed: the value an absent
// key takes is declared once, in its schema entry (models/schema.cpp), and the loader sets every
// member from the file or from there.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/scenario_study.hpp"
#include "models/source_error.hpp"
#include "models/staffing.hpp"
#include "models/yaml_tree.hpp"
#include "models/zone.hpp"
#include "sim/distributions.hpp"
#include "sim/time.hpp"

namespace models {

struct YamlNode;  // models/yaml_tree.hpp

// Flows and rail services together (sources, models/records.hpp). A returning empty's draw
// address keeps its origin flow's low 7 bits in its serial and the rest in its salt
// (models/road.cpp), so flows past 127 changed no earlier draw.
inline constexpr std::size_t kMaxFlows = 4095;
// Limits the loader checks before any work, so `validate` and `run` refuse the same scenarios.
// A vehicle key keeps 24 bits of serial (models/road.cpp kMaxSerial): a flow or rail service may
// have at most this many arrivals in one replication. The loader refuses a scenario whose expected
// arrivals plus six standard deviations exceed it, or whose arrival table is longer.
inline constexpr std::uint32_t kMaxArrivalsPerFlow = 0xFFFFFFu;
// Entries of one list of date ranges (seasons, closures, extended hours): the overlap check is
// quadratic, and calendars test every hour of the horizon against every range.
inline constexpr std::size_t kMaxDatedRanges = 1000;
// Rows of the time series per replication (horizon / timeseries_step), and the smallest step.
inline constexpr double kMaxTimeseriesRows = 1000000;
inline constexpr double kMinTimeseriesStep_s = 1;
// In every cycle of empty returns (a -> b -> a) one return must have a mean `after` of at least
// this: otherwise trucks may bounce between the flows without simulated time passing.
inline constexpr double kMinCycleTurnaround_s = 60;

// "No place": a leg, crossing or flow without a place on the corridor network.
inline constexpr std::size_t kNoPlace = static_cast<std::size_t>(-1);

struct Cargo {
  std::string id;
  bool perishable = false;
  double shelf_life_s = 0;  // perishables only
  double value = 0;
  std::string currency = "USD";
  double value_reporting = 0;  // the value in the scenario's reporting currency
  double payload_kg = 0;
  bool priority_eligible = false;
  // Its place in the shared queue of a stage with `priority: true` (lower first, first come first
  // served within a level): 0 for priority-eligible cargo and 1 for the rest unless set. Empty
  // trucks are at level 1.
  int priority_level = 1;
};

struct ExtendedHours {
  DateRange dates;
  Hours hours;
};

struct Closure {
  DateRange dates;
  std::string reason;
};

struct Lane {
  int servers = 0;  // dedicated servers for priority-eligible cargo; 0 = no dedicated lane
  std::optional<DateRange> dates;  // open only over these dates (the lane's own servers)
  std::optional<Hours> hours;      // its own daily hours (side's local time); absent: the side's
  std::vector<StaffingEntry> staffing;  // its servers by the hour; `servers` outside the entries
};

struct Channel {
  std::string name;  // green, yellow, red
  double share = 0;
  sim::Distribution service;
};

// What a stage does, as declared in schema.cpp (`kind`); the order is the schema's.
enum class StageKind : std::uint8_t {
  Documents,
  Customs,
  Inspection,
  Quarantine,
  Scanner,
  Weighbridge,
  Payment,
  Transshipment
};
inline constexpr std::uint32_t kind_bit(StageKind k) {
  return 1u << static_cast<unsigned>(k);
}
// The schema's word for a kind code ("documents", ...).
const char* stage_kind_name(int code);

struct Stage {
  std::string id;
  std::string kind;  // a label; the allowed values are declared in schema.cpp
  StageKind kind_code = StageKind::Inspection;
  bool outbound = true;  // serves vehicles leaving the country through this side
  bool inbound = true;   // serves vehicles entering
  int servers = 1;
  sim::Distribution service;
  std::vector<std::optional<sim::Distribution>> service_by_cargo;  // indexed by cargo
  std::vector<bool> applies_to;                                    // indexed by cargo
  bool all_cargo = true;  // no applies_to given: also serves empty trucks
  double probability = 1.0;
  std::vector<Channel>
      channels;  // customs channels: the drawn channel's service replaces `service`
  std::vector<std::vector<double>> channel_shares_by_cargo;  // optional override, per cargo
  double hold_probability = 0;
  sim::Distribution hold_delay;
  double reject_probability = 0;
  bool joinable = true;
  bool priority = false;  // eligible cargo gets priority 0 in the shared queue
  Lane lane;
  std::vector<StaffingEntry> staffing;
  int agency = -1;  // its agency among its side's `agencies`, or -1
};

struct Yard {
  int capacity = 0;  // places; 0 = no limit (no road queue)
  int road = -1;     // vehicles that may wait on the road for a place; -1 = no limit
};

// A targeted restriction of a side over dates (its local dates): a commodity ban, or one
// direction suspended, while the rest flows. A whole-side closure is a `Closure`.
struct Restriction {
  DateRange dates;
  std::string reason;
  bool outbound = true;     // stops vehicles leaving the country through this side
  bool inbound = true;      // stops vehicles entering
  std::vector<bool> cargo;  // per cargo class; empty: every vehicle, empty trucks included
  bool turn_back = false;   // false: held until it ends; true: turned away (outcome refused)
  bool stops(bool outbound_dir, int cargo_class) const {
    if (!(outbound_dir ? outbound : inbound)) return false;
    if (cargo.empty()) return true;
    return cargo_class >= 0 && cargo[static_cast<std::size_t>(cargo_class)];
  }
};

struct GateSide {
  std::string id;
  std::string country;
  std::string zone;  // as written
  int utc_offset_s = 0;
  Hours hours;
  std::vector<ExtendedHours> extended;
  std::vector<Closure> closures;
  std::vector<Restriction> restrictions;
  // The parking areas before the control gate: one for vehicles leaving the country (outbound)
  // and one for those entering (inbound), or one shared by both. When an area is full, vehicles
  // wait on the road (at most `road` of them; an arrival past that is lost).
  Yard outbound_yard, inbound_yard;
  bool shared_yard = false;
  const Yard& yard(bool outbound) const {
    return shared_yard || outbound ? outbound_yard : inbound_yard;
  }
  std::vector<Stage> stages;
  std::vector<Agency> agencies;
};

// The entry side's intake for one direction of a crossing: how many vehicles it lets in, as a
// capacity that runs only while the entry side is open (so extended hours raise it and a closure
// stops it), not a count released at midnight.
struct IntakeRate {
  double per_day = 0;   // a daily quota released evenly over the entry side's open hours that day
  double per_hour = 0;  // or a rate while the entry side is open (at most one of the two is set)
};

struct DatedIntakeRate {
  DateRange dates;  // local dates of the entry side
  IntakeRate rate;  // per_day = per_hour = 0: no intake over these dates
};

// A pace of admission: a rate or a daily quota, with dated changes.
struct IntakePace {
  IntakeRate rate;  // every day not in a dated entry
  std::vector<DatedIntakeRate> schedule;
  const IntakeRate& on(long local_day) const {
    for (const DatedIntakeRate& d : schedule)
      if (d.dates.contains(local_day)) return d.rate;
    return rate;
  }
};

// A share of one direction's intake set aside for some cargo classes (or empty trucks): a quota
// or rate of its own, with its own queue, so a commodity the far side picks up slowly waits at
// its own pace while other cargo moves at the direction's.
struct IntakeAllowance {
  std::string id;
  std::vector<bool> cargo;  // per cargo class
  bool empty = false;       // empty trucks take this allowance
  IntakePace pace;
  // Its trucks wait for their turn in a staging area before the exit side's yard, called
  // forward when admitted (then they take a yard place, pass the exit side's stops and cross),
  // instead of holding an exit-yard place after the exit side's stops.
  bool staging = false;
};

struct Intake {
  bool limited = false;  // false: vehicles drive on as soon as the exit side releases them
  // What classes not given an allowance share (`limited`), or nothing if they are unlimited.
  IntakePace pace;
  std::vector<IntakeAllowance> allowances;
  // Per cargo class, then empty trucks last: the allowance it waits for, or -1 for the shared
  // pace (or no wait at all when the direction is not `limited`).
  std::vector<int> allowance_of;
  // Order of admission by cargo class (lower first, first come first served within a level);
  // empty: everyone in arrival order. Empty trucks take `empty_priority`. Applies within each
  // queue (the shared one and each allowance's).
  std::vector<int> cargo_priority;
  int empty_priority = 0;

  // Does a vehicle of class `cargo` (-1: empty) wait for its turn before the exit yard?
  bool staged(int cargo) const {
    const int k = allowance(cargo);
    return k >= 0 && allowances[static_cast<std::size_t>(k)].staging;
  }
  // The allowance a vehicle of class `cargo` (-1: empty) waits for, or -1.
  int allowance(int cargo) const {
    if (allowance_of.empty()) return -1;
    return allowance_of[cargo < 0 ? allowance_of.size() - 1 : static_cast<std::size_t>(cargo)];
  }
};

enum class CbtaMode { Sequential, SingleWindow, SingleStop };
enum class JointRule { Max, Sum, Factor };

// Who serves a truck at a joint stop (single_window, single_stop).
//  - Agencies: the facility has `booths` (places where a truck stands while it is inspected), and
//    each joined stage's agency brings its officers as a pool of its own. A truck takes a booth,
//    then an officer of every agency whose check applies to it; under `joint_service: max` the
//    agencies work at the same time, each officer free again after its own check, the booth
//    after the last; under `sum` and `factor` one after another. Redeploying the officers of the
//    stops a joint stop replaces is the default, so a mode comparison keeps the staff the same.
//  - Teams: each of `booths` is a full joint team (every agency present), one queue, the joint
//    rule's time per truck: the simple model, with its capacity stated, never inferred.
enum class JointStaffing { Agencies = 0, Teams = 1 };

// An agency's officers at a joint facility, stated for one joined stage (default: the stage's
// `servers` plus its lane's: the same officers, redeployed).
struct JointOfficers {
  std::size_t side = 0, stage = 0;
  int officers = 0;
};

struct JointFacility {
  JointStaffing staffing = JointStaffing::Agencies;
  // Booths of each joint stop of the crossing, by direction [0] export [1] import; 0 = the
  // documented rule: as many as the joined stages' servers (and lanes) summed, the positions of
  // the stops it replaces.
  int booths[2] = {0, 0};
  std::vector<JointOfficers> officers;
  // The facility's own daily hours, in the local time of the side it stands on (its closures
  // apply); absent: it opens with that side, and each agency's officers keep their own side's
  // hours.
  std::optional<Hours> hours;
  // single_stop: the exit-side checks it removes (one inspection in the country of entry serves
  // both), as (side, stage); absent (`removes_given` false): every exit-side joinable stage whose
  // kind a joined entry-side stage of the same direction also has.
  bool removes_given = false;
  std::vector<std::pair<std::size_t, std::size_t>> removes;
};

// Advance information: a share of trucks whose document work is done before they arrive. For
// those, the stages of the listed kinds take no time at this crossing (they skip them), whatever
// the mode. Drawn per truck and crossing from its own stream: share 0 changes nothing.
struct PreArrival {
  double share = 0;
  std::uint32_t kinds = kind_bit(StageKind::Documents);  // bit set of StageKind
};

struct Crossing {
  std::string id;
  std::size_t side_a = 0;  // the Vietnamese side for export
  std::size_t side_b = 0;
  CbtaMode mode = CbtaMode::Sequential;
  JointRule joint_rule = JointRule::Max;
  double joint_factor = 1.0;  // Factor: factor x sum of the joined stages' times
  JointFacility joint;
  PreArrival pre_arrival;
  sim::Distribution bridge;    // travel between the two sides
  Intake intake[2];            // [0] exports entering side_b, [1] imports entering side_a
  double transship_share = 0;  // share of trucks whose goods change trucks at the border
  sim::Distribution transship_time;
  double transship_cost = 0;
  std::string transship_currency = "CNY";
  double transship_cost_reporting = 0;  // in the scenario's reporting currency
  int transship_bays = 0;               // 0 = unlimited
  // The gate places of its two sides [side_a's, side_b's] on the network (kNoPlace if unplaced):
  // an export route reaches places[0] and leaves from places[1].
  std::size_t places[2] = {kNoPlace, kNoPlace};
  double parking_per_day = 0;  // money per day a truck waits at the border (reporting currency)
};

// A place of the corridor network: where flows start and end, gates, inland terminals.
enum class PlaceKind : std::uint8_t { Origin = 0, Gate = 1, Terminal = 2, Destination = 3 };
struct Place {
  std::string id;
  PlaceKind kind = PlaceKind::Gate;
  std::string name;             // for people ("Lang Son"); the id if absent
  double lat = NAN, lon = NAN;  // degrees, for the report's schematic (optional)
};

struct Leg {
  std::string id;
  sim::Distribution truck;
  sim::Distribution train;
  std::size_t from = kNoPlace, to = kNoPlace;  // places (a network scenario); else unplaced
  double distance_km = 0;
  double cost = 0;  // per trip (fuel, tolls), in the reporting currency
};

struct SeasonFactor {
  DateRange dates;
  double factor = 1;
  std::string name;  // a label for people (reports, messages)
};

struct ArrivalProcess {
  double rate_per_s = 0;
  std::vector<double> hourly;  // 24 factors, mean 1 (normalised by the loader)
  std::vector<double> weekly;  // 7 factors Mon..Sun, mean 1
  std::vector<SeasonFactor> seasons;
  std::vector<double> table_s;  // explicit arrival times (from a CSV), sorted; used if non-empty
};

struct RouteStep {
  enum class Kind { Leg, Crossing } kind;
  std::size_t index;
  bool reverse = false;  // a leg travelled from its `to` to its `from` (legs go both ways)
  // The place it ends at on the network (kNoPlace if unplaced), set by the loader.
  std::size_t end = kNoPlace;
};

struct Route {
  std::string id;  // the flow's name for it ("via_lao_cai"); "route" for a flow's single route
  std::vector<RouteStep> steps;
  bool passes(std::size_t crossing) const {
    for (const RouteStep& st : steps)
      if (st.kind == RouteStep::Kind::Crossing && st.index == crossing) return true;
    return false;
  }
};

// How a flow's trucks pick a route when they set out (and, at a decision point, again): by
// generalised cost in hours, C = expected time + money / value of time + expected spoilage
// loss / value of time, where the expected time is the legs' mean travel time, the time until
// each crossing's exit side opens at the expected arrival, and each crossing's announced
// border-crossing time (recent completions, published with a delay: no truck sees the future);
// money is the legs' costs, expected transshipment cost and parking per day at the border.
struct RouteChoice {
  enum class Rule { LeastCost = 0, Logit = 1 } rule = Rule::LeastCost;
  double dispersion_per_h = 1;      // logit: P(r) proportional to exp(-dispersion x C_r)
  double value_of_time_per_h = 10;  // reporting currency per hour
  // The announced border-crossing time of a crossing direction: published every `every_s`,
  // the mean border time of the trucks that finished crossing in the `window_s` before, seen
  // by trucks `delay_s` after publication. Before the first completion, the crossing's
  // free-flow estimate (its stops' mean service times, bridge and transshipment).
  double every_s = 3600, delay_s = 3600, window_s = 3 * 3600;
  std::size_t decide_again_at = kNoPlace;  // a place where a truck re-decides its route
  double divert_margin_s = 0;              // it switches only if the new route saves more than this
  // Inertia: each truck has a usual route (the one its rule picks at free flow, drawn from its
  // own stream) and leaves it only for a route whose cost is lower by more than its own
  // threshold, drawn per truck from this distribution (seconds); at the decision point the
  // threshold adds to divert_margin_s. Absent: no usual route, no threshold.
  std::optional<sim::Distribution> inertia;
};

struct EmptyReturn {
  double probability = 0;
  sim::Distribution after;
  std::size_t flow = 0;
};

// What drivers of a flow do when the border is congested. Waiting "at the border" is waiting on
// the road for a yard place and waiting for the entry side's intake; inside the control area a
// truck stays in its queue.
struct Behaviour {
  int balk_road_queue = 0;  // does not join when this many already wait on the road; 0 = never
  std::optional<sim::Distribution> patience;  // gives up after waiting this long at the border
  // A load that spoils while waiting: the truck stays (Continue), turns back with it, or dumps it
  // and leaves; either way it frees its place and the intake it would have used.
  enum class Spoiled { Continue = 0, TurnBack = 1, Dump = 2 } spoiled = Spoiled::Continue;
  bool any() const { return balk_road_queue > 0 || patience || spoiled != Spoiled::Continue; }
};

// How a flow's shippers respond to what a gate announces (issue 23): each load's shipper has a
// threshold (drawn per load from `threshold`, a distribution across shippers); when the figure
// the gate announces (its backlog in trucks, or its mean border time in seconds, published every
// `every_s` and seen `delay_s` later) is above it, the shipper acts: defers the load at the
// origin (it re-checks every `recheck_s` and sets out once the figure is at or below its
// threshold, or at `hold_max_s`: then it goes anyway or is cancelled), cancels it, or diverts it
// (to `divert_to`, a route of the flow, or to a gate outside the model).
struct Response {
  enum class On { Backlog = 0, Wait = 1 } on = On::Backlog;
  std::size_t gate = 0;         // a crossing on the flow's routes
  sim::Distribution threshold;  // trucks (backlog) or seconds (wait), across shippers
  enum Action { Defer = 0, Cancel = 1, Divert = 2 };
  std::array<double, 3> action{1, 0, 0};  // shares of those who act, by Action
  double hold_max_s = 3 * sim::kDay, recheck_s = 6 * sim::kHour;
  bool cancel_after_hold = false;  // at hold_max: cancelled (true) or sent anyway (false)
  int divert_to = -1;              // a route index of the flow; -1: out of the model
  double every_s = sim::kDay, delay_s = 12 * sim::kHour, window_s = sim::kDay;
};

// A dated notice asking traders not to dispatch some cargo to a crossing (issue 23): over its
// dates (the scenario's zone), a load of a named class on a flow whose every route passes the
// crossing complies with probability `compliance` (drawn per load) and is cancelled, or held at
// its origin until the notice ends.
struct Notice {
  DateRange dates;
  std::size_t crossing = 0;
  std::vector<bool> cargo;  // per cargo class; the loads it names (never empty trucks)
  double compliance = 0;
  bool cancel = false;  // false: held until the notice ends
  std::string reason, source;
};

struct Flow {
  std::string id;
  bool export_direction = true;   // export: side_a -> side_b of each crossing
  std::vector<double> cargo_mix;  // indexed by cargo, sums to 1
  // One route, or several a truck chooses among (`choice`). A flow with one route makes no
  // choice and draws nothing for one.
  std::vector<Route> routes;
  // `routes: all` kept the kMaxRoutes cheapest (models/route_search.hpp) and more exist.
  bool routes_cut = false;
  std::optional<RouteChoice> choice;
  std::size_t origin = kNoPlace, destination = kNoPlace;
  ArrivalProcess arrivals;
  sim::Distribution age_at_arrival;  // time since loading when the truck enters the model
  std::optional<EmptyReturn> empty_return;
  bool empty = false;  // trucks of this flow carry nothing (no spoilage, no value)
  Behaviour behaviour;
  std::optional<Response> response;  // absent: its arrivals never respond to announcements
};

struct Rail {
  std::string id;
  std::size_t station = 0;           // gate side whose stages clear wagons in the station yard
  std::vector<double> departures_s;  // local times of day
  std::vector<bool> days;            // Mon..Sun
  int wagons_per_train = 16;
  sim::Distribution run_time;  // station to terminal
  int utc_offset_s = 0;        // of the timetable
  double wagons_per_day = 0;   // arrival rate of loaded wagons at the station
  std::vector<double> cargo_mix;
  // Break-of-gauge transshipment terminal
  std::string terminal;
  int cranes = 1;
  sim::Distribution move_time;  // per wagon
  std::vector<Hours> shifts;    // crane working hours, terminal local time
  int terminal_utc_offset_s = 0;
  // Which way its wagons go, for the results' direction groups (cargo:ore/export): a
  // northbound service from Lao Cai exports, a southbound one from Hekou imports.
  bool export_direction = true;
};

// Trucks already at the border at the start instant (`initial_state`): a count of one flow's
// trucks waiting at one of its crossings, at a place, having waited a drawn time already. They
// start there at t = 0, in the order intake, yard, road and, within a place, longest waiting
// first, ahead of any arrival; their border time counts from their stated wait, their loads'
// age from loading.
struct InitialQueue {
  enum class Place : std::uint8_t { Road = 1, Yard = 2, Intake = 3 };
  std::size_t flow = 0;
  std::uint16_t route = 0;    // the flow's route it is on
  std::uint16_t step = 0;     // the crossing's step on that route
  std::size_t crossing = 0;   // Scenario::crossings index of that step
  int cargo = kMixCargo;      // a cargo class, -1 empty, or drawn per truck from the flow's mix
  Place place = Place::Road;  // on the road before the exit yard, in it, or cleared and waiting
                              // for the entry side's intake (holding a yard place)
  int count = 0;
  sim::Distribution waited;              // time already waited at the border
  std::optional<sim::Distribution> age;  // time since loading; absent: waited + age_at_arrival
  static constexpr int kMixCargo = -2;
};

// A truck added to watch (`bordersim eta`): it sets out on its flow at `depart_s` (simulated
// time), on a stated route or choosing as its flow does; it takes its place in every queue but
// is kept out of every metric.
struct TaggedTruck {
  std::size_t flow = 0;
  double depart_s = 0;
  int route = -1;  // -1: as its flow decides
};

enum class TableScope { All, First, None };

struct Outputs {
  TableScope vehicles = TableScope::First;
  TableScope visits = TableScope::First;
  double timeseries_step_s = sim::kHour;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string file;
  std::string yaml;  // the full text, for the results' provenance
  // What reproduces the run: the scenario's tree as read, after `extends` and overrides (written
  // out as one document only when a result is written: models::resolved_as_run), and the base
  // files of its `extends` chain (path and text as read, the nearest first); `file` and `yaml`
  // are the top one.
  std::shared_ptr<const YamlNode> resolved;
  std::vector<std::pair<std::string, std::string>> chain;
  long start_day = 0;          // days since epoch, in the scenario's zone
  double start_time_s = 0;     // time of day
  std::string zone;            // as written
  int utc_offset_s = 0;        // the zone's offset at the start
  std::vector<ZoneUse> zones;  // every zone written, for check_zone_offsets
  double horizon_s = 0;
  double warmup_s = 0;
  std::uint64_t seed = sim::kDefaultSeed;
  int replications = 10;
  // Every money figure of the results is in this currency: values in others are converted at
  // the stated rates (units of that currency per one unit of this one, as quoted).
  std::string currency = "USD";
  std::vector<std::pair<std::string, double>> exchange_rates;
  std::vector<Cargo> cargo;
  std::vector<GateSide> sides;
  std::vector<Crossing> crossings;
  std::vector<Place> places;  // empty: a scenario without a network (one gate pair)
  std::vector<Leg> legs;
  std::vector<Flow> flows;
  std::vector<Rail> rail;
  Outputs outputs;
  std::vector<Target> targets;
  std::vector<InitialQueue> initial;  // the queues at the start (`initial_state`)
  std::vector<TaggedTruck> tagged;    // set by `bordersim eta`, never by a file
  // The backlog sample's step (RecordSink::backlog): a day, or finer for `bordersim forecast
  // --every`, never set by a file.
  double backlog_step_s = sim::kDay;
  // The first replication's number: a batch of more replications added to a run (`--precision`)
  // runs replications first_replication ... first_replication + replications - 1. Never set by a
  // file.
  std::uint32_t first_replication = 0;
  std::vector<Notice> notices;
  std::vector<UncertainInput> uncertain;  // `uncertain:`, in file order
  std::optional<OptimiseSpec> optimise;   // `optimise:`

  // Does any flow balk, renege or turn back? (Their outcome counts are reported only then.)
  bool has_behaviour() const {
    for (const Flow& f : flows)
      if (f.behaviour.any()) return true;
    return false;
  }
  // Does any load respond to an announcement or a notice? (Their outcomes are reported only then.)
  bool has_response() const {
    if (!notices.empty()) return true;
    for (const Flow& f : flows)
      if (f.response) return true;
    return false;
  }
  // The UTC epoch second of the scenario's t = 0.
  double epoch_s() const { return start_day * sim::kDay + start_time_s - utc_offset_s; }
  // Simulated time of a local clock time on a local date at a place with the given offset.
  double sim_time(long local_day, double time_of_day_s, int offset_s) const {
    return local_day * sim::kDay + time_of_day_s - offset_s - epoch_s();
  }
  // The local date at simulated time t at a place with the given offset.
  long local_day(double t, int offset_s) const;
};

}  // namespace models
