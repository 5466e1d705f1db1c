// Every table of a result file, declared once: row type, columns, units, meaning (the contract,
// contract.hpp). docs/output-format.md is generated from these declarations.
#include <stdexcept>

#include "models/scenario.hpp"
#include "outputs/contract.hpp"
#include "outputs/table_specs_parts.hpp"

namespace outputs {

std::vector<ColumnSpec> key_columns() {
  using R = row::KeyText;
  return {column(&R::metric, "metric", "", "the metric's name (see Metrics below)"),
          column(&R::group, "group", "", "the group's label (see Groups below)"),
          column(&R::unit, "unit", "", "the unit of mean, sd and the CI of this row")};
}

std::vector<ColumnSpec> ci_columns() {
  using R = row::Ci;
  return {column(&R::mean, "mean", "", "mean over the replications that have the metric"),
          column(&R::sd, "sd", "", "standard deviation across those replications"),
          column(&R::ci95_lo, "ci95_lo", "",
                 "Student-t 95 % confidence interval of the mean, low end (NaN with one "
                 "replication); a share's (unit share) is cut to [0, 1], so it may be asymmetric"),
          column(&R::ci95_hi, "ci95_hi", "", "the same, high end"),
          column(&R::n, "n", "",
                 "replications that have the metric (a group with no vehicle finished in some has "
                 "fewer)")};
}

namespace {

// A column added after files were written: readers accept its absence.
ColumnSpec optional(ColumnSpec c) {
  c.optional = true;
  return c;
}

std::vector<ColumnSpec> group_columns() {
  using R = row::GroupCodes;
  return {
      coded(column(&R::group_kind, "group_kind", "",
                   "what the group is: code in /lookup/group_kinds"),
            "group_kinds"),
      coded(column(&R::flow, "flow", "",
                   "code in /lookup/flows (a rail service for `rail` groups); -1 = not part of the "
                   "group"),
            "flows"),
      coded(column(&R::cargo, "cargo", "",
                   "code in /lookup/cargo, 65535 = empty trucks; -1 = not part of the group"),
            "cargo"),
      coded(column(&R::treatment, "treatment", "",
                   "code in /lookup/treatments; -1 = not part of the group"),
            "treatments"),
      coded(column(&R::stop, "stop", "", "code in /lookup/stops; -1 = not part of the group"),
            "stops"),
      coded(column(&R::side, "side", "", "code in /lookup/sides; -1 = not part of the group"),
            "sides"),
      coded(column(&R::crossing, "crossing", "",
                   "code in /lookup/crossings (`crossing_direction` groups); -1 = not part of the "
                   "group"),
            "crossings"),
      coded(column(&R::direction, "direction", "",
                   "code in /lookup/directions: 0 export, 1 import; -1 = not part of the group"),
            "directions"),
      coded(column(&R::route, "route", "",
                   "code in /lookup/routes (`flow_route` groups); -1 = not part of the group"),
            "routes"),
      // An older file has no agency column: its rows read 0, which group_of() sets back to -1
      // outside agency groups.
      optional(
          coded(column(&R::agency, "agency", "",
                       "code in /lookup/agencies (`agency` groups); -1 = not part of the group"),
                "agencies"))};
}

// The first column of the tables of doubles whose other columns the model names.
ColumnSpec sample_time() {
  return ColumnSpec{"t_s", ColumnType::F64, 0, 0, "s", "sampling time"};
}

std::vector<TableSpec> build_tables() {
  std::vector<TableSpec> t;
  {
    using R = row::Vehicle;
    t.push_back(TableSpec{
        Table::Vehicles,
        "vehicles",
        "/replications/rNNN/vehicles",
        "One row per vehicle or wagon that arrived, in the order they left (those still in the "
        "system at the horizon "
        "last, outcome 2).",
        std::string("one row per vehicle or wagon, in the order they left (those still in the "
                    "system last); times in "
                    "seconds since the scenario start; -1 = not reached"),
        sizeof(R),
        4096,
        {column(&R::id, "id", "", "vehicle (or wagon) number, unique within the replication"),
         coded(column(&R::flow, "flow", "", "code in /lookup/flows (wagons: their rail service)"),
               "flows"),
         coded(column(&R::cargo, "cargo", "", "code in /lookup/cargo; 65535 = empty truck"),
               "cargo"),
         coded(column(&R::route, "route", "",
                      "code in /lookup/routes: the route of its flow it took (the last chosen, "
                      "after any change at the decision point); -1 = a wagon"),
               "routes"),
         coded(column(&R::treatment, "treatment", "",
                      "code in /lookup/treatments: 0 regular, 1 priority (served ahead of others "
                      "somewhere: a shared "
                      "priority queue or a dedicated lane)"),
               "treatments"),
         coded(column(&R::mode, "mode", "", "code in /lookup/modes: 0 truck, 1 wagon"), "modes"),
         coded(column(&R::outcome, "outcome", "",
                      "code in /lookup/outcomes: 0 released, 1 rejected, 2 still in the system at "
                      "the horizon, 3 balked, 4 reneged, 5 turned back with a spoiled load, 6 "
                      "refused by a restriction, 7 lost (full yard and road), 8 spoiled load "
                      "dumped, 9 cancelled by its shipper, 10 diverted by its shipper to a gate "
                      "outside the model, 11 still held at the origin by its shipper"),
               "outcomes"),
         column(&R::spoiled, "spoiled", "", "1 if the load spoiled before it left"),
         column(&R::arrival_s, "arrival_s", "s", "entered the model"),
         column(&R::border_in_s, "border_in_s", "s",
                "reached the first crossing: arrival at the exit side, before its restrictions, "
                "road queue and yard"),
         column(&R::exit_cleared_s, "exit_cleared_s", "s",
                "through the exit side's stops (before waiting for the far side's intake), last "
                "crossing"),
         column(&R::crossed_s, "crossed_s", "s",
                "accepted by the entry side's intake and onto the bridge (before any "
                "transshipment), last crossing"),
         column(&R::entry_in_s, "entry_in_s", "s",
                "reached the entry side across the bridge (after transshipment), last crossing"),
         column(&R::border_out_s, "border_out_s", "s",
                "through the last entry side's stops: border_out_s - border_in_s is the "
                "border-crossing time of a one-crossing route"),
         column(&R::done_s, "done_s", "s", "left the model"),
         column(&R::transit_s, "transit_s", "s", "done_s - arrival_s"),
         column(&R::wait_s, "wait_s", "s",
                "time queued at stops (including a booth held while waiting for an officer), on "
                "the road, in yards for the intake, at bays and platforms; for a vehicle still in "
                "the system, up to the horizon"),
         column(&R::road_wait_s, "road_wait_s", "s",
                "of wait_s, the time on the road waiting for a yard place (exit and entry sides)"),
         column(&R::joint_s, "joint_s", "s",
                "time at joint stops (queue, booth, hold), summed over its crossings"),
         column(&R::value_lost, "value_lost", "reporting currency",
                "value of a spoiled load, converted into the scenario's reporting currency "
                "(`currency`, at its `exchange_rates`); the unit attribute names it"),
         column(&R::transship_cost, "transship_cost", "reporting currency",
                "cost of moving the load to another truck, in the reporting currency (the unit "
                "attribute names it)"),
         column(&R::trip_cost, "trip_cost", "reporting currency",
                "what the trip cost: the legs' costs (fuel, tolls), transshipment and parking per "
                "day at the border, in the reporting currency"),
         column(&R::departure_s, "departure_s", "s", "wagons: when the train it left on departed"),
         optional(column(&R::held_s, "held_s", "s",
                         "time its shipper held the load at the origin (demand response): before "
                         "it set out at arrival_s, before it was cancelled or diverted, or up to "
                         "the horizon (outcome 11); 0 if never held")),
         optional(coded(column(&R::response, "response", "",
                               "code in /lookup/responses: what its shipper did on an announcement "
                               "or a notice, the last thing: 0 nothing, 1 deferred (held at the "
                               "origin), 2 cancelled, 3 diverted"),
                        "responses")),
         optional(column(&R::by_notice, "by_notice", "",
                         "1 if a dated notice (not an announcement) made its shipper act"))}});
  }
  {
    using R = row::Visit;
    t.push_back(TableSpec{
        Table::Visits,
        "visits",
        "/replications/rNNN/visits",
        "One row per stop visit, written when its service ends.",
        "",
        sizeof(R),
        4096,
        {column(&R::vehicle_id, "vehicle_id", "", "the vehicle's id in the vehicles table"),
         coded(column(&R::stop, "stop", "", "code in /lookup/stops"), "stops"),
         coded(column(&R::queue, "queue", "",
                      "code in /lookup/queues: 0 shared, 1 shared_priority, 2 lane"),
               "queues"),
         column(&R::enter_s, "enter_s", "s", "joined the stop's queue"),
         column(&R::start_s, "start_s", "s", "service started"),
         column(&R::end_s, "end_s", "s", "service ended")}});
  }
  {
    using R = row::Train;
    t.push_back(TableSpec{
        Table::Trains,
        "trains",
        "/replications/rNNN/trains",
        "One row per train departure (written with the vehicles table).",
        "",
        sizeof(R),
        1024,
        {coded(column(&R::rail, "rail", "",
                      "code in /lookup/rail: the rail service's index in the scenario's `rail` "
                      "section (its code in /lookup/flows is that plus the number of road flows)"),
               "rail"),
         column(&R::departure_s, "departure_s", "s", "when the train left"),
         column(&R::wagons, "wagons", "wagons", "wagons carried"),
         column(&R::capacity, "capacity", "wagons", "wagons the train can take")}});
  }
  {
    using R = row::Sample;
    t.push_back(TableSpec{
        Table::Timeseries,
        "timeseries",
        "/replications/rNNN/timeseries",
        "Sampled every `outputs.timeseries_step`, in every replication (the report draws bands "
        "across them): one row per site of `/stops` per sample, so the table's width does not "
        "grow with the model.",
        "",
        sizeof(R),
        4096,
        {column(&R::t_s, "t_s", "s", "sampling time"),
         coded(column(&R::stop, "stop", "", "code in /stops (and /lookup/stops)"), "stops"),
         column(&R::queue, "queue", "vehicles",
                "vehicles waiting: at a stop, terminal or pool its queue; at an intake the "
                "vehicles waiting for admission; at a yard those queued on the road outside it"),
         column(&R::busy, "busy", "vehicles",
                "vehicles in service (busy servers); at an intake the gate's interval in use; at a "
                "yard the vehicles parked in it")}});
  }
  {
    using R = row::CapacityStep;
    t.push_back(TableSpec{
        Table::Capacity,
        "capacity",
        "/replications/rNNN/capacity",
        "The capacity schedule every site followed (models/capacity.hpp): one row per change, "
        "from t_s on until the site's next row for the same queue (a step before the start is "
        "written at t = 0). Server-hours, the cost side of a staffing question, are its "
        "integral. A yard's row gives its places (none: no yard limit).",
        "",
        sizeof(R),
        4096,
        {column(&R::t_s, "t_s", "s", "from when"),
         coded(column(&R::stop, "stop", "", "code in /stops"), "stops"),
         coded(column(&R::queue, "queue", "",
                      "code in /lookup/queues: 0 the shared servers, 2 the dedicated lane"),
               "queues"),
         column(&R::servers, "servers", "servers",
                "servers (officers, cranes, booths; an intake 1 while it admits; a yard its "
                "places)")}});
  }
  {
    using R = row::Stop;
    t.push_back(TableSpec{
        Table::Stops,
        "stops",
        "/stops",
        "Every site vehicles queue at or wait in, in code order: the planned stops (stages and "
        "joint stops), rail terminals' cranes, officer pools, the entry sides' intakes, the "
        "yards. Codes are those of `visits.stop`, the time series and the capacity table.",
        "",
        sizeof(R),
        256,
        {column(&R::code, "code", "", "the site's code"),
         column(
             &R::name, "name", "",
             "its name: `<side>.<stage>` a stage, `<crossing>.<export|import>.joint_stop` or "
             "`.window.<side>` a joint stop, `<terminal>.cranes`, `<side>.<stage>.officers` an "
             "officer pool, `<crossing>.<export|import>.intake`, `<side>.<outbound|inbound>.yard` "
             "a yard"),
         coded(column(&R::kind, "kind", "", "code in /lookup/stop_kinds"), "stop_kinds"),
         coded(column(&R::side, "side", "", "code in /lookup/sides; -1 none"), "sides"),
         coded(column(&R::crossing, "crossing", "",
                      "code in /lookup/crossings; -1 none, or a stage several crossings meet"),
               "crossings"),
         coded(column(&R::direction, "direction", "", "code in /lookup/stop_directions"),
               "stop_directions")}});
  }
  t.push_back(TableSpec{
      Table::Backlog,
      "backlog",
      "/replications/rNNN/backlog",
      "Every simulated day at t = 0, 1 d, 2 d, ... up to the horizon, in every replication: per "
      "crossing and direction, the vehicles that have reached the crossing and not yet left it. "
      "A backlog that keeps growing means the results depend on the horizon (the summary's "
      "backlog_growth_per_day measures it); one float64 column each.",
      "vehicles that reached the crossing and have not left it, sampled daily",
      0,
      1024,
      {sample_time(),
       ColumnSpec{"<crossing>.export", ColumnType::F64, 0, 0, "vehicles",
                  "vehicles in the export direction (queued on the road, in the yard, at the stops "
                  "or for the intake)"},
       ColumnSpec{"<crossing>.import", ColumnType::F64, 0, 0, "vehicles",
                  "the same, import direction"}}});
  {
    using R = row::Window;
    t.push_back(TableSpec{
        Table::Windows,
        "windows",
        "/windows",
        "Each gate side's open hours over the horizon (the report shades the closed ones).",
        "",
        sizeof(R),
        1024,
        {column(&R::side, "side", "", "gate side id"), column(&R::open_s, "open_s", "s", "opens"),
         column(&R::close_s, "close_s", "s", "closes")}});
  }
  {
    using R = row::Lookup;
    t.push_back(TableSpec{Table::Lookup,
                          "<name>",
                          "/lookup/<name>",
                          "The names of one categorical column's codes.",
                          "",
                          sizeof(R),
                          256,
                          {column(&R::code, "code", "", "the code"),
                           column(&R::name, "name", "", "what it stands for")}});
  }
  {
    using R = row::CargoLookup;
    t.push_back(TableSpec{
        Table::CargoLookup,
        "cargo",
        "/lookup/cargo",
        "The cargo classes, with the currency their values (and value_lost) are in.",
        "",
        sizeof(R),
        256,
        {column(&R::code, "code", "", "the code (65535, empty truck, is not listed)"),
         column(&R::name, "name", "", "cargo class id"),
         column(&R::currency, "currency", "", "currency of the class's value, e.g. USD")}});
  }
  t.push_back(TableSpec{
      Table::Summary, "summary", "/summary",
      "One row per metric and group: the mean over replications with its 95 % CI.",
      "mean over replications with a Student-t 95 % CI; the unit column gives each row's unit",
      sizeof(row::Summary), 1024,
      join(nested(&row::Summary::key, key_columns()), nested(&row::Summary::ci, ci_columns()),
           nested(&row::Summary::codes, group_columns()))});
  {
    using R = row::Comparison;
    t.push_back(TableSpec{
        Table::Comparison, "comparison", "/comparison",
        "`compare` only: one block of rows per variant; attribute `base` names the base scenario.",
        "diff = variant - base, paired over replications (common random numbers), 95 % CI",
        sizeof(R), 1024,
        join(std::vector<ColumnSpec>{column(&R::variant, "variant", "",
                                            "the variant's name under /scenarios")},
             nested(&R::key, key_columns()),
             std::vector<ColumnSpec>{
                 column(&R::base_mean, "base_mean", "", "the base's mean"),
                 column(&R::variant_mean, "variant_mean", "", "the variant's mean"),
                 column(&R::diff_mean, "diff_mean", "",
                        "mean of variant - base, paired by replication"),
                 column(&R::diff_lo, "diff_lo", "",
                        "paired-t 95 % CI of the difference, low end (a share's cut to [-1, 1])"),
                 column(&R::diff_hi, "diff_hi", "", "the same, high end"),
                 column(&R::pct_change, "pct_change", "%",
                        "100 x diff_mean / |base_mean| (NaN when the base is 0)"),
                 column(&R::p_value, "p_value", "",
                        "two-sided paired t-test of diff = 0 (unadjusted)"),
                 column(&R::n, "n", "", "replications paired"),
                 column(&R::significant, "significant", "",
                        "1 if the row's own 95 % CI excludes zero (needs 2 replications)"),
                 column(&R::significant_holm, "significant_holm", "",
                        "1 if significant at 5 % after Holm's step-down adjustment over every "
                        "row of this variant (the family the terminal's * uses)"),
                 column(&R::better, "better", "",
                        "which way is better for the metric: lower, higher, or empty")},
             nested(&R::codes, group_columns()))});
  }
  {
    using R = row::Decomposition;
    t.push_back(TableSpec{
        Table::Decomposition, "decomposition", "/decomposition",
        "`compare` only: why the mean transit time differs. Per variant and vehicle group, the "
        "difference in mean transit time split by segment (travel, exit side, far-side intake, "
        "bridge and transshipment, joint stops, entry side); the segments add up to the row "
        "`total` in every replication. Attribute `base` names the base scenario, whose /lookup "
        "the group codes refer to.",
        "diff = variant - base, paired over replications (common random numbers), 95 % CI; hours",
        sizeof(R), 1024,
        join(std::vector<ColumnSpec>{column(&R::variant, "variant", "",
                                            "the variant's name under /scenarios")},
             nested(&R::key, key_columns()),
             std::vector<ColumnSpec>{
                 column(&R::segment, "segment", "",
                        "travel, exit, intake, bridge, joint, entry, or total (transit_mean)"),
                 column(&R::base_mean, "base_mean", "h", "the base's mean time in the segment"),
                 column(&R::variant_mean, "variant_mean", "h", "the variant's"),
                 column(&R::diff_mean, "diff_mean", "h",
                        "mean of variant - base, paired by replication"),
                 column(&R::diff_lo, "diff_lo", "h", "paired-t 95 % CI of the difference, low end"),
                 column(&R::diff_hi, "diff_hi", "h", "the same, high end"),
                 column(&R::n, "n", "", "replications paired")},
             nested(&R::codes, group_columns()))});
  }
  {
    using R = row::Point;
    t.push_back(TableSpec{
        Table::Points, "points", "/points", "`sweep` only: the summary of every grid point.", "",
        sizeof(R), 4096,
        join(std::vector<ColumnSpec>{column(&R::point, "point", "",
                                            "grid point; its results are under /sweep/pNNN"),
                                     column(&R::parameters, "parameters", "",
                                            "the point's values: key=value;key=value (for "
                                            "reading; programs use /point_parameters)")},
             nested(&R::key, key_columns()), nested(&R::ci, ci_columns()),
             nested(&R::codes, group_columns()))});
  }
  {
    using R = row::PointParameter;
    t.push_back(TableSpec{
        Table::PointParameters,
        "point_parameters",
        "/point_parameters",
        "`sweep` only: each grid point's value of each swept parameter, one row each (the "
        "structured form of `/points.parameters`).",
        "",
        sizeof(R),
        1024,
        {column(&R::point, "point", "", "grid point, as in /points"),
         column(&R::axis, "axis", "", "the parameter's place in the sweep's --set order, from 0"),
         column(&R::parameter, "parameter", "", "the key path set (list items by id)"),
         column(&R::value, "value", "", "the value, as written on the command line")}});
  }
  {
    using R = row::Curve;
    t.push_back(TableSpec{
        Table::Reliability, "reliability", "/reliability",
        "The reliability curve (metric border_within_share): for each truck group, the share of "
        "trucks through the border (border_in_s to border_out_s, as border_time_mean) within "
        "`at` hours, exact per replication, with its mean and CI across replications; what a "
        "logistics firm plans with (\"how likely is my truck through within 12 h?\").",
        "one row per group and hours; shares in [0, 1]", sizeof(R), 4096,
        join(nested(&R::key, key_columns()),
             std::vector<ColumnSpec>{column(&R::at, "at", "h", "hours since reaching the border")},
             nested(&R::ci, ci_columns()), nested(&R::codes, group_columns()))});
  }
  t.push_back(TableSpec{
      Table::Routes,
      "routes",
      "/replications/rNNN/routes",
      "Where some flow chooses its route: every simulated day (a row at the day's start, t = 0, 1 "
      "d, ...), per flow and route, the trucks that chose it that day (when they set out, or "
      "changed at the decision point); the route_share metric summarises it.",
      "trucks that chose each route, per day",
      0,
      1024,
      {sample_time(), ColumnSpec{"<flow>/<route>", ColumnType::F64, 0, 0, "vehicles",
                                 "trucks of the flow that chose the route that day"}}});
  {
    using R = row::Place;
    t.push_back(TableSpec{
        Table::Places,
        "places",
        "/network/places",
        "The corridor's places (scenarios with `places`): what the report's corridor view draws.",
        "",
        sizeof(R),
        256,
        {column(&R::id, "id", "", "the place's id"), column(&R::name, "name", "", "its name"),
         column(&R::kind, "kind", "", "origin, gate, terminal or destination"),
         column(&R::lat, "lat", "deg", "latitude (NaN: not given)"),
         column(&R::lon, "lon", "deg", "longitude (NaN: not given)")}});
  }
  {
    using R = row::NetworkLeg;
    t.push_back(TableSpec{
        Table::NetworkLegs,
        "legs",
        "/network/legs",
        "The legs between places.",
        "",
        sizeof(R),
        256,
        {column(&R::id, "id", "", "the leg's id"), column(&R::from, "from", "", "a place id"),
         column(&R::to, "to", "", "a place id"),
         column(&R::distance_km, "distance_km", "km", "road distance"),
         column(&R::time_mean_h, "time_mean_h", "h", "mean travel time by truck"),
         column(&R::cost, "cost", "reporting currency", "money per trip")}});
  }
  {
    using R = row::RouteStep;
    t.push_back(TableSpec{
        Table::RouteSteps,
        "route_steps",
        "/network/route_steps",
        "Every route of every flow, step by step in order (the time/cost-distance chart): legs "
        "with "
        "their distance, mean time and cost; crossings with their free-flow border time, parking "
        "and expected transshipment cost (the simulated border time is the summary's "
        "border_time_mean by route).",
        "",
        sizeof(R),
        256,
        {coded(column(&R::route, "route", "", "code in /lookup/routes"), "routes"),
         coded(column(&R::flow, "flow", "", "code in /lookup/flows"), "flows"),
         column(&R::step, "step", "", "its place in the route, from 0"),
         column(&R::kind, "kind", "", "leg or crossing"),
         column(&R::ref, "ref", "", "the leg's or crossing's id"),
         column(&R::distance_km, "distance_km", "km", "distance of the step (0 for a crossing)"),
         column(&R::time_mean_h, "time_mean_h", "h",
                "mean travel time (a leg) or free-flow border time (a crossing)"),
         column(&R::cost, "cost", "reporting currency",
                "a leg's cost, or a crossing's expected transshipment cost")}});
  }
  add_explore_tables(t);
  add_optimise_tables(t);
  for (std::size_t i = 0; i < t.size(); ++i)
    if (static_cast<std::size_t>(t[i].table) != i)
      throw std::logic_error("table specs out of order");
  return t;
}

}  // namespace

ColumnSpec coded(ColumnSpec c, std::string lookup) {
  c.lookup = std::move(lookup);
  return c;
}

const std::vector<TableSpec>& all_tables() {
  static const std::vector<TableSpec> tables = build_tables();
  return tables;
}

const TableSpec& table_spec(Table t) {
  return all_tables()[static_cast<std::size_t>(t)];
}

std::vector<h5::Column> h5_columns(const TableSpec& t,
                                   const std::vector<std::pair<std::string, std::string>>& units) {
  std::vector<h5::Column> cols;
  for (const ColumnSpec& c : t.columns) {
    std::string unit = c.unit;
    for (const auto& [name, u] : units)
      if (name == c.name) unit = u;
    cols.push_back(h5::Column{c.name, hdf5_type(c), c.offset, unit, c.optional});
  }
  return cols;
}

}  // namespace outputs
