// The output contract: every table of a result file (row type, column names, HDF5 types, string
// widths, units, meaning) and every summary metric (name, unit, meaning, groups), declared once.
// The writer (results.cpp), the summary and its text (summary.cpp), the report (report*.cpp), the
// command line and docs/output-format.md (output_format_markdown) all derive from it, so a column
// or a metric cannot mean one thing in the file and another in the report or the docs.
#pragma once

#include <hdf5.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "measures/catalogue.hpp"
#include "models/records.hpp"
#include "outputs/hdf5.hpp"

namespace models {
struct Scenario;
}

namespace outputs {

// ---- columns and tables ---------------------------------------------------------------------

enum class ColumnType : std::uint8_t { U8, U16, U32, I32, I64, F64, Str };

struct ColumnSpec {
  std::string name;
  ColumnType type;
  std::size_t width;   // bytes of a Str column (fixed length, null-padded UTF-8); 0 otherwise
  std::size_t offset;  // in the in-memory row
  std::string unit;    // written as the attribute `<name>_unit`; "" for none
  std::string meaning;
  // A categorical column: the /lookup table naming its codes ("" for none). Readers (the CSV
  // export, the Python module) decode it from here.
  std::string lookup;
  bool optional = false;  // added later: older files lack it, and readers leave it zero
};

hid_t hdf5_type(const ColumnSpec& c);
std::string type_text(const ColumnSpec& c);  // "uint16", "string[40]", ... as the docs show it

// A column declared from its member: the type and string width come from the member itself, so
// the row struct is the only place a width is written.
template <class T>
constexpr ColumnType column_type_of() {
  if constexpr (std::is_array_v<T>)
    return ColumnType::Str;
  else if constexpr (std::is_same_v<T, std::uint8_t>)
    return ColumnType::U8;
  else if constexpr (std::is_same_v<T, std::uint16_t>)
    return ColumnType::U16;
  else if constexpr (std::is_same_v<T, std::uint32_t>)
    return ColumnType::U32;
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return ColumnType::I32;
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return ColumnType::I64;
  else {
    static_assert(std::is_same_v<T, double>,
                  "a result column is an integer, a double or a char array");
    return ColumnType::F64;
  }
}

template <class Row, class T>
std::size_t member_offset(T Row::*member) {
  static_assert(std::is_standard_layout_v<Row>, "result rows are plain structs");
  static const Row
      probe{};  // measured on a real object: defined behaviour, unlike offsetof on a member pointer
  return static_cast<std::size_t>(reinterpret_cast<const char*>(&(probe.*member)) -
                                  reinterpret_cast<const char*>(&probe));
}

template <class Row, class T>
ColumnSpec column(T Row::*member, std::string name, std::string unit, std::string meaning) {
  return ColumnSpec{std::move(name),       column_type_of<T>(), std::is_array_v<T> ? sizeof(T) : 0,
                    member_offset(member), std::move(unit),     std::move(meaning)};
}

// The columns of a struct nested in a row, flattened into the row's columns (the file has no
// nested compounds: h5py and pandas see plain columns).
template <class Row, class Part>
std::vector<ColumnSpec> nested(Part Row::*member, std::vector<ColumnSpec> part_columns) {
  const std::size_t at = member_offset(member);
  for (ColumnSpec& c : part_columns) c.offset += at;
  return part_columns;
}

enum class Table : std::uint8_t {
  Vehicles,
  Visits,
  Trains,
  Timeseries,
  Capacity,
  Stops,
  Backlog,
  Windows,
  Lookup,
  CargoLookup,
  Summary,
  Comparison,
  Decomposition,
  Points,
  PointParameters,
  Reliability,
  Routes,
  Places,
  NetworkLegs,
  RouteSteps,
  ExploreInputs,
  ExploreDesign,
  ExplorePoints,
  ExploreDifferences,
  Sensitivity,
  Robustness,
  OptimiseDecisions,
  OptimiseTargets,
  OptimiseFinalists,
  OptimiseHistory
};

struct TableSpec {
  Table table;
  std::string name;  // dataset name
  std::string path;  // where it lives, as the docs show it
  std::string meaning;
  std::string note;      // the dataset's `note` attribute ("" none)
  std::size_t row_size;  // 0 for the time series and the backlog (columns from the scenario)
  std::size_t chunk_rows;
  std::vector<ColumnSpec> columns;
};

const TableSpec& table_spec(Table t);
const std::vector<TableSpec>& all_tables();  // in the order the docs list them

// The h5 layer's columns of a table; `units` replaces the unit of the named columns (a unit that
// depends on the scenario, such as a currency).
std::vector<h5::Column> h5_columns(
    const TableSpec& t, const std::vector<std::pair<std::string, std::string>>& units = {});
// A table of doubles whose columns the model names (the time series, the backlog): `names`, the
// first (`t_s`) with the unit of the spec's first column, the others with that of its second.
std::vector<h5::Column> series_columns(Table t, const std::vector<std::string>& names);

// Creates a table as its spec says (columns, units, note), named `name` if given (a lookup, or a
// summary under another name), else as the spec says; written through `pipeline` if given.
std::unique_ptr<h5::TableWriter> make_table(
    hid_t parent, const TableSpec& t,
    const std::vector<std::pair<std::string, std::string>>& units = {},
    const std::string& name = "", ChunkPipeline* pipeline = nullptr);

// The column declared with a lookup: `c` decoded through /lookup/<lookup>.
ColumnSpec coded(ColumnSpec c, std::string lookup);

// Reads a whole table written from `t` into rows of its row type.
template <class Row>
std::vector<Row> read_rows(hid_t loc, const std::string& path, const TableSpec& t) {
  static_assert(std::is_trivially_copyable_v<Row>);
  std::vector<unsigned char> buf;
  const std::size_t n = h5::read_table(loc, path, sizeof(Row), h5_columns(t), buf);
  std::vector<Row> rows(n);
  if (n) std::memcpy(rows.data(), buf.data(), n * sizeof(Row));
  return rows;
}

template <std::size_t N>
void copy_str(char (&dst)[N], std::string_view s) {
  std::memset(dst, 0, N);
  std::memcpy(dst, s.data(), std::min(N - 1, s.size()));
}

template <std::size_t N>
std::string text(const char (&s)[N]) {
  return std::string(s, strnlen(s, N));
}

// ---- root attributes ------------------------------------------------------------------------

// The attributes of a result file's root (write_root_attributes): provenance, the scenario and
// when its simulated time starts, so a reader (the report's calendar axes) turns t_s into dates.
struct AttributeSpec {
  std::string name;
  std::string type;  // "string", "int64" or "float64", as the docs show it
  std::string unit;  // "" for none
  std::string meaning;
  bool optional = false;  // older files lack it: readers accept its absence
};
const std::vector<AttributeSpec>& root_attributes();

// ---- rows -----------------------------------------------------------------------------------
// Natural alignment in memory; the writer stores a packed copy of each row type (h5::TableWriter),
// so no padding byte reaches the file and the file's layout does not depend on the compiler's.
namespace row {

struct Vehicle {
  std::uint32_t id;
  std::uint16_t flow, cargo;
  std::int32_t route;  // code in /lookup/routes; -1: a wagon
  std::uint8_t treatment, mode, outcome, spoiled;
  double arrival_s, border_in_s, exit_cleared_s, crossed_s, entry_in_s, border_out_s, done_s,
      transit_s, wait_s, road_wait_s, joint_s, value_lost, transship_cost, trip_cost, departure_s;
  double held_s;  // demand response (optional in older files)
  std::uint8_t response, by_notice;
};

struct Visit {
  std::uint32_t vehicle_id;
  std::uint16_t stop;
  std::uint8_t queue;
  double enter_s, start_s, end_s;
};

// One sample of one site's queue (the long time series: its width does not grow with the model).
struct Sample {
  double t_s;
  std::uint16_t stop;  // code in /stops
  double queue, busy;
};

// One step of a site's capacity schedule: its servers from t_s on.
struct CapacityStep {
  double t_s;
  std::uint16_t stop;  // code in /stops
  std::uint8_t queue;  // shared or lane (/lookup/queues)
  std::int32_t servers;
};

// One site of the registry (models/sites.hpp): every place vehicles queue at or wait in.
struct Stop {
  std::uint16_t code;
  char name[96];
  std::uint8_t kind;       // /lookup/stop_kinds
  std::int32_t side;       // /lookup/sides; -1 none (a rail terminal)
  std::int32_t crossing;   // /lookup/crossings; -1 none or several
  std::uint8_t direction;  // /lookup/stop_directions
};

struct Train {
  std::uint16_t rail;
  double departure_s;
  std::int32_t wagons, capacity;
};

struct Window {
  char side[64];
  double open_s, close_s;
};

struct Lookup {
  std::uint16_t code;
  char name[96];
};

struct CargoLookup {
  std::uint16_t code;
  char name[96];
  char currency[8];
};

// A summary metric's key as text (what a reader sees first).
struct KeyText {
  char metric[40];
  char group[128];
  char unit[16];
};

struct Ci {
  double mean, sd, ci95_lo, ci95_hi;
  std::int64_t n;
};

struct Summary {
  KeyText key;
  Ci ci;
  GroupCodes codes;
};

struct Comparison {
  char variant[64];
  KeyText key;
  double base_mean, variant_mean, diff_mean, diff_lo, diff_hi, pct_change, p_value;
  std::int64_t n;
  std::uint8_t significant, significant_holm;
  char better[8];
  GroupCodes codes;
};

// The corridor network as the scenario draws it (for the report's corridor view).
struct Place {
  char id[64], name[64], kind[16];
  double lat, lon;
};
struct NetworkLeg {
  char id[64], from[64], to[64];
  double distance_km, time_mean_h, cost;
};
// One step of a flow's route, in order, with the distance covered at its end.
struct RouteStep {
  std::int32_t route;  // code in /lookup/routes
  std::uint16_t flow, step;
  char kind[16], ref[64];                 // leg or crossing, and its id
  double distance_km, time_mean_h, cost;  // of this step (a crossing's time: its free flow)
};

// One point of a curve metric (the reliability curve) across replications.
struct Curve {
  KeyText key;
  double at;
  Ci ci;
  GroupCodes codes;
};

// One segment's part in the difference of mean transit time between a variant and the base.
struct Decomposition {
  char variant[64];
  KeyText key;  // metric transit_mean, the group, unit h
  char segment[16];
  double base_mean, variant_mean, diff_mean, diff_lo, diff_hi;
  std::int64_t n;
  GroupCodes codes;
};

struct Point {
  std::uint32_t point;
  char parameters[256];
  KeyText key;
  Ci ci;
  GroupCodes codes;
};

// One swept parameter's value at one grid point: the structured form of Point::parameters.
struct PointParameter {
  std::uint32_t point;
  std::uint16_t axis;
  char parameter[256];
  char value[128];
};

// `explore` (studies/explore.hpp): the uncertain inputs, the design, each point's results, the
// policy effects per point, which inputs explain each metric, and how robust each effect is.
struct ExploreInput {
  std::uint16_t input;
  char name[64], key[512], kind[8];
  double low, high, mode;
  char unit[16], distribution[16], alternatives[512], own[512], source[128], why[512];
};
struct ExploreDesign {
  std::uint32_t point;
  std::uint16_t input;
  char name[64];
  double unit_value, value;
  char text[128];
};
struct ExplorePoint {
  std::uint32_t point;
  char scenario[64], parameters[512];
  KeyText key;
  Ci ci;
};
struct ExploreDifference {
  std::uint32_t point;
  char variant[64];
  KeyText key;
  double base_mean, variant_mean, diff_mean, diff_lo, diff_hi;
  std::int64_t n;
  std::uint8_t significant;
  char better[8];
};
struct Sensitivity {
  char scenario[72];
  KeyText key;
  char input[64], measure[16];
  double value, lo, hi;
};
struct Robustness {
  char variant[64];
  KeyText key;
  double effect_min, effect_max, effect_mean;
  std::int64_t points, better_points, worse_points, better_significant, worse_significant;
  char better[8];
  std::uint8_t flips, rule_describes_worse;
  char rule[512];
  double rule_accuracy;
};
// `bordersim optimise` (outputs/optimise_file.hpp).
struct OptimiseDecision {
  std::uint16_t decision;
  char name[96], lever[64], block[24], kind[8];
  std::int32_t low, high, baseline, seed, chosen;
  double unit_cost;
};
struct OptimiseTarget {
  std::uint16_t target;
  char text[256], metric[64], group[128], sense[4], unit[24];
  double threshold, tolerance, mean, ci95_lo, ci95_hi;
  std::uint8_t met;
  std::int32_t declared;
  double baseline_mean, baseline_ci95_lo, baseline_ci95_hi;
  std::uint8_t baseline_met;
};
struct OptimiseFinalist {
  std::uint16_t rank;
  double cost;
  std::int32_t replications;
  std::uint8_t declared_feasible, chosen;
  char decisions[64], plan[1024];
};
struct OptimiseStep {
  std::int32_t step;
  char phase[16];
  double cost, violation;
  std::uint8_t feasible;
  char plan[1024];
};

}  // namespace row

// The names of one /lookup table (`path`), and those of the group codes of the tables under
// `base` ("" for a run's file, /scenarios/<name> in a comparison).
std::vector<std::string> read_lookup(hid_t loc, const std::string& path);
GroupNames read_group_names(hid_t loc, const std::string& base);

// docs/output-format.md, whole.
std::string output_format_markdown();

}  // namespace outputs
