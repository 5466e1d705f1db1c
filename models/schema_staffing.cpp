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
  static const SectionSchema kAgency{"agencies.<id>", "An agency at a side (customs, border guard, plant quarantine) and the stages its officers work. Give `officers` or `staffing` and its officers are one pool for all its stages: a stage's `servers` are then booths (places where a truck stands), and a truck at one holds a booth until an officer of the agency is free and has done its check. Without them the agency only groups its stages (each stage's servers are its officers) for officer-hours and cost by agency.", {
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

}  // namespace models
