// Inside the HTML report (report*.cpp): what its sections share. Each section is a function
// from the result file to an HTML fragment (one <section>, or "" when the file has nothing for
// it); report.cpp puts them in order for a run, a comparison or a sweep.
//
// The report reads metrics and tables by their names in the output contract and leaves out
// what a file does not have, so a file from an older build still renders (a note says what
// stands in for a missing figure).
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "outputs/contract.hpp"
#include "report/svg.hpp"

namespace outputs::report {

// A summary row (or one of a comparison's scenarios, or a sweep point's): the metric by name,
// the group as codes (a group kind this build does not know keeps its code), the label to show.
struct Row {
  std::string metric;
  Group group;
  std::string label, unit;
  double mean = 0, lo = 0, hi = 0;  // lo, hi NaN without a CI
  std::int64_t n = 0;
};
std::vector<Row> read_summary(hid_t loc, const std::string& path);

const Row* find(const std::vector<Row>& rows, std::string_view metric, const Group& g);
// The first of `metrics` the rows have for group g (a newer metric, then its stand-in).
const Row* find_first(const std::vector<Row>& rows, const std::vector<std::string_view>& metrics,
                      const Group& g);
bool has_metric(const std::vector<Row>& rows, std::string_view metric);

// Which way is better for a metric: -1 lower, +1 higher, 0 neither (a diagnostic).
int better_direction(std::string_view metric);
// Bounded quantities: shares in [0, 1]; every other summary figure but a slope is >= 0.
struct Bounds {
  double lo, hi;
};
Bounds bounds_of(std::string_view metric);
double clip(double v, Bounds b);

// What every section of one report shares.
struct Context {
  hid_t file = -1;
  std::string base;  // "" for a run's file, "scenarios/<name>" for one of a comparison's
  GroupNames names;
  bool dated = false;  // the file says when its simulated time starts
  svg::Calendar calendar;
  double warmup_s = 0, horizon_s = 0;
  int replications = 0;
  // One colour per cargo class and per stop, the same in every chart of the report (and in every
  // report of scenarios with the same cargo classes and stops).
  svg::ColourMap cargo_colours, stop_colours;
  std::vector<std::string> cargo_currency;  // per cargo code
};
// `base` is where the tables are; the colours are made from the names of every scenario in the
// file (a comparison's scenarios may differ in their classes and stops).
Context make_context(hid_t f, const std::string& base);
Context with_base(const Context& c, hid_t f, const std::string& base);

std::string attr_or(hid_t f, const char* name, const std::string& fallback = "");
// The collapsed provenance of a study's page: when and by which build it ran, the scenario file,
// and `more` rows.
std::string provenance_table(hid_t f, const std::vector<std::pair<std::string, std::string>>& more);
double attr_number(hid_t f, const char* name, double fallback = 0);

// Formatting for sentences and tables.
std::string number(double v);  // 3 significant figures, no -0
std::string with_ci(const Row& r, const std::string& unit_text = "");  // 1.2 h [1.1, 1.3]
std::string hours(double h);                                           // 45 min, 3.2 h, 2.5 days
std::string hours_ci(const Row& r);      // hours() of the mean, CI in its unit
std::string percent(double share);       // 0.873 -> 87 %
std::string signed_percent(double pct);  // +12 %, -3.4 %
std::string cargo_title(const GroupNames& n, std::int32_t cargo);  // "fresh_fruit", "empty trucks"
std::string direction_title(std::int32_t d);                       // exports, imports
// A metric in words for a sentence ("the 95th-percentile border-crossing time"); its name when
// the report has no words for it.
std::string metric_phrase(std::string_view metric);
// A group in words: "all vehicles", "fresh_fruit", "fresh_fruit exports", its label otherwise.
std::string group_phrase(const GroupNames& n, const Group& g, const std::string& label);
// Whether a figure is a time in hours (shown as minutes, hours or days).
bool in_hours(const std::string& unit);

// A colour swatch before a cargo class in text, its data-cargo tag as in the charts.
std::string cargo_swatch(const Context& c, std::int32_t cargo);
svg::Style cargo_style(const Context& c, std::int32_t cargo);
svg::Tag cargo_tag(const Context& c, std::int32_t cargo);

// The cargo classes that have vehicles in the rows (completed or in the summary at all), in
// code order, empty trucks (kEmptyCargo) last.
std::vector<std::int32_t> cargo_present(const std::vector<Row>& rows);

// ---- sections -------------------------------------------------------------------------------
std::string findings_run(const Context& c, const std::vector<Row>& rows);
std::string findings_compare(const Context& c);
std::string findings_sweep(const Context& c);

std::string queues(const Context& c);
std::string backlog(const Context& c, const std::string& id);
std::string transit(const Context& c);
std::string border_time(const Context& c, const std::vector<Row>& rows, const std::string& id);
std::string waiting(const Context& c, const std::vector<Row>& rows);
std::string spoilage(const Context& c, const std::vector<Row>& rows);
std::string rail(const Context& c, const std::vector<Row>& rows);
std::string reliability(const Context& c, const std::vector<std::string>& scenarios,
                        const std::string& id);

std::string comparison(const Context& c);
std::string decomposition(const Context& c);
std::string sweep(const Context& c);

// "Assumed, not explored": the uncertain inputs of the scenarios at `where` ("" the root,
// "scenarios/<name>"), one table per distinct list, labelled by `labels`; "" when none has any.
std::string assumed(hid_t f, const std::vector<std::string>& where,
                    const std::vector<std::string>& labels = {});

// The whole body of an explore file's report (report_explore.cpp): header and sections.
std::string explore_body(hid_t f);
// The whole body of an optimise file's report (report_optimise.cpp): header and sections.
std::string optimise_body(hid_t f);

}  // namespace outputs::report
