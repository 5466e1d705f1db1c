// The schema of `uncertain:` (what `bordersim explore` varies), apart from schema.cpp's.
#include "models/params.hpp"
#include "models/schema.hpp"

namespace models {

const SectionSchema& uncertain_schema() {
  // clang-format off
  static const SectionSchema kUncertain{"uncertain.<id>", "An input the answer may depend on and no source gives: the far side's pick-up rule, drivers' patience, a shelf life. `bordersim explore` runs a design over these inputs (every point on common random numbers); `run`, `compare` and `sweep` run the scenario's own value and list the input under \"assumed, not explored\". Give a range (`low`, `high`) or alternatives (`values`), and `source` or `why`. The entry sets `key` as an override does (the value replaces the node there), so the path must reach a key the scenario format knows; each end of a range and each alternative is read through the loader when the scenario is, and an error in one is located at it.", {
  {"key", "string", nullptr, "", "The key path it sets, as `--set` takes it (list items by index or id), or a list of paths that all take the same value (one assumption shared by several flows).", "flows.exports.behaviour.patience.mean", {}, by_hand("a key path or a list of them, checked by loading the scenario at each end of the range and with each alternative")},
  {"low", "string", "", "", "The low end of a range: a number with the unit the key takes (`1d`, `9/h`, `0.3`).", "1d", {}, by_hand("a number and a unit suffix, the same as `high`'s")},
  {"high", "string", "", "", "The high end, in the same unit as `low`.", "7d", {}, by_hand("a number and a unit suffix, the same as `low`'s; not below `low`")},
  {"distribution", "choice", "uniform", "", "How values are drawn between `low` and `high`.", "triangular", {
    {"uniform", "every value equally likely", 0},
    {"triangular", "most likely at `mode`, falling linearly to both ends", 1},
    {"log_uniform", "uniform in the logarithm (both ends above zero): for a quantity whose order of magnitude is unknown", 2}}, by_hand("read into UncertainInput::Dist")},
  {"mode", "string", "", "", "The most likely value of a triangular range, in the same unit.", "3d", {}, by_hand("triangular only; within [low, high]")},
  {"integer", "bool", "", "", "Whole numbers only (servers, counts); absent: true when `low` and `high` are whole numbers without a unit and the scenario's own value is a whole number (with none written: when they span more than 0 to 1).", "true", {}, by_hand("uniform over the whole numbers from low to high")},
  {"values", "section", "", "", "Alternatives instead of a range: whole YAML fragments by label (`{rate: {rate: 9/h}, quota: {daily_quota: 110/day}}`), or a list of fragments (labelled by their position).", "", {}, by_hand("each alternative a fragment set at `key`")},
  {"source", "string", "", "", "An id of docs/sources.md that bounds the range.", "vnexpress-2021-12-24", {}, by_hand("`source` or `why`")},
  {"why", "string", "", "", "Why the value is assumed and the range plausible.", "no published figure for how long drivers wait", {}, by_hand("`source` or `why`")},
}, "loader_uncertain.cpp: a range or alternatives, checked at each end"};
  // clang-format on
  return kUncertain;
}

const SectionSchema& staffing_schema() {
  // clang-format off
  static const SectionSchema kStaffing{"staffing[]", "A stage's servers over hours of the day: every day, on the weekdays in `days`, or over `dates`. Where entries cover the same instant the most specific wins (dates, then days, then every day); two entries of one kind may not overlap. Outside every entry the stage has its `servers`. Entries count only while the stage's side is open (its hours, extended hours and closures): staff outside them serve no one. When servers fall at a change, an officer finishes the truck in service.", {
    {"from", "time", nullptr, "", "Start, local time of the stage's side.", "07:00", {}, by_hand("a time of day; before `to`")},
    {"to", "time", nullptr, "", "End (24:00 for midnight).", "11:00", {}, by_hand("a time of day after `from`")},
    {"servers", "integer", nullptr, "[0, 10000]", "Servers over those hours (0: the stage is unstaffed).", "6", {}, by_hand("read into StaffingEntry::servers")},
    {"days", "list", "", "", "Weekdays it applies on; absent: every day.", "[Mon, Tue, Wed, Thu, Fri]", {{"Mon", "", 0}, {"Tue", "", 1}, {"Wed", "", 2}, {"Thu", "", 3}, {"Fri", "", 4}, {"Sat", "", 5}, {"Sun", "", 6}}, by_hand("weekday names")},
    {"dates", "string", "", "", "Local dates it applies over, `YYYY-MM-DD..YYYY-MM-DD` (inclusive).", "2025-06-01..2025-07-15", {}, by_hand("a date range")},
  }, "loader_staffing.cpp: hours, days and dates; overlaps of one kind refused"};
  // clang-format on
  return kStaffing;
}

}  // namespace models
