// Writes results in the layout of shared/DESIGN.md "Outputs":
//   /                      attrs: bordersim_version, git_revision, scenario_name, scenario_yaml,
//                          seed, replications, horizon_s, warmup_s, created
//   <g>/replications/rNNN/vehicles, stages, timeseries, trains   (as the scenario's `outputs` says)
//   <g>/summary            metric, group, unit, mean, sd, ci95_lo, ci95_hi, n
//   <g>/lookup/            flows, cargo, stages, lanes, outcomes, modes (code -> name)
// where <g> is the file root for `run` and /scenarios/<name> for `compare`. Categorical columns
// are integer codes named in /lookup; every time column is in seconds (unit attributes say so).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/border.hpp"
#include "models/scenario.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/summary.hpp"

namespace outputs {

struct Provenance {
  std::string version;
  std::string git_revision;
  std::string created;  // ISO 8601 UTC
};

void write_root_attributes(hid_t file, const models::Scenario& sc, const Provenance& p);
void write_lookup(hid_t group, const models::Scenario& sc, const models::RunResult& sample);
// Writes replication r's tables under group/replications/rNNN, honouring sc.outputs.
void write_replication(hid_t group, const models::Scenario& sc, std::uint32_t r, const models::RunResult& res);
void write_summary(hid_t group, const std::string& name, const std::vector<SummaryRow>& rows);
// The /comparison table: one block of rows per variant.
class ComparisonWriter {
 public:
  ComparisonWriter(hid_t file, const std::string& base);
  void add(const std::string& variant, const std::vector<DiffRow>& rows);

 private:
  h5::TableWriter table_;
};

struct PointRow {
  std::uint32_t point;
  std::string parameters;  // "flows.exports.arrivals.rate=200/day;..."
  SummaryRow row;
};
void write_points(hid_t file, const std::vector<PointRow>& rows);

// Runs sc.replications replications on `threads` threads and writes each, in replication order,
// under `group` as soon as it and all before it are done, then frees it: memory holds at most a
// few replications, whatever their number. Returns the per-replication metrics. Throws
// sim::Cancelled if `cancel` is set (nothing more is written then).
struct RunControl {
  unsigned threads = 0;
  const std::atomic<bool>* cancel = nullptr;
  // replications done, total, simulated days done (all threads), seconds elapsed
  std::function<void(std::size_t, std::size_t, double, double)> progress;
  bool write_tables = true;
};
std::vector<ReplicationMetrics> run_and_write(const models::Scenario& sc, hid_t group, const RunControl& ctl);

}  // namespace outputs
