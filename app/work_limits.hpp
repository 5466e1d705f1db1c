// Work limits, decided before any work starts: a sweep's grid size, and the memory a run's
// replications need at once (replications in flight x what one holds: its vehicles' records and
// metrics, its time series). A run past a limit is refused with a usage error that states the
// limit and the estimate; `--allow-large` (Python: allow_large=True) runs it anyway. An
// out-of-memory that happens all the same is reported with the same estimate.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/scenario.hpp"

namespace app {

// A sweep or design of more points than this is refused (each point is a scenario held in
// memory and a group in the result file).
inline constexpr std::size_t kMaxGridPoints = 10000;
// The memory budget a run may plan for without --allow-large: 4 GiB, or less when the machine
// or the process's address-space limit is smaller (80 % of either).
inline constexpr double kMemoryBudgetBytes = 4.0 * (1ull << 30);

struct MemoryEstimate {
  double vehicles_per_replication = 0;  // expected, the largest scenario's
  double bytes_per_replication = 0;
  std::size_t in_flight = 1;  // replications held at once: threads, at most the replications
  std::size_t replications = 0;
  unsigned threads = 1;
  double bytes = 0;   // what the run needs at its peak, about
  double budget = 0;  // what it may plan for
};

// The estimate for running `scenarios` one after another (as compare and sweep do), each with
// its replications on `threads` threads (0: every core).
MemoryEstimate estimate_memory(const std::vector<const models::Scenario*>& scenarios,
                               unsigned threads);
// "N replications on T threads need about X GB": for the refusal and for an out-of-memory.
std::string memory_words(const MemoryEstimate& m);
// Throws UsageError when the estimate passes the budget and `allow_large` is false.
void check_memory(const MemoryEstimate& m, bool allow_large, const char* command);
// Throws UsageError when `points` (a grid's size, computed without building it; SIZE_MAX when
// it overflows) passes kMaxGridPoints and `allow_large` is false. `shape` is "1000 x 1000".
void check_grid(std::size_t points, const std::string& shape, bool allow_large);

}  // namespace app
