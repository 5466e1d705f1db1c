#include "models/schema.hpp"

#include <map>
#include <sstream>
#include <stdexcept>

#include "models/overrides.hpp"
#include "models/params.hpp"
#include "models/scenario.hpp"
#include "models/source_error.hpp"
#include "models/suggest.hpp"
#include "models/units.hpp"
#include "models/yaml_tree.hpp"
#include "sim/distributions.hpp"
#include "sim/time.hpp"

namespace models {

namespace {

// Generated, so the documented default cannot drift from the one the engine uses.
const std::string kDefaultSeedText = std::to_string(sim::kDefaultSeed);
// The limits the loader checks across keys (scenario.hpp), stated where users read the keys.
const std::string kTimeseriesDoc =
    "Sampling step of queue, busy-server, yard and road time series; 0s = none. Otherwise at "
    "least " +
    std::to_string(static_cast<int>(kMinTimeseriesStep_s)) + "s, and at most " +
    std::to_string(static_cast<long long>(kMaxTimeseriesRows)) +
    " rows (horizon / step) per replication.";
const std::string kRateDoc =
    "Mean arrivals per day over a typical week. The expected arrivals in one replication "
    "(plus six standard deviations) must stay within " +
    std::to_string(kMaxArrivalsPerFlow) + ".";
const std::string kWagonsDoc =
    "Loaded wagons arriving at the station per day (Poisson); within the same limit of " +
    std::to_string(kMaxArrivalsPerFlow) + " arrivals per replication as a flow's rate.";
const std::string kAfterDoc =
    "Turnaround before the return trip. In every cycle of empty returns (a -> b -> a) one "
    "return must have a mean `after` of at least " +
    std::to_string(static_cast<int>(kMinCycleTurnaround_s / 60)) + "min.";

// A Choice's code: the value the loader stores (an enum, or a bool such as
// Flow::export_direction), as int.
template <class T>
int code(T value) {
  return static_cast<int>(value);
}

// A section or list: read by the reader of the section it holds.
const Fill kNested = by_hand("a section or list, read by its own reader");

// Keys that fill two members.
void set_stage_kind(Stage& st, int code) {
  st.kind_code = static_cast<StageKind>(code);
  st.kind = stage_kind_name(code);
}
void set_stage_serves(Stage& st, int serves) {
  st.outbound = (serves & kServesOutbound) != 0;
  st.inbound = (serves & kServesInbound) != 0;
}
void set_export_booths(JointFacility& j, int n) {
  j.booths[0] = n;
}
void set_import_booths(JointFacility& j, int n) {
  j.booths[1] = n;
}
void set_restriction_direction(Restriction& r, int serves) {
  r.outbound = (serves & kServesOutbound) != 0;
  r.inbound = (serves & kServesInbound) != 0;
}

const std::vector<Choice> kTableScopes = {
    {"all", "every replication", code(TableScope::All)},
    {"first", "replication 0 only", code(TableScope::First)},
    {"none", "not written", code(TableScope::None)},
};

const std::vector<Choice> kStageKinds = {
    {"documents", "", code(StageKind::Documents)},
    {"customs", "", code(StageKind::Customs)},
    {"inspection", "", code(StageKind::Inspection)},
    {"quarantine", "", code(StageKind::Quarantine)},
    {"scanner", "", code(StageKind::Scanner)},
    {"weighbridge", "", code(StageKind::Weighbridge)},
    {"payment", "", code(StageKind::Payment)},
    {"transshipment", "", code(StageKind::Transshipment)},
};

// Codes are day indices Mon = 0 .. Sun = 6.
const std::vector<Choice> kWeekdays = {
    {"Mon", "", 0}, {"Tue", "", 1}, {"Wed", "", 2}, {"Thu", "", 3},
    {"Fri", "", 4}, {"Sat", "", 5}, {"Sun", "", 6},
};

// clang-format off
const SectionSchema kScenario{"(top level)", "The scenario file.", {
  {"extends", "string", "", "", "A base scenario file (path relative to this one). This file states only what differs: mappings merge key by key, lists of items with an `id` (stages) merge item by item, other lists and scalars replace. A key set to `~` (null) drops what the base gave it and takes its default: `intake: {export: {rate: ~, daily_quota: 220/day}}` replaces an inherited rate by a quota.", "lao_cai.yaml", {}, by_hand("resolved before reading: this file is merged onto the base it names")},
  {"name", "id", nullptr, "", "Scenario name; names the result file.", "kim_thanh_bac_son", {}, member<&Scenario::name>()},
  {"description", "string", "", "", "One paragraph for the report header.", "Road gate, normal day mix", {}, member<&Scenario::description>()},
  {"start", "string", nullptr, "", "Start date and local time `YYYY-MM-DD HH:MM` in `time_zone`.", "2025-06-01 00:00", {}, by_hand("a date and time in `time_zone`")},
  {"time_zone", "zone", "UTC+7", "", "Zone of `start`.", "Asia/Ho_Chi_Minh", {}, by_hand("a zone: its offset at the start, and checked for changes over the horizon")},
  {"horizon", "duration", nullptr, "> 0", "Simulated time after the start.", "30d", {}, member<&Scenario::horizon_s>()},
  {"warmup", "duration", "0s", ">= 0", "Statistics are reset at this time (must be below the horizon).", "2d", {}, member<&Scenario::warmup_s>()},
  {"seed", "integer", kDefaultSeedText.c_str(), ">= 0", "Base seed; replication r uses (seed, r).", kDefaultSeedText.c_str(), {}, member<&Scenario::seed>()},
  {"replications", "integer", "10", "[1, 65535]", "Independent replications.", "20", {}, member<&Scenario::replications>()},
  {"currency", "string", "USD", "", "Reporting currency (ISO code): every money figure in the results (value lost, transshipment cost) is converted into it.", "USD", {}, member<&Scenario::currency>()},
  {"exchange_rates", "section", "", "", "The rates the scenario assumes: units of each other currency per one unit of the reporting currency, as a rate is quoted (`{VND: 25400, CNY: 7.2}` for 1 USD = 25,400 VND = 7.2 CNY). A money value in a currency with no rate is an error.", "{VND: 25400, CNY: 7.2}", {}, by_hand("currency codes, each other than `currency`")},
  {"cargo", "section", nullptr, "", "Cargo classes by id (see `cargo.<id>`).", "", {}, kNested},
  {"gate_sides", "section", nullptr, "", "Control points by id (see `gate_sides.<id>`).", "", {}, kNested},
  {"crossings", "section", "", "", "Gate pairs by id (see `crossings.<id>`).", "", {}, kNested},
  {"places", "section", "", "", "The corridor's places by id (see `places.<id>`): origins, gates, inland terminals, destinations. Absent: a scenario without a network, whose routes are checked only for their steps.", "", {}, kNested},
  {"legs", "section", "", "", "Travel legs by id (see `legs.<id>`).", "", {}, kNested},
  {"flows", "section", "", "", "Vehicle flows by id (see `flows.<id>`).", "", {}, kNested},
  {"rail", "section", "", "", "Rail services by id (see `rail.<id>`).", "", {}, kNested},
  {"notices", "list", "", "", "Dated notices asking traders not to dispatch cargo to a crossing (see `notices[]`).", "", {}, kNested},
  {"outputs", "section", "", "", "What the result file holds (see `outputs`).", "", {}, kNested},
  {"initial_state", "section", "", "", "The trucks already at the border at the start instant (see `initial_state`): a forecast from today's queue.", "", {}, kNested},
  {"targets", "section", "", "", "Published figures the scenario should reproduce, by id (see `targets.<id>`); checked by `bordersim calibrate`.", "", {}, kNested},
  {"optimise", "section", "", "", "What `bordersim optimise` searches (see `optimise`): levers, targets, the objective.", "", {}, kNested},
  {"uncertain", "section", "", "", "Inputs no source gives, by name (see `uncertain.<id>`): each a range or alternatives that `bordersim explore` varies; every other command runs the scenario's own values and lists these as assumed. A file that extends another inherits its inputs: `name: ~` drops one, `uncertain: ~` all; an inherited input is checked against this file by `validate` (a warning) and `explore` (an error).", "", {}, kNested},
}};

const SectionSchema kOutputs{"outputs", "What `bordersim run` writes besides the summary.", {
  {"vehicles", "choice", "first", "", "Vehicle tables.", "all", kTableScopes, member<&Outputs::vehicles>()},
  {"visits", "choice", "first", "", "Stop-visit tables (one row per vehicle and stop).", "none", kTableScopes, member<&Outputs::visits>()},
  {"timeseries_step", "duration", "1h", ">= 0", kTimeseriesDoc.c_str(), "30min", {}, member<&Outputs::timeseries_step_s>()},
}};

const SectionSchema kCargo{"cargo.<id>", "A cargo class.", {
  {"perishable", "bool", "false", "", "Perishable cargo spoils once its shelf life is used up.", "true", {}, member<&Cargo::perishable>()},
  {"shelf_life", "duration", "", "> 0", "Shelf life from loading (required if perishable).", "5d", {}, by_hand("required when `perishable`")},
  {"value", "money", "0USD", ">= 0", "Value per vehicle load, lost when spoiled.", "40000USD", {}, by_hand("money: converted into the reporting currency at the scenario's rates")},
  {"payload", "mass", "20t", "> 0", "Payload per vehicle.", "22t", {}, member<&Cargo::payload_kg>()},
  {"priority_eligible", "bool", "false", "", "May use priority lanes (agricultural and fresh goods).", "true", {}, member<&Cargo::priority_eligible>()},
  {"priority_level", "integer", "", "[0, 100]", "Place in the shared queue of a stage with `priority: true`: lower goes first, first come first served within a level (non-preemptive). Default: 0 if priority_eligible, else 1 (empty trucks are at 1).", "2", {}, by_hand("its default depends on `priority_eligible`")},
}};

const SectionSchema kGateSide{"gate_sides.<id>", "One country's control point.", {
  {"country", "string", nullptr, "", "Country code.", "VN", {}, member<&GateSide::country>()},
  {"time_zone", "zone", nullptr, "", "Local zone of the opening hours.", "UTC+8", {}, by_hand("a zone: its offset at the start, and checked for changes over the horizon")},
  {"hours", "section", "", "", "Daily opening hours (see `hours`); absent = always open.", "", {}, kNested},
  {"extended_hours", "list", "", "", "Extended hours over date ranges (see `extended_hours[]`).", "", {}, kNested},
  {"closures", "list", "", "", "Closures over date ranges (see `closures[]`).", "", {}, kNested},
  {"restrictions", "list", "", "", "Targeted restrictions over date ranges: a commodity ban, a direction suspended (see `restrictions[]`).", "", {}, kNested},
  {"yard", "section", "", "", "Parking before the control gate, by direction (see `yard`); absent: no limit, no road queue.", "{outbound: 100, inbound: 50}", {}, kNested},
  {"stages", "list", nullptr, "", "Clearance stages in order (see `stages[]`).", "", {}, kNested},
  {"agencies", "section", "", "", "Agencies by id whose officers work its stages (see `agencies.<id>`): officer pools with their own staffing, and the cost of staff.", "", {}, kNested},
}};

const SectionSchema kRestriction{"restrictions[]", "A restriction of the side over its local dates, checked when a vehicle reaches the crossing (before the exit side's yard): the vehicles it names are held until it ends, or turned away (outcome refused), while the rest flows. Ranges may overlap.", {
  {"from", "date", nullptr, "", "First date.", "2021-07-18", {}, member<&Restriction::dates, &DateRange::from>()},
  {"to", "date", nullptr, "", "Last date (inclusive).", "2021-08-17", {}, member<&Restriction::dates, &DateRange::to>()},
  {"reason", "string", "", "", "Why.", "virus found on packaging", {}, member<&Restriction::reason>()},
  {"direction", "choice", "both", "", "Which vehicles through this side it stops.", "inbound", {
    {"both", "leaving and entering", 3},
    {"outbound", "leaving the country", 1},
    {"inbound", "entering the country", 2}}, setter<&set_restriction_direction>()},
  {"cargo", "ids", "", "", "Cargo classes it stops; absent: every vehicle, empty trucks included.", "[dragon_fruit]", {}, by_hand("cargo class ids, resolved against `cargo`")},
  {"action", "choice", "hold", "", "What happens to a stopped vehicle.", "turn_back", {
    {"hold", "it waits until the restriction ends", 0},
    {"turn_back", "it is turned away (outcome refused)", 1}}, member<&Restriction::turn_back>()},
}};

const SectionSchema kYard{"yard", "Parking areas before a side's control gate: `outbound` (vehicles leaving the country) and `inbound` (entering), each with its own places, or one area `shared` by both, which a scenario must say. When an area is full, vehicles wait on the road for a place; `road` limits how many may wait there (an arrival past that is lost, outcome lost).", {
  {"outbound", "integer", "0", "[0, 1000000]", "Places for vehicles leaving the country; 0 = no limit.", "100", {}, member<&GateSide::outbound_yard, &Yard::capacity>()},
  {"inbound", "integer", "0", "[0, 1000000]", "Places for vehicles entering; 0 = no limit.", "50", {}, member<&GateSide::inbound_yard, &Yard::capacity>()},
  {"shared", "integer", "", "[1, 1000000]", "One area for both directions (instead of `outbound` and `inbound`).", "150", {}, by_hand("one area instead of `outbound` and `inbound`")},
  {"road", "integer", "", "[0, 1000000]", "Vehicles that may wait on the road for each area; 0 = none (a full area turns arrivals away); absent = no limit.", "400", {}, by_hand("the limit of each area; absent: no limit")},
}};

const SectionSchema kHours{"hours", "Opening hours in local time.", {
  {"open", "time", nullptr, "", "Opening time.", "07:00", {}, member<&Hours::open_s>()},
  {"close", "time", nullptr, "", "Closing time (after opening).", "19:00", {}, member<&Hours::close_s>()},
}};

const SectionSchema kExtended{"extended_hours[]", "Different hours over a date range.", {
  {"from", "date", nullptr, "", "First date.", "2025-06-10", {}, member<&ExtendedHours::dates, &DateRange::from>()},
  {"to", "date", nullptr, "", "Last date (inclusive).", "2025-06-30", {}, member<&ExtendedHours::dates, &DateRange::to>()},
  {"open", "time", nullptr, "", "Opening time.", "07:00", {}, member<&ExtendedHours::hours, &Hours::open_s>()},
  {"close", "time", nullptr, "", "Closing time.", "22:00", {}, member<&ExtendedHours::hours, &Hours::close_s>()},
}};

const SectionSchema kClosure{"closures[]", "A closure over a date range.", {
  {"from", "date", nullptr, "", "First date.", "2025-01-28", {}, member<&Closure::dates, &DateRange::from>()},
  {"to", "date", nullptr, "", "Last date (inclusive).", "2025-02-02", {}, member<&Closure::dates, &DateRange::to>()},
  {"reason", "string", "", "", "Why (holiday, outbreak).", "Tet", {}, member<&Closure::reason>()},
}};

const SectionSchema kStage{"stages[]", "One clearance step with its servers and queue.", {
  {"id", "id", nullptr, "", "Stage id, unique within its side.", "documents", {}, member<&Stage::id>()},
  {"kind", "choice", "inspection", "", "What the stage does: a label for reports, and what CBTA switches select (`pre_arrival.kinds`, the duplicate checks a single stop removes).", "customs", kStageKinds, setter<&set_stage_kind>()},
  {"direction", "choice", "both", "", "Which vehicles it serves.", "outbound", {
    {"outbound", "vehicles leaving the country here", kServesOutbound},
    {"inbound", "vehicles entering", kServesInbound},
    {"both", "all vehicles", kServesOutbound | kServesInbound}}, setter<&set_stage_serves>()},
  {"servers", "integer", "1", "[1, 10000]", "Servers (officers, lanes, booths) while open.", "2", {}, member<&Stage::servers>()},
  {"service", "distribution", "", "", "Service time (a duration or a distribution); required unless `channels` gives it.", "{dist: lognormal, mean: 5min, cv: 0.5}", {}, by_hand("required unless `channels` give it, refused if they do")},
  {"service_by_cargo", "section", "", "", "Service time per cargo class id, overriding `service`.", "{fresh_fruit: 2min}", {}, by_hand("cargo class ids, resolved against `cargo`")},
  {"applies_to", "ids", "", "", "Cargo classes this stage applies to; absent = all.", "[fresh_fruit]", {}, by_hand("cargo class ids, resolved against `cargo`")},
  {"probability", "probability", "1", "[0, 1]", "Share of applicable vehicles that go through (sampling).", "0.3", {}, member<&Stage::probability>()},
  {"channels", "section", "", "", "Customs channels by name with share and service (see `channels.<name>`); shares sum to 1.", "", {}, kNested},
  {"channel_shares_by_cargo", "section", "", "", "Per cargo id, a mapping channel -> share overriding the shares.", "{fresh_fruit: {green: 0.95, yellow: 0.05, red: 0}}", {}, by_hand("needs `channels`: shares by cargo class and channel")},
  {"hold", "section", "", "", "Held for a lab result (see `hold`).", "", {}, kNested},
  {"reject_probability", "probability", "0", "[0, 1]", "Rejected and returned (leaves the system).", "0.005", {}, member<&Stage::reject_probability>()},
  {"joinable", "bool", "true", "", "May be merged into a joint stop under CBTA single_window / single_stop.", "true", {}, member<&Stage::joinable>()},
  {"priority", "bool", "false", "", "The shared queue is ordered by the cargo's `priority_level` (priority-eligible cargo first unless levels are set), non-preemptive.", "true", {}, member<&Stage::priority>()},
  {"lane", "section", "", "", "Dedicated servers for priority-eligible cargo (see `lane`).", "", {}, kNested},
  {"staffing", "list", "", "", "Servers by hour of the day, weekday and dates (see `staffing[]`); `servers` applies outside its entries.", "[{from: \"07:00\", to: \"11:00\", servers: 6}]", {}, kNested},
}};

const SectionSchema kChannel{"channels.<name>", "A customs channel (green, yellow, red).", {
  {"share", "probability", nullptr, "[0, 1]", "Share of vehicles in this channel.", "0.575", {}, member<&Channel::share>()},
  {"service", "distribution", nullptr, "", "Service time in this channel.", "1min", {}, member<&Channel::service>()},
}};

const SectionSchema kHold{"hold", "Hold for a lab result.", {
  {"probability", "probability", nullptr, "[0, 1]", "Share of vehicles held.", "0.02", {}, member<&Stage::hold_probability>()},
  {"delay", "distribution", nullptr, "", "Time until the result (the server is free meanwhile).", "1d", {}, member<&Stage::hold_delay>()},
}};

const SectionSchema kLane{"lane", "A dedicated lane for priority-eligible cargo.", {
  {"servers", "integer", nullptr, "[1, 10000]", "Dedicated servers (open with the side's hours unless the lane has its own).", "1", {}, member<&Lane::servers>()},
  {"from", "date", "", "", "Lane opens on this date (absent: from the start).", "2025-06-01", {}, by_hand("an open end reaches past any date")},
  {"to", "date", "", "", "Last date of the lane (inclusive).", "2025-07-31", {}, by_hand("an open end reaches past any date")},
  {"open", "time", "", "", "The lane's own opening time (local time of the side), which may be before the side's: fruit cleared from 06:00 in lychee season. Give `open` and `close` together; absent: the side's hours. Closures of the side close the lane too.", "06:00", {}, by_hand("given together with `close`")},
  {"close", "time", "", "", "The lane's own closing time.", "19:00", {}, by_hand("given together with `open`")},
  {"staffing", "list", "", "", "The lane's servers by hour of the day, weekday and dates (see `staffing[]`), while the lane is open; `servers` outside its entries.", "[{from: \"06:00\", to: \"09:00\", servers: 2}]", {}, kNested},
}};

const SectionSchema kCrossing{"crossings.<id>", "A gate pair across the border.", {
  {"sides", "ids", nullptr, "", "Two gate sides [export-side, import-side]; export flows go first to second.", "[kim_thanh, bac_son]", {}, by_hand("two gate side ids, resolved against `gate_sides`")},
  {"mode", "choice", "sequential", "", "CBTA mode.", "single_stop", {
    {"sequential", "each stage on its own", code(CbtaMode::Sequential)},
    {"single_window", "each side's joinable stages become one joint stop", code(CbtaMode::SingleWindow)},
    {"single_stop", "both sides' joinable stages become one joint stop at the entry side", code(CbtaMode::SingleStop)}}, member<&Crossing::mode>()},
  {"joint_service", "choice", "max", "", "Joint-stop service time.", "max", {
    {"max", "agencies work in parallel", code(JointRule::Max)},
    {"sum", "one after another", code(JointRule::Sum)},
    {"factor", "joint_factor x sum", code(JointRule::Factor)}}, member<&Crossing::joint_rule>()},
  {"joint_factor", "real", "1", "(0, 100]", "Factor for joint_service: factor.", "0.7", {}, member<&Crossing::joint_factor>()},
  {"joint", "section", "", "", "The joint facility of `single_window` and `single_stop`: who staffs it, its booths and hours, and what a single stop removes (see `joint`); absent: every default there. Ignored under `sequential`.", "", {}, kNested},
  {"pre_arrival", "section", "", "", "Advance information (see `pre_arrival`); absent: no truck's documents are processed before arrival.", "", {}, kNested},
  {"channel_shares", "section", "", "", "Risk-based selection as a reform sets it: green/yellow/red shares for every customs stage (a stage with `channels`) of both sides, replacing theirs and their per-cargo overrides; a mapping channel -> share summing to 1. Absent: the stages' own shares.", "{green: 0.8, yellow: 0.17, red: 0.03}", {}, by_hand("channel names of the stages it replaces (loader_cbta.cpp)")},
  {"harmonised_hours", "section", "", "", "Harmonised office hours: both sides open over the same window each day, given in the first side's local time (`open`, `close`; see `hours`) and replacing both sides' `hours` (their extended hours and closures still apply). Absent: each side keeps its own hours.", "{open: \"07:00\", close: \"22:00\"}", {}, kNested},
  {"bridge", "distribution", "5min", "", "Travel between the two sides.", "5min", {}, member<&Crossing::bridge>()},
  {"places", "ids", "", "", "The gate places of its two sides on the network [first side's, second side's]: an export route reaches the first and leaves from the second.", "[lao_cai, hekou]", {}, by_hand("two place ids, resolved against `places`")},
  {"parking_per_day", "money", "0USD", ">= 0", "What a truck pays per day it waits at the border (a route's money; route choice).", "15USD", {}, by_hand("money: converted into the reporting currency at the scenario's rates")},
  {"intake", "section", "", "", "The entry side's intake per direction (see `intake`); absent: no limit.", "", {}, kNested},
  {"accept_per_day", "string", "", "", "Removed: a count released at midnight ignored opening hours and closures. Write `intake: {export: {daily_quota: 220/day}}` (or `rate: 18/h`).", "", {}, by_hand("removed: its error names the replacement")},
  {"transshipment", "section", "", "", "Goods moved to a truck of the other country (see `transshipment`).", "", {}, kNested},
}};

const SectionSchema kJoint{"joint", "The joint facility of a crossing under `single_window` (one per side and direction) or `single_stop` (one per direction, at the entry side). Its capacity is stated or follows the rules below; nothing is inferred silently, and `bordersim validate` prints the booths, officers and effective servers of every joint stop.", {
  {"staffing", "choice", "agencies", "", "Who serves a truck.", "teams", {
    {"agencies", "each joined stage's agency brings its own officers (`officers`); a truck takes a booth, then an officer of every agency whose check applies to it; under `joint_service: max` they work at the same time, each officer free after its own check, the booth after the last; under `sum`/`factor` one after another", code(JointStaffing::Agencies)},
    {"teams", "each booth is a full joint team; one queue, the joint rule's time per truck; `booths` is required", code(JointStaffing::Teams)}}, member<&JointFacility::staffing>()},
  {"booths", "integer", "", "[1, 10000]", "Booths (inspection places) of each joint stop, or by direction `{export: n, import: m}` (see `joint.booths`). Absent under `agencies`: the joined stages' `servers` (and lane servers) summed, the positions of the stops the joint stop replaces. Required under `teams`.", "4", {}, by_hand("one number for both directions, or a mapping by direction (`joint.booths`)")},
  {"officers", "section", "", "", "Under `agencies`: officers each joined stage's agency brings, by `<side>.<stage>`. A stage not listed brings its own `servers` plus its lane's: the same officers, redeployed, so a mode comparison keeps the staff.", "{bac_son.quarantine: 3}", {}, by_hand("`<side>.<stage>` of the crossing's sides; only under `agencies`")},
  {"hours", "section", "", "", "The facility's own daily hours in the local time of the side it stands on (see `hours`; that side's closures apply), for its booths and every agency's officers. Absent: the booths open with that side, and each agency's officers keep their own side's hours.", "{open: \"07:00\", close: \"20:00\"}", {}, kNested},
  {"removes", "list", "", "", "Under `single_stop`: the exit-side checks (`<side>.<stage>`) the joint stop removes, since one inspection in the country of entry serves both. Absent: every exit-side joinable stage whose `kind` a joined entry-side stage of the same direction also has. `[]`: none (both countries' checks are done jointly).", "[kim_thanh.customs_export]", {}, by_hand("`<side>.<stage>` of an exit-side stage; only under `single_stop`")},
}};

const SectionSchema kJointBooths{"joint.booths", "Booths by direction.", {
  {"export", "integer", nullptr, "[1, 10000]", "Booths of the export direction's joint stop(s).", "10", {}, setter<&set_export_booths>()},
  {"import", "integer", nullptr, "[1, 10000]", "Booths of the import direction's joint stop(s).", "8", {}, setter<&set_import_booths>()},
}};

const SectionSchema kPreArrival{"pre_arrival", "Pre-arrival processing: a share of trucks whose document work is done from advance information before they reach the crossing. For them the stages of the listed kinds take no time (they skip those stops), whatever the mode. Drawn per truck and crossing from its own random stream, so `share: 0` gives the results of a scenario without it.", {
  {"share", "probability", nullptr, "[0, 1]", "Share of trucks processed before arrival.", "0.6", {}, member<&PreArrival::share>()},
  {"kinds", "list", "", "", "Stage kinds their advance information replaces; absent: `[documents]`.", "[documents, customs]", kStageKinds, by_hand("stage kinds as a bit set; absent: `[documents]`")},
}};

const SectionSchema kIntake{"intake", "What the entry side admits, by direction: `export` (into the second side) and `import` (into the first). A vehicle waits for admission after the exit side's stops, keeping its exit-yard place. Admission runs only while the entry side is open (its hours, extended hours and closures), so a closure stops it and longer hours raise a rate.", {
  {"export", "section", "", "", "Exports entering the second side (see `intake.<direction>`).", ""},
  {"import", "section", "", "", "Imports entering the first side (see `intake.<direction>`).", ""},
}, "loader_sides.cpp: an intake per direction"};

const SectionSchema kIntakeDirection{"intake.<direction>", "One direction's intake: give `rate` or `daily_quota`.", {
  {"rate", "rate", "", "[0, 1000000/day]", "Vehicles admitted per hour while the entry side is open, one every 1/rate.", "18/h"},
  {"daily_quota", "rate", "", "[0, 1000000/day]", "Vehicles admitted per local day of the entry side, spread evenly over that day's open hours (longer hours do not raise it).", "220/day"},
  {"schedule", "list", "", "", "Dated changes (see `intake.<direction>.schedule[]`); `rate: 0/h` stops admission over the dates.", ""},
  {"priority", "section", "", "", "Order of admission by cargo class id (and `empty` for empty trucks): lower first, first come first served within a level; classes not listed come after the listed ones. It orders each queue: the shared one and each allowance's.", "{fresh_fruit: 0, general: 1}"},
  {"by_cargo", "section", "", "", "Allowances by id, each for some cargo classes (see `intake.<direction>.by_cargo.<id>`): a class named in one waits in that allowance's own queue at its own pace, whatever the rest of the direction does; empty trucks too when it names `empty`.", "{dragon_fruit: {cargo: [fresh_fruit], daily_quota: 110/day}}"},
  {"others", "choice", "shared", "", "What the classes no allowance names do.", "unlimited", {
    {"shared", "they share the direction's `rate` or `daily_quota` (required)", 0},
    {"unlimited", "they are not limited (give no `rate` or `daily_quota`)", 1}}, by_hand("decides whether `rate` or `daily_quota` is required")},
}, "loader_sides.cpp: `rate` or `daily_quota`, one of the two; priority by cargo class id; allowances by id"};

const SectionSchema kIntakeAllowance{"intake.<direction>.by_cargo.<id>", "An allowance of the intake for some cargo classes: its own quota or rate, its own queue, admission while the entry side is open. The far side's pick-up of one commodity (dragon fruit at Hekou, 2021) can bind while other cargo moves.", {
  {"cargo", "ids", nullptr, "", "Cargo class ids it is for, and `empty` for empty trucks; a class may be in one allowance only.", "[fresh_fruit]"},
  {"rate", "rate", "", "[0, 1000000/day]", "As the direction's `rate`.", "6/h"},
  {"daily_quota", "rate", "", "[0, 1000000/day]", "As the direction's `daily_quota`.", "110/day"},
  {"schedule", "list", "", "", "Dated changes (see `intake.<direction>.schedule[]`).", ""},
  {"wait", "choice", "yard", "", "Where its trucks wait for their turn.", "staging", {
    {"yard", "in the exit side's yard after its stops, holding a yard place (and on the road before it when the yard is full), as every other truck", 0},
    {"staging", "in a staging area before the exit side's yard (a province's parking area for fruit trucks), called forward when admitted: they take no yard place while they wait, so other cargo is not stuck behind them", 1}}, by_hand("read into IntakeAllowance::staging")},
}, "loader_sides.cpp: cargo ids resolved, `rate` or `daily_quota`, one of the two"};

const SectionSchema kIntakeChange{"intake.<direction>.schedule[]", "The intake over a date range (local dates of the entry side).", {
  {"from", "date", nullptr, "", "First date.", "2025-08-05"},
  {"to", "date", nullptr, "", "Last date (inclusive).", "2025-08-07"},
  {"rate", "rate", "", "[0, 1000000/day]", "As `rate` above.", "0/h"},
  {"daily_quota", "rate", "", "[0, 1000000/day]", "As `daily_quota` above.", "150/day"},
}, "loader_sides.cpp: `rate` or `daily_quota`, one of the two, over dates"};

const SectionSchema kInitialState{"initial_state", "The trucks already at the border at the start instant. They start there at t = 0, ahead of every arrival, in the order intake, yard, road and, within a place, longest waiting first; each takes a yard place if one is free (else it waits on the road). Their border time counts from the time they have already waited and their loads' age from loading; their patience is what is left of it. They are their own cohort: the summary gives the hours until each crossing direction's initial queue is through (`initial_cleared_h`) and their border times apart (`initial_border_h_mean`); the other metrics count the trucks that arrive after the start.", {
  {"queues", "list", "", "", "Counts of trucks by flow, place and cargo (see `initial_state.queues[]`).", ""},
  {"file", "string", "", "", "A CSV file of trucks, one a row, with the header `flow,cargo,place,waited,age` (`cargo`: a class id, `empty`, or blank for the flow's mix; `place`: road, yard or intake; `waited` and `age` durations with units, `age` may be blank); path relative to the scenario.", "queue_2021-01-14.csv"},
}, "loader_initial.cpp: queues and a CSV file"};

const SectionSchema kInitialQueue{"initial_state.queues[]", "Trucks of one flow waiting at one of its crossings at the start.", {
  {"flow", "id", nullptr, "", "The flow they belong to (their direction, route, cargo mix and behaviour).", "exports"},
  {"count", "integer", nullptr, "[1, 1000000]", "How many.", "800"},
  {"crossing", "id", "", "", "The crossing they wait at; absent: the first of the flow's route.", "kim_thanh_bac_son"},
  {"route", "id", "", "", "The flow's route they are on (flows with several); absent: the first that crosses there.", "via_lang_son"},
  {"cargo", "id", "", "", "Their cargo class, or `empty`; absent: each drawn from the flow's mix.", "fresh_fruit"},
  {"place", "choice", "road", "", "Where they wait.", "intake", {
    {"road", "on the road before the exit side's yard: next to take a yard place", 0},
    {"yard", "in the exit side's yard, before its stops", 1},
    {"intake", "through the exit side's stops, waiting for the entry side's intake (holding a yard place)", 2}}, by_hand("read into InitialQueue::Place; a class whose intake allowance waits in a staging area waits there for its turn, whatever its place")},
  {"waited", "distribution", "0s", "", "How long each has already waited at the border, drawn per truck.", "{dist: uniform, min: 0h, max: 3d}"},
  {"age", "distribution", "", "", "Time since loading, drawn per truck; absent: its wait plus the flow's `age_at_arrival`.", "{dist: uniform, min: 1d, max: 4d}"},
}, "loader_initial.cpp: flow, crossing, route and cargo resolved"};

const SectionSchema kTransship{"transshipment", "Transshipment at the border: after the entry side accepts a loaded truck, its goods move to a truck of the other country in a bay area (the exit yard place is freed first).", {
  {"share", "probability", nullptr, "[0, 1]", "Share of trucks transshipped (no through permit).", "1", {}, member<&Crossing::transship_share>()},
  {"time", "distribution", nullptr, "", "Time to move the goods.", "1d", {}, member<&Crossing::transship_time>()},
  {"cost", "money", "0CNY", ">= 0", "Cost per truck.", "900CNY", {}, by_hand("money: converted into the reporting currency at the scenario's rates")},
  {"bays", "integer", "0", "[0, 10000]", "Bays working at once; 0 = no limit.", "40", {}, member<&Crossing::transship_bays>()},
}};

const SectionSchema kPlace{"places.<id>", "A place of the corridor network.", {
  {"kind", "choice", "gate", "", "What it is.", "origin", {
    {"origin", "where flows start", code(PlaceKind::Origin)},
    {"gate", "a gate side's control area", code(PlaceKind::Gate)},
    {"terminal", "an inland terminal or depot", code(PlaceKind::Terminal)},
    {"destination", "where flows end", code(PlaceKind::Destination)}}, member<&Place::kind>()},
  {"name", "string", "", "", "Its name for people; absent: the id.", "Lang Son", {}, by_hand("absent: the place's id")},
  {"lat", "real", "", "[-90, 90]", "Latitude in degrees (the report's schematic).", "21.85", {}, by_hand("given together with `lon`")},
  {"lon", "real", "", "[-180, 180]", "Longitude in degrees.", "106.76", {}, by_hand("given together with `lat`")},
}};

const SectionSchema kLeg{"legs.<id>", "Travel between two points of the corridor.", {
  {"truck", "distribution", "0s", "", "Travel time by truck.", "{dist: triangular, min: 20min, mode: 30min, max: 90min}", {}, member<&Leg::truck>()},
  {"train", "distribution", "0s", "", "Travel time by train.", "40min", {}, member<&Leg::train>()},
  {"from", "id", "", "", "One end (see `places`); give `from` and `to` together. A leg is travelled either way.", "hanoi", {}, by_hand("a place id, given with `to`")},
  {"to", "id", "", "", "The other end.", "lang_son", {}, by_hand("a place id, given with `from`")},
  {"distance", "distance", "0km", ">= 0", "Road distance (the report's time/cost-distance chart).", "154km", {}, member<&Leg::distance_km>()},
  {"cost", "money", "0USD", ">= 0", "Money per trip (fuel, tolls), converted into the reporting currency.", "120USD", {}, by_hand("money: converted into the reporting currency at the scenario's rates")},
}};

const SectionSchema kFlow{"flows.<id>", "A stream of trucks.", {
  {"direction", "choice", nullptr, "", "Which way the trucks cross.", "export", {
    {"export", "first side to second of each crossing", code(true)},
    {"import", "second side to first", code(false)}}, member<&Flow::export_direction>()},
  {"cargo_mix", "section", "", "", "Cargo id -> share (sums to 1); absent for empty trucks.", "{fresh_fruit: 0.8, general: 0.2}", {}, by_hand("shares by cargo class id; absent: empty trucks")},
  {"route", "list", "", "", "Steps in order: `{leg: id}` or `{crossing: id}`; give `route` or `routes`.", "[{leg: approach}, {crossing: kim_thanh_bac_son}]", {}, kNested},
  {"routes", "section", "", "", "Routes a truck chooses among, by name -> steps as `route` (see `choice`); or `all`: the 32 cheapest routes from `origin` to `destination` on the network (legs and crossings in the flow's direction, each place once, at most 64 steps), cheapest by the legs' mean truck time plus their cost over the flow's value of time; `validate` lists them and says when more exist. The search builds at most 200000 partial routes per flow; a network that needs more is an error: name the routes then.", "{via_lao_cai: [...], via_lang_son: [...]}", {}, kNested},
  {"origin", "id", "", "", "The place its trucks set out from (a network scenario; required with `routes: all`).", "hanoi", {}, by_hand("a place id")},
  {"destination", "id", "", "", "The place its trucks are bound for.", "kunming", {}, by_hand("a place id")},
  {"choice", "section", "", "", "How trucks pick among `routes` (see `choice`); absent with several routes: least cost with the defaults there.", "", {}, kNested},
  {"arrivals", "section", "", "", "Arrival process (see `arrivals`); absent = only returning empties.", "", {}, kNested},
  {"age_at_arrival", "distribution", "0s", "", "Time since loading when the truck enters the model.", "{dist: uniform, min: 6h, max: 30h}", {}, member<&Flow::age_at_arrival>()},
  {"empty_return", "section", "", "", "Trucks that come back empty (see `empty_return`).", "", {}, kNested},
  {"behaviour", "section", "", "", "What its drivers do when the border is congested (see `behaviour`); absent: they wait however long it takes.", "", {}, kNested},
  {"response", "section", "", "", "How its shippers respond to what a gate announces: loads deferred at the origin, cancelled or diverted (see `response`); absent: its arrivals never change, whatever the queue.", "{on: backlog, threshold: [[200, 0], [600, 1]], action: {defer: 0.7, cancel: 0.3}}", {}, kNested},
}};

const SectionSchema kResponse{"response", "Shippers who respond to a gate's announcement (demand that responds). The gate publishes a figure every `announce_every`, seen `announce_delay` later: its backlog (the vehicles that have reached the crossing in the flow's direction and not left it, counted at the publication) or its wait (the mean border-crossing time of the trucks that finished crossing in the `announce_window` before it). Each load's shipper has a threshold, drawn per load from `threshold`; when a load is due and the figure seen is above its threshold, the shipper acts, by `action`: defers the load at the origin (it re-checks every `recheck` and sets out once the figure seen is at or below its threshold, or when `hold_max` has passed: then `after_hold`), cancels it (outcome cancelled), or diverts it (to the route `divert_to`, or to a gate outside the model: outcome diverted). A held load's perishable clock keeps running from loading. Before the first publication nobody acts. Every parameter here is an assumption unless a source is given: mark them so.", {
  {"on", "choice", "backlog", "", "The figure shippers watch.", "wait", {
    {"backlog", "the gate's backlog, vehicles (the count the provinces report)", code(Response::On::Backlog)},
    {"wait", "the gate's announced border-crossing time (route choice's announcement)", code(Response::On::Wait)}}, member<&Response::on>()},
  {"gate", "id", "", "", "The crossing whose figure it watches; absent: the first crossing of the flow's first route.", "kim_thanh_bac_son", {}, by_hand("a crossing id on the flow's routes")},
  {"threshold", "list", nullptr, "", "The thresholds across shippers: a figure (all alike) or points `[[figure, share of shippers whose threshold is at or below it], ...]` from share 0 to 1 (a piecewise-linear distribution); figures are vehicles for `on: backlog`, durations for `on: wait`.", "[[200, 0], [400, 0.5], [1000, 1]]", {}, by_hand("a figure, or [figure, cumulative share] pairs; the unit follows `on`")},
  {"action", "choice", "defer", "", "What a shipper does when the figure is above its threshold: one action, or shares of the shippers who act by action (summing to 1), e.g. `{defer: 0.7, cancel: 0.2, divert: 0.1}`, drawn per load.", "{defer: 0.7, cancel: 0.3}", {
    {"defer", "holds the load at the origin", Response::Defer},
    {"cancel", "cancels the load (outcome cancelled)", Response::Cancel},
    {"divert", "sends it another way: `divert_to`, or out of the model (outcome diverted)", Response::Divert}}, by_hand("an action, or shares by action")},
  {"hold_max", "duration", "3d", ">= 0", "The longest a deferred load is held at the origin.", "2d", {}, member<&Response::hold_max_s>()},
  {"recheck", "duration", "6h", ">= 1min", "How often a held load's shipper looks at the announcement again.", "12h", {}, member<&Response::recheck_s>()},
  {"after_hold", "choice", "go", "", "What a load held for `hold_max` does if the figure is still above its threshold.", "cancel", {
    {"go", "sets out anyway", code(false)},
    {"cancel", "is cancelled (outcome cancelled)", code(true)}}, member<&Response::cancel_after_hold>()},
  {"divert_to", "id", "", "", "A route of the flow (not through `gate`) that diverted loads take; absent: they leave the model for a gate outside it (outcome diverted).", "via_lang_son", {}, by_hand("a route id of the flow")},
  {"announce_every", "duration", "1d", ">= 1min", "How often the gate's figure is published.", "6h", {}, member<&Response::every_s>()},
  {"announce_delay", "duration", "12h", ">= 0", "How long after publication shippers see it.", "1d", {}, member<&Response::delay_s>()},
  {"announce_window", "duration", "1d", "> 0", "For `on: wait`: the published figure is the mean border time of the trucks that finished crossing in this window before publication.", "6h", {}, member<&Response::window_s>()},
}};

const SectionSchema kNotice{"notices[]", "A dated notice asking traders not to dispatch some cargo to a crossing ('stop dispatching dragon fruit to Kim Thanh from 20 Jan'). Over its dates (the scenario's zone), a due load of a named class, on a flow whose every route passes the crossing, complies with probability `compliance` (drawn per load): it is cancelled (outcome cancelled) or held at its origin until the notice ends (`effect`), its perishable clock running from loading. Empty trucks are never named.", {
  {"from", "date", nullptr, "", "First date.", "2021-01-20", {}, member<&Notice::dates, &DateRange::from>()},
  {"to", "date", nullptr, "", "Last date (inclusive).", "2021-01-31", {}, member<&Notice::dates, &DateRange::to>()},
  {"crossing", "id", nullptr, "", "The crossing the notice names.", "kim_thanh_bac_son", {}, by_hand("a crossing id")},
  {"cargo", "ids", "", "", "Cargo classes it names; absent: every loaded class.", "[fresh_fruit]", {}, by_hand("cargo class ids, resolved against `cargo`")},
  {"compliance", "probability", nullptr, "[0, 1]", "The share of due loads whose shippers comply.", "0.6", {}, member<&Notice::compliance>()},
  {"effect", "choice", "defer", "", "What a complying shipper does.", "cancel", {
    {"defer", "holds the load until the notice ends", code(false)},
    {"cancel", "cancels it (outcome cancelled)", code(true)}}, member<&Notice::cancel>()},
  {"reason", "string", "", "", "Why.", "backlog of 1,800 trucks at the gate", {}, member<&Notice::reason>()},
  {"source", "string", "", "", "An id of docs/sources.md.", "laodong-un-tac", {}, member<&Notice::source>()},
}};

const SectionSchema kArrivals{"arrivals", "Poisson arrivals: rate x hourly x weekly x season, or a table.", {
  {"rate", "rate", "", ">= 0", kRateDoc.c_str(), "180/day"},
  {"hourly", "list", "", "", "24 relative weights by local hour (normalised to mean 1).", "[0,0,0,0,0,1,2,3,3,3,2,2,2,2,2,2,2,1,1,0,0,0,0,0]"},
  {"weekly", "list", "", "", "7 relative weights Mon..Sun (normalised to mean 1).", "[1,1,1,1,1,1,0.8]"},
  {"seasons", "list", "", "", "Rate factors over date ranges (see `seasons[]`); they must not overlap.", ""},
  {"table", "string", "", "", "CSV of arrival times `YYYY-MM-DD HH:MM` (scenario zone), one per line; replaces the rate.", "arrivals.csv"},
}, "loader_flows.cpp: `rate` or `table`, one of the two; weights normalised to mean 1"};

const SectionSchema kSeason{"seasons[]", "A seasonal rate factor.", {
  {"from", "date", nullptr, "", "First date.", "2025-06-15", {}, member<&SeasonFactor::dates, &DateRange::from>()},
  {"to", "date", nullptr, "", "Last date (inclusive).", "2025-07-15", {}, member<&SeasonFactor::dates, &DateRange::to>()},
  {"factor", "real", nullptr, ">= 0", "Rate multiplier.", "1.8", {}, member<&SeasonFactor::factor>()},
  {"name", "string", "", "", "Label.", "lychee peak", {}, member<&SeasonFactor::name>()},
}};

const SectionSchema kRouteStep{"route[]", "One step of a route.", {
  {"leg", "id", "", "", "A leg id.", "approach", {}, by_hand("a leg id, or `crossing`")},
  {"crossing", "id", "", "", "A crossing id.", "kim_thanh_bac_son", {}, by_hand("a crossing id, or `leg`")},
}};

const SectionSchema kChoice{"choice", "Route choice when a truck sets out, by generalised cost in hours: expected time (legs' mean travel time, the wait until each crossing's exit side opens, and each crossing's announced border-crossing time, which trucks see only after a delay: no truck sees the future) + money (legs' costs, expected transshipment cost, parking per day at the border) / value of time + for perishables the expected spoilage loss / value of time (the load's value times the share of its shelf life's last fifth the expected trip would use). A dated closure of a side is public: a route through it waits until it reopens.", {
  {"rule", "choice", "least_cost", "", "How the cost picks the route.", "logit", {
    {"least_cost", "the cheapest route (the first listed on a tie)", code(RouteChoice::Rule::LeastCost)},
    {"logit", "multinomial logit: P(route) proportional to exp(-dispersion x cost)", code(RouteChoice::Rule::Logit)}}, member<&RouteChoice::rule>()},
  {"dispersion", "real", "1", "(0, 100]", "Logit dispersion per hour of generalised cost (larger: closer to least cost).", "0.5", {}, member<&RouteChoice::dispersion_per_h>()},
  {"value_of_time", "money", "10USD", "> 0", "Money a truck's hour is worth (per hour), converted into the reporting currency.", "15USD", {}, by_hand("money: converted into the reporting currency at the scenario's rates")},
  {"announce_every", "duration", "1h", "> 0", "How often each crossing direction's border-crossing time is published.", "30min", {}, member<&RouteChoice::every_s>()},
  {"announce_delay", "duration", "1h", ">= 0", "How long after publication trucks see it.", "2h", {}, member<&RouteChoice::delay_s>()},
  {"announce_window", "duration", "3h", "> 0", "The published figure: mean border time of the trucks that finished crossing in this window before publication.", "6h", {}, member<&RouteChoice::window_s>()},
  {"decide_again_at", "id", "", "", "A place on the way where a truck re-decides among the routes through it (absent: never).", "hanoi", {}, by_hand("a place id")},
  {"divert_margin", "duration", "0s", ">= 0", "At the decision point, it switches only if the other route saves more than this.", "2h", {}, member<&RouteChoice::divert_margin_s>()},
  {"inertia", "distribution", "", "", "Inertia of the shippers and dispatchers: each truck has a usual route (the one its rule picks at free-flow border times, drawn from its own stream) and leaves it only for a route cheaper by more than its own threshold, a duration drawn per truck from this distribution (its own stream): every other route costs it that many hours more, when it sets out and (added to divert_margin) at the decision point. The thresholds spread the flow's response to an announced difference over the shippers, so a published wait moves a share of the flow, not all of it. Absent: no usual route and no threshold.", "{dist: exponential, mean: 4h}", {}, member<&RouteChoice::inertia>()},
}};

const SectionSchema kBehaviour{"behaviour", "What drivers do when the border is congested. Waiting at the border is waiting on the road for a yard place and waiting for the entry side's intake; inside the control area a truck keeps its place in the queue. A truck that gives up leaves the model (outcome balked, reneged or turned back), freeing its place and the intake it would have used; the summary counts them (`gave_up_per_day`).", {
  {"balk_at_road_queue", "integer", "0", "[0, 1000000]", "A truck arriving at the border does not join when this many already wait on the road for the exit yard (balks); 0 = never.", "300", {}, member<&Behaviour::balk_road_queue>()},
  {"patience", "distribution", "", "", "Gives up (reneges) after waiting this long at the border in all, drawn per truck; absent = never.", "{dist: exponential, mean: 24h}", {}, member<&Behaviour::patience>()},
  {"spoiled", "choice", "continue", "", "A perishable load that spoils while the truck waits at the border.", "turn_back", {
    {"continue", "the truck stays in the queue", 0},
    {"turn_back", "the truck turns back with it (outcome turned_back)", 1},
    {"dump", "the load is dumped and the truck leaves (outcome dumped)", 2}}, member<&Behaviour::spoiled>()},
}};

const SectionSchema kEmptyReturn{"empty_return", "Trucks returning empty after crossing.", {
  {"probability", "probability", nullptr, "[0, 1]", "Share of trucks that return.", "0.9", {}, member<&EmptyReturn::probability>()},
  {"after", "distribution", nullptr, "", kAfterDoc.c_str(), "6h", {}, member<&EmptyReturn::after>()},
  {"flow", "id", nullptr, "", "The flow they return as (its direction is the opposite).", "empties_back", {}, by_hand("a flow id (of the opposite direction)")},
}};

const SectionSchema kRail{"rail.<id>", "A timetabled cross-border rail service.", {
  {"station", "id", nullptr, "", "Gate side whose stages clear wagons in the station yard.", "lao_cai_station", {}, by_hand("a gate side id")},
  {"departures", "list", nullptr, "", "Departure times of day (timetable zone).", "[\"08:00\", \"15:00\"]", {}, by_hand("times of day, sorted")},
  {"days", "list", "", "", "Days of week with departures; absent = every day.", "[Mon, Tue, Wed, Thu, Fri, Sat]", kWeekdays, by_hand("weekday names; absent: every day")},
  {"time_zone", "zone", nullptr, "", "Zone of the timetable.", "UTC+7", {}, by_hand("a zone: its offset at the start, and checked for changes over the horizon")},
  {"wagons_per_train", "integer", "16", "[1, 1000]", "Wagons a train takes.", "16", {}, member<&Rail::wagons_per_train>()},
  {"wagons_per_day", "real", nullptr, "(0, 100000]", kWagonsDoc.c_str(), "40", {}, member<&Rail::wagons_per_day>()},
  {"cargo_mix", "section", nullptr, "", "Cargo id -> share of wagons.", "{ore: 0.7, general: 0.3}", {}, by_hand("shares by cargo class id")},
  {"run_time", "distribution", "30min", "", "Station to terminal.", "40min", {}, member<&Rail::run_time>()},
  {"terminal", "section", nullptr, "", "Break-of-gauge transshipment terminal (see `terminal`).", "", {}, kNested},
  {"direction", "choice", "export", "", "Which way the wagons go, for the results' direction groups (`cargo:ore/export`).", "import", {
    {"export", "northbound, out of the first country (Vietnam)", code(true)},
    {"import", "southbound, into it", code(false)}}, member<&Rail::export_direction>()},
}};

const SectionSchema kTerminal{"terminal", "Break-of-gauge transshipment (cranes and shifts).", {
  {"id", "id", nullptr, "", "Terminal name.", "hekou_north", {}, member<&Rail::terminal>()},
  {"cranes", "integer", "1", "[1, 1000]", "Cranes working at once during a shift.", "2", {}, member<&Rail::cranes>()},
  {"move_time", "distribution", nullptr, "", "Crane time per wagon.", "{dist: gamma, mean: 30min, cv: 0.4}", {}, member<&Rail::move_time>()},
  {"time_zone", "zone", nullptr, "", "Zone of the shifts.", "UTC+8", {}, by_hand("a zone: its offset at the start, and checked for changes over the horizon")},
  {"shifts", "list", "", "", "Working hours `{open, close}`; absent = around the clock.", "[{open: \"08:00\", close: \"20:00\"}]", {}, kNested},
}};

const SectionSchema kDistribution{"distribution", "A duration (`12min`: fixed) or a mapping with `dist` and the keys its kind takes.", {
  {"dist", "choice", nullptr, "", "The kind; it decides which other keys apply.", "lognormal", {
    {"deterministic", "", code(sim::Distribution::Kind::Deterministic), {"value"}},
    {"exponential", "", code(sim::Distribution::Kind::Exponential), {"mean"}},
    {"uniform", "", code(sim::Distribution::Kind::Uniform), {"min", "max"}},
    {"triangular", "", code(sim::Distribution::Kind::Triangular), {"min", "mode", "max"}},
    {"lognormal", "", code(sim::Distribution::Kind::Lognormal), {"mean", "cv"}},
    {"gamma", "", code(sim::Distribution::Kind::Gamma), {"mean", "cv"}},
    {"erlang", "", code(sim::Distribution::Kind::Erlang), {"mean", "k"}},
    {"weibull", "", code(sim::Distribution::Kind::Weibull), {"shape", "scale"}},
    {"empirical", "", code(sim::Distribution::Kind::Empirical), {"points"}}}},
  {"value", "duration", "", ">= 0", "The fixed value.", "2min"},
  {"mean", "duration", "", "> 0", "The mean.", "5min"},
  {"cv", "real", "", "[0.001, 10]", "Coefficient of variation (bounded so that the gamma sampler terminates: its shape is 1/cv^2).", "0.5"},
  {"min", "duration", "", ">= 0", "Minimum.", "2min"},
  {"mode", "duration", "", ">= 0", "Mode.", "5min"},
  {"max", "duration", "", ">= 0", "Maximum.", "15min"},
  {"k", "integer", "", "[1, 100]", "Phases (each draw multiplies k uniforms; past a few hundred the product underflows).", "3"},
  {"shape", "real", "", "[0.1, 100]", "Shape (below 0.1 the mean is over 10^6 scales and draws overflow).", "1.5"},
  {"scale", "duration", "", "> 0", "Scale.", "10min"},
  {"points", "list", "", "", "[[duration, cumulative probability], ...] from 0 to 1.", "[[0min, 0], [5min, 0.5], [30min, 1]]"},
}, "loader_section.cpp: its kind (`dist`) decides which keys apply"};
// clang-format on

const std::map<std::string, const SectionSchema*>& by_name() {
  static const std::map<std::string, const SectionSchema*> m = {
      {"scenario", &kScenario},
      {"cargo", &kCargo},
      {"gate_side", &kGateSide},
      {"hours", &kHours},
      {"extended_hours", &kExtended},
      {"closure", &kClosure},
      {"restriction", &kRestriction},
      {"yard", &kYard},
      {"stage", &kStage},
      {"channel", &kChannel},
      {"hold", &kHold},
      {"lane", &kLane},
      {"crossing", &kCrossing},
      {"transshipment", &kTransship},
      {"joint", &kJoint},
      {"joint_booths", &kJointBooths},
      {"pre_arrival", &kPreArrival},
      {"intake", &kIntake},
      {"intake_direction", &kIntakeDirection},
      {"intake_change", &kIntakeChange},
      {"intake_allowance", &kIntakeAllowance},
      {"initial_state", &kInitialState},
      {"initial_queue", &kInitialQueue},
      {"leg", &kLeg},
      {"place", &kPlace},
      {"choice", &kChoice},
      {"flow", &kFlow},
      {"arrivals", &kArrivals},
      {"season", &kSeason},
      {"route_step", &kRouteStep},
      {"empty_return", &kEmptyReturn},
      {"behaviour", &kBehaviour},
      {"response", &kResponse},
      {"notice", &kNotice},
      {"rail", &kRail},
      {"terminal", &kTerminal},
      {"distribution", &kDistribution},
      {"outputs", &kOutputs},
      {"target", &target_schema()},
      {"uncertain", &uncertain_schema()},
      {"staffing", &staffing_schema()},
      {"agency", &agency_schema()},
      {"staff_cost", &staff_cost_schema()},
      {"optimise", &optimise_schema()},
      {"lever", &lever_schema()},
  };
  return m;
}

}  // namespace

const char* stage_kind_name(int code) {
  for (const Choice& c : kStageKinds)
    if (c.code == code) return c.value;
  return "?";
}

std::vector<std::string> schema_names() {
  std::vector<std::string> names;
  for (const auto& [name, s] : by_name()) names.push_back(name);
  return names;
}

const SectionSchema& schema(const std::string& name) {
  auto it = by_name().find(name);
  if (it == by_name().end()) throw std::logic_error("no schema section " + name);
  return *it->second;
}

const std::vector<const SectionSchema*>& all_schemas() {
  static const std::vector<const SectionSchema*> v = [] {
    std::vector<const SectionSchema*> all = {
        &kScenario,     &kCargo,           &kGateSide,     &kHours,
        &kExtended,     &kClosure,         &kRestriction,  &kYard,
        &kStage,        &kChannel,         &kHold,         &kLane,
        &kCrossing,     &kJoint,           &kJointBooths,  &kPreArrival,
        &kIntake,       &kIntakeDirection, &kIntakeChange, &kIntakeAllowance,
        &kTransship,    &kPlace,           &kLeg,          &kFlow,
        &kChoice,       &kArrivals,        &kSeason,       &kRouteStep,
        &kEmptyReturn,  &kBehaviour,       &kResponse,     &kNotice,
        &kRail,         &kTerminal,        &kOutputs,      &target_schema(),
        &kInitialState, &kInitialQueue,    &kDistribution};
    all.push_back(&uncertain_schema());  // schema_uncertain.cpp
    for (const SectionSchema* x : {&staffing_schema(), &agency_schema(), &staff_cost_schema(),
                                   &optimise_schema(), &lever_schema()})
      all.push_back(x);  // schema_staffing.cpp
    return all;
  }();
  return v;
}

}  // namespace models
