// The seam through which `run`, `compare` and `sweep` spread their replications over processes
// (MPI ranks: app/mpi_runner.hpp). The commands know only this interface; the command line
// installs an implementation when it runs under mpirun or srun, and the Python module never does,
// so neither links MPI.
//
// Every process calls the commands with the same arguments. Before writing anything, a command
// hands its scenarios (in the order it writes them) to the installed factory:
//  - no factory, or not distributed: nullptr, and the command runs as ever;
//  - on a worker process: worker() is true; the command calls serve() (which computes the
//    replications it is given until the writer has them all) and returns without writing;
//  - on the writing process (rank 0): take(scenario, r) gives replication r of that scenario,
//    run wherever, in the order the command writes them.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "models/scenario.hpp"
#include "outputs/replication_record.hpp"

namespace app {

class Distribution {
 public:
  virtual ~Distribution() = default;
  virtual bool worker() const = 0;
  virtual void serve() = 0;
  // Blocks until replication r of scenarios[scenario] is done; throws sim::Cancelled when the
  // cancel flag is set meanwhile.
  virtual outputs::ReplicationRecord take(std::size_t scenario, std::uint32_t r) = 0;
};

using DistributionFactory =
    std::unique_ptr<Distribution> (*)(const std::vector<const models::Scenario*>& scenarios,
                                      unsigned threads, const std::atomic<bool>* cancel);

// Rank 0's `values` given to every process (a worker's are replaced), at a point every process
// reaches in the same order with no distribution alive: how the workers learn what rank 0
// decided from results only it holds (another batch of replications, `--precision`).
using AgreeFn = void (*)(std::vector<std::uint64_t>& values);

// Installs the factory the commands use (nullptr: none), whether this process is a worker, and
// how processes agree. Not thread-safe: call it at start-up.
void set_distribution(DistributionFactory factory, bool worker = false, AgreeFn agree = nullptr);
// True on a worker process: it computes what the writer hands out and writes nothing.
bool distributed_worker();
// As AgreeFn; does nothing in a single process.
void agree(std::vector<std::uint64_t>& values);
std::unique_ptr<Distribution> distribute(const std::vector<const models::Scenario*>& scenarios,
                                         unsigned threads, const std::atomic<bool>* cancel);

}  // namespace app
