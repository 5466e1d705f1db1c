// The schema of a scenario's study parts: `uncertain:` (what `bordersim explore` varies) and
// `targets:` (what `bordersim calibrate` checks), apart from schema.cpp's.
#include "models/params.hpp"
#include "models/scenario.hpp"
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

const SectionSchema& target_schema() {
  // clang-format off
  static const SectionSchema kTarget{"targets.<id>", "A published figure the scenario should reproduce, checked by `bordersim calibrate`: the summary `metric` over `groups` (their values summed in each replication) against `value` or `range`, within `tolerance`. The target passes when the simulated 95 % CI overlaps [low x (1 - tolerance), high x (1 + tolerance)]. Where no source gives a figure, write `no_target` instead of a value: calibrate then prints the simulated value and no verdict.", {
  {"metric", "string", nullptr, "", "A summary metric (docs/output-format.md), e.g. `throughput_per_day`, `tonnes_per_year`, `trains_per_day`, `first_exit_clear_min`.", "throughput_per_day", {}, member<&Target::metric>()},
  {"groups", "list", "[all]", "", "Group labels as the summary prints them; their values are summed in each replication.", "[\"cargo:fresh_fruit/export\"]", {}, by_hand("group labels; absent: [all]")},
  {"value", "real", "", "", "The published figure, in the metric's unit (give `value` or `range`).", "180", {}, by_hand("`value` or `range`; `no_target` wins")},
  {"range", "list", "", "", "A published range `[low, high]`, in the metric's unit.", "[650000, 700000]", {}, by_hand("`value` or `range`; `no_target` wins")},
  {"tolerance", "real", "0.1", "[0, 10]", "Relative tolerance on both sides of the figure: how far a figure this uncertain may be from the model.", "0.2", {}, member<&Target::tolerance>()},
  {"figure", "string", nullptr, "", "The figure as published, in words.", "about 180 export trucks a day (Apr 2024)", {}, member<&Target::figure>()},
  {"source", "string", nullptr, "", "Where it comes from: an id of the project's sources page (docs/sources.md).", "nguoiduatin-204660518", {}, member<&Target::source>()},
  {"date", "string", "", "", "When the figure holds.", "2024-04", {}, member<&Target::date>()},
  {"measures", "string", nullptr, "", "What it measures in model terms: which vehicles, which window.", "loaded export trucks released per day after the warm-up", {}, member<&Target::measures>()},
  {"no_target", "string", "", "", "Instead of a value: why no published figure can be compared (the metric is still printed). It wins over a value or range, so a scenario that extends another switches an inherited target off with it (and `no_target: \"\"` switches one back on, with its value).", "no published figure for a normal day", {}, member<&Target::no_target>()},
}};
  // clang-format on
  return kTarget;
}

}  // namespace models
