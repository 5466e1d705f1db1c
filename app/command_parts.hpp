// What the commands' sources share (internal to app/): the result file a command writes into,
// and its provenance.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/rounds.hpp"
#include "app/work_limits.hpp"
#include "outputs/hdf5.hpp"
#include "outputs/result_file.hpp"
#include "outputs/writer.hpp"
#include "sim/runner.hpp"

namespace app {

// This build's version and the time of writing.
outputs::Provenance provenance();
// The attributes a --precision run adds to `obj` (the target, the metrics, the batches, the
// warnings); nothing without --precision.
void write_precision(hid_t obj, const RunOptions& o, const Rounds& r,
                     const std::vector<std::string>& warnings);

// Runs `body` into a result file (outputs/result_file.hpp: written to `<out>.partial` under a lock,
// every write checked, renamed when complete). On failure or interruption the partial file is
// removed and any earlier result at `out` is left untouched. The report's path is checked before
// any work, so a bad one cannot waste a run.
// The scenarios' memory is estimated and checked first (app/work_limits.hpp); an out-of-memory
// all the same is reported with that estimate.
template <class Body>
void with_result_file(const std::string& out, const RunOptions& o,
                      const std::vector<const models::Scenario*>& scenarios, const char* command,
                      Body body) {
  const MemoryEstimate memory = estimate_memory(scenarios, o.threads);
  check_memory(memory, o.allow_large, command);
  if (!o.report.empty()) outputs::check_output_path(o.report, /*force=*/true, "--report");
  const std::string untouched =
      std::filesystem::exists(out) ? " (the earlier " + out + " is untouched)" : std::string();
  try {
    outputs::ResultFile result(out, o.force);
    body(result.file());
    result.commit();
  } catch (const sim::Cancelled&) {
    throw Interrupted("interrupted; no result written" + untouched);
  } catch (const std::bad_alloc&) {
    throw std::runtime_error(std::string("out of memory while running ") + command + ": " +
                             memory_words(memory) + "; no result written" + untouched +
                             "; lower --threads, the replications or the horizon");
  } catch (const outputs::h5::Error& e) {
    if (!outputs::h5::out_of_memory_seen()) throw;
    throw std::runtime_error(
        std::string("out of memory while running ") + command + ": " + memory_words(memory) +
        "; no result written" + untouched +
        "; lower --threads, the replications or the horizon (HDF5: " + e.what() + ")");
  }
}

}  // namespace app
