// Writes results in the layout of shared/DESIGN.md "Outputs":
//   /                      attrs: bordersim_version, git_revision, scenario_name, scenario_yaml,
//                          seed, replications, horizon_s, warmup_s, created
//   <g>/replications/rNNN/vehicles, visits, timeseries, trains   (as the scenario's `outputs` says)
//   <g>/replications/rNNN/backlog                                (always, when there is a crossing)
//   <g>/summary, <g>/windows, <g>/lookup/...
// where <g> is the file root for `run` and /scenarios/<name> for `compare`. Every table's columns
// are declared in outputs/contract.hpp (and documented from there in docs/output-format.md).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "measures/decomposition.hpp"
#include "measures/summary.hpp"
#include "models/border.hpp"
#include "models/plan.hpp"
#include "models/scenario.hpp"
#include "outputs/contract.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/replication_record.hpp"
#include "studies/sweep.hpp"

namespace outputs {

struct Provenance {
  std::string version;
  std::string git_revision;
  std::string created;  // ISO 8601 UTC
};

void write_root_attributes(hid_t file, const models::Scenario& sc, const Provenance& p);
// What reproduces a scenario's run, as attributes of `obj` (the root, a comparison's
// scenarios/<name>, a sweep's point): `scenario_resolved_yaml` (one document after `extends` and
// overrides: run it to get the same result) and `scenario_chain` (each base file of its `extends`
// chain with its SHA-256 and text; "" when it extends none).
void write_scenario_provenance(hid_t obj, const models::Scenario& sc);
// The hex SHA-256 of `text`.
std::string sha256_hex(const std::string& text);
// /lookup: the names of every categorical column's codes (stops: every site of /stops).
void write_lookup(hid_t group, const models::Scenario& sc, const models::Plan& plan);
// /replications/rNNN/capacity: every site's capacity schedule (models/capacity.hpp).
void write_capacity(hid_t group, const models::Scenario& sc, const models::Plan& plan);
// /stops: every site with its codes (models/sites.hpp).
void write_stops(hid_t group, const models::Plan& plan);
// /windows: the open hours of every gate side over the horizon (side, open_s, close_s).
void write_windows(hid_t group, const models::Scenario& sc);

// Streams one replication's records into group/replications/rNNN (the tables the scenario's
// `outputs` asks for, written a chunk at a time, through `pipeline` when given) and forwards
// every record to `next`.
class TableSink : public models::RecordSink {
 public:
  // `plan` is the scenario's (models::build_plan), built once per run and shared.
  TableSink(hid_t group, const models::Scenario& sc, const models::Plan& plan,
            std::uint32_t replication, models::RecordSink* next, ChunkPipeline* pipeline = nullptr);
  void begin(const std::vector<std::string>& stop_names,
             const std::vector<std::string>& columns) override;
  void vehicle(const models::VehicleRecord& v) override;
  void visit(const models::StopVisit& v) override;
  void train(const models::TrainRecord& t) override;
  void sample(const double* row, std::size_t n) override;
  void backlog(const double* row, std::size_t n) override;
  void routes(const double* row, std::size_t n) override;
  // Flushes the tables and writes the replication's counters as attributes.
  void finish(const models::RunResult& res);

 private:
  const models::Scenario& sc_;
  models::RecordSink* next_;
  ChunkPipeline* pipeline_;
  bool series_;
  h5::Handle group_;
  std::unique_ptr<h5::TableWriter> vehicle_table_, visit_table_, train_table_, series_table_;
  std::vector<double> backlog_;  // the daily backlog rows, written at finish
  std::vector<double> routes_;   // the daily route-choice rows, written at finish
};
void write_summary(hid_t group, const std::string& name, const std::vector<SummaryRow>& rows);
// A /summary table read back (the metrics this build knows; per-replication values are not
// stored, so SummaryRow::values stays empty).
std::vector<SummaryRow> read_summary_rows(hid_t loc, const std::string& path);
// The /comparison table: one block of rows per variant.
class ComparisonWriter {
 public:
  ComparisonWriter(hid_t file, const std::string& base);
  void add(const std::string& variant, const std::vector<DiffRow>& rows);

 private:
  std::unique_ptr<h5::TableWriter> table_;
};

// The /decomposition table: one block of rows per variant (measures/decomposition.hpp).
class DecompositionWriter {
 public:
  DecompositionWriter(hid_t file, const std::string& base);  // `base` names the base scenario
  void add(const std::string& variant, const std::vector<Decomposition>& rows);

 private:
  std::unique_ptr<h5::TableWriter> table_;
};

// A metric's key as the text columns of a row (metric, group, unit).
void fill_key_text(row::KeyText& key, const MetricKey& k);

struct PointRow {
  std::uint32_t point;
  std::string parameters;  // "flows.exports.arrivals.rate=200/day;..."
  SummaryRow row;
};
void write_points(hid_t file, const std::vector<PointRow>& rows);
// /point_parameters: every point's value of every axis (`grid` as sweep_grid makes it).
void write_point_parameters(hid_t file, const std::vector<SweepAxis>& axes,
                            const std::vector<std::vector<std::size_t>>& grid);

}  // namespace outputs
