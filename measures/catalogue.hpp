// The metric vocabulary: what a summary row is about (groups, their codes and labels) and every
// summary metric (name, unit, meaning, which groups, which way is better), declared once. No
// HDF5 here: the measures (summaries, comparisons, decomposition, calibration) and the terminal
// use it without the result file; outputs/contract.hpp lays it out in tables.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/records.hpp"

namespace models {
struct Scenario;
}

namespace outputs {

namespace row {
// The group as codes into /lookup, so a reader never splits the label; -1 = not part of the group.
struct GroupCodes {
  std::uint8_t group_kind;
  std::int32_t flow, cargo, treatment, stop, side, crossing, direction, route, agency;
};
}  // namespace row

// ---- lookups --------------------------------------------------------------------------------

// A lookup table names the codes of one categorical column. Fixed vocabularies are listed here;
// the others (flows, cargo, stops, sides) come from the scenario.
struct LookupSpec {
  std::string name;
  std::string meaning;
  std::vector<std::string> names;  // empty: from the scenario
};
const std::vector<LookupSpec>& lookup_specs();

// The names of the codes of models' enums, as /lookup stores them.
const std::vector<std::string>& treatment_names();  // regular, priority (models::Treatment)
const std::vector<std::string>& queue_names();  // shared, shared_priority, lane (models::QueueKind)
const std::vector<std::string>& direction_names();  // export, import (Direction)

// ---- groups ---------------------------------------------------------------------------------

// What a summary row is about. Vehicle metrics come by flow/cargo/treatment, flow/cargo (what a
// lane policy changes), cargo class and all; the rest by stop, flow at a stop, gate side or rail
// service; the backlog by crossing and direction. Codes are those of /lookup; a rail service is a
// flow (its code in /lookup/flows).
enum class GroupKind : std::uint8_t {
  All,
  Cargo,
  FlowCargo,
  FlowCargoTreatment,
  FlowStop,
  Stop,
  Side,
  Rail,
  CrossingDirection,
  Yard,
  CargoDirection,  // a cargo class in one direction (exports or imports), over flows and lanes
  FlowRoute,       // the trucks of a flow that took one of its routes (flows that choose)
  Agency           // an agency at a side (`agencies:`): its staff at every stage it works
};
inline constexpr std::size_t kGroupKinds = 13;

// A crossing's two directions, as the model names its backlog columns (`<crossing>.export`).
enum class Direction : std::uint8_t { Export = 0, Import = 1 };

struct Group {
  GroupKind kind = GroupKind::All;
  std::int32_t flow = -1, cargo = -1, treatment = -1, stop = -1, side = -1, crossing = -1,
               direction = -1, route = -1, agency = -1;
  auto operator<=>(const Group&) const = default;
};

Group all_group();
Group cargo_group(std::uint16_t cargo);
Group flow_cargo_group(std::uint16_t flow, std::uint16_t cargo);
Group flow_cargo_treatment_group(std::uint16_t flow, std::uint16_t cargo, models::Treatment t);
Group flow_stop_group(std::uint16_t flow, std::uint16_t stop);
Group stop_group(std::size_t stop);
Group side_group(std::size_t side);
Group rail_group(std::uint16_t flow);
Group crossing_direction_group(std::size_t crossing, Direction d);
Group cargo_direction_group(std::uint16_t cargo, Direction d);
// `route`: the route's code in /lookup/routes (route_code()).
Group flow_route_group(std::uint16_t flow, std::int32_t route);
// A vehicle source as a code of /lookup/flows: road flows in scenario order, then rail services.
// The one place that lays the two kinds out in one list.
std::uint16_t flow_code(const models::Scenario& sc, models::Source source);
// A flow's route as a code of /lookup/routes: every flow's routes in scenario order.
std::int32_t route_code(const models::Scenario& sc, std::size_t flow, std::size_t route);
// An agency as a code of /lookup/agencies: every side's agencies, sides in scenario order.
std::int32_t agency_code(const models::Scenario& sc, std::size_t side, std::size_t agency);
Group agency_group(std::int32_t code);
// A gate side's yard area: outbound or inbound (direction 0 or 1 of yard_area_names()), or -1
// for an area both directions share.
Group yard_group(std::size_t side, std::int32_t area);
const std::vector<std::string>& yard_area_names();  // outbound, inbound

struct GroupKindSpec {
  GroupKind kind;
  std::string name;   // in /lookup/group_kinds
  std::string label;  // the label's form, for the docs
};
const std::array<GroupKindSpec, kGroupKinds>& group_kinds();

// The names codes stand for: from the scenario in memory, or from /lookup when reading a file.
struct GroupNames {
  std::vector<std::string> flows, cargo, stops, sides, crossings;
  std::vector<std::string> agencies;                      // "<side>.<agency>" by agency code
  std::vector<std::string> routes;                        // "<flow>/<route>" by route code
  std::string cargo_name(std::int32_t code) const;        // kEmptyCargo -> "empty"
  const std::string& flow_name(std::int32_t code) const;  // "?" for a code out of range
  const std::string& stop_name(std::int32_t code) const;
  const std::string& side_name(std::int32_t code) const;
  const std::string& crossing_name(std::int32_t code) const;
  const std::string& route_name(std::int32_t code) const;
  const std::string& agency_name(std::int32_t code) const;
};
GroupNames group_names(const models::Scenario& sc, const std::vector<std::string>& stop_names);

// The one rendering of a group as the stored label: exports/fresh_fruit/regular,
// exports/fresh_fruit, cargo:fresh_fruit, all, exports@kim_thanh.exit_barrier, a stop, a side,
// a rail service or kim_thanh_bac_son.export (a crossing direction: the backlog table's column
// name). Never parsed back: the file stores the codes beside it.
std::string group_label(const Group& g, const GroupNames& names);

row::GroupCodes group_codes(const Group& g);
Group group_of(const row::GroupCodes& c);

// ---- metrics --------------------------------------------------------------------------------

enum class Metric : std::uint8_t {
  CompletedPerDay,
  TransitMean,
  TransitP50,
  TransitP95,
  WaitMean,
  SpoiledShare,
  ValueLostPerDay,
  StageWaitMean,
  Utilisation,
  QueueMean,
  YardOccupancyMean,
  YardOccupancyMax,
  RoadQueueMean,
  RoadQueueMax,
  TrainLoadFactor,
  InSystemAtEnd,
  GaveUpPerDay,
  BalkedPerDay,
  RenegedPerDay,
  TurnedBackPerDay,
  RejectedPerDay,
  BacklogGrowthPerDay,
  BacklogAtEnd,
  LostPerDay,
  RefusedPerDay,
  SegmentTravelMean,  // the transit time's segments (models::Segment, in that order)
  SegmentExitMean,
  SegmentIntakeMean,
  SegmentBridgeMean,
  SegmentJointMean,
  SegmentEntryMean,
  BorderTimeMean,
  BorderTimeP50,
  BorderTimeP95,
  ThroughputPerDay,
  RoadWaitMean,
  BorderWithinShare,  // a curve: one value per `at` hours (the reliability curve)
  RouteShare,
  DoorToDoorMean,
  DoorToDoorP50,
  DoorToDoorP95,
  TripCostMean,
  TonnesPerDay,  // cargo moved, for tonnage targets (issue 15)
  TonnesPerYear,
  LoadMean,
  TrainsPerDay,
  WagonsPerTrain,
  TonnesPerTrain,
  FirstExitClearMin,  // the first truck of each day through a side's procedures
  FirstEntryClearMin,
  FirstBorderClearMin,
  MorningQueueClearH,  // how long the queue at a stop's first service of the day takes to clear
  ServerHoursPerDay,   // the capacity plan's server-hours: the cost side of a staffing question
  InitialClearedH,     // the initial state's queue (models::InitialQueue) through
  InitialBorderMean,
  DeferredPerDay,   // demand response (issue 23): loads held at the origin, cancelled,
  CancelledPerDay,  // diverted, and how long the held ones were held
  DivertedPerDay,
  HoldMean,
  OfficerHoursPerDay,  // staffing (issue 25): the officers the capacity plan puts on duty,
  StaffingCostPerDay,  // priced at their agencies' `cost`
  WaitedShare,         // the share of a stop's visits that waited for a server or an officer
  VisitsByHour,        // curves by local hour of arrival at a stop (`at` = hour 0..23): what
  WaitedByHour,        // a per-block target of `bordersim optimise` is judged on
  StageWaitByHour,
};
inline constexpr std::size_t kMetrics = static_cast<std::size_t>(Metric::StageWaitByHour) + 1;
// Is a metric a stop's profile by hour of the day (a curve whose `at` is the local hour)?
inline bool by_hour(Metric m) {
  return m == Metric::VisitsByHour || m == Metric::WaitedByHour || m == Metric::StageWaitByHour;
}

// Which way is better for a metric, as a comparison reads it.
enum class Better : std::uint8_t { None = 0, Lower = 1, Higher = 2 };
const std::string& better_name(Better b);  // "", "lower", "higher"
// The hours at which the reliability curve (border_within_share) is evaluated.
const std::vector<double>& reliability_hours();

// The segment metric of a models::Segment, and its short name (`travel`, `exit`, ...).
Metric segment_metric(models::Segment s);
const std::string& segment_name(models::Segment s);
// What the segment covers, in words (for the docs, the compare text and the report).
const std::string& segment_title(models::Segment s);

struct MetricSpec {
  Metric metric;
  std::string name;   // as stored in the `metric` column
  std::string unit;   // "{currency}/day" for money: the currency of the cargo classes summed
  std::string title;  // the heading of the terminal summary ("" = not printed there)
  std::string meaning;
  std::vector<GroupKind> groups;
  bool in_comparison_text;       // per-stop diagnostics are left out of `compare`'s terminal text
  Better better = Better::None;  // set for every metric in metric_catalogue()
  // A curve: one value per argument `at` (MetricKey::at), written to its own table
  // (/reliability), not to /summary or /comparison.
  bool curve = false;
};
const std::array<MetricSpec, kMetrics>& metric_catalogue();
const MetricSpec& metric_spec(Metric m);
const std::string& metric_name(Metric m);
std::optional<Metric> metric_by_name(std::string_view name);
bool has_group(Metric m, GroupKind k);
bool in_currency(Metric m);  // its unit names a currency, "{currency}/day"
std::string money_unit(Metric m, const std::string& currency);  // "USD/day"

// What a comparison and a sweep chart, and the sweep's terminal table: policy outcomes per
// vehicle, not per-stop diagnostics.
inline constexpr std::array<Metric, 5> kChartedMetrics = {Metric::TransitMean, Metric::TransitP95,
                                                          Metric::WaitMean, Metric::SpoiledShare,
                                                          Metric::CompletedPerDay};
inline constexpr std::array<Metric, 3> kSweepTableMetrics = {
    Metric::TransitMean, Metric::TransitP95, Metric::SpoiledShare};
}  // namespace outputs
