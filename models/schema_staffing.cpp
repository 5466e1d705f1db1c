// The schema of staffing: a stage's or an agency's `staffing[]`, a side's `agencies.<id>` and
// what staff cost (`cost`), and `optimise:` (what `bordersim optimise` searches), apart from
// schema.cpp's.
#include "models/params.hpp"
#include "models/scenario.hpp"
#include "models/schema.hpp"

namespace models {

const SectionSchema& staffing_schema() {
  // clang-format off
  static const SectionSchema kStaffing{"staffing[]", "A stage's servers (or an agency's officers) over hours of the day: every day, on the weekdays in `days`, or over `dates`. Where entries cover the same instant the most specific wins (dates, then days, then every day); two entries of one kind may not overlap. Outside every entry the stage has its `servers` (an agency its `officers`). Entries count only while the stage's side is open (its hours, extended hours and closures): staff outside them serve no one. When servers fall at a change, an officer finishes the truck in service.", {
    {"from", "time", nullptr, "", "Start, local time of the stage's side.", "07:00", {}, by_hand("a time of day; before `to`")},
    {"to", "time", nullptr, "", "End (24:00 for midnight).", "11:00", {}, by_hand("a time of day after `from`")},
    {"servers", "integer", nullptr, "[0, 10000]", "Servers over those hours (0: the stage is unstaffed).", "6", {}, by_hand("read into StaffingEntry::servers")},
    {"days", "list", "", "", "Weekdays it applies on; absent: every day.", "[Mon, Tue, Wed, Thu, Fri]", {{"Mon", "", 0}, {"Tue", "", 1}, {"Wed", "", 2}, {"Thu", "", 3}, {"Fri", "", 4}, {"Sat", "", 5}, {"Sun", "", 6}}, by_hand("weekday names")},
    {"dates", "string", "", "", "Local dates it applies over, `YYYY-MM-DD..YYYY-MM-DD` (inclusive).", "2025-06-01..2025-07-15", {}, by_hand("a date range")},
  }, "loader_staffing.cpp: hours, days and dates; overlaps of one kind refused"};
  // clang-format on
  return kStaffing;
}

const SectionSchema& agency_schema() {
  // clang-format off
  static const SectionSchema kAgency{"agencies.<id>", "An agency at a side (customs, border guard, plant quarantine) and the stages its officers work. Give `officers` or `staffing` and its officers are one pool for all its stages: a stage's `servers` are then booths (places where a truck stands), and a truck at one holds a booth until an officer of the agency is free and has done its check. Without them the agency only groups its stages (each stage's servers are its officers) for officer-hours and cost by agency. A joint stop (single_window, single_stop) that joins a pooled agency's stage takes the agency's pool, staffed by the hour as the agency is.", {
    {"stages", "ids", nullptr, "", "Stages of this side its officers work (a stage belongs to one agency at most).", "[documents, customs]", {}, by_hand("stage ids of the side")},
    {"officers", "integer", "", "[0, 10000]", "Officers of the pool on duty while the side is open, outside `staffing` entries; absent: its stages' servers and lanes summed (the same officers, pooled).", "6", {}, by_hand("read into Agency::officers; makes the agency a pool")},
    {"staffing", "list", "", "", "Officers by hour of the day, weekday and dates (see `staffing[]`); makes the agency a pool.", "[{from: \"07:00\", to: \"11:00\", servers: 6}]", {}, by_hand("a section or list, read by its own reader")},
    {"cost", "section", "", "", "What its staff cost (see `cost`): officer-hours and booth-hours per day are priced with it.", "{officer_hour: 6USD, booth_hour: 1USD}", {}, by_hand("a section or list, read by its own reader")},
  }, "loader_staffing.cpp: stage ids of the side, one agency per stage"};
  // clang-format on
  return kAgency;
}

const SectionSchema& staff_cost_schema() {
  // clang-format off
  static const SectionSchema kCost{"cost", "What an agency's staff cost, converted into the reporting currency: the summary's `staffing_cost_per_day` prices the capacity plan's officer-hours and booth-hours with it.", {
    {"officer_hour", "money", "0USD", ">= 0", "An officer on duty for an hour (salary and overheads).", "6USD", {}, by_hand("money, converted into the reporting currency")},
    {"booth_hour", "money", "0USD", ">= 0", "A booth open for an hour (a place where a truck is checked: upkeep, equipment).", "1USD", {}, by_hand("money, converted into the reporting currency")},
  }, "loader_staffing.cpp: money in the reporting currency"};
  // clang-format on
  return kCost;
}

const SectionSchema& optimise_schema() {
  // clang-format off
  static const SectionSchema kOptimise{"optimise", "What `bordersim optimise` searches for: the cheapest staffing (officers per stage or agency and hour block, lane servers, a side's closing hour) that meets every target. Each target is judged on its confidence interval (a plan meets `<=` when the upper end does). The search is greedy marginal allocation from a queueing (Erlang C) estimate per block on common random numbers; the best plans found are then rerun on new replications and a feasibility check with a stated confidence names the cheapest (docs/model.md, \"The fewest officer-hours\").", {
    {"levers", "list", nullptr, "", "What may change, with bounds (see `optimise.levers[]`).", "[{stage: kim_thanh.plant_quarantine, min: 1, max: 8}]", {}, by_hand("a section or list, read by its own reader")},
    {"targets", "list", nullptr, "", "Constraints on summary metrics by group: `metric{key=value, ...} <= value` or `>=`. Keys: cargo, direction, flow, stop, side, agency, crossing (with direction); `h` for border_within_share's hours; `hours=07-11` for a stop's waited_share or stage_wait_mean over the visits arriving in those local hours. Values take the metric's unit or a duration (`2h`, `30min`) or a percentage.", "[\"border_time_p95{cargo=fresh_fruit} <= 2h\", \"waited_share{stop=kim_thanh.customs_import, hours=07-11} <= 0.2\"]", {}, by_hand("parsed by `bordersim optimise`, which knows the metrics; an unknown metric or group is a located error")},
    {"blocks", "list", "", "", "Hour blocks of the day (local time of each lever's side) in which stage and agency levers decide officers; a lever may give its own. Absent: one block over the side's opening hours.", "[\"06-07\", \"07-11\", \"11-15\", \"15-19\"]", {}, by_hand("`HH-HH` or `HH:MM-HH:MM`, within the day, not overlapping")},
    {"objective", "choice", "", "", "What is minimised; absent: cost when every lever's agency has a `cost`, else officer-hours.", "cost", {
      {"cost", "staffing cost per day: officer-hours and booth-hours at their agencies' `cost`", 0},
      {"officer_hours", "officer-hours per day", 1}}, by_hand("read into OptimiseSpec::objective")},
    {"tolerance", "real", "0.05", "[0.001, 1]", "The selection's indifference zone, relative to each target's threshold (0.01 absolute for a threshold of 0): a plan missing a target by less may be declared either way.", "0.05", {}, member<&OptimiseSpec::tolerance>()},
    {"alpha", "real", "0.05", "[0.001, 0.2]", "1 - alpha is the selection's stated confidence.", "0.05", {}, member<&OptimiseSpec::alpha>()},
    {"replications", "integer", "10", "[2, 1000]", "Replications per plan in the search (every plan on the same ones: common random numbers), and the first stage of the selection.", "10", {}, member<&OptimiseSpec::replications>()},
    {"finalists", "integer", "5", "[1, 50]", "The cheapest feasible plans of the search rerun in the selection.", "5", {}, member<&OptimiseSpec::finalists>()},
    {"max_evaluations", "integer", "1000", "[1, 1000000]", "The search's budget of plan evaluations; it stops and says so when the next step would exceed it.", "400", {}, member<&OptimiseSpec::max_evaluations>()},
  }};
  // clang-format on
  return kOptimise;
}

const SectionSchema& lever_schema() {
  // clang-format off
  static const SectionSchema kLever{"optimise.levers[]", "One lever: exactly one of `stage`, `agency`, `lane`, `close`, with its bounds.", {
    {"stage", "string", "", "", "A stage, `<side>.<stage>`: its servers in each block (staffing entries every day; the stage may have no weekday or dated staffing).", "kim_thanh.plant_quarantine", {}, by_hand("resolved against the sides")},
    {"agency", "string", "", "", "A pooled agency, `<side>.<agency>`: its officers in each block.", "kim_thanh.customs", {}, by_hand("resolved against the sides' agencies")},
    {"lane", "string", "", "", "A stage's dedicated lane, `<side>.<stage>`: its servers (all day).", "kim_thanh.plant_quarantine", {}, by_hand("resolved against the sides")},
    {"close", "string", "", "", "A side: its daily closing time, by the whole hour between `min` and `max` (times).", "kim_thanh", {}, by_hand("resolved against the sides")},
    {"min", "string", nullptr, "", "The lower bound: servers or officers, or a time for `close`.", "1", {}, by_hand("a whole number, or a time of day for `close`")},
    {"max", "string", nullptr, "", "The upper bound (not below `min`).", "8", {}, by_hand("a whole number, or a time of day for `close`")},
    {"blocks", "list", "", "", "This lever's own hour blocks (as `optimise.blocks`).", "[\"07-11\", \"11-19\"]", {}, by_hand("`HH-HH` within the day, not overlapping")},
  }, "loader_optimise.cpp"};
  // clang-format on
  return kLever;
}

}  // namespace models
