// The metric catalogue (catalogue.hpp): every summary metric's name, unit,
// meaning and the groups it exists for, declared once.
#include <algorithm>
#include <stdexcept>

#include "measures/catalogue.hpp"

namespace outputs {

// ---- metrics --------------------------------------------------------------------------------

namespace {
using GK = GroupKind;
const std::vector<GroupKind> kVehicleGroups = {GK::FlowCargoTreatment, GK::FlowCargo,
                                               GK::CargoDirection, GK::Cargo, GK::All};
const std::vector<GroupKind> kTruckGroups = {GK::FlowCargoTreatment, GK::FlowCargo,
                                             GK::CargoDirection, GK::Cargo, GK::All};
constexpr const char* kCohort = " of vehicles that arrived after the warm-up and were released";
const std::vector<GroupKind> kRouteGroups = {GK::FlowRoute};
const std::vector<GroupKind> kCargoGroups = {
    GK::FlowCargoTreatment, GK::FlowCargo, GK::CargoDirection, GK::Cargo, GK::All, GK::Rail};
constexpr const char* kReleasedLoads =
    "loaded vehicles (trucks and wagons, empty trucks apart) released in the window after the "
    "warm-up, whatever their arrival time, each carrying its cargo class's `payload`";
const std::vector<GroupKind> kVehicleGroupsAndRoutes = {
    GK::FlowCargoTreatment, GK::FlowCargo, GK::CargoDirection, GK::Cargo, GK::All, GK::FlowRoute};
// The outcome counts: per day, of the vehicles that arrived after the warm-up, those that ...
std::string outcome_per_day(const char* what) {
  return std::string("vehicles per day, of those that arrived after the warm-up, ") + what;
}
}  // namespace

namespace {
Better better_of(Metric m);
}

const std::array<MetricSpec, kMetrics>& metric_catalogue() {
  static const std::array<MetricSpec, kMetrics> c = [] {
    std::array<MetricSpec, kMetrics> c = {{
        {Metric::CompletedPerDay, "completed_per_day", "1/day", "vehicles completed per day",
         "vehicles released per day after the warm-up (those that arrived after it)",
         kVehicleGroups, true},
        {Metric::TransitMean, "transit_mean", "h", "transit time, mean (h)",
         std::string("mean transit time (arrival to leaving the model)") + kCohort, kVehicleGroups,
         true},
        {Metric::TransitP50, "transit_p50", "h", "transit time, median (h)",
         std::string("median transit time, exact per replication,") + kCohort, kVehicleGroups,
         true},
        {Metric::TransitP95, "transit_p95", "h", "transit time, 95th percentile (h)",
         std::string("95th percentile of the transit time, exact per replication,") + kCohort,
         kVehicleGroups, true},
        {Metric::WaitMean, "wait_mean", "h", "waiting, mean (h)",
         std::string("mean time queued at stops, yards, acceptance and trains") + kCohort,
         kVehicleGroups, true},
        {Metric::SpoiledShare, "spoiled_share", "share", "share spoiled",
         "share of loads (not empty, not rejected; released or still in the system) that spoiled, "
         "of "
         "vehicles that "
         "arrived after the warm-up",
         kVehicleGroupsAndRoutes, true},
        {Metric::ValueLostPerDay, "value_lost_per_day", "{currency}/day", "value lost per day",
         "value of the spoiled loads per day after the warm-up, in the scenario's reporting "
         "currency (values in other currencies converted at the scenario's exchange_rates; the "
         "unit names it)",
         kVehicleGroups, true},
        {Metric::StageWaitMean,
         "stage_wait_mean",
         "min",
         "waiting by stop, mean (min)",
         "mean wait per visit (queue entry to service start) of the visits that started after the "
         "warm-up",
         {GK::FlowStop},
         false},
        {Metric::Utilisation,
         "utilisation",
         "share",
         "utilisation by stop",
         "busy server-time over available server-time after the warm-up, shared servers and lane "
         "together",
         {GK::Stop},
         false},
        {Metric::QueueMean,
         "queue_mean",
         "vehicles",
         "",
         "time-average vehicles waiting at the stop after the warm-up",
         {GK::Stop},
         false},
        {Metric::YardOccupancyMean,
         "yard_occupancy_mean",
         "vehicles",
         "yard occupancy, mean",
         "time-average vehicles in the yard after the warm-up (each yard area with a limit: "
         "outbound, inbound or shared)",
         {GK::Yard},
         true},
        {Metric::YardOccupancyMax,
         "yard_occupancy_max",
         "vehicles",
         "yard occupancy, max",
         "most vehicles in the yard after the warm-up",
         {GK::Yard},
         true},
        {Metric::RoadQueueMean,
         "road_queue_mean",
         "vehicles",
         "road queue, mean",
         "time-average vehicles queued on the road outside the full yard after the warm-up",
         {GK::Yard},
         true},
        {Metric::RoadQueueMax,
         "road_queue_max",
         "vehicles",
         "road queue, max",
         "most vehicles queued on the road after the warm-up",
         {GK::Yard},
         true},
        {Metric::TrainLoadFactor,
         "train_load_factor",
         "share",
         "train load factor",
         "wagons carried over wagons a train can take, mean over the trains that left after the "
         "warm-up",
         {GK::Rail},
         true},
        {Metric::InSystemAtEnd,
         "in_system_at_end",
         "vehicles",
         "",
         "vehicles still in the model at the horizon, whatever their arrival: in a growing queue "
         "they are the story",
         {GK::All},
         true},
        {Metric::GaveUpPerDay, "gave_up_per_day", "1/day", "vehicles that gave up per day",
         outcome_per_day("that balked, reneged or turned back with a spoiled load (driver "
                         "behaviour: outcomes 3 to 5 in the vehicles table)"),
         kVehicleGroups, true},
        {Metric::BalkedPerDay, "balked_per_day", "1/day", "",
         outcome_per_day("that balked: did not join the road queue at the border (outcome 3; part "
                         "of gave_up_per_day)"),
         kVehicleGroups, true},
        {Metric::RenegedPerDay, "reneged_per_day", "1/day", "",
         outcome_per_day("that reneged: left a queue when their patience ran out (outcome 4; part "
                         "of gave_up_per_day)"),
         kVehicleGroups, true},
        {Metric::TurnedBackPerDay, "turned_back_per_day", "1/day", "",
         outcome_per_day("that turned back with, or dumped, a load that spoiled while waiting "
                         "(outcomes 5 and 8; part of gave_up_per_day)"),
         kVehicleGroups, true},
        {Metric::RejectedPerDay, "rejected_per_day", "1/day", "vehicles rejected per day",
         outcome_per_day("rejected at a stop (outcome 1; scenarios where a stage has a "
                         "reject_probability)"),
         kVehicleGroups, true},
        {Metric::BacklogGrowthPerDay,
         "backlog_growth_per_day",
         "vehicles/day",
         "backlog growth (vehicles/day)",
         "least-squares slope of the daily backlog (vehicles that reached the crossing in that "
         "direction and have not left it: the backlog table) over the days from the end of the "
         "warm-up to the horizon. A CI above 0 means the queue never settles: then every waiting "
         "and transit figure depends on the horizon",
         {GK::CrossingDirection},
         true},
        {Metric::BacklogAtEnd,
         "backlog_at_end",
         "vehicles",
         "backlog at the end",
         "vehicles at the crossing in that direction at the last daily sample (the horizon when it "
         "is a whole number of days); their waits are counted only up to the horizon",
         {GK::CrossingDirection},
         true},
        {Metric::LostPerDay, "lost_per_day", "1/day", "vehicles lost per day",
         outcome_per_day("lost: arrived to a full yard and a full road (outcome 7; scenarios whose "
                         "yard limits its road)"),
         kVehicleGroups, true},
        {Metric::RefusedPerDay, "refused_per_day", "1/day", "vehicles refused per day",
         outcome_per_day("turned away by a restriction, e.g. a commodity ban (outcome 6; scenarios "
                         "with a turn-back restriction)"),
         kVehicleGroups, true},
        {Metric::SegmentTravelMean, "segment_travel_mean", "h", "",
         std::string("mean time travelling on legs (outside the crossings)") + kCohort,
         kVehicleGroups, false},
        {Metric::SegmentExitMean, "segment_exit_mean", "h", "",
         std::string("mean time from reaching a crossing to through its exit side (restrictions, "
                     "road queue, yard, exit stops; joint stops apart)") +
             kCohort,
         kVehicleGroups, false},
        {Metric::SegmentIntakeMean, "segment_intake_mean", "h", "",
         std::string("mean time waiting for the far (entry) side's intake, in the exit yard") +
             kCohort,
         kVehicleGroups, false},
        {Metric::SegmentBridgeMean, "segment_bridge_mean", "h", "",
         std::string("mean time in transshipment and on the bridge") + kCohort, kVehicleGroups,
         false},
        {Metric::SegmentJointMean, "segment_joint_mean", "h", "",
         std::string("mean time at joint stops (queue, booth, hold) under single_window or "
                     "single_stop") +
             kCohort,
         kVehicleGroups, false},
        {Metric::SegmentEntryMean, "segment_entry_mean", "h", "",
         std::string("mean time from reaching the entry side to through it (entry yard, entry "
                     "stops; joint stops apart)") +
             kCohort,
         kVehicleGroups, false},
        {Metric::BorderTimeMean, "border_time_mean", "h", "border-crossing time, mean (h)",
         "mean border-crossing time, from reaching the exit side (before its road queue and yard) "
         "to through the entry side's stops (border_in_s to border_out_s; summed over the "
         "crossings of a route): the exit, intake, bridge, joint and entry segments, of trucks "
         "that arrived after the warm-up and were released (wagons excluded)",
         kVehicleGroupsAndRoutes, true},
        {Metric::BorderTimeP50, "border_time_p50", "h", "border-crossing time, median (h)",
         "median border-crossing time (as border_time_mean), exact per replication: the "
         "replications' medians averaged, with their CI",
         kTruckGroups, true},
        {Metric::BorderTimeP95, "border_time_p95", "h", "border-crossing time, 95th percentile (h)",
         "95th percentile of the border-crossing time (as border_time_mean), exact per "
         "replication: the worst 5 % of trucks take longer",
         kTruckGroups, true},
        {Metric::ThroughputPerDay, "throughput_per_day", "1/day", "throughput (vehicles/day)",
         "vehicles released per day in the window after the warm-up, whatever their arrival "
         "time (completed_per_day counts only those that also arrived in it): what the border "
         "clears",
         kVehicleGroups, true},
        {Metric::RoadWaitMean, "road_wait_mean", "h", "",
         std::string("mean time waiting on the road for a yard place (exit and entry sides)") +
             kCohort,
         kVehicleGroups, true},
        {Metric::BorderWithinShare, "border_within_share", "share", "",
         "reliability curve: share of the released trucks (as border_time_mean) whose "
         "border-crossing time was at most `at` hours; a curve, written to /reliability",
         kTruckGroups, false},
        {Metric::RouteShare, "route_share", "share", "route share",
         "share of the flow's trucks that arrived after the warm-up and chose this route (the "
         "route they took last, after any change at the decision point); the daily counts are "
         "in the routes table",
         kRouteGroups, true},
        {Metric::DoorToDoorMean, "door_to_door_mean", "h", "door-to-door time, mean (h)",
         std::string("mean time from setting out at the origin to arriving at the destination "
                     "(transit_s: legs, border segments and waits),") +
             kCohort,
         kRouteGroups, true},
        {Metric::DoorToDoorP50, "door_to_door_p50", "h", "door-to-door time, median (h)",
         std::string("median door-to-door time, exact per replication,") + kCohort, kRouteGroups,
         true},
        {Metric::DoorToDoorP95, "door_to_door_p95", "h", "door-to-door time, 95th percentile (h)",
         std::string("95th percentile of the door-to-door time, exact per replication,") + kCohort,
         kRouteGroups, true},
        {Metric::TripCostMean, "trip_cost_mean", "{currency}", "trip cost, mean",
         std::string("mean money a trip cost: legs' costs (fuel, tolls), transshipment and "
                     "parking per day at the border, in the reporting currency,") +
             kCohort,
         kRouteGroups, true},
        {Metric::TonnesPerDay, "tonnes_per_day", "t/day", "cargo moved (t/day)",
         std::string("tonnes of cargo per day: ") + kReleasedLoads, kCargoGroups, true},
        {Metric::TonnesPerYear, "tonnes_per_year", "t/yr", "",
         std::string("tonnes_per_day x 365: ") + kReleasedLoads, kCargoGroups, true},
        {Metric::LoadMean, "load_mean", "t", "",
         std::string("mean load per vehicle, tonnes: ") + kReleasedLoads, kCargoGroups, false},
        {Metric::TrainsPerDay,
         "trains_per_day",
         "1/day",
         "trains per day",
         "trains of the service that departed after the warm-up, per day (loaded or light)",
         {GK::Rail},
         true},
        {Metric::WagonsPerTrain,
         "wagons_per_train",
         "wagons",
         "",
         "mean wagons on the trains that departed after the warm-up",
         {GK::Rail},
         true},
        {Metric::TonnesPerTrain,
         "tonnes_per_train",
         "t",
         "",
         "tonnes of cargo on the trains that departed after the warm-up (their wagons' payloads) "
         "over those trains",
         {GK::Rail},
         true},
        {Metric::FirstExitClearMin,
         "first_exit_clear_min",
         "min",
         "first truck through the exit side (min)",
         "per local day after the warm-up, the truck whose exit procedures began first (its "
         "first service at the crossing's exit stops): minutes from then to through the exit "
         "side (exit_cleared_s), waits between its stops included; median over the days",
         {GK::CrossingDirection},
         true},
        {Metric::FirstEntryClearMin,
         "first_entry_clear_min",
         "min",
         "first truck through the entry side (min)",
         "per local day after the warm-up, the truck whose entry procedures began first (its "
         "first service at the entry side's stops): minutes from then to through the entry side "
         "(border_out_s); median over the days",
         {GK::CrossingDirection},
         true},
        {Metric::FirstBorderClearMin,
         "first_border_clear_min",
         "min",
         "first truck through both sides (min)",
         "per local day after the warm-up, the truck whose procedures at the crossing began "
         "first (its first service at an exit or joint stop): minutes from then to through the "
         "entry side (border_out_s), every procedure of both countries, the far side's intake "
         "and the bridge included; median over the days",
         {GK::CrossingDirection},
         true},
        {Metric::MorningQueueClearH,
         "morning_queue_clear_h",
         "h",
         "morning queue cleared after (h)",
         "per local day after the warm-up, from the start of the exit procedures (the day's "
         "first exit service at the crossing) until the last truck that had reached the "
         "crossing by then is through the exit side: how long the queue found at opening takes "
         "to clear; median over the days",
         {GK::CrossingDirection},
         true},
        {Metric::ServerHoursPerDay,
         "server_hours_per_day",
         "server-h/day",
         "server-hours a day by stop",
         "servers open after the warm-up (officers, booths, cranes; shared servers and lane), "
         "integrated over the capacity schedule the stop followed and divided by the days: the "
         "cost side of a staffing question (/replications/rNNN/capacity holds the schedule)",
         {GK::Stop},
         false},
        {Metric::InitialClearedH,
         "initial_cleared_h",
         "h",
         "initial queue through after (h)",
         "scenarios with an initial_state: hours from the start until the last truck that was "
         "waiting at the crossing in that direction at the start has left its queues (admitted "
         "by the entry side's intake onto the bridge, or gave up); the horizon when some still "
         "wait then (a lower bound)",
         {GK::CrossingDirection},
         true},
        {Metric::InitialBorderMean,
         "initial_border_h_mean",
         "h",
         "initial trucks' border time (h)",
         "scenarios with an initial_state: mean border time of the trucks waiting at the start "
         "that were released by the horizon, counted from their stated wait before the start "
         "(the other metrics count only the trucks that arrive after it)",
         {GK::CrossingDirection},
         true},
        {Metric::DeferredPerDay, "deferred_per_day", "1/day", "loads deferred at origin per day",
         outcome_per_day("whose shipper held the load at the origin on an announcement or a "
                         "notice (vehicles.held_s > 0), whatever happened next; scenarios with a "
                         "`response` or `notices`"),
         kVehicleGroups, true},
        {Metric::CancelledPerDay, "cancelled_per_day", "1/day", "loads cancelled per day",
         outcome_per_day("whose shipper cancelled the load, at once or after holding it "
                         "(outcome 9)"),
         kVehicleGroups, true},
        {Metric::DivertedPerDay, "diverted_per_day", "1/day", "loads diverted per day",
         outcome_per_day("whose shipper sent the load another way: to its response's "
                         "`divert_to` route (response 3), or to a gate outside the model (outcome "
                         "10)"),
         kVehicleGroups, true},
        {Metric::HoldMean, "hold_mean", "h", "hold at origin, mean (h)",
         "mean time a load was held at the origin by its shipper, over the loads held (arrived "
         "after the warm-up, held_s > 0; one still held at the horizon counts its time so far)",
         kVehicleGroups, true},
        {Metric::OfficerHoursPerDay,
         "officer_hours_per_day",
         "officer-h/day",
         "officer-hours a day",
         "officers on duty after the warm-up, integrated over the capacity schedule and divided "
         "by the days (server_hours_per_day of the sites whose servers are officers: a stage's "
         "servers, an agency's or a joint facility's pool, a full joint team per booth counting "
         "one officer per joined stage; booths and cranes are not officers), by stop, agency, "
         "side and in all",
         {GK::Stop, GK::Agency, GK::Side, GK::All},
         false},
        {Metric::StaffingCostPerDay,
         "staffing_cost_per_day",
         "{currency}/day",
         "staffing cost a day",
         "officer-hours and booth-hours a day priced at their agency's `cost` (officer_hour, "
         "booth_hour), by stop, agency, side and in all; sites of an agency without a `cost` "
         "count nothing, and a scenario with no cost given has no rows",
         {GK::Stop, GK::Agency, GK::Side, GK::All},
         false},
        {Metric::WaitedShare,
         "waited_share",
         "share",
         "",
         "share of the visits to a stop (whose service began after the warm-up, as "
         "stage_wait_mean) that waited for a server "
         "before their service began (at a stage of a pooled agency: for a booth or an "
         "officer), the Erlang C probability of waiting",
         {GK::Stop},
         false},
        {Metric::VisitsByHour,
         "visits_by_hour",
         "1/day",
         "",
         "visits per day to a stop that arrived in the local hour `at` (0 to 23, the stop's side's "
         "time) after the warm-up; a curve, written to /reliability",
         {GK::Stop},
         false},
        {Metric::WaitedByHour,
         "waited_by_hour",
         "1/day",
         "",
         "of visits_by_hour, those that waited for a server (waited_share by hour of arrival is "
         "this over visits_by_hour); a curve, written to /reliability",
         {GK::Stop},
         false},
        {Metric::StageWaitByHour,
         "stage_wait_by_hour",
         "min",
         "",
         "mean wait for a server of the visits to a stop that arrived in the local hour `at`; a "
         "curve, written to /reliability",
         {GK::Stop},
         false},
    }};
    for (MetricSpec& m : c) {
      m.better = better_of(m.metric);
      m.curve = m.metric == Metric::BorderWithinShare || by_hour(m.metric);
    }
    return c;
  }();
  static const bool ordered = [] {
    for (std::size_t i = 0; i < kMetrics; ++i)
      if (static_cast<std::size_t>(c[i].metric) != i)
        throw std::logic_error("metric catalogue out of order");
    return true;
  }();
  (void)ordered;
  return c;
}

namespace {
// Which way is better, as a comparison reads each metric: less time, waiting, spoilage, loss,
// queue and backlog is better; more vehicles through is better; utilisation and yard occupancy
// are diagnostics with no better direction.
Better better_of(Metric m) {
  switch (m) {
    case Metric::CompletedPerDay:
    case Metric::ThroughputPerDay:
    case Metric::TonnesPerDay:
    case Metric::TonnesPerYear:
    case Metric::TrainLoadFactor:
    case Metric::BorderWithinShare:
      return Better::Higher;
    case Metric::Utilisation:
    case Metric::ServerHoursPerDay:  // capacity: a cost, not an outcome a policy should lower
    case Metric::OfficerHoursPerDay:
    case Metric::VisitsByHour:
    case Metric::RouteShare:
    case Metric::YardOccupancyMean:
    case Metric::YardOccupancyMax:
    case Metric::SegmentTravelMean:
    case Metric::LoadMean:
    case Metric::TrainsPerDay:
    case Metric::WagonsPerTrain:
    case Metric::TonnesPerTrain:
      return Better::None;
    default:
      return Better::Lower;
  }
}
}  // namespace

const std::string& better_name(Better b) {
  static const std::array<std::string, 3> names = {"", "lower", "higher"};
  return names[static_cast<std::size_t>(b)];
}

const std::vector<double>& reliability_hours() {
  // Every quarter hour to a day, every hour to three days, every six hours to two weeks.
  static const std::vector<double> grid = [] {
    std::vector<double> g;
    for (int q = 1; q <= 96; ++q) g.push_back(q * 0.25);
    for (int h = 25; h <= 72; ++h) g.push_back(h);
    for (int h = 78; h <= 336; h += 6) g.push_back(h);
    return g;
  }();
  return grid;
}

Metric segment_metric(models::Segment s) {
  return static_cast<Metric>(static_cast<std::size_t>(Metric::SegmentTravelMean) +
                             static_cast<std::size_t>(s));
}

const std::string& segment_name(models::Segment s) {
  static const std::array<std::string, models::kSegments> names = {"travel", "exit",  "intake",
                                                                   "bridge", "joint", "entry"};
  return names[static_cast<std::size_t>(s)];
}

const std::string& segment_title(models::Segment s) {
  static const std::array<std::string, models::kSegments> titles = {
      "travel on legs",           "exit side",   "far-side intake",
      "bridge and transshipment", "joint stops", "entry side"};
  return titles[static_cast<std::size_t>(s)];
}

const MetricSpec& metric_spec(Metric m) {
  return metric_catalogue()[static_cast<std::size_t>(m)];
}

const std::string& metric_name(Metric m) {
  return metric_spec(m).name;
}

std::optional<Metric> metric_by_name(std::string_view name) {
  for (const MetricSpec& s : metric_catalogue())
    if (s.name == name) return s.metric;
  return std::nullopt;
}

bool has_group(Metric m, GroupKind k) {
  const auto& g = metric_spec(m).groups;
  return std::find(g.begin(), g.end(), k) != g.end();
}

bool in_currency(Metric m) {
  return metric_spec(m).unit.find("{currency}") != std::string::npos;
}

std::string money_unit(Metric m, const std::string& currency) {
  std::string unit = metric_spec(m).unit;
  return unit.replace(unit.find("{currency}"), 10, currency);
}

}  // namespace outputs
