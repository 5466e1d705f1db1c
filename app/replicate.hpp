// Running a scenario: its replications on a thread pool (or fetched from other MPI ranks),
// written in replication order into a result file, or evaluated in memory to their metrics with
// no file at all. The commands (commands.hpp), the Python module and every study call these.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <vector>

#include "measures/summary.hpp"
#include "models/scenario.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/replication_record.hpp"

namespace app {

struct RunControl {
  unsigned threads = 0;  // 0: one per core
  const std::atomic<bool>* cancel = nullptr;
  // replications done, total, simulated days done (all threads), seconds elapsed
  std::function<void(std::size_t, std::size_t, double, double)> progress;
  bool write_tables = true;
  // When set, replication r is not run here but fetched, already run (elsewhere: another MPI
  // rank, app/mpi_runner.hpp), and written in replication order: the same tables and metrics.
  std::function<outputs::ReplicationRecord(std::uint32_t)> fetch;
};

// Runs sc.replications replications on `threads` threads and writes each, in replication order,
// under `group` as soon as it and all before it are done, then frees it: memory holds at most a
// few replications, whatever their number. Returns the per-replication metrics. Throws
// sim::Cancelled if `cancel` is set (nothing more is written then).
std::vector<outputs::ReplicationMetrics> run_and_write(const models::Scenario& sc, hid_t group,
                                                       const RunControl& ctl);

// The same replications evaluated in memory: their metrics, bit-identical to run_and_write's,
// with no file written and no table kept (what an experiment design or an optimiser calls
// thousands of times). `write_tables` and `fetch` are ignored.
std::vector<outputs::ReplicationMetrics> evaluate(const models::Scenario& sc,
                                                  const RunControl& ctl = {});

}  // namespace app
